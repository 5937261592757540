import { isJsonObject, JsonObject, JsonValue } from '../util/json';

/**
 * A path to a field, one element per step, spelled as in `fieldsV1`:
 * `f:<field>`, `k:<json keys>` (an item of a map list), `v:<json value>`
 * (an item of a set list).
 */
export type FieldPath = readonly string[];

/** Joins path elements into a map key; no element contains it. */
const SEPARATOR = '\u0000';

/** A set of field paths. */
export class FieldSet {
  private readonly paths = new Map<string, FieldPath>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const p of paths) {
      set.add(p);
    }
    return set;
  }

  add(path: FieldPath): void {
    this.paths.set(path.join(SEPARATOR), path);
  }

  has(path: FieldPath): boolean {
    return this.paths.has(path.join(SEPARATOR));
  }

  get size(): number {
    return this.paths.size;
  }

  values(): FieldPath[] {
    return [...this.paths.values()];
  }

  union(other: FieldSet): FieldSet {
    const out = FieldSet.of(this.values());
    for (const p of other.values()) out.add(p);
    return out;
  }

  difference(other: FieldSet): FieldSet {
    return FieldSet.of(this.values().filter(p => !other.has(p)));
  }

  intersection(other: FieldSet): FieldSet {
    return FieldSet.of(this.values().filter(p => other.has(p)));
  }

  /** Paths equal to, or below, any path of `prefixes`, removed. */
  withoutSubtrees(prefixes: FieldPath[]): FieldSet {
    return FieldSet.of(
      this.values().filter(
        p => !prefixes.some(prefix => startsWith(p, prefix)),
      ),
    );
  }

  /** Only the paths equal to, or below, one of `prefixes`. */
  onlySubtrees(prefixes: FieldPath[]): FieldSet {
    return FieldSet.of(
      this.values().filter(p => prefixes.some(prefix => startsWith(p, prefix))),
    );
  }
}

/** Whether `path` equals `prefix` or lies below it. */
export function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  if (prefix.length > path.length) {
    return false;
  }
  for (let i = 0; i < prefix.length; i++) {
    if (path[i] !== prefix[i]) {
      return false;
    }
  }
  return true;
}

/** The path element of a map-list item: `k:{"name":"x"}` with keys sorted. */
export function keyElement(item: JsonValue, keys: readonly string[]): string {
  const keyObj: JsonObject = {};
  const source = isJsonObject(item) ? item : {};
  for (const k of [...keys].sort()) {
    if (source[k] !== undefined) {
      keyObj[k] = source[k];
    }
  }
  return `k:${JSON.stringify(keyObj)}`;
}

/** The path element of a set-list item: `v:"value"`. */
export function valueElement(item: JsonValue): string {
  return `v:${JSON.stringify(item)}`;
}

/** Renders a path the way conflict messages do: `.spec.items[name="a"].x`. */
export function pathToString(path: FieldPath): string {
  let out = '';
  for (const element of path) {
    const body = element.slice(2);
    switch (element.slice(0, 2)) {
      case 'f:':
        out += `.${body}`;
        break;
      case 'k:': {
        const keys = JSON.parse(body) as JsonObject;
        out += `[${Object.entries(keys)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
        break;
      }
      case 'v:':
        out += `[=${body}]`;
        break;
      default:
        out += `[${body}]`;
    }
  }
  return out;
}

interface Node {
  member: boolean;
  children: Map<string, Node>;
}

function elementOrder(a: string, b: string): number {
  const rank = (e: string) => ['f:', 'k:', 'v:', 'i:'].indexOf(e.slice(0, 2));
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Serializes a set as `fieldsV1`. */
export function toFieldsV1(set: FieldSet): JsonObject {
  const root: Node = { member: false, children: new Map() };
  for (const path of set.values()) {
    let node = root;
    for (const element of path) {
      let child = node.children.get(element);
      if (!child) {
        child = { member: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.member = true;
  }
  const render = (node: Node): JsonObject => {
    const out: JsonObject = {};
    if (node.member && node.children.size > 0) {
      out['.'] = {};
    }
    for (const key of [...node.children.keys()].sort(elementOrder)) {
      out[key] = render(node.children.get(key)!);
    }
    return out;
  };
  return render(root);
}

/** Parses `fieldsV1` into a set. */
export function fromFieldsV1(fields: JsonValue | undefined): FieldSet {
  const set = new FieldSet();
  const walk = (node: JsonValue, path: string[]) => {
    if (!isJsonObject(node)) {
      return;
    }
    const keys = Object.keys(node);
    if (path.length > 0 && (keys.length === 0 || keys.includes('.'))) {
      set.add(path);
    }
    for (const key of keys) {
      if (key !== '.') {
        walk(node[key], [...path, key]);
      }
    }
  };
  if (fields !== undefined) {
    walk(fields, []);
  }
  return set;
}
