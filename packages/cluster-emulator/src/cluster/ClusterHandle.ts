import { InputError } from '@backstage/errors';
import { toJsonObject } from '../util/json';
import { KubeObject, metaString, parseApiVersion } from '../util/objects';
import { FaultSettings, parseFaultSettings } from '../faults/FaultState';
import { listObjects } from '../service/listObjects';
import { PATCH_TYPES, WriteOptions } from '../service/ObjectService';
import { ResourceType } from '../store/ResourceType';
import { ApiServer } from '../server/ApiServer';
import { EmulatedCluster } from './EmulatedCluster';

/** Direct, in-process access to one emulated cluster (tests and benchmarks). */
export interface ClusterHandle {
  readonly name: string;
  readonly environment: string;
  readonly url: string;
  /**
   * Creates an object (the type comes from apiVersion and kind). Runs the
   * same rules as the API: validation, defaults, managed fields, the operator.
   * Throws the Status error the API would answer with.
   */
  create(obj: object, options?: WriteOptions): KubeObject;
  /** Server-side apply (`fieldManager` defaults to `fractal-cluster-emulator`). */
  apply(obj: object, options?: WriteOptions): KubeObject;
  /** Replaces an object's status (as a controller writing `/status` would). */
  updateStatus(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    status: object,
  ): KubeObject;
  get(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): KubeObject | undefined;
  list(
    apiVersion: string,
    kind: string,
    namespace?: string,
    labelSelector?: string,
  ): KubeObject[];
  /** Deletes an object (finalizers are honoured). */
  delete(
    apiVersion: string,
    kind: string,
    name: string,
    namespace?: string,
  ): void;
  /** Drops watch history up to now: older resourceVersions then get 410 Expired. */
  compact(): void;
  /** The cluster's latest resourceVersion. */
  resourceVersion(): string;
  /** Open watch streams on the cluster's port. */
  openWatches(): number;
  setFaults(faults: FaultSettings): void;
  clearFaults(): void;
  faults(): FaultSettings;
}

/** Builds the handle of a cluster. */
export function createClusterHandle(
  cluster: EmulatedCluster,
  server: ApiServer,
  info: { url: string },
): ClusterHandle {
  const typeOf = (apiVersion: string, kind: string): ResourceType => {
    const { group, version } = parseApiVersion(apiVersion);
    const type = cluster.core.registry.byKind(group, version, kind);
    if (!type)
      throw new InputError(
        `cluster ${cluster.name} does not serve ${apiVersion} ${kind}`,
      );
    return type;
  };
  const defaults = (options?: WriteOptions): WriteOptions => ({
    fieldManager: 'fractal-cluster-emulator',
    ...options,
  });
  const typed = (input: object) => {
    const obj = toJsonObject(input);
    return { obj, type: typeOf(String(obj.apiVersion), String(obj.kind)) };
  };
  return {
    name: cluster.name,
    environment: cluster.environment,
    url: info.url,
    create: (input, options) => {
      const { obj, type } = typed(input);
      return cluster.service.create(
        type,
        metaString(obj, 'namespace'),
        obj,
        defaults(options),
      ).object;
    },
    apply: (input, options) => {
      const { obj, type } = typed(input);
      return cluster.service.apply(
        type,
        metaString(obj, 'namespace'),
        metaString(obj, 'name') ?? '',
        obj,
        'main',
        defaults(options),
      ).object;
    },
    updateStatus: (apiVersion, kind, name, namespace, status) =>
      cluster.service.patch(
        typeOf(apiVersion, kind),
        namespace,
        name,
        PATCH_TYPES.merge,
        { status: toJsonObject(status) },
        'status',
        defaults(),
      ).object,
    get: (apiVersion, kind, name, namespace) =>
      cluster.service.find(typeOf(apiVersion, kind), namespace, name)?.object,
    list: (apiVersion, kind, namespace, labelSelector) =>
      listObjects(cluster.core.store, typeOf(apiVersion, kind), namespace, {
        labelSelector,
      }).items.map(s => s.object),
    delete: (apiVersion, kind, name, namespace) => {
      cluster.service.delete(typeOf(apiVersion, kind), namespace, name);
    },
    compact: () => cluster.core.store.compact(),
    resourceVersion: () => String(cluster.core.store.resourceVersion),
    openWatches: () => server.watchCount,
    setFaults: faults => cluster.faults.set(parseFaultSettings(faults)),
    clearFaults: () => cluster.faults.clear(),
    faults: () => cluster.faults.settings,
  };
}
