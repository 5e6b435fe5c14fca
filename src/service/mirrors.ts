/**
 * One TmMirror per TM, created on first use. A mirror is a cache any instance can rebuild from Redis, so holding
 * them here breaks nothing when several instances share a Redis.
 */
import type { Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import type { TmIndex } from '../match';
import { ChangeFeed, type TmStore } from '../store';
import { TmMirror, type Freshness, type IndexStats } from './mirror';

export class Mirrors {
  private readonly mirrors = new Map<string, TmMirror>();
  private feed: ChangeFeed | undefined;

  constructor(
    private readonly store: TmStore,
    private readonly logger: Logger,
    private readonly freshness: Freshness,
  ) {}

  /** A write went through this process: its mirror must look at Redis before the next answer. */
  touch(tm: string): void {
    this.mirrors.get(tm)?.touch();
  }

  /** Each index held, with its size and when it last changed. */
  stats(): IndexStats[] {
    return [...this.mirrors.values()].map((m) => m.stats());
  }

  async close(): Promise<void> {
    await this.feed?.close();
  }

  /** Throws UNKNOWN_TM unless the TM exists. */
  async require(tm: string): Promise<void> {
    if (this.mirrors.has(tm)) return;
    if (!(await this.store.tmExists(tm))) throw new MizanError(ErrorCode.UNKNOWN_TM, { param: 'tm', tm });
  }

  /** The up-to-date indexes of these TMs, in the same order. */
  async indexes(tms: readonly string[]): Promise<TmIndex[]> {
    return (await this.current(tms)).indexes;
  }

  /** The up-to-date indexes and the revision (log seq) each reflects. */
  async current(tms: readonly string[]): Promise<{ indexes: TmIndex[]; revisions: number[] }> {
    const mirrors = await Promise.all(tms.map((tm) => this.mirror(tm)));
    await Promise.all(mirrors.map((m) => m.sync()));
    return { indexes: mirrors.map((m) => m.current), revisions: mirrors.map((m) => m.revision) };
  }

  private async mirror(tm: string): Promise<TmMirror> {
    let mirror = this.mirrors.get(tm);
    if (!mirror) {
      await this.require(tm);
      if (this.freshness === 'notify') this.feed ??= new ChangeFeed(this.store.redis, this.store.keys, this.logger);
      mirror = this.mirrors.get(tm) ?? new TmMirror(this.store, tm, this.logger, this.feed, this.freshness);
      this.mirrors.set(tm, mirror);
    }
    return mirror;
  }
}
