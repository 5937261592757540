import { FieldError } from '../api/StatusError';
import { ObjectStore } from '../store/ObjectStore';
import { StoredObject } from '../store/ResourceTable';
import { ResourceType } from '../store/ResourceType';
import { TypeRegistry } from '../store/TypeRegistry';
import { KubeObject } from '../util/objects';
import { Random } from '../util/random';

/** Type-specific behaviour on top of the generic write rules. */
export interface TypeStrategy {
  /** Adjusts a new object before validation (e.g. a namespace's finalizer and phase). */
  prepareCreate?(obj: KubeObject, nowMs: number): void;
  /** Adjusts an object on update before validation (e.g. a CRD's status). */
  prepareUpdate?(obj: KubeObject, old: KubeObject, nowMs: number): void;
  /** Extra validation; errors give 422 Invalid. */
  validate?(obj: KubeObject, old: KubeObject | undefined): FieldError[];
  /** Whether deletion must wait, beyond `metadata.finalizers`. */
  deletionBlocked?(obj: KubeObject): boolean;
  /** Adjusts an object when its deletion starts (e.g. namespace phase Terminating). */
  prepareDeletion?(obj: KubeObject): void;
  /** Called after an object was stored or removed. */
  afterWrite?(
    type: ResourceType,
    stored: StoredObject,
    previous: StoredObject | undefined,
    deleted: boolean,
  ): void;
}

/** What every part of one emulated cluster shares. */
export interface ClusterCore {
  readonly name: string;
  readonly store: ObjectStore;
  readonly registry: TypeRegistry;
  readonly random: Random;
  readonly strategies: Map<string, TypeStrategy>;
  now(): number;
}
