import { isJsonObject } from '../util/json';
import { EmulatorLogger } from '../util/logger';
import { ClusterCore } from '../service/ClusterCore';
import { ObjectService } from '../service/ObjectService';
import { NAMESPACE_TYPE } from '../store/builtinTypes';
import { objectKey, StoreEvent } from '../store/ResourceTable';

/** Empties a terminating namespace, then removes it, as the namespace controller does. */
export class NamespaceController {
  private readonly terminating = new Set<string>();
  private pending: NodeJS.Immediate | undefined;

  constructor(
    private readonly core: ClusterCore,
    private readonly service: ObjectService,
    private readonly logger: EmulatorLogger,
  ) {}

  /** Marks a namespace for cleanup. */
  terminate(name: string): void {
    this.terminating.add(name);
    this.schedule();
  }

  /** Re-checks a terminating namespace when something in it goes away. */
  onEvent(event: StoreEvent): void {
    if (event.type !== 'DELETED' || this.terminating.size === 0) return;
    const ns = event.object.object.metadata;
    if (
      isJsonObject(ns) &&
      typeof ns.namespace === 'string' &&
      this.terminating.has(ns.namespace)
    ) {
      this.schedule();
    }
  }

  private schedule(): void {
    if (!this.pending) {
      this.pending = setImmediate(() => {
        this.pending = undefined;
        for (const name of [...this.terminating]) this.sweep(name);
      });
    }
  }

  private sweep(name: string): void {
    const prefix = `${name}/`;
    let remaining = 0;
    for (const table of this.core.store.allTables()) {
      const type = this.core.registry.byStorageKey(table.storageKey);
      if (!type?.namespaced) continue;
      for (const stored of [...table.objects.values()]) {
        if (!stored.key.startsWith(prefix)) continue;
        remaining++;
        const meta = stored.object.metadata;
        if (isJsonObject(meta) && meta.deletionTimestamp) continue;
        try {
          this.service.delete(
            type,
            name,
            String(isJsonObject(meta) ? meta.name : ''),
          );
        } catch (error) {
          this.logger.warn('namespace cleanup could not delete an object', {
            cluster: this.core.name,
            namespace: name,
            key: stored.key,
            error: String(error),
          });
        }
      }
    }
    if (remaining > 0) {
      return;
    }
    const nsStored = this.core.store
      .table(NAMESPACE_TYPE.storageKey)
      .get(objectKey('', name));
    this.terminating.delete(name);
    if (nsStored) {
      this.service.removeNow(NAMESPACE_TYPE, nsStored);
    }
  }

  stop(): void {
    if (this.pending) clearImmediate(this.pending);
    this.pending = undefined;
  }
}
