import type {
  KubeListPage,
  KubeQuery,
  KubeTransport,
  KubeWatchEvent,
} from '../KubeTransport';

/** One open watch of a {@link FakeTransport}, driven by the test. */
export class FakeWatch {
  closed = false;

  constructor(
    readonly path: string,
    readonly query: KubeQuery,
    private readonly onEvent: (event: KubeWatchEvent) => void,
    private readonly onDone: (error?: unknown) => void,
  ) {}

  send(type: KubeWatchEvent['type'], object: unknown): void {
    if (!this.closed) this.onEvent({ type, object });
  }

  end(error?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.onDone(error);
  }
}

/** A scripted {@link KubeTransport} that records every call. */
export class FakeTransport implements KubeTransport {
  readonly lists: Array<{ path: string; query: KubeQuery }> = [];
  readonly watches: FakeWatch[] = [];
  /** Answers LIST calls; replace per test. */
  listImpl: (query: KubeQuery, path: string) => Promise<KubeListPage> =
    async () => ({ metadata: { resourceVersion: '1' }, items: [] });
  /** When set, the next watches fail at once with this error. */
  watchError: unknown;

  readonly gets: string[] = [];
  /** Answers GET calls (API discovery); replace per test. */
  getImpl: (path: string) => Promise<unknown> = async path => {
    throw new Error(`no GET ${path}`);
  };

  async get(path: string): Promise<unknown> {
    this.gets.push(path);
    return this.getImpl(path);
  }

  async list(path: string, query: KubeQuery): Promise<KubeListPage> {
    this.lists.push({ path, query });
    return this.listImpl(query, path);
  }

  async watch(
    path: string,
    query: KubeQuery,
    onEvent: (event: KubeWatchEvent) => void,
    onDone: (error?: unknown) => void,
  ): Promise<() => void> {
    const watch = new FakeWatch(path, query, onEvent, onDone);
    this.watches.push(watch);
    if (this.watchError) {
      watch.end(this.watchError);
    }
    return () => watch.end();
  }

  get lastWatch(): FakeWatch | undefined {
    return this.watches[this.watches.length - 1];
  }
}
