import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  computeResourceStatus,
  type ResourceEvent,
  type ResourceStatus,
} from '@fractal/backstage-plugin-platform-common';
import { WatchExpiredError } from '../cluster/kubeErrors';
import type {
  KubeObject,
  ObjectKey,
  PlatformClusterClient,
} from '../cluster/types';
import { ConditionTracker, type ConditionChange } from './conditionChanges';
import {
  describeEvents,
  ProvisioningFailedError,
  ProvisioningTimeoutError,
} from './ProvisioningErrors';

/** Options of {@link waitForResource}. */
export interface WaitOptions {
  client: PlatformClusterClient;
  key: ObjectKey;
  timeoutMs: number;
  /** A `Synced=False`/`ReconcileError` lasting this long is Failed. */
  persistentErrorAfterMs: number;
  /** Called for every condition that appears or changes, as it happens. */
  onConditionChange(change: ConditionChange): void;
  /** Called when the summarized state changes. */
  onStatus?(status: ResourceStatus): void;
  /** Task cancellation. */
  signal?: AbortSignal;
  /** Re-evaluates time-based rules this often without events. Default 1 s. */
  tickMs?: number;
  /** Server-side timeout of each watch request. Default 60 s. */
  watchTimeoutSeconds?: number;
  now?: () => number;
}

/** The result of a wait that ended Ready. */
export interface WaitResult {
  status: ResourceStatus;
  object: KubeObject;
  durationMs: number;
}

