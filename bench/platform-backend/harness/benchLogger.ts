import type { LoggerService } from '@backstage/backend-plugin-api';

/** A logger for benchmarks: warnings and errors to stderr, the rest dropped. */
export function benchLogger(): LoggerService {
  const write = (level: string) => (message: string) =>
    process.stderr.write(`[${level}] ${message}\n`);
  const logger: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: () => {},
    debug: () => {},
    child: () => logger,
  };
  return logger;
}
