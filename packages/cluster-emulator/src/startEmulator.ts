import { join, resolve } from 'node:path';
import { InputError } from '@backstage/errors';
import { demoIdentities, Identity } from './auth/identities';
import { EmulatedCluster } from './cluster/EmulatedCluster';
import { ClusterHandle, createClusterHandle } from './cluster/ClusterHandle';
import {
  EmulatorClusterOptions,
  EmulatorOptions,
} from './config/EmulatorOptions';
import { defaultStateDir } from './config/findRepoRoot';
import { writeKubeconfig } from './config/writeKubeconfig';
import { DEMO_CLUSTERS, DEMO_TENANTS, DemoTenant } from './demo/demoOrg';
import {
  installPlatform,
  installSystemNamespaces,
} from './demo/installPlatform';
import { DEMO_KINDS } from './demo/platformKinds';
import { seedHistory, SeedTarget } from './demo/seedHistory';
import { FaultSettings, parseFaultSettings } from './faults/FaultState';
import { EventRecorder } from './operator/EventRecorder';
import { GroundTruthLog, GroundTruthRecord } from './operator/GroundTruthLog';
import { PlatformOperator } from './operator/PlatformOperator';
import { PlatformReconciler } from './operator/PlatformReconciler';
import {
  DEFAULT_OPERATOR_TIMING,
  OperatorTiming,
  parseDelaySpec,
} from './operator/timing';
import { loadState, saveState } from './persistence/stateFile';
import { ApiServer } from './server/ApiServer';
import { ensureCertificates } from './tls/certificates';
import { silentLogger } from './util/logger';
import { Random } from './util/random';
import { storageKeyOf } from './store/ResourceType';
import { PLATFORM_GROUP } from './demo/platformKinds';

/** One running emulated cluster. */
export interface EmulatorClusterInfo {
  name: string;
  environment: string;
  /** `https://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The CA certificate, base64-encoded PEM (kubeconfig `certificate-authority-data`). */
  caData: string;
  /** The CA certificate as PEM. */
  caPem: string;
}

/** A started emulator. */
export interface RunningEmulator {
  clusters: EmulatorClusterInfo[];
  /** The kubeconfig written for these clusters (contexts named after clusters, `admin` user). */
  kubeconfigPath: string;
  /** The CA certificate file (stable across restarts with the same stateDir). */
  caFile: string;
  stateDir: string;
  /** Bearer token by identity name. */
  tokens: Record<string, string>;
  identities: Identity[];
  /** Every provisioning attempt (current state), oldest first; optionally of one cluster. */
  groundTruth(cluster?: string): GroundTruthRecord[];
  /** Replaces a cluster's faults. */
  setFaults(cluster: string, faults: FaultSettings): void;
  /** Clears the faults of one cluster, or of all. */
  clearFaults(cluster?: string): void;
  /** Direct access to a cluster's objects, for test setup and checks. */
  cluster(name: string): ClusterHandle;
  /** Stops every server, timer and operator; saves state when persisting. */
  stop(): Promise<void>;
}

function checkOptions(options: EmulatorOptions): void {
  const clusters = options.clusters ?? [];
  const names = new Set<string>();
  for (const c of clusters) {
    if (!c.name || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.name)) {
      throw new InputError(
        `cluster name "${c.name}" must be a lowercase DNS label`,
      );
    }
    if (names.has(c.name))
      throw new InputError(`cluster "${c.name}" is listed twice`);
    names.add(c.name);
    if (
      c.port !== undefined &&
      (!Number.isInteger(c.port) || c.port < 0 || c.port > 65535)
    ) {
      throw new InputError(
        `cluster "${c.name}": port must be an integer in 0..65535`,
      );
    }
  }
  const op = options.operator ?? {};
  for (const key of ['failureRate', 'stuckRate'] as const) {
    const v = op[key];
    if (v !== undefined && (typeof v !== 'number' || v < 0 || v > 1)) {
      throw new InputError(`operator.${key} must be between 0 and 1`);
    }
  }
  if ((op.failureRate ?? 0) + (op.stuckRate ?? 0) > 1) {
    throw new InputError(
      'operator.failureRate + operator.stuckRate must not exceed 1',
    );
  }
}

