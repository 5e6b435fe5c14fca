/**
 * The use cases behind the HTTP API. HTTP validates and calls these; they call the store and the matcher.
 */
import type { Writable } from 'node:stream';
import type { Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import {
  ImportStore,
  UnitStore,
  type DocumentCursor,
  type DocumentSummary,
  type StoredDocument,
  type TmStore,
  type UnitTexts,
  type UnitWriteResult,
} from '../store';
import type { Lang, Unit } from '../types';
import { correctAlignment, importDocument, unitContext, type ImportRequest, type ImportResult } from './documents';
import type { Correction } from './corrections';
import { standaloneUnitId } from './ids';
import {
  concordance,
  match,
  matchBatch,
  type BatchOptions,
  type BatchSlot,
  type ConcordanceHit,
  type ConcordanceRequest,
  type Match,
  type MatchRequest,
} from './matching';
import type { Freshness } from './mirror';
import { Mirrors } from './mirrors';
import { requireWords } from './words';
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
import { deleteFromLargeDocument } from './unit-delete';
import { unitRecordJson } from './unit-fields';
import { unitIdPage } from './unit-pages';
import { unitHistories, type UnitHistory } from './unit-history';
import { Observers, type ServiceObserver } from './observers';
import type { IndexStats } from './mirror';

/** A unit with its entity tag. */
export interface TaggedUnit {
  unit: Unit;
  tag: string;
}

export interface Readiness {
  redis: boolean;
  /** The default TM holds at least one document. */
  tmLoaded: boolean;
  /** Why not ready: `redis-unreachable`, `redis-timeout`, `redis-loading`, `redis-busy` or `tm-empty`. */
  reason?: string;
  /** The same for an operator: what failed, and since when. */
  detail?: string;
}

export class TranslationMemory {
  private readonly mirrors: Mirrors;
  private readonly units: UnitStore;
  private readonly importStore: ImportStore;
  /** TMX import jobs (service/imports.ts). */
  readonly imports: Imports;
  private readonly observers = new Observers();
  /** Writes made once per Idempotency-Key (service/idempotency.ts). */
  readonly idempotency: Idempotency;

  constructor(
    readonly store: TmStore,
    logger: Logger,
    readonly defaultTm: string,
    freshness: Freshness = 'strict',
  ) {
    this.mirrors = new Mirrors(store, logger, freshness);
    this.units = new UnitStore(store.redis, store.keys);
    this.importStore = new ImportStore(store.redis, store.keys);
    this.imports = new Imports(
      this.importStore,
      (tm) => this.mirrors.refresh(tm),
      logger,
      {},
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
   * ends (unit-pages.ts: every unit present for the whole walk comes at least once).
   */
  async unitPage(tm: string, cursor: string, limit: number) {
    await this.mirrors.require(tm);
    const page = await unitIdPage((at, count) => this.importStore.unitPage(tm, at, count), cursor, limit);
    const records = await this.importStore.unitRecords(tm, page.ids);
    return {
      units: page.ids.flatMap((id, i) => (records[i] ? [unitRecordJson(tm, id, records[i])] : [])),
      cursor: page.cursor === '0' ? null : page.cursor,
    };
  }

  /** What these units (matches, say) keep of their history: TMX dates, authors, usage count (unit-history.ts). */
  unitHistories(refs: readonly { tm: string; unitId: string }[], src: Lang): Promise<UnitHistory[]> {
    return unitHistories(this.units, refs, src);
  }

  /** Streams the whole TM to `out` as TMX or TSV. */
  async exportTm(tm: string, out: Writable, options: TmExportOptions): Promise<{ written: number; skipped: number }> {
    await this.mirrors.require(tm);
    return exportTm(this.importStore, tm, out, options);
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

  /** XLIFF targets filled from the TM (every lookup through `match`); the file otherwise byte for byte. */
  async pretranslateXliff(input: Uint8Array, request: XliffPretranslateRequest): Promise<XliffPretranslation> {
    await this.requireAll(request.tms);
    return pretranslateXliff((r) => this.match(r), input, request);
  }

  async analyzeXliff(input: Uint8Array, request: XliffRequest): Promise<Analysis> {
    await this.requireAll(request.tms);
    return analyzeXliff((r) => this.match(r), input, request);
  }

  async pretranslateI18next(resources: unknown, request: I18nextRequest): Promise<I18nextPretranslation> {
    await this.requireAll(request.tms);
    return pretranslateI18next((r) => this.match(r), resources, request);
  }

  /** A document as i18next bundles, keys `<documentId>.<position>`. */
  async documentI18next(tm: string, documentId: string, langs?: readonly Lang[]): Promise<I18nextBundles> {
    return (await this.documentI18nextAt(tm, documentId, langs)).bundles;
  }

  /** The same, with the document's rev the bundles were made from (an ETag names it). */
  async documentI18nextAt(tm: string, documentId: string, langs?: readonly Lang[]) {
    const doc = await this.getDocument(tm, documentId);
    return { rev: doc.summary.rev, bundles: documentI18next(doc, langs) };
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

  async getDocument(tm: string, documentId: string): Promise<StoredDocument> {
    const doc = await this.store.getDocument(tm, documentId);
    if (!doc) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id: documentId, tm });
    return doc;
  }

  async getUnit(tm: string, unitId: string): Promise<Unit> {
    return (await this.getTaggedUnit(tm, unitId)).unit;
  }

  /** The unit and its entity tag (the ETag of GET /api/v1/units/:id, compared with If-Match by writes). */
  async getTaggedUnit(tm: string, unitId: string): Promise<TaggedUnit> {
    const tagged = await this.store.getTaggedUnit(tm, unitId);
    if (!tagged) throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
    return tagged;
  }

  /** Segments, aligns and stores a document triple; the same texts again return the stored document. */
  importDocument(request: ImportRequest): Promise<ImportResult> {
    return importDocument(this.store, this.mirrors, request);
  }

  correctAlignment(tm: string, id: string, ops: readonly Correction[], rev?: number): Promise<StoredDocument> {
    return correctAlignment(this.store, this.mirrors, tm, id, ops, rev);
  }

  /** Deletes a document; with `ifMatch` (revs of If-Match, or '*') only while its rev is one of them. */
  async deleteDocument(tm: string, id: string, ifMatch?: readonly (number | '*')[]): Promise<void> {
    const outcome = await this.store.deleteDocument(tm, id, ifMatch);
    this.mirrors.touch(tm);
    if (outcome === 'not-found') throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
    if (outcome === 'precondition-failed') throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id });
  }

  unitContext(tm: string, unitId: string, n: number): Promise<{ unit: Unit; before: Unit[]; after: Unit[] }> {
    return unitContext(this.store, tm, unitId, n);
  }

  /** Adds a unit outside any document (the same Arabic source again updates it); its Arabic must have a word. */
  async createUnit(tm: string, texts: UnitTexts & { ar: string }): Promise<TaggedUnit & { created: boolean }> {
    requireWords(texts.ar, 'ar');
    const unitId = standaloneUnitId(tm, texts.ar);
    const result = await this.units.create(tm, unitId, texts);
    this.mirrors.touch(tm);
    return { ...(await this.getTaggedUnit(tm, unitId)), created: result === 'created' };
  }

  /**
   * Changes texts of a unit. A unit outside any document is identified by its Arabic (adding the same Arabic again
   * updates it), so its Arabic cannot change (beyond Unicode normalization and surrounding spaces). With `ifMatch`
   * (tags of If-Match), only if the unit's tag is one of them (checked atomically with the write).
   */
  async patchUnit(tm: string, unitId: string, texts: UnitTexts, ifMatch?: readonly string[]): Promise<TaggedUnit> {
    if (texts.ar !== undefined) requireWords(texts.ar, 'ar');
    await this.mirrors.require(tm);
    if (texts.ar !== undefined) {
      const current = await this.store.getUnit(tm, unitId);
      if (current && !current.documentId && standaloneUnitId(tm, texts.ar) !== unitId) {
        throw new MizanError(ErrorCode.UNIT_SOURCE_FIXED, { param: 'ar', id: unitId });
      }
    }
    const result: UnitWriteResult = await this.units.patch(tm, unitId, texts, ifMatch);
    this.mirrors.touch(tm);
    if (result === 'not-found') throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
    if (result === 'precondition-failed') throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id: unitId });
    return this.getTaggedUnit(tm, unitId);
  }

  async deleteUnit(tm: string, unitId: string, ifMatch?: readonly string[]): Promise<void> {
    await this.mirrors.require(tm);
    const outcome =
      (await deleteFromLargeDocument(this.store, tm, unitId, ifMatch)) ??
      (await this.units.delete(tm, unitId, ifMatch));
    this.mirrors.touch(tm);
    if (outcome === 'not-found') throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
    if (outcome === 'precondition-failed') throw new MizanError(ErrorCode.PRECONDITION_FAILED, { id: unitId });
  }

  /** Stops the imports running in the background (service/imports.ts, close) and listening for notifications. */
  async close(): Promise<void> {
    await this.imports.close();
    await this.mirrors.close();
  }

  async readiness(): Promise<Readiness> {
    try {
      const redis = await this.store.ping();
      if ((await this.store.documentCount(this.defaultTm)) > 0) return { redis, tmLoaded: true };
      return { redis, tmLoaded: false, reason: 'tm-empty', detail: `the TM "${this.defaultTm}" holds no document` };
    } catch (err) {
      const outage = this.store.outage();
      const detail = outage
        ? `${outage.message} (since ${new Date(outage.since).toISOString()})`
        : (err as Error).message;
      return { redis: false, tmLoaded: false, reason: outage?.reason ?? 'redis-unreachable', detail };
    }
  }
}
