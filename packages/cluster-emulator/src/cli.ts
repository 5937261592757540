import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultStateDir } from './config/findRepoRoot';
import { isError } from '@backstage/errors';
import { loadConfigFile, EmulatorConfigFile } from './config/loadConfigFile';
import { startEmulator } from './startEmulator';
import { consoleLogger, silentLogger } from './util/logger';

const USAGE = `Usage: fractal-cluster-emulator --config <file> [options]

Starts emulated Kubernetes clusters with the demo platform (development and tests only).

Options:
  --config <file>       YAML config file (see the package README)
  --state-dir <dir>     where the CA, kubeconfig and ground truth are kept
  --no-seed             start without the seeded demo history
  --fresh               discard state.json and start from a new history
  --log-level <level>   debug, info (default) or silent
  --help                show this help
`;

interface CliArgs {
  config?: string;
  stateDir?: string;
  seed?: boolean;
  fresh?: boolean;
  logLevel?: 'debug' | 'info' | 'silent';
  help?: boolean;
}

function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case '--config':
        args.config = value();
        break;
      case '--state-dir':
        args.stateDir = value();
        break;
      case '--no-seed':
        args.seed = false;
        break;
      case '--fresh':
        args.fresh = true;
        break;
      case '--log-level': {
        const level = value();
        if (level !== 'debug' && level !== 'info' && level !== 'silent')
          throw new Error(`unknown log level ${level}`);
        args.logLevel = level;
        break;
      }
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  const config: EmulatorConfigFile = args.config
    ? loadConfigFile(args.config)
    : {};
  const level = args.logLevel ?? config.logLevel ?? 'info';
  const logger = level === 'silent' ? silentLogger : consoleLogger(level);
  const { logLevel: _ignored, ...options } = config;
  const started = Date.now();
  const stateDir = args.stateDir
    ? resolve(args.stateDir)
    : options.stateDir ?? defaultStateDir();
  if (args.fresh) {
    rmSync(join(stateDir, 'state.json'), { force: true });
  }
  const emulator = await startEmulator({
    ...options,
    stateDir,
    seed: args.seed === false ? false : options.seed,
    logger,
  });
  // Handlers first: a supervisor may signal as soon as it reads the output.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { signal });
    emulator
      .stop()
      .then(() => process.exit(0))
      .catch(error => {
        process.stderr.write(
          `error while stopping: ${
            isError(error) ? error.message : String(error)
          }\n`,
        );
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  const lines = [
    `Fractal cluster emulator ready in ${
      Date.now() - started
    } ms (development and tests only)`,
    ...emulator.clusters.map(
      c => `  ${c.name.padEnd(10)} ${c.url}  (${c.environment})`,
    ),
    `  kubeconfig  ${emulator.kubeconfigPath}`,
    `  CA file     ${emulator.caFile}`,
    `  try: KUBECONFIG=${emulator.kubeconfigPath} kubectl get postgresqlinstances -A`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch(error => {
  process.stderr.write(
    `fractal-cluster-emulator: ${
      isError(error) ? error.message : String(error)
    }\n${USAGE}`,
  );
  process.exit(1);
});
