import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { KubeObject } from '../util/objects';
import { EmulatedCluster } from '../cluster/EmulatedCluster';
import { typesFromCrd } from '../crd/customResourceTypes';
import { CRD_TYPE } from '../store/builtinTypes';

const FORMAT = 'fractal-cluster-emulator/state/v1';

interface PersistedCluster {
  resourceVersion: number;
  tables: Record<string, Array<{ key: string; object: KubeObject }>>;
}

interface PersistedState {
  format: string;
  savedAt: string;
  clusters: Record<string, PersistedCluster>;
}

/** Writes every cluster's objects to `state.json` (atomically). */
export function saveState(file: string, clusters: EmulatedCluster[]): void {
  const state: PersistedState = {
    format: FORMAT,
    savedAt: new Date().toISOString(),
    clusters: {},
  };
  for (const cluster of clusters) {
    const tables: PersistedCluster['tables'] = {};
    for (const table of cluster.core.store.allTables()) {
      if (table.objects.size === 0) continue;
      tables[table.storageKey] = [...table.objects.values()].map(s => ({
        key: s.key,
        object: s.object,
      }));
    }
    state.clusters[cluster.name] = {
      resourceVersion: cluster.core.store.resourceVersion,
      tables,
    };
  }
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, file);
}

/**
 * Loads persisted objects into the clusters it names (CRDs first, so their
 * kinds are served). Returns false when there is no usable state file.
 */
export function loadState(file: string, clusters: EmulatedCluster[]): boolean {
  if (!existsSync(file)) return false;
  const state = JSON.parse(readFileSync(file, 'utf8')) as PersistedState;
  if (state.format !== FORMAT) return false;
  let loaded = false;
  for (const cluster of clusters) {
    const persisted = state.clusters[cluster.name];
    if (!persisted) continue;
    loaded = true;
    const store = cluster.core.store;
    for (const { key, object } of persisted.tables[CRD_TYPE.storageKey] ?? []) {
      store.restore(CRD_TYPE.storageKey, key, object);
      for (const type of typesFromCrd(object))
        cluster.core.registry.register(type);
    }
    for (const [storageKey, objects] of Object.entries(persisted.tables)) {
      if (storageKey === CRD_TYPE.storageKey) continue;
      for (const { key, object } of objects)
        store.restore(storageKey, key, object);
    }
    store.advanceTo(persisted.resourceVersion);
  }
  return loaded;
}
