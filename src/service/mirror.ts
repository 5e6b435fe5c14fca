/**
 * Keeps an in-process TmIndex in step with one TM in Redis, so that every instance on the same Redis sees every
 * write at its next query.
 *
 * Writers append (seq, op, unit id) to the TM's log stream in the same Lua call that changes the unit; a large
 * document write appends one entry (op `doc`) when it ends, and the catch-up re-reads that document's units: those
 * its row list names now and those of it the index holds. Before
 * answering, each request calls `sync()`, which sends its own XRANGE for the first entry after the last one
 * applied: Redis executes commands in order, so that XRANGE sees every write acknowledged before the request
 * arrived. Nothing new (the usual case) costs that one round trip and nothing else; requests never wait for one
 * another. Something new starts a catch-up: catch-ups run one at a time (callers arriving during one share the next),
 * read the log in batches, re-read the units named there and apply them. If the log was trimmed past what this
 * process has seen (a gap in seq), or on first use, a catch-up rebuilds the whole index from the units set, then
 * replays the log from where the rebuild started; replaying is idempotent, so writes racing the rebuild are not lost.
 *
 * Redis going back in time (a restored AOF or RDB, a failover to a replica that lagged) shows as the TM's seq counter
 * below the last seq applied, read with every look at the log and once a second by Mirrors; a changed or vanished
 * epoch (FLUSHALL, other data restored) is seen by Mirrors. Either way the index is rebuilt from Redis, and its
 * revision carries a generation that every rebuild moves, so an answer cached at an older generation is never served
 * again, even once the seq climbs back to the same number.
 */
import { TmIndex, type TmIndexOptions } from '../match';
import type { Logger } from '../config';
import type { Lang } from '../types';
import type { ChangeFeed, ChangeListener, TmStore } from '../store';
import { mapInSlices, yieldLoop } from '../slices';
import { readAhead } from './read-ahead';
import type { PrebuiltIndex } from './import-index';

/**
 * `strict`: every sync asks Redis (one XRANGE). `notify`: a sync asks Redis only when a change notification arrived,
 * or when the subscription is not confirmed live (see change-feed.ts).
 */
export type Freshness = 'strict' | 'notify';

const LOG_BATCH = 5000;
/** Pages of units a rebuild has asked Redis for before it takes the first answer, and their size. */
const READS_AHEAD = 3;
const PAGE = 2000;
/** Units read from Redis per round trip while applying the log. */
const UNIT_BATCH = 5000;
/**
 * Log entries naming at least this many units, and more than the index holds, are not applied one by one: the index
 * is rebuilt (a 1M-unit import into a small TM: see docs/benchmarks.md, "A bulk import into a running instance").
 */
export const REBUILD_FROM = 10_000;

/** One TM's index as this process holds it: its size, and when (ms since the epoch) it was rebuilt and last changed. */
export interface IndexStats {
  tm: string;
  units: number;
  rebuiltAt: number;
  changedAt: number;
  /** Bytes of the index's texts held in memory, and in its file (match/text-arena.ts). */
  textBytes: { memory: number; file: number };
}

export class TmMirror implements ChangeListener {
  private index: TmIndex;
  private lastId = '0-0';
  private lastSeq = 0;
  private loaded = false;
  /** Rebuilds so far: part of the revision, so equal seqs of different histories never look equal. */
  private generation = 0;
  /** Invalidations so far: a rebuild that overlapped one does not count as loaded. */
  private invalidations = 0;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  /** A change may exist that this mirror has not applied. */
  private stale = true;
  private rebuiltAt = 0;
  private changedAt = 0;

  constructor(
    private readonly store: TmStore,
    readonly tm: string,
    private readonly logger: Logger,
    private readonly feed?: ChangeFeed,
    private readonly freshness: Freshness = 'strict',
    private readonly indexOptions: TmIndexOptions = { pace: yieldLoop },
  ) {
    this.index = new TmIndex(indexOptions);
    if (feed && freshness === 'notify') feed.watch(tm, this);
  }

