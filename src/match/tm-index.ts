/**
 * The in-process view of one TM used for matching. Pure: the store feeds it (store/mirror.ts) and any process
 * rebuilds the same view from Redis.
 *
 * It keeps every unit, and per source language an IndexBlock (token ids + stem and bigram postings) built on first
 * use. Writes append to the block and mark the old slot dead; when appended or dead slots pass COMPACT_RATIO of the
 * block (and COMPACT_MIN), the block is rebuilt from its own token ids (no re-tokenizing): by the next search, or,
 * given a `pace`, off the request path (lang-index.ts).
 *
 * A request prepares its query once (`query`) and hands it to search, explain, adapt and highlight.
 */
import { TokenBuffer, tokenizeCodes } from '../normalize';
import { ErrorCode, MizanError } from '../errors';
import type { EncodedUnits, Lang, Unit } from '../types';
import { TokenDistance } from './levenshtein';
import { prepareQuery, type PreparedQuery } from './query';
import { adaptNumbers, type Adaptation } from './adapt';
import { findPhrase, highlight, type ConcordanceResult } from './concordance';
import { explainDiff, type DiffSpan } from './explain';
import { IndexBlock, type FlatUnits } from './block';
import { IndexLoad } from './index-load';
import { SearchScratch, searchPasses, type Hit, type SearchEnv } from './search';
import { Vocabulary } from './vocabulary';
import { needsCompaction, OVERDUE_FACTOR, slotsOf, type LangIndex } from './lang-index';
import { buildAside, type AsideBuild } from './aside';
import { collect, type CollectSource } from './collect';
import { contextMatches } from './context';
import { UnitTable } from './unit-table';
import type { SearchOptions, TmIndexOptions } from './index-options';

export { COMPACT_MIN, COMPACT_RATIO } from './lang-index';
export { PROBE_MIN, type SearchOptions, type TmIndexOptions } from './index-options';

export class TmIndex {
  readonly vocabulary = new Vocabulary();
  private readonly units: UnitTable;
  private readonly langs = new Map<Lang, LangIndex>();
  private readonly distance = new TokenDistance();
  private readonly codes = new TokenBuffer();
  /** Builds under way off the request path, per language (first builds and compactions). */
  private readonly asides = new Map<Lang, AsideBuild>();
  /** Bumped by `load`: a build begun before it is dropped. */
  private generation = 0;

  constructor(private readonly options: TmIndexOptions = {}) {
    this.units = new UnitTable(options.texts);
  }

  get size(): number {
    return this.units.size;
  }

  /** Bytes of the texts held as bytes: in this process's memory, and in the index's file (text-arena.ts). */
  get textBytes(): { memory: number; file: number } {
    const { live, dead, spilled } = this.units.arena;
    return { memory: live + dead - spilled, file: spilled };
  }

  get(unitId: string): Unit | undefined {
    return this.units.get(unitId);
  }

  /** The unit at a place in a document, if any. */
  at(documentId: string, position: number): Unit | undefined {
    return this.units.at(documentId, position);
  }

  /** Ids of the units of a document that the index holds (a walk over every unit: for a large document's write). */
  unitsOf(documentId: string): string[] {
    return this.units.ofDocument(documentId);
  }

  upsert(unit: Unit): void {
    this.remove(unit.unitId);
    const row = this.units.put(unit);
    for (const aside of this.asides.values()) aside.written.add(row);
    for (const [lang, index] of this.langs) this.append(index, unit, row, lang);
  }

  /** Takes the unit out of the table and kills its slots; the builds under way are told its row. */
  remove(unitId: string): void {
    const row = this.units.delete(unitId);
    if (row < 0) return;
    for (const aside of this.asides.values()) aside.written.add(row);
    for (const index of this.langs.values()) {
      const slot = slotsOf(index).get(row);
      if (slot >= 0) {
        index.block.kill(slot);
        slotsOf(index).delete(row);
      }
    }
  }

  /** Replaces the whole content. Blocks are built lazily, per language. */
  load(units: Iterable<Unit>): void {
    this.units.clear();
    this.langs.clear();
    this.asides.clear();
    this.generation++;
    for (const unit of units) this.units.put(unit);
  }

