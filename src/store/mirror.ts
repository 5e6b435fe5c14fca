/**
 * Keeps an in-process TmIndex in step with one TM in Redis, so that every instance on the same Redis sees every
 * write at its next query.
 *
 * Writers append (seq, op, unit id) to the TM's log stream in the same Lua call that changes the unit. Before
 * answering, `sync()` reads the log after the last entry it applied (one XRANGE round trip when nothing changed),
 * re-reads the units named there and applies them. If the log was trimmed past what this process has seen (a gap
 * in seq), or on first use, it rebuilds the whole index from the units set, then replays the log from where the
 * rebuild started; replaying is idempotent, so writes racing the rebuild are not lost.
 */
import { TmIndex } from '../match';
import type { Logger } from '../config';
import type { TmStore } from './tm-store';

const LOG_BATCH = 5000;

export class TmMirror {
  private index = new TmIndex();
  private lastId = '0-0';
  private lastSeq = 0;
  private loaded = false;
  private inflight: Promise<void> | undefined;

  constructor(
    private readonly store: TmStore,
    readonly tm: string,
    private readonly logger: Logger,
  ) {}

  /** The index as of the last sync. */
  get current(): TmIndex {
    return this.index;
  }

  /** Brings the index up to date with Redis. Concurrent callers share one round of work. */
  sync(): Promise<void> {
    this.inflight ??= this.run().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async run(): Promise<void> {
    if (!this.loaded) await this.rebuild();
    for (;;) {
      const entries = await this.store.readLog(this.tm, this.lastId, LOG_BATCH);
      if (entries.length === 0) return;
      if (entries[0]!.seq !== this.lastSeq + 1) {
        this.logger.info(`tm ${this.tm}: change log trimmed past this process (seq ${this.lastSeq} → ${entries[0]!.seq}); rebuilding`);
        await this.rebuild();
        continue;
      }
      const latest = new Map<string, 'put' | 'del'>();
      for (const e of entries) latest.set(e.unitId, e.op);
      const puts = [...latest].filter(([, op]) => op === 'put').map(([id]) => id);
      const units = await this.store.getUnits(this.tm, puts);
      for (const [id, op] of latest) if (op === 'del') this.index.remove(id);
      units.forEach((unit, i) => (unit ? this.index.upsert(unit) : this.index.remove(puts[i]!)));
      const last = entries[entries.length - 1]!;
      this.lastId = last.id;
      this.lastSeq = last.seq;
      if (entries.length < LOG_BATCH) return;
    }
  }

  private async rebuild(): Promise<void> {
    const started = Date.now();
    const tail = await this.store.logTail(this.tm);
    const index = new TmIndex();
    for await (const ids of this.store.unitIds(this.tm)) {
      const units = await this.store.getUnits(this.tm, ids);
      for (const unit of units) if (unit) index.upsert(unit);
    }
    this.index = index;
    this.lastId = tail.id;
    this.lastSeq = tail.seq;
    this.loaded = true;
    this.logger.debug(`tm ${this.tm}: index rebuilt with ${index.size} units in ${Date.now() - started} ms`);
  }
}
