import { KubeObject } from '../util/objects';
import { StatusBody } from '../api/StatusError';
import { StoredObject } from '../store/ResourceTable';

/** How a write is made. */
export interface WriteOptions {
  /** `fieldManager`; defaults to the user agent's product name. */
  fieldManager?: string;
  userAgent?: string;
  /** `dryRun=All`: validate and answer, store nothing. */
  dryRun?: boolean;
  /** `fieldValidation`: what to do with unknown fields (default Warn). */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** `force` for server-side apply. */
  force?: boolean;
  /** The time of the write in ms (seeding writes history with it); defaults to the clock. */
  now?: number;
  /** Receives warnings for the `Warning` response header. */
  warnings?: string[];
}

/** The result of a create, update or patch. */
export interface WriteResult {
  /** The object as stored (or as it would be, for a dry run). */
  object: KubeObject;
  /** The stored entry (absent for dry runs and no-op writes that return the live one). */
  stored?: StoredObject;
  /** Whether the write created the object (201). */
  created: boolean;
}

/** Options of a delete. */
export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  now?: number;
}

/** The result of a delete: the object (deletion pending) or a Status (gone). */
export type DeleteResult =
  | { kind: 'object'; object: KubeObject; stored?: StoredObject }
  | { kind: 'status'; status: StatusBody };

/** Patch content types the API server understands. */
export const PATCH_TYPES = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
