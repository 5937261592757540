import type {
  PlatformKind,
  ResourceState,
} from '@fractal/backstage-plugin-platform-common';
import type { KubeObject, ResourceChange } from '../../cache/ResourceChange';

export const T0 = Date.parse('2025-03-10T12:00:00.000Z');
export const at = (ms: number) => new Date(T0 + ms);
export const iso = (ms: number) => new Date(T0 + ms).toISOString();
/** Kubernetes timestamps have whole seconds. */
export const kubeTime = (ms: number) =>
  new Date(Math.floor((T0 + ms) / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');

export const postgresKind: PlatformKind = {
  group: 'platform.fractal.dev',
  version: 'v1alpha1',
  kind: 'PostgreSQLInstance',
  plural: 'postgresqlinstances',
  scope: 'Namespaced',
  title: 'PostgreSQL',
  clusters: ['dev'],
  source: 'config',
};

export interface ObjectOptions {
  uid?: string;
  name?: string;
  generation?: number;
  /** ms after T0 */
  created?: number;
  readySince?: number;
  deleting?: number;
  requestedBy?: string;
  viaPortal?: boolean;
}

export function claim(options: ObjectOptions = {}): KubeObject {
  const annotations: Record<string, string> = {};
  if (options.requestedBy)
    annotations['fractal.dev/requested-by'] = options.requestedBy;
  if (options.viaPortal) annotations['fractal.dev/created-via'] = 'portal';
  const object: KubeObject = {
    apiVersion: 'platform.fractal.dev/v1alpha1',
    kind: 'PostgreSQLInstance',
    metadata: {
      name: options.name ?? 'orders-db',
      namespace: 'tenant-payments',
      uid: options.uid ?? 'uid-1',
      generation: options.generation ?? 1,
      creationTimestamp: kubeTime(options.created ?? 0),
      annotations,
    },
    spec: {},
  };
  if (options.readySince !== undefined) {
    object.status = {
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastTransitionTime: kubeTime(options.readySince),
        },
      ],
    };
  }
  if (options.deleting !== undefined) {
    object.metadata.deletionTimestamp = kubeTime(options.deleting);
  }
  return object;
}

export interface ChangeOptions extends ObjectOptions {
  type?: ResourceChange['type'];
  state?: ResourceState;
  reason?: string;
  message?: string;
  /** ms after T0 */
  observed: number;
  /** ms after T0: the status's `since` (e.g. when an error began). */
  since?: number;
  initial?: boolean;
  tenant?: string;
  cluster?: string;
}

export function change(options: ChangeOptions): ResourceChange {
  const state = options.state ?? 'InProgress';
  return {
    type: options.type ?? (options.initial ? 'added' : 'modified'),
    cluster: options.cluster ?? 'dev',
    kind: postgresKind,
    object: claim({
      ...options,
      readySince:
        state === 'Ready' ? options.readySince ?? options.observed : undefined,
    }),
    status: {
      state,
      reason: options.reason,
      message: options.message,
      ...(options.since !== undefined
        ? { since: at(options.since).toISOString() }
        : {}),
    },
    tenant: options.tenant ?? 'payments',
    observedAt: at(options.observed),
    initial: options.initial ?? false,
  };
}