  /** A write was notified. One at or below the last seq applied is this process's own, or Redis went back: look. */
  changed(): void {
    this.stale = true;
  }

  unsure(): void {
    this.stale = true;
  }

  /** A write went through this process: the next sync must look. */
  touch(): void {
    this.stale = true;
  }

  /** `<generation>:<seq>` of the index: equal revisions mean equal contents. */
  get revision(): string {
    return `${this.generation}:${this.lastSeq}`;
  }

  /** Whatever Redis holds now may not be what the index was built from: rebuild at the next sync. */
  invalidate(): void {
    this.invalidations++;
    this.loaded = false;
    this.stale = true;
  }

  /** Rebuilds at the next sync if the TM's seq counter went below the last seq applied (Redis went back). */
  async verify(): Promise<void> {
    if (this.loaded) this.checkSeq(await this.store.log.seq(this.tm));
  }

  private checkSeq(seq: number): void {
    if (seq >= this.lastSeq || !this.loaded) return;
    this.logger.warn(
      `tm ${this.tm}: Redis holds older data than this process saw (seq ${seq} < ${this.lastSeq}); rebuilding`,
    );
    this.invalidate();
  }

  stats(): IndexStats {
    const { tm, rebuiltAt, changedAt } = this;
    return { tm, units: this.index.size, rebuiltAt, changedAt, textBytes: this.index.textBytes };
  }

  /** The index as of the last sync. */
  get current(): TmIndex {
    return this.index;
  }

  /** Brings the index up to date with every write acknowledged before this call. */
  async sync(): Promise<void> {
    const quiet = !this.stale && this.loaded && !this.running && this.store.outage() === undefined;
    if (this.freshness === 'notify' && this.feed?.isLive(this.tm) && quiet) return;
    this.stale = false; // before asking: a notification arriving from now on marks it again
    try {
      if (this.loaded && !this.running) {
        const { next, seq } = await this.store.log.peek(this.tm, this.lastId);
        this.checkSeq(seq);
        if (!next && this.loaded) return;
      }
      await this.catchUp();
    } catch (err) {
      this.stale = true;
      throw err;
    }
  }

  /**
   * Takes an index built in this process as of a log entry (an import's: service/import-index.ts) unless this one is
   * as recent; the next sync catches up from that entry. It runs as a catch-up does: syncs meanwhile wait for it.
   */
  adopt(built: Promise<PrebuiltIndex | undefined>): void {
    const invalidations = this.invalidations;
    const before = this.running;
    this.stale = true;
    this.running = this.exclusive(async () => {
      await before?.catch(() => undefined);
      const b = await built;
      if (!b || (this.loaded && this.lastSeq >= b.tail.seq)) return;
      this.install(b.index, b.tail, invalidations);
      this.logger.debug(`tm ${this.tm}: index of ${b.index.size} units taken from an import`);
    });
    // Nobody may be waiting for it: a failure is told here, and the next sync reads the TM from Redis.
    this.running.catch((err: unknown) =>
      this.logger.warn(`tm ${this.tm}: an import's index not taken: ${String(err)}`),
    );
  }

  /** `work` as the running catch-up, which it stays until it settles (unless another took its place). */
  private exclusive(work: () => Promise<void>): Promise<void> {
    const running: Promise<void> = work().finally(() => {
      if (this.running === running) this.running = undefined;
    });
    return running;
  }