  /**
   * Replaces the whole content with units added a page at a time (a rebuild from Redis), the blocks of `langs`
   * collected as the pages come and built off the request path once the last is in (index-load.ts); the others
   * lazily. `expected`: about how many units will come.
   */
  loadInPages(langs: readonly Lang[], expected: number): IndexLoad {
    this.load([]);
    const pace = this.options.pace ?? (() => Promise.resolve());
    const owner = {
      vocabulary: this.vocabulary,
      codes: this.codes,
      put: (unit: Unit) => this.units.put(unit),
      putEncoded: (units: EncodedUnits, i: number, ar: string) => this.units.putEncoded(units, i, ar),
      build: (lang: Lang, collected: Promise<FlatUnits>) => this.aside(lang, undefined, pace, collected).done,
    };
    return new IndexLoad(owner, langs, expected, pace);
  }

  /** Builds (or compacts) the language's block now rather than at its first search. */
  prepare(lang: Lang): void {
    this.langIndex(lang);
  }

  /**
   * The same, using a second thread for part of a large build (from `workerMin` token positions; tests lower it).
   * With a pace, the whole build is made off the request path (aside.ts), and this resolves when it is in place.
   */
  async prepareAsync(lang: Lang, workerMin?: number): Promise<void> {
    const index = this.langs.get(lang);
    if (index && !needsCompaction(index.block)) return;
    if (this.options.pace) return this.aside(lang, index, this.options.pace).done.catch(() => undefined);
    const input = collect(this.sourceFor(index), lang, this.vocabulary, this.codes);
    const block = await IndexBlock.buildAsync(input, this.vocabulary.size, workerMin);
    this.langs.set(lang, this.finish(block, index));
  }

  /** True when `ready` has nothing to wait for. */
  isReady(lang: Lang): boolean {
    return this.langs.has(lang) || !this.options.pace;
  }

  /**
   * Resolves once the language's block is built: built off the request path when it was not (with a pace; without
   * one, the first query builds it). A query on a TM not yet searched in that language waits here, not the others.
   */
  async ready(lang: Lang): Promise<void> {
    const pace = this.options.pace;
    if (!pace || this.langs.has(lang)) return;
    await this.aside(lang, undefined, pace).done.catch(() => undefined); // failed: the query builds it at once
  }

  /** A language's block: slots in use, live ones, and those appended since it was built (none before its first use). */
  blockSlots(lang: Lang): { count: number; live: number; appended: number } | undefined {
    const block = this.langs.get(lang)?.block;
    return block && { count: block.count, live: block.live, appended: block.appended };
  }

  /** True while a language's block is being built or rebuilt off the request path (for tests and metrics). */
  compacting(lang: Lang): boolean {
    return this.asides.has(lang);
  }

  /** Languages whose block is built (a rebuilt index prepares the same ones before it replaces this one). */
  builtLanguages(): Lang[] {
    return [...this.langs.keys()];
  }

  /**
   * A text prepared as a query in `lang` for this index (tokens, spans, ids in its vocabulary): once per request,
   * then handed to search, explain, adapt and highlight. Valid until the next write.
   */
  query(text: string, lang: Lang): PreparedQuery {
    this.langIndex(lang); // first: building the block fills the vocabulary the query is looked up in
    const query = prepareQuery(this.vocabulary, text);
    if (query.n === 0) throw new MizanError(ErrorCode.QUERY_EMPTY, { param: 'q' });
    return query;
  }

  /** Units whose `src` text matches the query, best first. */
  search(query: string | PreparedQuery, src: Lang, options: SearchOptions): Hit[] {
    const q = this.prepared(query, src);
    const index = this.langIndex(src);
    const env: SearchEnv = {
      vocabulary: this.vocabulary,
      distance: this.distance,
      idOf: (row) => this.units.idOf(row),
      textOf: (row) => this.units.textOf(row, src),
      stats: options.stats,
    };
    const want = options.withTargets;
    if (want && want.length > 0) env.accept = (row) => want.some((lang) => this.units.hasText(row, lang));
    if (options.context && (options.context.prev !== undefined || options.context.next !== undefined)) {
      const context = options.context;
      env.contextOk = (row) => contextMatches(this.units.unitAt(row), src, context, (doc, pos) => this.at(doc, pos));
    }
    return searchPasses(index.block, q, options, env, index.scratch);
  }

  /** The alignment of the query with a matched source, as spans on both texts (see explain.ts). */
  explain(query: PreparedQuery, source: string): DiffSpan[] {
    return explainDiff(this.mine(query), source, this.vocabulary);
  }

