/**
 * The shapes Fractal's REST API returns (`/api/platform/...`). Shared by the
 * backend, the typed clients in platform-node and the frontend. Timestamps are
 * ISO 8601 strings; durations are milliseconds.
 */

/** A JSON object, as parsed from Kubernetes. @public */
export type JsonObject = { [key: string]: JsonValue };
/** @public */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** The summarized state of a platform resource. @public */
export type ResourceState =
  | 'Ready'
  | 'InProgress'
  | 'Failed'
  | 'Terminating'
  | 'Unknown';

/** Result of the status rules for one object. @public */
export interface ResourceStatus {
  state: ResourceState;
  /** Machine-readable reason, e.g. `Available`, `ReconcileError`, `Creating`. */
  reason?: string;
  /** Human-readable explanation. */
  message?: string;
  /** When the object entered this state, when known. */
  since?: string;
}

/** A Kubernetes status condition. @public */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** Identifies one Kubernetes object in one cluster. @public */
export interface ObjectRef {
  cluster: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
}

/** A CRD the platform team offers for self-service. @public */
export interface PlatformKind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
  /** Short title, from the CRD's `fractal.dev/title` annotation or the kind. */
  title: string;
  description?: string;
  /** Clusters that serve this kind. */
  clusters: string[];
  /** Where Fractal learned of the kind. */
  source: 'crd-selector' | 'config';
  /** The served version's openAPIV3Schema, when known. */
  schema?: JsonObject;
}

/** One instance of a platform kind in one cluster. @public */
export interface PlatformResource {
  ref: ObjectRef & { uid: string };
  generation: number;
  /** Tenant (Group name) that owns the resource, from labels or namespace. */
  tenant?: string;
  /** Entity ref of the owning Group. */
  owner?: string;
  /** Entity ref of the catalog Component the resource serves, if any. */
  component?: string;
  environment?: string;
  createdAt: string;
  createdViaPortal: boolean;
  requestedBy?: string;
  status: ResourceStatus;
  conditions: Condition[];
  labels: Record<string, string>;
}

/** A node in a claim -> composite -> managed resources tree. @public */
export interface ResourceTreeNode {
  ref: ObjectRef;
  status: ResourceStatus;
  conditions: Condition[];
  /** True when the node is referenced but not (yet) in the cache. */
  missing?: boolean;
  /** True when the node has children that were not expanded (depth or size bound). */
  truncated?: boolean;
  children: ResourceTreeNode[];
}

/** A Kubernetes Event about a platform resource or one of its tree nodes. @public */
export interface ResourceEvent {
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  involvedObject: ObjectRef;
}

/** One resource with its tree, events and provisioning history. @public */
export interface ResourceDetails {
  resource: PlatformResource;
  tree: ResourceTreeNode;
  events: ResourceEvent[];
  attempts: ProvisioningAttempt[];
}

/** Health of one cluster connection, as the informers see it. @public */
export interface ClusterHealth {
  name: string;
  environment?: string;
  connected: boolean;
  /** True when every informer of the cluster has completed its initial list. */
  synced: boolean;
  lastEventAt?: string;
  lastError?: { message: string; at: string };
  kinds: number;
  objects: number;
}

/**
 * Outcome of a provisioning attempt. `superseded`: a newer generation of the
 * resource started before this attempt reached Ready or failed.
 * @public
 */
export type AttemptOutcome =
  | 'in-progress'
  | 'ready'
  | 'failed'
  | 'stuck'
  | 'deleted'
  | 'superseded';

/** One resource at one generation that needed reconciling. @public */
export interface ProvisioningAttempt {
  cluster: string;
  uid: string;
  generation: number;
  namespace?: string;
  kind: string;
  name: string;
  tenant?: string;
  startedAt: string;
  readyAt?: string;
  failedAt?: string;
  failureReason?: string;
  failureMessage?: string;
  stuckAt?: string;
  /** When a newer generation started while this attempt was still open. */
  supersededAt?: string;
  deletedAt?: string;
  /** readyAt - startedAt, once Ready was first seen. */
  durationMs?: number;
  /** True when the start or Ready time was reconstructed, not observed. */
  estimated: boolean;
  createdViaPortal: boolean;
  outcome: AttemptOutcome;
}

