import { groupVersionOf, ResourceType } from './ResourceType';

/** Served resource types by group/version and plural, with lookup by kind. */
export class TypeRegistry {
  private readonly byGroupVersion = new Map<
    string,
    Map<string, ResourceType>
  >();
  private readonly groupOrder: string[] = [];

  register(type: ResourceType): void {
    const gv = groupVersionOf(type);
    let plurals = this.byGroupVersion.get(gv);
    if (!plurals) {
      plurals = new Map();
      this.byGroupVersion.set(gv, plurals);
    }
    plurals.set(type.plural, type);
    if (!this.groupOrder.includes(type.group)) {
      this.groupOrder.push(type.group);
    }
  }

  /** Removes every version of a resource (by storage key). */
  unregisterStorage(storageKey: string): void {
    for (const [gv, plurals] of this.byGroupVersion) {
      for (const [plural, type] of plurals) {
        if (type.storageKey === storageKey) plurals.delete(plural);
      }
      if (plurals.size === 0) this.byGroupVersion.delete(gv);
    }
    for (let i = this.groupOrder.length - 1; i >= 0; i--) {
      const group = this.groupOrder[i];
      if (!this.versionsOf(group).length) this.groupOrder.splice(i, 1);
    }
  }

  get(
    group: string,
    version: string,
    plural: string,
  ): ResourceType | undefined {
    return this.byGroupVersion
      .get(groupVersionOf({ group, version }))
      ?.get(plural);
  }

  byKind(
    group: string,
    version: string,
    kind: string,
  ): ResourceType | undefined {
    const plurals = this.byGroupVersion.get(groupVersionOf({ group, version }));
    if (!plurals) return undefined;
    for (const type of plurals.values()) {
      if (type.kind === kind) return type;
    }
    return undefined;
  }

  /** Resources of one group/version, in registration order. */
  resources(group: string, version: string): ResourceType[] {
    return [
      ...(this.byGroupVersion
        .get(groupVersionOf({ group, version }))
        ?.values() ?? []),
    ];
  }

  hasGroupVersion(group: string, version: string): boolean {
    return this.byGroupVersion.has(groupVersionOf({ group, version }));
  }

  /** Groups in registration order (the core group is ''). */
  groups(): string[] {
    return [...this.groupOrder];
  }

  /** Versions served for a group, preferred (first registered) first. */
  versionsOf(group: string): string[] {
    const versions: string[] = [];
    for (const plurals of this.byGroupVersion.values()) {
      const first = plurals.values().next().value;
      if (first && first.group === group) versions.push(first.version);
    }
    return versions;
  }

  /** A served type of a storage key (any version), or undefined. */
  byStorageKey(storageKey: string): ResourceType | undefined {
    for (const plurals of this.byGroupVersion.values()) {
      for (const type of plurals.values()) {
        if (type.storageKey === storageKey) return type;
      }
    }
    return undefined;
  }

  /** Every served type. */
  all(): ResourceType[] {
    const out: ResourceType[] = [];
    for (const plurals of this.byGroupVersion.values())
      out.push(...plurals.values());
    return out;
  }
}
