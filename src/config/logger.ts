/**
 * Structured logs: one JSON object per line (pino) on stderr, so stdout stays free for tools. Passed in, never
 * global. A line carries `level`, `time`, `msg` and any fields given; at info level no line holds TM text (segments,
 * queries): requests are logged by route pattern and parameter names, never their values (see http/access-log.ts).
 */
import pino, { type DestinationStream } from 'pino';
import type { LogLevel } from './config';

/** Extra fields of a line (request id, route, status…). Values must not be TM text at info level. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  /** True when debug lines are written (lets callers skip work done only for them). */
  readonly debugEnabled?: boolean;
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * A pino logger at `level` writing to `destination` (stderr, synchronously, by default: a line is never lost when
 * the process exits right after it; tests pass a stream that captures lines).
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const log = pino(
    {
      level,
      base: { pid: process.pid, name: 'mizan' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 2, sync: true }),
  );
  const at =
    (lvl: LogLevel) =>
    (message: string, fields?: LogFields): void => {
      if (fields) log[lvl](fields, message);
      else log[lvl](message);
    };
  return {
    debugEnabled: log.isLevelEnabled('debug'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** For tests and tools that want silence. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** How often a kind of warning may be written. */
export interface WarnLimit {
  /** Lines per kind per interval. @default 5 */
  lines?: number;
  /** @default 60000 */
  intervalMs?: number;
  /** Milliseconds since some origin (tests pass their own clock). @default Date.now */
  now?: () => number;
  /** Runs `fn` after `ms` (tests run it when they choose). @default an unref'd setTimeout */
  schedule?: (fn: () => void, ms: number) => void;
}

/**
 * Warnings that can repeat (every request during a Redis outage, every malformed request of a scan) written at most
 * `lines` times per `intervalMs` for each `kind`; the first warning of the next interval says how many were
 * suppressed (`suppressed: K` and the kind), or, if none comes, a line at the end of the interval does: an outage
 * costs a few lines and a count, not one line per request.
 */
export class RateLimitedWarnings {
  private readonly windows = new Map<string, { start: number; written: number; suppressed: number }>();
  private readonly lines: number;
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => void;

  constructor(
    private readonly logger: Logger,
    limit: WarnLimit = {},
  ) {
    this.lines = limit.lines ?? 5;
    this.intervalMs = limit.intervalMs ?? 60_000;
    this.now = limit.now ?? Date.now;
    this.schedule = limit.schedule ?? ((fn, ms) => setTimeout(fn, ms).unref());
  }

  warn(kind: string, message: string, fields?: LogFields): void {
    const now = this.now();
    let window = this.windows.get(kind);
    if (!window || now - window.start >= this.intervalMs) {
      this.summarize(kind);
      window = { start: now, written: 0, suppressed: 0 };
      this.windows.set(kind, window);
    }
    if (window.written < this.lines) {
      window.written++;
      this.logger.warn(message, { kind, ...fields });
      return;
    }
    if (window.suppressed++ === 0) {
      const ending = window;
      this.schedule(
        () => {
          if (this.windows.get(kind) === ending) this.summarize(kind);
        },
        this.intervalMs - (now - window.start),
      );
    }
  }

  /** Writes how many warnings of `kind` were suppressed in its current interval, if any, and ends that interval. */
  private summarize(kind: string): void {
    const window = this.windows.get(kind);
    if (!window || window.suppressed === 0) return;
    this.logger.warn(`${window.suppressed} "${kind}" warning(s) suppressed`, { kind, suppressed: window.suppressed });
    this.windows.delete(kind);
  }
}