/**
 * The outcome of one scaffolder task that created or changed a platform
 * resource, reported by the scaffolder actions to `POST /template-runs`
 * (idempotent per `taskId`). Feeds the template success rate.
 * @public
 */
export interface TemplateRunReport {
  taskId: string;
  /** Entity ref of the template, e.g. `template:default/postgresql-instance`. */
  templateRef: string;
  tenant: string;
  kind: string;
  outcome: 'succeeded' | 'failed';
  reason?: string;
  startedAt: string;
  finishedAt: string;
}

/** A time window, half-open [from, to). @public */
export interface MetricsWindow {
  from: string;
  to: string;
}

/** Provisioning figures for one group of attempts. @public */
export interface ProvisioningFigures {
  attempts: number;
  ready: number;
  failed: number;
  inFlight: number;
  stuck: number;
  /** failed / (ready + failed), 0 when nothing finished. */
  failureRate: number;
  p50Ms?: number;
  p90Ms?: number;
  p95Ms?: number;
  maxMs?: number;
}

/** One bucket of a trend series. @public */
export interface TrendPoint {
  /** Start of the bucket (a day or ISO week start, UTC). */
  start: string;
  attempts: number;
  ready: number;
  failed: number;
  p50Ms?: number;
  /** Platform resources existing at the end of the bucket. */
  instances: number;
}

/** Provisioning and adoption of one tenant. @public */
export interface TenantMetrics {
  tenant: string;
  window: MetricsWindow;
  totals: ProvisioningFigures;
  byKind: Array<ProvisioningFigures & { kind: string }>;
  instancesByKind: Record<string, number>;
  daily: TrendPoint[];
  weekly: TrendPoint[];
}

/** Adoption across all tenants. @public */
export interface AdoptionMetrics {
  window: MetricsWindow;
  /** Tenant Groups known to the catalog. */
  tenants: number;
  /** Tenants with at least one platform resource. */
  adoptingTenants: number;
  adoptionRate: number;
  instancesByKind: Record<string, number>;
  byTenant: Array<{
    tenant: string;
    instances: number;
    instancesByKind: Record<string, number>;
    viaPortal: number;
  }>;
  /** Share of resources created through the portal (0..1). */
  portalShare: number;
  /** Instances by kind at the end of each week. */
  weekly: Array<{ start: string; instancesByKind: Record<string, number>; adoptingTenants: number }>;
}

/** A figure with its value for the previous period of the same length. @public */
export interface ScoreFigure {
  current?: number;
  previous?: number;
  /** (current - previous) / previous; undefined when previous is 0 or unknown. */
  change?: number;
}

/** The product scoreboard. @public */
export interface Scoreboard {
  window: MetricsWindow;
  provisioningTimeP50Ms: ScoreFigure;
  adoptionRate: ScoreFigure;
  templateSuccessRate: ScoreFigure;
  toilHoursEliminated: ScoreFigure;
  tenants: Array<{
    tenant: string;
    instances: number;
    p50Ms?: number;
    failureRate: number;
    toilHours: number;
  }>;
  /**
   * Provisioning across all tenants per UTC day of the window (optional; the
   * scoreboard page draws its provisioning time trend from it when present).
   */
  daily?: TrendPoint[];
}

/** Layers of defaults, lowest precedence first. @public */
export type DefaultsLayer = 'schema' | 'platform' | 'environment' | 'tenant' | 'user' | 'fractal';

/** Where one leaf of a compiled manifest came from. @public */
export interface ProvenanceEntry {
  /** JSON pointer-like dotted path, e.g. `spec.parameters.storageGB`. */
  path: string;
  layer: DefaultsLayer;
}

/** A compiled final resource. @public */
export interface CompiledManifest {
  manifest: JsonObject;
  yaml: string;
  provenance: ProvenanceEntry[];
  cluster: string;
  namespace?: string;
}

/** A list response. @public */
export interface ItemsResponse<T> {
  items: T[];
}

/**
 * Payload of an event on the `platform.resource` topic of the events service:
 * identifies the changed resource; consumers read its state through the API.
 * @public
 */
export interface PlatformResourceChangeEvent {
  type: 'added' | 'modified' | 'deleted';
  cluster: string;
  uid: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  tenant?: string;
}
