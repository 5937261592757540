import type {
  PlatformResource,
  ProvisioningAttempt,
} from '@fractal/backstage-plugin-platform-common';
import { formatDuration } from '../../utils/format';

/** Key of a resource or attempt: `<cluster>/<uid>`. */
export function resourceKey(ref: { cluster: string; uid?: string }): string {
  return `${ref.cluster}/${ref.uid ?? ''}`;
}

/**
 * The latest attempt (highest generation, then latest start) of each
 * resource, keyed by {@link resourceKey}.
 */
export function latestAttempts(
  attempts: ProvisioningAttempt[],
): Map<string, ProvisioningAttempt> {
  const latest = new Map<string, ProvisioningAttempt>();
  for (const attempt of attempts) {
    const key = resourceKey(attempt);
    const current = latest.get(key);
    if (
      !current ||
      attempt.generation > current.generation ||
      (attempt.generation === current.generation &&
        attempt.startedAt > current.startedAt)
    ) {
      latest.set(key, attempt);
    }
  }
  return latest;
}

/**
 * What the "Provisioning time" column says about a resource's latest attempt:
 * the time to Ready (`~` when estimated), or how long it has been running,
 * failed or stuck.
 */
export function provisioningText(
  attempt: ProvisioningAttempt | undefined,
  now: number,
): string {
  if (!attempt) {
    return formatDuration(undefined);
  }
  const running = formatDuration(now - Date.parse(attempt.startedAt));
  switch (attempt.outcome) {
    case 'ready':
      // A later generation found already Ready has no known start, so no time.
      if (attempt.durationMs === undefined) return formatDuration(undefined);
      return `${attempt.estimated ? '~' : ''}${formatDuration(
        attempt.durationMs,
      )}`;
    case 'in-progress':
      return `in progress for ${running}`;
    case 'stuck':
      return `stuck for ${running}`;
    case 'failed':
      return 'failed';
    case 'deleted':
      return 'deleted';
    default:
      return formatDuration(attempt.durationMs);
  }
}

/** The earliest creation time among `resources`, if any. */
export function oldestCreation(
  resources: PlatformResource[],
): string | undefined {
  return resources.reduce<string | undefined>(
    (oldest, r) => (!oldest || r.createdAt < oldest ? r.createdAt : oldest),
    undefined,
  );
}