  /** The unit's targets with the query's numbers in place of its own (see adapt.ts), if that can be done. */
  adapt(query: PreparedQuery, src: Lang, unit: Unit, targets: Partial<Record<Lang, string>>): Adaptation | undefined {
    const sourceIds = this.vocabulary.lookupCodes(tokenizeCodes(unit[src], this.codes)).ids;
    return adaptNumbers(this.mine(query), sourceIds, targets, this.vocabulary);
  }

  /** Units whose `lang` text contains the phrase, shortest first, a page at a time. */
  concordance(phrase: string | PreparedQuery, lang: Lang, offset: number, limit: number): ConcordanceResult {
    const query = this.prepared(phrase, lang);
    const index = this.langIndex(lang);
    index.scratch.prepare(index.block.count, this.vocabulary.size);
    const { total, rows } = findPhrase(index.block, this.vocabulary, query, offset, limit, index.scratch);
    return { total, unitIds: rows.map((row) => this.units.idOf(row)) };
  }

  /** Spans of the phrase in a text, for highlighting concordance hits. */
  highlight(phrase: PreparedQuery, text: string): [number, number][] {
    return highlight(text, this.vocabulary, this.mine(phrase));
  }

  private prepared(query: string | PreparedQuery, lang: Lang): PreparedQuery {
    return typeof query === 'string' ? this.query(query, lang) : this.mine(query);
  }

  /** A query's ids mean something only in the vocabulary that looked them up. */
  private mine(query: PreparedQuery): PreparedQuery {
    if (query.vocabulary !== this.vocabulary) throw new Error('a query prepared by another TM index');
    return query;
  }

  private append(index: LangIndex, unit: Unit, row: number, lang: Lang): void {
    const text = unit[lang];
    if (!text) return;
    const ids = this.vocabulary.internCodes(tokenizeCodes(text, this.codes));
    if (ids.length === 0) return;
    slotsOf(index).set(row, index.block.append(row, ids, this.vocabulary.stems));
  }

  private langIndex(lang: Lang): LangIndex {
    const index = this.langs.get(lang);
    if (index && !needsCompaction(index.block)) return index;
    const pace = this.options.pace;
    if (index && pace && !index.compactFailed && !needsCompaction(index.block, OVERDUE_FACTOR)) {
      this.aside(lang, index, pace);
      return index;
    }
    const input = collect(this.sourceFor(index), lang, this.vocabulary, this.codes);
    const built = this.finish(IndexBlock.build(input, this.vocabulary.size), index);
    this.langs.set(lang, built);
    return built;
  }

  /** What a build collects: the old block's slots (a compaction), or the units as they are now. */
  private sourceFor(old: LangIndex | undefined): CollectSource {
    if (old) return { block: old.block };
    const { rows, gens } = this.units.snapshot();
    return { units: { rows, gens, text: (row, gen, lang) => this.units.textAt(row, gen, lang) } };
  }

  /**
   * The language's build off the request path: the one under way, or one begun now from `collected` (a load), `old`
   * or the units.
   */
  private aside(
    lang: Lang,
    old: LangIndex | undefined,
    pace: () => Promise<void>,
    collected?: Promise<FlatUnits>,
  ): AsideBuild {
    const running = this.asides.get(lang);
    if (running) return running;
    const generation = this.generation;
    const owner = {
      vocabulary: this.vocabulary,
      codes: this.codes,
      unit: (row: number) => this.units.unitAt(row),
      append: (index: LangIndex, unit: Unit, row: number, l: Lang) => this.append(index, unit, row, l),
      wanted: () => this.generation === generation && this.langs.get(lang) === old,
      install: (index: LangIndex) => this.langs.set(lang, index),
    };
    const build = buildAside(owner, lang, collected ?? this.sourceFor(old), old?.scratch, pace);
    this.asides.set(lang, build);
    build.done
      .catch(() => {
        if (old) old.compactFailed = true; // the next query past the threshold compacts at once
      })
      .finally(() => {
        if (this.asides.get(lang) === build) this.asides.delete(lang);
      });
    return build;
  }

  private finish(block: IndexBlock, old: LangIndex | undefined): LangIndex {
    return { block, scratch: old?.scratch ?? new SearchScratch() };
  }
}
