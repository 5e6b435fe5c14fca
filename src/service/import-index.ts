/**
 * The index of a TM that an import fills, built in this process from the import's own records while the file is read
 * (and its blocks while the commit runs), instead of read back from Redis once the commit is over: the same index a
 * rebuild would make, ready when the commit ends. DESIGN.md, "Import jobs (TMX)", step 4.
 *
 * Taken only when it is what Redis holds: the TM had no unit when the commit began, every staged unit was placed as
 * new, and the TM's seq moved by exactly the commit's own log entries (nothing else wrote the TM meanwhile). Anything
 * else — a later record of a unit (a bilingual file's other language), a failure, a cancel, another writer — drops
 * it, and the TM's index is read from Redis at its next query, as after any import. Until the commit has ended it is
 * held by the import alone: no query of this or another instance sees a unit of an uncommitted chunk.
 */
import type { IndexLoad } from '../match/index-load';
import { TmIndex, type TextSpill } from '../match';
import type { Logger } from '../config';
import { encodedUnits, type CommitCounts, type ImportStore, type StagedRecords, type TmState } from '../store';
import type { Lang } from '../types';
import { yieldLoop } from '../slices';

/** An index as of a log entry: catching up from `tail` brings it up to date. */
export interface PrebuiltIndex {
  index: TmIndex;
  tail: { id: string; seq: number };
}

export class ImportIndex {
  private readonly index: TmIndex;
  private readonly load: IndexLoad;
  private units = 0;
  private dropped = false;
  private finished: Promise<void> | undefined;

  /**
   * `langs`: the blocks to build (Arabic at least); `expected`: about how many units will come; `texts`: where the
   * index keeps its texts past the memory allowed (as the TM's mirror would).
   */
  constructor(
    private readonly tm: string,
    langs: readonly Lang[],
    expected = 0,
    texts?: TextSpill,
  ) {
    this.index = new TmIndex({ pace: yieldLoop, texts });
    this.load = this.index.loadInPages(langs, expected);
  }

  /** Units put in so far. */
  get size(): number {
    return this.units;
  }

  /** False once dropped. */
  get live(): boolean {
    return !this.dropped;
  }

  /**
   * A batch's staged records (the fields of a new unit, store/unit-record.ts) put in as units: their texts kept as
   * the records' bytes (match/unit-table.ts), the Arabic tokenized, a slice at a time.
   * A later record of a unit (it merges into the first in Redis) drops the index; so does any error here, which
   * is the index's and never the import's.
   */
  async add(batch: StagedRecords): Promise<void> {
    if (this.dropped) return;
    if (batch.first.includes(false)) {
      this.drop();
      return;
    }
    try {
      const { ids, ends, records } = batch;
      const bytes = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
      this.units += ids.length;
      await this.load.addEncoded(encodedUnits(this.tm, ids, bytes, ends));
    } catch {
      this.drop();
    }
  }

  /** The file has been read: the blocks are built from what was collected (off the request path, as a rebuild's). */
  finish(): void {
    if (this.dropped) return;
    this.finished ??= this.load.finish();
  }

  /** Not to be taken: what was built is let go. */
  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    if (!this.finished) this.load.abandon(new Error('the import index was dropped'));
  }

  /**
   * The index if it is what Redis holds after the commit (see the header): `before` read as the commit began, `after`
   * as it ended; `written` and `entries` are the commit's. Undefined (and dropped) otherwise.
   */
  async take(
    before: TmState,
    after: TmState,
    commit: { written: number; entries: number },
  ): Promise<PrebuiltIndex | undefined> {
    const exact =
      before.units === 0 &&
      commit.written === this.units &&
      after.units === this.units &&
      after.tail.seq === before.tail.seq + commit.entries;
    if (!exact || this.dropped) {
      this.drop();
      return undefined;
    }
    this.finish();
    await this.finished;
    return { index: this.index, tail: after.tail };
  }
}

/** The indexes of the jobs this process reads, from the start of their reading to the end of their commit. */
export class ImportIndexes {
  private readonly jobs = new Map<string, ImportIndex>();

  /** `enabled`: whether this process builds them at all (Imports' `buildIndex`); `texts`: see ImportIndex. */
  constructor(
    private readonly store: ImportStore,
    private readonly logger: Logger,
    private readonly enabled: boolean,
    private readonly texts?: TextSpill,
  ) {}

  /** An index for the job to fill as it reads, when this process builds them and the TM is empty now. */
  async begin(job: string, tm: string): Promise<ImportIndex | undefined> {
    if (!this.enabled) return undefined;
    const state = await this.store.tmState(tm).catch(() => undefined); // Redis away: the reading will say so
    if (state?.units !== 0) return undefined;
    const index = new ImportIndex(tm, ['ar'], 0, this.texts);
    this.jobs.set(job, index);
    return index;
  }

  /** The job's index, no longer held here: its commit takes or drops it. */
  end(job: string): ImportIndex | undefined {
    const index = this.jobs.get(job);
    this.jobs.delete(job);
    return index;
  }

  /** The index if it can be taken now that the commit has ended, else undefined (and dropped). */
  async handOver(
    index: ImportIndex,
    tm: string,
    before: TmState,
    counts: CommitCounts,
  ): Promise<PrebuiltIndex | undefined> {
    try {
      return await index.take(before, await this.store.tmState(tm), counts);
    } catch (err) {
      this.logger.warn(`tm ${tm}: the import's index is not used (${(err as Error).message})`);
      index.drop();
      return undefined;
    }
  }
}
