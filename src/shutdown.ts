/**
 * How the server process stops on SIGTERM or SIGINT, whenever the signal comes. What the start opens (Redis
 * connections, the private redis-server, the TM service, the listeners, node:cluster workers) is registered here as
 * it is opened, and a signal closes all of it, the last opened first, then exits with code 0: after the server
 * listens, and during the start as well (waiting for Redis, loading the seed, building the index), which is then
 * abandoned. The step under way fails when what it uses is closed, or meets `check()` before it opens anything more;
 * main() leaves the exit to the stop (`stopping`). A second signal while stopping changes nothing.
 */
import type { Logger } from './config';

/** A start-up step met a stop already begun: nothing more is opened. */
export class StartAbandoned extends Error {
  override readonly name = 'StartAbandoned';
}

export class Shutdown {
  /** Closers still to run, in the order of opening (the stop takes them from the end). */
  private readonly closers: ((signal: NodeJS.Signals) => unknown)[] = [];
  private signal: NodeJS.Signals | undefined;
  private listening = false;

  constructor(
    private readonly logger: Logger,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** Stops on SIGINT and SIGTERM from now on (instead of being killed by them). */
  listen(): this {
    process.on('SIGINT', () => void this.stop('SIGINT'));
    process.on('SIGTERM', () => void this.stop('SIGTERM'));
    return this;
  }

  /** True once a signal came. */
  get stopping(): boolean {
    return this.signal !== undefined;
  }

  /** The server listens: a signal now shuts a running server down (what the log says). */
  started(): void {
    this.listening = true;
  }

  /**
   * `close` runs at the stop (given the signal), before what was registered earlier; registered during the stop, it
   * runs next.
   */
  onStop(close: (signal: NodeJS.Signals) => unknown): void {
    this.closers.push(close);
  }

  /** Throws StartAbandoned once a signal came: a start-up step asks before it opens something more. */
  check(): void {
    if (this.signal) throw new StartAbandoned(`${this.signal} during start-up`);
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.signal) return;
    this.signal = signal;
    this.logger.info(this.listening ? `${signal}: shutting down` : `${signal} during start-up: shutting down`);
    for (let close = this.closers.pop(); close; close = this.closers.pop()) {
      try {
        await close(signal);
      } catch (err) {
        this.logger.warn(`while shutting down: ${(err as Error).message}`);
      }
    }
    this.exit(0);
  }
}
