/** First index in sorted `keys` whose key is >= `from`. */
export function lowerBound(keys: readonly string[], from: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A set of keys in list order (sorted, as etcd keys are). Built from its
 * source on first use, then kept sorted key by key (a binary search and an
 * array splice per insert or removal), so reading it never sorts again.
 */
export class SortedKeys {
  private keys: string[] | undefined;

  constructor(private readonly source: () => Iterable<string>) {}

  /** The keys, sorted; do not modify. */
  get(): readonly string[] {
    if (!this.keys) this.keys = [...this.source()].sort();
    return this.keys;
  }

  /** Forgets the order: the next read rebuilds it from the source (bulk loads). */
  invalidate(): void {
    this.keys = undefined;
  }

  insert(key: string): void {
    if (!this.keys) return;
    const index = lowerBound(this.keys, key);
    if (this.keys[index] !== key) this.keys.splice(index, 0, key);
  }

  remove(key: string): void {
    if (!this.keys) return;
    const index = lowerBound(this.keys, key);
    if (this.keys[index] === key) this.keys.splice(index, 1);
  }

  /** How many keys are in `[from, to)`; `to` undefined: to the end. */
  count(from: string, to?: string): number {
    const keys = this.get();
    const end = to === undefined ? keys.length : lowerBound(keys, to);
    return Math.max(0, end - lowerBound(keys, from));
  }
}