  /** One catch-up at a time; a caller arriving during one gets the next, which starts after it. */
  private catchUp(): Promise<void> {
    if (!this.running) {
      this.running = this.exclusive(() => this.run());
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.catchUp();
      });
    return this.queued;
  }

  private async run(): Promise<void> {
    if (!this.loaded) await this.rebuild();
    for (;;) {
      const entries = await this.store.log.read(this.tm, this.lastId, LOG_BATCH);
      if (entries.length === 0) return;
      if (entries[0]!.seq !== this.lastSeq + 1) {
        this.logger.info(
          `tm ${this.tm}: change log trimmed past this process (seq ${this.lastSeq} → ${entries[0]!.seq}); rebuilding`,
        );
        await this.rebuild();
        continue;
      }
      const latest = new Map<string, 'put' | 'del'>();
      const documents = new Set<string>();
      for (const e of entries) {
        if (e.op === 'doc') documents.add(e.documentId!);
        else for (const unitId of e.unitIds) latest.set(unitId, e.op);
      }
      if (latest.size >= REBUILD_FROM && latest.size > this.index.size) {
        // A bulk write (an import's commit) larger than the index: reading every unit afresh costs less than
        // applying these one by one, which would also compact the growing blocks again and again.
        this.logger.info(`tm ${this.tm}: ${latest.size} units changed, more than the index holds; rebuilding`);
        await this.rebuild();
        continue;
      }
      const dels = [...latest].filter(([, op]) => op === 'del').map(([id]) => id);
      await mapInSlices(dels, (id) => this.index.remove(id));
      await this.reread([...latest].filter(([, op]) => op === 'put').map(([id]) => id));
      // After the units named: a document is re-read as it is now, which overrides what an earlier entry said.
      for (const doc of documents) {
        const ids = new Set([...this.index.unitsOf(doc), ...(await this.store.documentRowIds(this.tm, doc))]);
        await this.reread([...ids]);
      }
      const last = entries[entries.length - 1]!;
      this.lastId = last.id;
      this.lastSeq = last.seq;
      this.changedAt = Date.now();
      if (entries.length < LOG_BATCH) return;
    }
  }

  /** Reads these units as they are now: each is upserted, or removed when it no longer exists. */
  private async reread(unitIds: readonly string[]): Promise<void> {
    // A slice at a time (an old entry may name 1,000 units, a document entry tens of thousands), applied giving the
    // event loop back every few ms (a request arriving meanwhile waits for this catch-up in sync()).
    for (let i = 0; i < unitIds.length; i += UNIT_BATCH) {
      const ids = unitIds.slice(i, i + UNIT_BATCH);
      const units = await this.store.getUnits(this.tm, ids);
      await mapInSlices(units, (unit, k) => (unit ? this.index.upsert(unit) : this.index.remove(ids[k]!)));
    }
  }

  /**
   * A new index read from Redis, replacing this one when whole. Arabic (the source of nearly every query) and the
   * languages the old index had built are tokenized page by page while the next pages are read (index-load.ts), and
   * their blocks built before the swap, so queries never wait for them; other languages are built at their first
   * query (DESIGN, "The index from Redis").
   */
  private async rebuild(): Promise<void> {
    const started = Date.now();
    const invalidations = this.invalidations;
    const tail = await this.store.log.tail(this.tm);
    const index = new TmIndex(this.indexOptions);
    const langs: Lang[] = ['ar', ...this.index.builtLanguages()];
    const load = index.loadInPages(langs, await this.store.unitCount(this.tm));
    try {
      const read = (ids: readonly string[]) => this.store.getEncodedUnits(this.tm, ids);
      for await (const units of readAhead(this.store.unitIds(this.tm, PAGE), read, READS_AHEAD)) {
        await load.addEncoded(units);
      }
    } catch (error) {
      load.abandon(error);
      throw error;
    }
    await load.finish();
    this.install(index, tail, invalidations);
    this.logger.debug(`tm ${this.tm}: index rebuilt with ${index.size} units in ${Date.now() - started} ms`);
  }

  /**
   * A whole index as of log entry `tail` (a rebuild's or an import's) in place of the one held; it counts as loaded
   * unless an invalidation came after `invalidations` was read.
   */
  private install(index: TmIndex, tail: { id: string; seq: number }, invalidations: number): void {
    this.index = index;
    this.lastId = tail.id;
    this.lastSeq = tail.seq;
    this.generation++;
    this.loaded = this.invalidations === invalidations;
    this.rebuiltAt = this.changedAt = Date.now();
  }
}
