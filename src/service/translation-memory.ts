/**
 * The use cases behind the HTTP API. HTTP validates and calls these; they call the store and the matcher.
 */
import type { Writable } from 'node:stream';
import type { Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import {
  ImportStore,
  ReviewMarks,
  UnitStore,
  type DocumentCursor,
  type DocumentSummary,
  type TmStore,
  type UnitTexts,
} from '../store';
import type { Lang, Unit } from '../types';
import type { TextSpill } from '../match';
import { yieldLoop } from '../slices';
import { correctAlignment, importDocument, unitContext, type CorrectionBase } from './documents';
import type { ImportRequest, ImportResult } from './documents';
import type { Correction } from './corrections';
import { matchedRev, type DocumentIfMatch, type MatchedTag } from './document-if-match';
import {
  concordance,
  match,
  type ConcordanceHit,
  type ConcordanceRequest,
  type Match,
  type MatchRequest,
} from './matching';
import { matchBatch, type BatchOptions, type BatchSlot } from './match-batch';
import type { Freshness } from './mirror';
import { Mirrors } from './mirrors';
import { documentI18next, pretranslateI18next, tmI18next, type I18nextBundles, type I18nextRequest } from './i18next';
import {
  analyzeXliff,
  pretranslateXliff,
  type XliffPretranslateRequest,
  type XliffPretranslation,
  type XliffRequest,
} from './pretranslate';
import type { Analysis, I18nextPretranslation } from '../formats';
import { exportTm, type TmExportOptions } from './exports';
import { Imports } from './imports';
import { Idempotency } from './idempotency';
import { unitRecordJson } from './unit-fields';
import { tmUnitIdPage } from './unit-pages';
import { unitHistories, type UnitHistory } from './unit-history';
import { Observers, type ServiceObserver } from './observers';
import type { IndexStats } from './mirror';
import { readiness, type Readiness } from './readiness';
import {
  markReviewed,
  reviewedDocument,
  withReviewMarks,
  type ReviewedDocument,
  type ReviewRequest,
} from './row-review';
import { createUnit, deleteUnit, patchUnit, taggedUnit, type TaggedUnit, type UnitWriters } from './unit-writes';

export type { Readiness, TaggedUnit };

export class TranslationMemory {
  private readonly mirrors: Mirrors;
  private readonly units: UnitStore;
  private readonly importStore: ImportStore;
  /** Rows marked reviewed (service/row-review.ts). */
  private readonly marks: ReviewMarks;
  /** TMX import jobs (service/imports.ts). */
  readonly imports: Imports;
  private readonly observers = new Observers();
  /** Writes made once per Idempotency-Key (service/idempotency.ts). */
  readonly idempotency: Idempotency;

  /**
   * `indexImports`: an import into an empty TM builds its index as it reads (import-index.ts); false for the CLI.
   * `indexTexts`: where a TM's index keeps its texts past the memory allowed (match/text-arena.ts; the server's
   * MIZAN_INDEX_TEXTS_*); none: all in memory.
   */
  constructor(
    readonly store: TmStore,
    logger: Logger,
    readonly defaultTm: string,
    freshness: Freshness = 'strict',
    { indexImports = true, indexTexts }: { indexImports?: boolean; indexTexts?: TextSpill } = {},
  ) {
    this.mirrors = new Mirrors(store, logger, freshness, undefined, { pace: yieldLoop, texts: indexTexts });
    this.units = new UnitStore(store.redis, store.keys);
    this.importStore = new ImportStore(store.redis, store.keys);
    this.marks = new ReviewMarks(store.redis, store.keys);
    this.imports = new Imports(
      this.importStore,
      (tm, built) => this.mirrors.refresh(tm, built),
      logger,
      { buildIndex: indexImports, indexTexts },
      (e) => this.observers.job(e),
    );
    this.idempotency = new Idempotency(store);
  }

  /** Tells `observer` the work of each query and each import job from now on; the function returned stops that. */
  observe(observer: ServiceObserver): () => void {
    return this.observers.add(observer);
  }

  /** Units and freshness of each TM index this process holds (for metrics). */
  indexStats(): IndexStats[] {
    return this.mirrors.stats();
  }

  /** The TM's index loaded and built in every language now, not by the first queries (see Mirrors.warm). */
  warm(tm: string): Promise<void> {
    return this.mirrors.warm(tm);
  }

  /** Throws UNKNOWN_TM unless the TM exists. */
  requireTm(tm: string): Promise<void> {
    return this.mirrors.require(tm);
  }

  /** Every TM with its counts of units and documents. */
  async listTms(): Promise<{ name: string; units: number; documents: number }[]> {
    const names = await this.store.listTms();
    return Promise.all(names.map(async (name) => ({ name, ...(await this.importStore.counts(name)) })));
  }

  /**
   * A page of at most `limit` of the TM's units with every field they keep; `cursor` '0' starts, null in the answer
   * ends, any other is one this TM gave (unit-pages.ts: every unit present for the whole walk comes at least once).
   */
  async unitPage(tm: string, cursor: string, limit: number) {
    await this.mirrors.require(tm);
    const page = await tmUnitIdPage((at, count) => this.importStore.unitPage(tm, at, count), tm, cursor, limit);
    const records = await this.importStore.unitRecords(tm, page.ids);
    return {
      units: page.ids.flatMap((id, i) => (records[i] ? [unitRecordJson(tm, id, records[i])] : [])),
      cursor: page.cursor,
    };
  }

  /** These units' history for the pair `src` → `tgt` (matches, say): TMX dates, authors (unit-history.ts). */
  unitHistories(refs: readonly { tm: string; unitId: string }[], src: Lang, tgt?: Lang): Promise<UnitHistory[]> {
    return unitHistories(this.units, refs, src, tgt);
  }

  /** Streams the whole TM to `out` as TMX or TSV. */
  async exportTm(tm: string, out: Writable, options: TmExportOptions): Promise<{ written: number; skipped: number }> {
    await this.mirrors.require(tm);
    const reviewMarks = async (documentId: string) => (await this.marks.read(tm, documentId)).marks;
    return exportTm(this.importStore, tm, out, { reviewMarks, ...options });
  }

  /**
   * The one front door for matching: the native API, the amaGama and MyMemory routes and pretranslation all ask here
   * and only translate their wire formats around the `Match[]` it returns.
   */
  match(request: MatchRequest): Promise<Match[]> {
    return match(this.mirrors, request, (s) => this.observers.query(s));
  }

  /**
   * Several queries; all TMs they name are synced once, so answers are consistent with one another. Each slot holds
   * its matches or that query's own error (a TM that does not exist, a query without words).
   */
  matchBatch(requests: readonly MatchRequest[], options?: BatchOptions): Promise<BatchSlot[]> {
    return matchBatch(this.mirrors, requests, options, (s) => this.observers.query(s));
  }

  /**
   * The revision (`<generation>:<change-log seq>`) of each TM after bringing it up to date: equal revisions mean equal
   * contents, so an answer computed at these revisions is still the answer while they hold (the HTTP answer cache
   * checks this). The generation moves with every rebuild of the TM's index, so after Redis went back in time an
   * older answer never matches again. Throws UNKNOWN_TM for a TM that does not exist.
   */
  async revisions(tms: readonly string[]): Promise<string[]> {
    return (await this.mirrors.current(tms)).revisions;
  }

  concordance(request: ConcordanceRequest): Promise<{ total: number; hits: ConcordanceHit[] }> {
    return concordance(this.mirrors, request);
  }

  /**
   * XLIFF targets filled from the TM (the lookups in batches through `matchBatch`); the file otherwise byte for
   * byte.
   */
  async pretranslateXliff(input: Uint8Array, request: XliffPretranslateRequest): Promise<XliffPretranslation> {
    await this.requireAll(request.tms);
    return pretranslateXliff((r) => this.matchBatch(r), input, request);
  }

  async analyzeXliff(input: Uint8Array, request: XliffRequest): Promise<Analysis> {
    await this.requireAll(request.tms);
    return analyzeXliff((r) => this.matchBatch(r), input, request);
  }

  async pretranslateI18next(resources: unknown, request: I18nextRequest): Promise<I18nextPretranslation> {
    await this.requireAll(request.tms);
    return pretranslateI18next((r) => this.match(r), resources, request);
  }

  /** A document as i18next bundles, keys `<documentId>.<position>`. */
  async documentI18next(tm: string, documentId: string, langs?: readonly Lang[]): Promise<I18nextBundles> {
    return (await this.documentI18nextAt(tm, documentId, langs)).bundles;
  }

  /** The same, with the document's rev and the TM's seq the bundles were made from (an ETag names them). */
  async documentI18nextAt(tm: string, documentId: string, langs?: readonly Lang[]) {
    const doc = await this.getDocument(tm, documentId);
    return { rev: doc.summary.rev, seq: doc.seq, bundles: documentI18next(doc, langs) };
  }

  /** A whole TM as i18next bundles, keys `<unitId>` (for GET /api/v1/tms/:tm/export?format=i18next). */
  exportI18next(tm: string, langs?: readonly Lang[]): Promise<I18nextBundles> {
    return tmI18next(this.store, tm, langs);
  }

  private async requireAll(tms: readonly string[]): Promise<void> {
    for (const tm of tms) await this.mirrors.require(tm);
  }

  async listDocuments(tm: string): Promise<DocumentSummary[]> {
    await this.mirrors.require(tm);
    return this.store.listDocuments(tm);
  }

  /** Up to `limit` documents after `after`, in document order, and where the next page starts (none on the last). */
  async documentPage(
    tm: string,
    after: DocumentCursor | undefined,
    limit: number,
  ): Promise<{ documents: DocumentSummary[]; next?: DocumentCursor }> {
    await this.mirrors.require(tm);
    return this.store.documentPage(tm, after, limit);
  }

  /** The document, each row with the mark of a person who reviewed it (row-review.ts). */
  async getDocument(tm: string, documentId: string): Promise<ReviewedDocument> {
    const doc = await reviewedDocument(this.store, this.marks, tm, documentId);
    if (!doc) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id: documentId, tm });
    return doc;
  }

  async getUnit(tm: string, unitId: string): Promise<Unit> {
    return (await this.getTaggedUnit(tm, unitId)).unit;
  }

  /** The unit and its entity tag (the ETag of GET /api/v1/units/:id, compared with If-Match by writes). */
  getTaggedUnit(tm: string, unitId: string): Promise<TaggedUnit> {
    return taggedUnit(this.store, tm, unitId);
  }

  /** Segments, aligns and stores a document triple; the same texts again return the stored document. */
  async importDocument(request: ImportRequest): Promise<ImportResult & { document: ReviewedDocument }> {
    const result = await importDocument(this.store, this.mirrors, request);
    return { ...result, document: await withReviewMarks(this.store, this.marks, result.document) };
  }

  /**
   * Corrects a document's alignment (documents.ts) against `rev` and an If-Match's seq (`since`) when given; `by`: who
   * writes (the API key's name).
   */
  async correctAlignment(tm: string, id: string, ops: readonly Correction[], at: CorrectionBase = {}) {
    const doc = await correctAlignment(this.store, this.mirrors, { tm, id, by: at.by, since: at.since }, ops, at.rev);
    return withReviewMarks(this.store, this.marks, doc);
  }

  /** Marks rows reviewed, or takes the marks back (row-review.ts); the document as it is then. */
  markReviewed(request: ReviewRequest): Promise<ReviewedDocument> {
    return markReviewed(this.store, this.marks, this.mirrors, request);
  }

  /** The rev a document write with If-Match `tags` is made against, or undefined for none (document-if-match.ts). */
  matchedRev(tm: string, id: string, tags: readonly DocumentIfMatch[]): Promise<MatchedTag | '*' | undefined> {
    return matchedRev(this.store, tm, id, tags);
  }

  /** Deletes a document; with `ifMatch` (revs of If-Match, or '*') only while its rev is one of them. */
  async deleteDocument(tm: string, id: string, ifMatch?: readonly (number | '*')[]): Promise<void> {
    const outcome = await this.store.deleteDocument(tm, id, ifMatch);
    this.mirrors.touch(tm);
    if (outcome === 'not-found') throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
    if (outcome === 'precondition-failed') throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id });
    // Best effort, the document being gone: marks left behind are ignored by readers (their `@doc` is another).
    await this.marks.drop(tm, id).catch(() => undefined);
  }

  unitContext(tm: string, unitId: string, n: number): Promise<{ unit: Unit; before: Unit[]; after: Unit[] }> {
    return unitContext(this.store, tm, unitId, n);
  }

  private get writers(): UnitWriters {
    return { store: this.store, units: this.units, mirrors: this.mirrors };
  }

  /** Adds a unit outside any document (unit-writes.ts); `by`: who writes (the API key's name). */
  createUnit(tm: string, texts: UnitTexts & { ar: string }, by?: string): Promise<TaggedUnit & { created: boolean }> {
    return createUnit(this.writers, tm, texts, by);
  }

  /** Changes texts of a unit (unit-writes.ts); with `ifMatch`, only if the unit's tag is one of them. */
  patchUnit(tm: string, id: string, texts: UnitTexts, ifMatch?: readonly string[], by?: string): Promise<TaggedUnit> {
    return patchUnit(this.writers, tm, id, texts, ifMatch, by);
  }

  deleteUnit(tm: string, unitId: string, ifMatch?: readonly string[]): Promise<void> {
    return deleteUnit(this.writers, tm, unitId, ifMatch);
  }

  /** Stops the imports running in the background (service/imports.ts, close) and listening for notifications. */
  async close(): Promise<void> {
    await this.imports.close();
    await this.mirrors.close();
  }

  readiness(): Promise<Readiness> {
    return readiness(this.store, this.defaultTm);
  }
}
