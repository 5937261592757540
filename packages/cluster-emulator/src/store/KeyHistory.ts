import { StoredObject, StoreEvent } from './ResourceTable';

interface Chain {
  events: StoreEvent[];
  /** Index of the oldest kept event. */
  head: number;
}

/**
 * The kept watch history indexed by object key: each key's events, oldest
 * first. What a key was at a past resourceVersion is then one lookup (and a
 * binary search among that key's own events), however long the history is.
 */
export class KeyHistory {
  private readonly chains = new Map<string, Chain>();

  /** Appends an event (events arrive in resourceVersion order). */
  add(event: StoreEvent): void {
    const key = event.object.key;
    const chain = this.chains.get(key);
    if (chain) chain.events.push(event);
    else this.chains.set(key, { events: [event], head: 0 });
  }

  /**
   * Forgets an event that left the history (always its key's oldest).
   * Returns true when its key has no event left.
   */
  drop(event: StoreEvent): boolean {
    const key = event.object.key;
    const chain = this.chains.get(key);
    if (!chain || chain.events[chain.head] !== event) return false;
    chain.head++;
    if (chain.head === chain.events.length) {
      this.chains.delete(key);
      return true;
    }
    if (chain.head > 32 && chain.head * 2 > chain.events.length) {
      chain.events = chain.events.slice(chain.head);
      chain.head = 0;
    }
    return false;
  }

  /** Whether a key has events in the history. */
  has(key: string): boolean {
    return this.chains.has(key);
  }

  /** Keys with events in the history. */
  keys(): Iterable<string> {
    return this.chains.keys();
  }

  /**
   * The state of a key at `rv` (which the history must reach back to), given
   * its current state: undefined when it did not exist then.
   */
  stateAt(
    key: string,
    rv: number,
    current: StoredObject | undefined,
  ): StoredObject | undefined {
    const chain = this.chains.get(key);
    if (!chain || chain.events[chain.events.length - 1].rv <= rv) {
      return current;
    }
    // The first change after rv says what the key was before it.
    let lo = chain.head;
    let hi = chain.events.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (chain.events[mid].rv <= rv) lo = mid + 1;
      else hi = mid;
    }
    return chain.events[lo].previous;
  }

  clear(): void {
    this.chains.clear();
  }
}
