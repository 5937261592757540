import { isJsonObject } from '../util/json';
import { metadataOf } from '../util/objects';
import { TypeStrategy } from '../service/ClusterCore';

/**
 * Namespaces: the `kubernetes` finalizer in `spec.finalizers`, phase Active,
 * the `kubernetes.io/metadata.name` label, and phase Terminating on delete.
 */
export function namespaceStrategy(
  onTerminating: (name: string) => void,
): TypeStrategy {
  return {
    prepareCreate: ns => {
      const meta = metadataOf(ns);
      const labels = isJsonObject(meta.labels) ? meta.labels : {};
      labels['kubernetes.io/metadata.name'] = String(meta.name ?? '');
      meta.labels = labels;
      ns.spec = { finalizers: ['kubernetes'] };
      ns.status = { phase: 'Active' };
    },
    prepareUpdate: (ns, old) => {
      const meta = metadataOf(ns);
      const labels = isJsonObject(meta.labels) ? meta.labels : {};
      labels['kubernetes.io/metadata.name'] = String(meta.name ?? '');
      meta.labels = labels;
      if (!isJsonObject(ns.spec))
        ns.spec = isJsonObject(old.spec) ? old.spec : {};
    },
    deletionBlocked: ns => {
      const spec = isJsonObject(ns.spec) ? ns.spec : {};
      return Array.isArray(spec.finalizers) && spec.finalizers.length > 0;
    },
    prepareDeletion: ns => {
      ns.status = {
        ...(isJsonObject(ns.status) ? ns.status : {}),
        phase: 'Terminating',
      };
    },
    afterWrite: (_type, stored, _previous, deleted) => {
      const meta = stored.object.metadata;
      if (!deleted && isJsonObject(meta) && meta.deletionTimestamp) {
        onTerminating(String(meta.name));
      }
    },
  };
}
