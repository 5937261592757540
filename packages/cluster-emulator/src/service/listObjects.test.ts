import { StatusError } from '../api/StatusError';
import { EVENT_TYPE } from '../store/builtinTypes';
import { ObjectStore } from '../store/ObjectStore';
import { StoredObject } from '../store/ResourceTable';
import { Random } from '../util/random';
import {
  CONTINUE_EXPIRED_MESSAGE,
  ListOptions,
  listObjects,
} from './listObjects';

const TYPE = EVENT_TYPE;
const NAMESPACES = ['a', 'b', 'c'];

/** A store and what it holds now, kept by hand: the reference a list is checked against. */
class Fixture {
  readonly store: ObjectStore;
  readonly current = new Map<string, StoredObject>();

  constructor(historySize: number) {
    this.store = new ObjectStore(historySize);
  }

  write(namespace: string, name: string, labels: Record<string, string> = {}) {
    const key = `${namespace}/${name}`;
    const stored = this.store.put(
      TYPE.storageKey,
      key,
      { metadata: { name, namespace, labels } },
      this.current.get(key),
    );
    this.current.set(key, stored);
  }

  remove(key: string) {
    const previous = this.current.get(key);
    if (!previous) return;
    this.store.remove(TYPE.storageKey, previous);
    this.current.delete(key);
  }

  /** `key@resourceVersion` of what a list should show now, in key order. */
  expected(namespace?: string, tier?: string): string[] {
    return [...this.current.values()]
      .filter(s => !namespace || s.key.startsWith(`${namespace}/`))
      .filter(
        s =>
          !tier ||
          (s.object.metadata as { labels: Record<string, string> }).labels
            .tier === tier,
      )
      .sort((x, y) => (x.key < y.key ? -1 : 1))
      .map(s => `${s.key}@${s.rv}`);
  }

  list(options: ListOptions, namespace?: string) {
    return listObjects(this.store, TYPE, namespace, options);
  }

  /** Pages through a list, calling `between` after every page but the last. */
  pageAll(
    options: ListOptions,
    namespace: string | undefined,
    between: () => void,
  ) {
    const seen: string[] = [];
    const remaining: Array<number | undefined> = [];
    const versions = new Set<number>();
    let token = options.continue;
    do {
      const page = this.list({ ...options, continue: token }, namespace);
      seen.push(...page.items.map(s => `${s.key}@${s.rv}`));
      remaining.push(page.remainingItemCount);
      versions.add(page.resourceVersion);
      token = page.continue;
      if (token) between();
    } while (token);
    return { seen, remaining, versions };
  }
}

/** Random creates, updates, deletes and re-creates (names reused), all in one resource. */
function churn(fixture: Fixture, random: Random, writes: number) {
  for (let i = 0; i < writes; i++) {
    const namespace = random.pick(NAMESPACES);
    const name = `obj-${String(random.int(0, 299)).padStart(3, '0')}`;
    const key = `${namespace}/${name}`;
    if (fixture.current.has(key) && random.chance(0.3)) fixture.remove(key);
    else
      fixture.write(namespace, name, {
        tier: random.chance(0.5) ? 'gold' : 'silver',
      });
  }
}

function statusOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw error;
  }
  throw new Error('expected a StatusError');
}

