/** The logging the emulator needs; structured metadata, never secrets. */
export interface EmulatorLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
  debug(message: string, meta?: Record<string, unknown>): void;
}

/** A logger that drops everything (the default for tests). */
export const silentLogger: EmulatorLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
};

/** A logger writing one line per message to stderr, with JSON metadata. */
export function consoleLogger(
  level: 'debug' | 'info' = 'info',
): EmulatorLogger {
  const write = (
    lvl: string,
    message: string,
    meta?: Record<string, unknown>,
  ) => {
    const suffix =
      meta && Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : '';
    process.stderr.write(
      `${new Date().toISOString()} ${lvl} ${message}${suffix}\n`,
    );
  };
  return {
    info: (m, meta) => write('info', m, meta),
    warn: (m, meta) => write('warn', m, meta),
    error: (m, meta) => write('error', m, meta),
    debug: (m, meta) =>
      level === 'debug' ? write('debug', m, meta) : undefined,
  };
}