function describeKey(key: ObjectKey): string {
  return `${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

function formatDuration(ms: number): string {
  return ms < 60_000
    ? `${(ms / 1000).toFixed(1)}s`
    : `${Math.floor(ms / 60_000)}m${Math.round((ms % 60_000) / 1000)}s`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The composite a claim points to (`spec.resourceRef`), if any. */
function resourceRefOf(
  object: KubeObject | undefined,
): { kind: string; name: string } | undefined {
  const spec = object?.spec;
  const ref = isRecord(spec) ? spec.resourceRef : undefined;
  if (!isRecord(ref)) return undefined;
  const { kind, name } = ref;
  return typeof kind === 'string' && typeof name === 'string'
    ? { kind, name }
    : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

const RETRYABLE = (error: unknown) =>
  error instanceof WatchExpiredError ||
  error instanceof ServiceUnavailableError;

/**
 * Watches one object until the status rules call it Ready (resolves), Failed
 * or Terminating (rejects with {@link ProvisioningFailedError}), or the
 * timeout passes (rejects with {@link ProvisioningTimeoutError}). Every
 * condition change is reported as it arrives. Watches resume from the last
 * resourceVersion; an expired watch or a dropped connection re-reads the
 * object and watches again until the deadline.
 */
export async function waitForResource(
  options: WaitOptions,
): Promise<WaitResult> {
  const { client, key } = options;
  const now = options.now ?? Date.now;
  const started = now();
  const deadline = started + options.timeoutMs;
  const tracker = new ConditionTracker();
  let last: KubeObject | undefined;
  let lastState: string | undefined;
  let outcome:
    | { kind: 'ready'; status: ResourceStatus; object: KubeObject }
    | { kind: 'failed'; status: ResourceStatus }
    | { kind: 'deleted' }
    | undefined;

  const evaluate = (object: KubeObject) => {
    last = object;
    for (const change of tracker.update(object))
      options.onConditionChange(change);
    const status = computeResourceStatus(object, {
      now: now(),
      persistentErrorAfterMs: options.persistentErrorAfterMs,
    });
    const signature = `${status.state}/${status.reason ?? ''}`;
    if (signature !== lastState) {
      lastState = signature;
      options.onStatus?.(status);
    }
    if (status.state === 'Ready') outcome = { kind: 'ready', status, object };
    else if (status.state === 'Failed' || status.state === 'Terminating') {
      outcome = { kind: 'failed', status };
    }
  };

  const events = async (): Promise<ResourceEvent[]> => {
    const involved = [
      {
        namespace: key.namespace,
        name: key.name,
        kind: key.kind,
        uid: last?.metadata.uid,
      },
    ];
    const ref = resourceRefOf(last);
    if (ref) {
      involved.push({
        namespace: undefined,
        name: ref.name,
        kind: ref.kind,
        uid: undefined,
      });
    }
    try {
      const lists = await Promise.all(involved.map(i => client.listEvents(i)));
      return lists
        .flat()
        .sort((a, b) =>
          (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''),
        )
        .slice(-10);
    } catch {
      // The failure is the news; Events are a best-effort addition.
      return [];
    }
  };

  const watchFrom = async (object: KubeObject, remaining: number) => {
    const controller = new AbortController();
    const stop = () => controller.abort();
    options.signal?.addEventListener('abort', stop);
    const timer = setTimeout(stop, remaining);
    const tick = setInterval(() => {
      if (last) evaluate(last);
      if (outcome) stop();
    }, options.tickMs ?? 1000);
    try {
      await client.watch(
        key,
        {
          resourceVersion: object.metadata.resourceVersion,
          timeoutSeconds: Math.max(
            1,
            Math.min(
              options.watchTimeoutSeconds ?? 60,
              Math.ceil(remaining / 1000),
            ),
          ),
        },
        event => {
          if (event.type === 'deleted') {
            outcome = { kind: 'deleted' };
          } else {
            evaluate(event.object);
          }
          if (outcome) stop();
        },
        controller.signal,
      );
    } finally {
      clearTimeout(timer);
      clearInterval(tick);
      options.signal?.removeEventListener('abort', stop);
    }
  };

  /** One round: read the object, then watch it from its resourceVersion. */
  const round = async (remaining: number) => {
    const object = await client.get(key);
    if (!object) {
      if (!last) {
        throw new NotFoundError(
          `${describeKey(key)} does not exist in cluster ${client.cluster}`,
        );
      }
      outcome = { kind: 'deleted' };
      return;
    }
    evaluate(object);
    if (!outcome) await watchFrom(object, remaining);
  };

  let retryDelay = 500;
  while (!outcome) {
    if (options.signal?.aborted) {
      throw new ServiceUnavailableError(
        `Waiting for ${describeKey(key)} was cancelled`,
      );
    }
    const remaining = deadline - now();
    if (remaining <= 0) break;
    try {
      await round(remaining);
      retryDelay = 500;
    } catch (error) {
      if (!RETRYABLE(error) || now() + retryDelay >= deadline) throw error;
      await sleep(retryDelay);
      retryDelay = Math.min(retryDelay * 2, 5000);
    }
  }

  const durationMs = now() - started;
  if (outcome?.kind === 'ready') {
    return { status: outcome.status, object: outcome.object, durationMs };
  }
  const latest = await events();
  if (outcome?.kind === 'failed') {
    const { status } = outcome;
    throw new ProvisioningFailedError(
      `${describeKey(key)} in cluster ${client.cluster} ${
        status.state === 'Terminating' ? 'is being deleted' : 'failed'
      } after ${formatDuration(durationMs)}: ${status.reason ?? status.state}${
        status.message ? `: ${status.message}` : ''
      }\n${describeEvents(latest)}`,
      status.reason ?? status.state,
      latest,
    );
  }
  if (outcome?.kind === 'deleted') {
    throw new ProvisioningFailedError(
      `${describeKey(key)} in cluster ${
        client.cluster
      } was deleted while waiting for it to become Ready\n${describeEvents(
        latest,
      )}`,
      'Deleted',
      latest,
    );
  }
  const current = last
    ? computeResourceStatus(last, {
        now: now(),
        persistentErrorAfterMs: options.persistentErrorAfterMs,
      })
    : undefined;
  throw new ProvisioningTimeoutError(
    `${describeKey(key)} in cluster ${
      client.cluster
    } was not Ready after ${formatDuration(durationMs)} (timeout)${
      current
        ? `; it is ${current.state}${
            current.reason ? `: ${current.reason}` : ''
          }${current.message ? `: ${current.message}` : ''}`
        : ''
    }\n${describeEvents(latest)}`,
    latest,
  );
}

export { formatDuration };