function operatorTiming(options: EmulatorOptions): OperatorTiming {
  const op = options.operator ?? {};
  const delays = { ...DEFAULT_OPERATOR_TIMING.delays };
  if (op.delays) {
    // Configured delays replace the defaults as a whole, so `default` applies to every kind.
    for (const key of Object.keys(delays)) delete delays[key];
    for (const [kind, spec] of Object.entries(op.delays))
      delays[kind] = parseDelaySpec(spec, `operator.delays.${kind}`);
  }
  return {
    delays,
    deletionDelay:
      op.deletionDelay !== undefined
        ? parseDelaySpec(op.deletionDelay, 'operator.deletionDelay')
        : DEFAULT_OPERATOR_TIMING.deletionDelay,
    failureRate: op.failureRate ?? DEFAULT_OPERATOR_TIMING.failureRate,
    stuckRate: op.stuckRate ?? DEFAULT_OPERATOR_TIMING.stuckRate,
  };
}

const TENANT_LABEL = 'fractal.dev/tenant';

/**
 * Starts the emulated clusters: one HTTPS port each, the demo platform, the
 * seeded history and the simulated operator. See the package README.
 */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  checkOptions(options);
  const logger = options.logger ?? silentLogger;
  const host = options.host ?? '127.0.0.1';
  const stateDir = resolve(options.stateDir ?? defaultStateDir());
  const randomSeed = options.randomSeed ?? 42;
  const clusterOptions: EmulatorClusterOptions[] =
    options.clusters ?? DEMO_CLUSTERS;
  const tenantNames = options.tenants ?? DEMO_TENANTS.map(t => t.name);
  const tenants: DemoTenant[] = tenantNames.map(
    name =>
      DEMO_TENANTS.find(t => t.name === name) ?? {
        name,
        components: [`${name}-service`],
        user: name,
        adopter: true,
      },
  );
  const identities = options.identities ?? demoIdentities(tenantNames);
  const platform = options.platform ?? true;
  const timing = operatorTiming(options);
  const startFaults = clusterOptions.map(c => parseFaultSettings(c.faults));

  const tls = await ensureCertificates(
    stateDir,
    host === '0.0.0.0' || host === '::' ? [] : [host],
  );
  const clusters = clusterOptions.map(
    c =>
      new EmulatedCluster({
        name: c.name,
        environment: c.environment ?? 'development',
        randomSeed,
        watchHistorySize: options.watch?.historySize ?? 10000,
        tenantLabel: TENANT_LABEL,
        logger,
      }),
  );
  const stateFile = join(stateDir, 'state.json');
  const restored = options.persist ? loadState(stateFile, clusters) : false;
  const groundTruth = new GroundTruthLog(join(stateDir, 'ground-truth.jsonl'));
  if (restored) groundTruth.load();
  else groundTruth.reset();

  const now = Date.now();
  const eventTtlMs = options.eventTtlMs ?? 3600_000;
  const targets: SeedTarget[] = [];
  const operators: PlatformOperator[] = [];
  for (const cluster of clusters) {
    installSystemNamespaces(cluster, now);
    cluster.startControllers();
    if (!platform) continue;
    installPlatform(cluster, DEMO_KINDS, tenantNames, TENANT_LABEL, now);
    const events = new EventRecorder(cluster, eventTtlMs, logger);
    const random = new Random(`operator:${randomSeed}:${cluster.name}`);
    const reconciler = new PlatformReconciler(
      cluster,
      DEMO_KINDS,
      groundTruth,
      events,
      random,
    );
    for (const def of DEMO_KINDS) {
      cluster.core.strategies.set(
        storageKeyOf(PLATFORM_GROUP, def.plural),
        reconciler.admissionStrategy(def),
      );
    }
    targets.push({ cluster, reconciler });
    if (options.operator?.enabled !== false) {
      operators.push(
        new PlatformOperator(
          cluster,
          reconciler,
          groundTruth,
          events,
          timing,
          random,
          logger,
          60_000,
        ),
      );
    }
  }
  const seed = options.seed ?? true;
  if (platform && seed !== false && !restored) {
    const seedOptions = typeof seed === 'object' ? seed : {};
    const count = seedHistory(targets, {
      randomSeed,
      historyDays: seedOptions.historyDays ?? 90,
      resources: seedOptions.resources ?? 300,
      now,
      tenants,
      kinds: DEMO_KINDS,
      tenantLabel: TENANT_LABEL,
    });
    logger.info('seeded demo history', {
      claims: count,
      clusters: clusters.length,
    });
  }
  groundTruth.flush();

  const servers = clusters.map(
    (cluster, i) =>
      new ApiServer({
        cluster,
        host,
        port: clusterOptions[i].port ?? 0,
        key: tls.serverKey,
        cert: tls.serverCert,
        identities,
        watch: {
          defaultTimeoutSeconds: options.watch?.defaultTimeoutSeconds ?? 1800,
          bookmarkIntervalMs: options.watch?.bookmarkIntervalMs ?? 60_000,
          maxBufferedBytes: 64 * 1024 * 1024,
        },
        logger,
        admin: { groundTruth: name => groundTruth.all(name) },
      }),
  );
  try {
    await Promise.all(servers.map(s => s.listen()));
  } catch (error) {
    await Promise.all(servers.map(s => s.stop()));
    for (const cluster of clusters) cluster.stop();
    throw error;
  }
  clusters.forEach((cluster, i) => {
    if (Object.keys(startFaults[i]).length > 0)
      cluster.faults.set(startFaults[i]);
  });
  for (const operator of operators) operator.start();

  const caData = Buffer.from(tls.caCert).toString('base64');
  const infos: EmulatorClusterInfo[] = clusters.map((cluster, i) => ({
    name: cluster.name,
    environment: cluster.environment,
    url: servers[i].url,
    port: servers[i].port,
    caData,
    caPem: tls.caCert,
  }));
  const kubeconfigPath = join(stateDir, 'kubeconfig');
  await writeKubeconfig(
    kubeconfigPath,
    infos,
    tls.caCert,
    identities,
    infos[0]?.name,
  );

  let dirty = false;
  const unsubscribers = options.persist
    ? clusters.map(c =>
        c.subscribe(() => {
          dirty = true;
        }),
      )
    : [];
  const persistTimer = options.persist
    ? setInterval(() => {
        if (!dirty) return;
        dirty = false;
        try {
          saveState(stateFile, clusters);
        } catch (error) {
          logger.error('could not save state', {
            file: stateFile,
            error: String(error),
          });
        }
      }, 2000)
    : undefined;

  const byName = (name: string) => {
    const index = clusters.findIndex(c => c.name === name);
    if (index < 0) throw new InputError(`no emulated cluster named "${name}"`);
    return index;
  };
  let stopped = false;
  return {
    clusters: infos,
    kubeconfigPath,
    caFile: tls.caFile,
    stateDir,
    tokens: Object.fromEntries(identities.map(i => [i.name, i.token])),
    identities,
    groundTruth: cluster => groundTruth.all(cluster),
    setFaults: (cluster, faults) =>
      clusters[byName(cluster)].faults.set(parseFaultSettings(faults)),
    clearFaults: cluster => {
      for (const c of cluster ? [clusters[byName(cluster)]] : clusters)
        c.faults.clear();
    },
    cluster: name => {
      const index = byName(name);
      return createClusterHandle(clusters[index], servers[index], infos[index]);
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      for (const operator of operators) operator.stop();
      if (persistTimer) clearInterval(persistTimer);
      for (const unsubscribe of unsubscribers) unsubscribe();
      await Promise.all(servers.map(s => s.stop()));
      if (options.persist) saveState(stateFile, clusters);
      groundTruth.flush();
      for (const cluster of clusters) cluster.stop();
    },
  };
}
