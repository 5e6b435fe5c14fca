/** A minimal leveled logger: one line per event on stderr, so stdout stays free for tools. Passed in, never global. */
import type { LogLevel } from './config';

export interface Logger {
  /** True when debug lines are written (lets callers skip work done only for them). */
  readonly debugEnabled?: boolean;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
): Logger {
  const at = (lvl: LogLevel) => (message: string) => {
    if (RANK[lvl] >= RANK[level]) write(`${new Date().toISOString()} ${lvl.padEnd(5)} mizan: ${message}`);
  };
  return {
    debugEnabled: level === 'debug',
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** For tests and tools that want silence. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
