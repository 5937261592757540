import { isJsonObject } from '../util/json';
import { KubeObject } from '../util/objects';
import {
  establishedStatus,
  typesFromCrd,
  validateCrd,
} from '../crd/customResourceTypes';
import { ClusterCore, TypeStrategy } from '../service/ClusterCore';
import { storageKeyOf } from '../store/ResourceType';

function storageKeyOfCrd(crd: KubeObject): string | undefined {
  const spec = isJsonObject(crd.spec) ? crd.spec : undefined;
  const names = isJsonObject(spec?.names) ? spec?.names : undefined;
  if (
    typeof spec?.group !== 'string' ||
    !isJsonObject(names) ||
    typeof names.plural !== 'string'
  ) {
    return undefined;
  }
  return storageKeyOf(spec.group, names.plural);
}

/** Called when a CRD's resource stops being served, so open watches end. */
export type StorageDropped = (storageKey: string) => void;

/**
 * CRDs: validated when written, established at once (their kinds are served
 * from the moment the write returns), and deleting one deletes its objects.
 */
export function crdStrategy(
  core: ClusterCore,
  onDropped: StorageDropped,
): TypeStrategy {
  const drop = (storageKey: string) => {
    const table = core.store.table(storageKey);
    for (const stored of [...table.objects.values()]) {
      core.store.remove(storageKey, stored);
    }
    core.registry.unregisterStorage(storageKey);
    onDropped(storageKey);
    core.store.dropTable(storageKey);
  };
  return {
    validate: crd => validateCrd(crd),
    prepareCreate: (crd, now) => {
      crd.status = establishedStatus(crd, now);
    },
    prepareUpdate: (crd, old, now) => {
      const status = establishedStatus(crd, now);
      if (isJsonObject(old.status) && Array.isArray(old.status.conditions)) {
        status.conditions = old.status.conditions;
      }
      crd.status = status;
    },
    afterWrite: (_type, stored, previous, deleted) => {
      const key = storageKeyOfCrd(stored.object);
      const previousKey = previous
        ? storageKeyOfCrd(previous.object)
        : undefined;
      if (deleted) {
        if (key) drop(key);
        return;
      }
      if (previousKey && previousKey !== key) {
        drop(previousKey);
      }
      if (key) {
        core.registry.unregisterStorage(key);
        for (const type of typesFromCrd(stored.object)) {
          core.registry.register(type);
        }
      }
    },
  };
}
