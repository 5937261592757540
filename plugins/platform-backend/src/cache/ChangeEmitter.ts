import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { ResourceChange, ResourceChangeListener } from './ResourceChange';

/** A FIFO of changes for one listener, drained one at a time. */
class ListenerQueue {
  private items: ResourceChange[] = [];
  private head = 0;
  private draining = false;
  private idle: Array<() => void> = [];

  constructor(
    readonly name: string,
    private readonly listener: ResourceChangeListener,
    private readonly logger: LoggerService,
  ) {}

  get pending(): number {
    return this.items.length - this.head;
  }

  push(change: ResourceChange): void {
    this.items.push(change);
    if (!this.draining) {
      void this.drain();
    }
  }

  /** Resolves when every pushed change has been handled. */
  whenIdle(): Promise<void> {
    if (!this.draining && this.pending === 0) return Promise.resolve();
    return new Promise(resolve => this.idle.push(resolve));
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.head < this.items.length) {
      const change = this.items[this.head];
      this.head += 1;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      try {
        const result = this.listener(change);
        if (result && typeof result.then === 'function') {
          await result;
        }
      } catch (error) {
        this.logger.error(
          `Resource change listener '${this.name}' failed: ${stringifyError(
            error,
          )}`,
          {
            cluster: change.cluster,
            uid: change.object.metadata.uid,
            type: change.type,
          },
        );
      }
    }
    this.items = [];
    this.head = 0;
    this.draining = false;
    const idle = this.idle;
    this.idle = [];
    idle.forEach(resolve => resolve());
  }
}

/**
 * Fans resource changes out to listeners. Each listener has its own queue and
 * sees changes one at a time in emission order, so a slow listener (the
 * history store) never delays a fast one (the push to browsers), and changes
 * of one resource never overtake each other. Listener errors are logged with
 * the resource they concern.
 */
export class ChangeEmitter {
  private readonly queues = new Set<ListenerQueue>();

  constructor(private readonly logger: LoggerService) {}

  subscribe(name: string, listener: ResourceChangeListener): () => void {
    const queue = new ListenerQueue(name, listener, this.logger);
    this.queues.add(queue);
    return () => {
      this.queues.delete(queue);
    };
  }

  emit(change: ResourceChange): void {
    for (const queue of this.queues) {
      queue.push(change);
    }
  }

  /** Resolves when every listener has handled every change emitted so far. */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.queues].map(q => q.whenIdle()));
  }
}