describe('listObjects pages', () => {
  it.each`
    historySize | namespace    | limit | writesBetween
    ${100_000}  | ${undefined} | ${7}  | ${25}
    ${100_000}  | ${'b'}       | ${7}  | ${25}
    ${400}      | ${undefined} | ${60} | ${20}
    ${400}      | ${'c'}       | ${20} | ${20}
  `(
    'show the state of the first page on every page (history $historySize, namespace $namespace, limit $limit, $writesBetween writes between pages)',
    ({ historySize, namespace, limit, writesBetween }) => {
      const fixture = new Fixture(historySize);
      const random = new Random(`pages:${historySize}:${namespace}`);
      churn(fixture, random, 1500);
      for (let round = 0; round < 5; round++) {
        const expected = fixture.expected(namespace);
        const { seen, remaining, versions } = fixture.pageAll(
          { limit },
          namespace,
          () => churn(fixture, random, writesBetween),
        );
        expect(seen).toEqual(expected);
        expect(versions.size).toBe(1);
        // remainingItemCount: what the snapshot holds after each page.
        const pages = remaining.length;
        expect(remaining).toEqual(
          Array.from({ length: pages }, (_, i) =>
            i === pages - 1 ? undefined : expected.length - limit * (i + 1),
          ),
        );
        expect(
          fixture.list({}, namespace).items.map(s => `${s.key}@${s.rv}`),
        ).toEqual(fixture.expected(namespace));
      }
    },
  );

  it('keeps filtered pages consistent too, without remainingItemCount', () => {
    const fixture = new Fixture(100_000);
    const random = new Random('filtered');
    churn(fixture, random, 1000);
    const expected = fixture.expected(undefined, 'gold');
    const { seen, remaining } = fixture.pageAll(
      { limit: 9, labelSelector: 'tier=gold' },
      undefined,
      () => churn(fixture, random, 30),
    );
    expect(seen).toEqual(expected);
    expect(remaining.every(r => r === undefined)).toBe(true);
  });

  it('serves a continue token while the history reaches back to it, and 410 Expired after', () => {
    const fixture = new Fixture(50);
    for (let i = 0; i < 100; i++) fixture.write('a', `obj-${i}`);
    const expected = fixture.expected();
    const first = fixture.list({ limit: 10 });
    // Exactly `historySize` writes since the token: its resourceVersion is the floor, still kept.
    for (let i = 0; i < 50; i++) fixture.remove(`a/obj-${i * 2}`);
    const rest = fixture.pageAll(
      { limit: 1000, continue: first.continue },
      undefined,
      () => undefined,
    );
    expect([...first.items.map(s => `${s.key}@${s.rv}`), ...rest.seen]).toEqual(
      expected,
    );
    // One more write and the token is older than the history.
    fixture.write('a', 'late');
    const error = statusOf(() =>
      fixture.list({ limit: 10, continue: first.continue }),
    );
    expect(error.code).toBe(410);
    expect(error.body).toMatchObject({
      reason: 'Expired',
      message: CONTINUE_EXPIRED_MESSAGE,
    });
  });

  it('answers 410 Expired after a compaction', () => {
    const fixture = new Fixture(1000);
    for (let i = 0; i < 20; i++) fixture.write('a', `obj-${i}`);
    const first = fixture.list({ limit: 5 });
    fixture.write('a', 'late');
    fixture.store.compact();
    expect(
      statusOf(() => fixture.list({ continue: first.continue })).code,
    ).toBe(410);
  });

  it('lists a past resourceVersion with resourceVersionMatch=Exact, paged', () => {
    const fixture = new Fixture(1000);
    const random = new Random('exact');
    churn(fixture, random, 400);
    const rv = fixture.store.resourceVersion;
    const expected = fixture.expected();
    churn(fixture, random, 200);
    const exact = {
      resourceVersion: String(rv),
      resourceVersionMatch: 'Exact',
    };
    const first = fixture.list({ ...exact, limit: 11 });
    expect(first.resourceVersion).toBe(rv);
    expect(first.remainingItemCount).toBe(expected.length - 11);
    const rest = fixture.pageAll(
      { limit: 11, continue: first.continue },
      undefined,
      () => churn(fixture, random, 10),
    );
    expect([...first.items.map(s => `${s.key}@${s.rv}`), ...rest.seen]).toEqual(
      expected,
    );
    expect(fixture.list(exact).items.map(s => `${s.key}@${s.rv}`)).toEqual(
      expected,
    );
  });

  it('pages through restored objects consistently', () => {
    const fixture = new Fixture(1000);
    for (let i = 0; i < 30; i++) {
      const key = `b/obj-${i}`;
      fixture.store.restore(TYPE.storageKey, key, {
        metadata: { name: `obj-${i}`, namespace: 'b', resourceVersion: '7' },
      });
    }
    fixture.store.advanceTo(7);
    for (const stored of fixture.store.table(TYPE.storageKey).objects.values())
      fixture.current.set(stored.key, stored);
    const expected = fixture.expected();
    let n = 0;
    const { seen } = fixture.pageAll({ limit: 4 }, undefined, () => {
      fixture.remove(`b/obj-${n++}`);
      fixture.write('a', `new-${n}`);
    });
    expect(seen).toEqual(expected);
  });

  it.each([
    ['not base64 JSON', 'not-a-token'],
    [
      'a bad remaining count',
      Buffer.from(
        JSON.stringify({
          v: 'meta.k8s.io/v1',
          rv: 1,
          start: 'a',
          remaining: -1,
        }),
      ).toString('base64url'),
    ],
  ])('answers 400 for a continue token that is %s', (_, token) => {
    const fixture = new Fixture(10);
    expect(statusOf(() => fixture.list({ continue: token })).code).toBe(400);
  });
});
