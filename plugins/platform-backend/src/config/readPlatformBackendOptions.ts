import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DEFAULT_CRD_SELECTOR,
  DEFAULT_PERSISTENT_ERROR_AFTER_MS,
  LABEL_TENANT,
  validateNamespacePattern,
} from '@fractal/backstage-plugin-platform-common';
import {
  DEFAULT_INFORMER_SETTINGS,
  type InformerSettings,
} from '../clusters/InformerSettings';
import type { ConfiguredKind } from '../kinds/KindRegistry';
import { parseLabelSelector } from '../resources/labelSelector';
import { readOptionalDurationMs } from './readDurationMs';

/** What the platform backend reads from `platform.*` besides the clusters. */
export interface PlatformBackendOptions {
  crdSelector: string;
  includeKinds: ConfiguredKind[];
  tenants: {
    groupType: string;
    namespaceLabel: string;
    namespacePattern: string;
    refreshIntervalMs: number;
  };
  /** Entity ref of the platform team Group (admins, pushed every change). */
  platformTeamRef: string;
  informers: InformerSettings;
  /** How the status rules run. */
  status: {
    /**
     * How long a `Synced=False`/`ReconcileError` must last to count as Failed
     * (`platform.provisioning.failureGracePeriod`).
     */
    failureGracePeriodMs: number;
  };
}

function durationMs(config: Config, key: string, fallback: number): number {
  return readOptionalDurationMs(config, key, fallback);
}

function positiveInt(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new InputError(`${key} must be a positive integer, got ${value}`);
  }
  return value;
}

function readIncludedKinds(config: Config): ConfiguredKind[] {
  const entries = config.getOptionalConfigArray('platform.kinds.include') ?? [];
  return entries.map((entry, i) => {
    const key = `platform.kinds.include[${i}]`;
    const read = (k: string) => {
      const value = entry.getOptionalString(k);
      if (!value) throw new InputError(`${key}.${k} is required`);
      return value;
    };
    const scope = entry.getOptionalString('scope') ?? 'Namespaced';
    if (scope !== 'Namespaced' && scope !== 'Cluster') {
      throw new InputError(
        `${key}.scope must be Namespaced or Cluster, got '${scope}'`,
      );
    }
    return {
      group: read('group'),
      version: read('version'),
      kind: read('kind'),
      plural: read('plural'),
      scope,
    };
  });
}

function readPlatformTeamRef(config: Config): string {
  const value =
    config.getOptionalString('platform.platformTeam') ?? 'platform-team';
  if (/^group:[^/]+\/[^/]+$/i.test(value))
    return value.toLocaleLowerCase('en-US');
  if (/^[a-z0-9][-a-z0-9_.]*$/i.test(value)) {
    return `group:default/${value}`.toLocaleLowerCase('en-US');
  }
  throw new InputError(
    `platform.platformTeam must be a Group name or a group entity ref, got '${value}'`,
  );
}

/**
 * Reads and validates the platform backend's config. Throws an `InputError`
 * naming the key for anything invalid, so a misconfigured backend does not
 * start.
 */
export function readPlatformBackendOptions(
  config: Config,
): PlatformBackendOptions {
  const crdSelector =
    config.getOptionalString('platform.kinds.crdSelector') ??
    DEFAULT_CRD_SELECTOR;
  try {
    parseLabelSelector(crdSelector);
  } catch (error) {
    throw new InputError(
      `platform.kinds.crdSelector: ${(error as Error).message}`,
    );
  }
  const namespacePattern =
    config.getOptionalString('platform.tenants.namespacePattern') ??
    'tenant-{{name}}';
  const patternProblems = validateNamespacePattern(namespacePattern);
  if (patternProblems.length > 0) {
    throw new InputError(
      `platform.tenants.namespacePattern '${namespacePattern}' ${patternProblems.join(
        ' and ',
      )}`,
    );
  }
  const d = DEFAULT_INFORMER_SETTINGS;
  const backoffInitial = durationMs(
    config,
    'platform.informers.backoff.initial',
    d.backoff.initialMs,
  );
  const backoffMax = durationMs(
    config,
    'platform.informers.backoff.max',
    d.backoff.maxMs,
  );
  if (backoffInitial > backoffMax) {
    throw new InputError(
      'platform.informers.backoff.initial must not exceed platform.informers.backoff.max',
    );
  }
  return {
    crdSelector,
    includeKinds: readIncludedKinds(config),
    tenants: {
      groupType:
        config.getOptionalString('platform.tenants.groupType') ?? 'team',
      namespaceLabel:
        config.getOptionalString('platform.tenants.namespaceLabel') ??
        LABEL_TENANT,
      namespacePattern,
      refreshIntervalMs: durationMs(
        config,
        'platform.tenants.refreshInterval',
        5 * 60_000,
      ),
    },
    platformTeamRef: readPlatformTeamRef(config),
    status: {
      failureGracePeriodMs: readOptionalDurationMs(
        config,
        'platform.provisioning.failureGracePeriod',
        DEFAULT_PERSISTENT_ERROR_AFTER_MS,
        { allowZero: true },
      ),
    },
    informers: {
      ...d,
      pageSize: positiveInt(config, 'platform.informers.pageSize', d.pageSize),
      resyncPeriodMs: durationMs(
        config,
        'platform.informers.resyncPeriod',
        d.resyncPeriodMs,
      ),
      watchTimeoutSeconds: Math.ceil(
        durationMs(
          config,
          'platform.informers.watchTimeout',
          d.watchTimeoutSeconds * 1000,
        ) / 1000,
      ),
      backoff: { initialMs: backoffInitial, maxMs: backoffMax },
      events: {
        maxPerObject: positiveInt(
          config,
          'platform.informers.events.maxPerObject',
          d.events.maxPerObject,
        ),
        maxPerCluster: positiveInt(
          config,
          'platform.informers.events.maxPerCluster',
          d.events.maxPerCluster,
        ),
      },
    },
  };
}
