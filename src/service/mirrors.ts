/**
 * One TmMirror per TM, created on first use. A mirror is a cache any instance can rebuild from Redis, so holding
 * them here breaks nothing when several instances share a Redis.
 *
 * Once mirrors exist, a check runs every `checkMs`: the deployment's epoch (store/change-log.ts) read as another id
 * or as absent means Redis holds other data than this process saw (FLUSHALL, another data set restored), and every
 * mirror is rebuilt; each mirror also compares its TM's seq counter with what it applied (Redis gone back in time).
 * During an outage the check fails at once and is skipped.
 */
import type { Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import type { TmIndex, TmIndexOptions } from '../match';
import { ChangeFeed, type TmStore } from '../store';
import { LANGS, type Lang } from '../types';
import { TmMirror, type Freshness, type IndexStats } from './mirror';
import type { PrebuiltIndex } from './import-index';

/** How often the epoch and the seqs are checked. */
const CHECK_MS = 1000;

export class Mirrors {
  private readonly mirrors = new Map<string, TmMirror>();
  private feed: ChangeFeed | undefined;
  /** The epoch the mirrors were built in; undefined until the first mirror. */
  private epoch: string | undefined;
  private checker: NodeJS.Timeout | undefined;
  private checking = false;
  private closed = false;

  constructor(
    private readonly store: TmStore,
    private readonly logger: Logger,
    private readonly freshness: Freshness,
    private readonly checkMs = CHECK_MS,
    private readonly indexOptions?: TmIndexOptions,
  ) {}

  /** Compares the epoch and each TM's seq with what this process saw; rebuilds what Redis no longer holds. */
  async check(): Promise<void> {
    if (this.checking || this.epoch === undefined) return;
    this.checking = true;
    try {
      const epoch = (await this.store.log.epoch(false)) ?? (await this.store.log.epoch(true));
      if (epoch !== this.epoch) {
        this.logger.warn(
          `redis: the data under "${this.store.keys.prefix}" was replaced (epoch ${this.epoch} → ${epoch}); ` +
            `rebuilding ${this.mirrors.size} TM indexes`,
        );
        this.epoch = epoch;
        for (const mirror of this.mirrors.values()) mirror.invalidate();
      }
      for (const mirror of this.mirrors.values()) await mirror.verify();
    } catch {
      // Redis is away: the store has said so once, and the next check will look again.
    } finally {
      this.checking = false;
    }
  }

  /** A write went through this process: its mirror must look at Redis before the next answer. */
  touch(tm: string): void {
    this.mirrors.get(tm)?.touch();
  }

  /**
   * A bulk write (an import's commit) went through this process: its mirror of the TM, if it has one, applies it now
   * in the background, so that the first query after the import does not wait for a million units to be read.
   */
  refresh(tm: string, built?: Promise<PrebuiltIndex | undefined>): void {
    if (this.closed) return;
    if (built) {
      // The import built the TM's index (service/import-index.ts): its mirror takes it (made now if there is none,
      // so a query arriving before the index is ready waits for it instead of reading the TM from Redis).
      const mirror = this.mirrors.get(tm) ?? this.create(tm);
      mirror.adopt(built.then(async (b) => (await this.ensureEpoch(), b)));
      return;
    }
    const mirror = this.mirrors.get(tm);
    if (!mirror) return;
    mirror.touch();
    mirror.sync().catch((err: unknown) => {
      if (!this.closed) this.logger.warn(`tm ${tm}: index not brought up to date after an import: ${String(err)}`);
    });
  }

  /** Each index held, with its size and when it last changed. */
  stats(): IndexStats[] {
    return [...this.mirrors.values()].map((m) => m.stats());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.checker);
    await this.feed?.close();
  }

  /** Throws UNKNOWN_TM unless the TM exists. */
  async require(tm: string): Promise<void> {
    if (this.mirrors.has(tm)) return;
    if (!(await this.store.tmExists(tm))) throw new MizanError(ErrorCode.UNKNOWN_TM, { param: 'tm', tm });
  }

  /**
   * The up-to-date indexes of these TMs, in the same order, with their blocks in `langs` built: a TM not yet
   * searched in a language has its block built off the request path (TmIndex.ready) while this request waits.
   */
  async indexes(tms: readonly string[], langs: readonly Lang[] = []): Promise<TmIndex[]> {
    const { indexes } = await this.current(tms);
    // A hot path: nothing allocated and nothing awaited when every block asked for is built.
    let waits: Promise<void>[] | undefined;
    for (const index of indexes)
      for (const lang of langs) if (!index.isReady(lang)) (waits ??= []).push(index.ready(lang));
    if (waits) await Promise.all(waits);
    return indexes;
  }

  /**
   * Loads the TM's index and builds the block of every language now (at startup, before the server listens) rather
   * than at the first query in each language, which would hold the event loop for the build (≈ 100 ms per 2,000
   * units); a large build uses a second thread (TmIndex.prepareAsync).
   */
  async warm(tm: string): Promise<void> {
    const [index] = await this.indexes([tm]);
    for (const lang of LANGS) await index!.prepareAsync(lang);
  }

  /** The up-to-date indexes and the revision (`<generation>:<seq>`) each reflects. */
  async current(tms: readonly string[]): Promise<{ indexes: TmIndex[]; revisions: string[] }> {
    const mirrors = await Promise.all(tms.map((tm) => this.mirror(tm)));
    await Promise.all(mirrors.map((m) => m.sync()));
    return { indexes: mirrors.map((m) => m.current), revisions: mirrors.map((m) => m.revision) };
  }

  private async mirror(tm: string): Promise<TmMirror> {
    let mirror = this.mirrors.get(tm);
    if (!mirror) {
      await this.require(tm);
      await this.ensureEpoch();
      mirror = this.mirrors.get(tm) ?? this.create(tm);
    }
    return mirror;
  }

  private create(tm: string): TmMirror {
    if (this.freshness === 'notify') this.feed ??= new ChangeFeed(this.store.redis, this.store.keys, this.logger);
    const mirror = new TmMirror(this.store, tm, this.logger, this.feed, this.freshness, this.indexOptions);
    this.mirrors.set(tm, mirror);
    return mirror;
  }

  /** The epoch the mirrors are built in, read with the first mirror, and the check that compares it from then on. */
  private async ensureEpoch(): Promise<void> {
    if (this.epoch !== undefined) return;
    const epoch = await this.store.log.epoch();
    this.epoch ??= epoch;
    this.checker ??= setInterval(() => void this.check(), this.checkMs).unref();
  }
}
