import type { Clock, TimerHandle } from '../Clock';

/** Lets pending promise chains run. */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise(resolve => setImmediate(resolve));
  }
}

/** A manual clock: timers fire only when the test advances time. */
export class FakeClock implements Clock {
  private time = 0;
  private timers: Array<{
    at: number;
    callback: () => void;
    handle: TimerHandle;
  }> = [];
  private nextId = 0;

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const handle = { id: this.nextId++ };
    this.timers.push({ at: this.time + Math.max(0, ms), callback, handle });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter(t => t.handle !== handle);
  }

  /** Pending timer delays, relative to now. */
  pending(): number[] {
    return this.timers.map(t => t.at - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      const due = this.timers
        .filter(t => t.at <= end)
        .sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter(t => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
    await flush();
  }
}
