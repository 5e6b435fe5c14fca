/**
 * An index loaded page by page (a rebuild from Redis, TmIndex.loadInPages): each page's units are put in the index
 * and, for the languages asked, tokenized into that language's collected units at once, a slice at a time with the
 * event loop given back between slices. The reader asks Redis for the next pages before it hands this one over, so
 * Redis reads them while this thread tokenizes: reading and tokenizing overlap instead of following each other.
 * When the last page is in, each language's block is built as a first build off the request path is (aside.ts: laid
 * out and its postings built on a worker thread, units written meanwhile replayed), from what was collected.
 */
import type { TokenBuffer } from '../normalize';
import type { EncodedUnits, Lang, Unit } from '../types';
import type { FlatUnits } from './flat-units';
import { UNITS_PER_STEP, UnitCollector } from './collect';
import type { Vocabulary } from './vocabulary';
import { SLOT } from './unit-table';

/** What a load needs from the index it fills. */
export interface LoadOwner {
  readonly vocabulary: Vocabulary;
  readonly codes: TokenBuffer;
  /** Puts a unit in the index (its blocks are not built yet); its row in the unit table. */
  put(unit: Unit): number;
  /** The same, unit `i` of units given as bytes (`ar` its Arabic, decoded). */
  putEncoded(units: EncodedUnits, i: number, ar: string): number;
  /** Starts the language's block build from units collected by the load (they arrive when the promise resolves). */
  build(lang: Lang, collected: Promise<FlatUnits>): Promise<void>;
}

interface Collecting {
  collector: UnitCollector;
  resolve: (input: FlatUnits) => void;
  reject: (error: unknown) => void;
  built: Promise<void>;
}

export class IndexLoad {
  private readonly collecting: Collecting[];
  private ended = false;

  /** `expected`: about how many units the pages will hold (sizes the collected buffers; they grow past it). */
  constructor(
    private readonly owner: LoadOwner,
    langs: readonly Lang[],
    expected: number,
    private readonly pace: () => Promise<void>,
  ) {
    this.collecting = [...new Set(langs)].map((lang) => {
      let resolve!: (input: FlatUnits) => void;
      let reject!: (error: unknown) => void;
      const collected = new Promise<FlatUnits>((yes, no) => ((resolve = yes), (reject = no)));
      const collector = new UnitCollector(lang, owner.vocabulary, owner.codes, expected);
      return { collector, resolve, reject, built: owner.build(lang, collected) };
    });
  }

  /** Adds a page of units (undefined: a unit gone meanwhile), giving the event loop back between slices. */
  async add(units: readonly (Unit | undefined)[]): Promise<void> {
    const step = Math.max(1, Math.floor(UNITS_PER_STEP / Math.max(1, this.collecting.length)));
    for (let i = 0; i < units.length; i++) {
      if (i > 0 && i % step === 0) await this.pace();
      const unit = units[i];
      if (!unit) continue;
      const row = this.owner.put(unit);
      for (const { collector } of this.collecting) collector.add(row, unit[collector.lang]);
    }
  }

  /**
   * The same with units as bytes (an import's records): put in as they are, only the Arabic (put in as UTF-16) and
   * the texts of the other languages collected decoded, to be tokenized.
   */
  async addEncoded(units: EncodedUnits): Promise<void> {
    const step = Math.max(1, Math.floor(UNITS_PER_STEP / Math.max(1, this.collecting.length)));
    const { ids, bytes, spans } = units;
    const text = (i: number, slot: number) => {
      const [from, to] = [spans[6 * i + 2 * slot]!, spans[6 * i + 2 * slot + 1]!];
      return from === to ? '' : bytes.toString('utf8', from, to);
    };
    for (let i = 0; i < ids.length; i++) {
      if (i > 0 && i % step === 0) await this.pace();
      const ar = text(i, 0);
      const row = this.owner.putEncoded(units, i, ar);
      for (const { collector } of this.collecting) {
        collector.add(row, collector.lang === 'ar' ? ar : text(i, SLOT[collector.lang]));
      }
    }
  }

  /** The last page is in: resolves once every language's block is built and in place (or its build failed). */
  async finish(): Promise<void> {
    if (this.ended) throw new Error('an index load finished twice');
    this.ended = true;
    for (const c of this.collecting) c.resolve(c.collector.input);
    await Promise.all(this.collecting.map((c) => c.built.catch(() => undefined)));
  }

  /** The pages stopped coming (a read failed): the builds waiting for them end, with nothing installed. */
  abandon(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    for (const c of this.collecting) c.reject(error);
  }
}
