/**
 * The use cases behind the HTTP API: match, list and fetch documents, fetch units, readiness. HTTP validates and
 * calls these; they call the store and the matcher. Holds one TmMirror per TM, which any instance can rebuild.
 */
import type { Logger } from '../config';
import { ErrorCode, MizanError } from '../errors';
import type { Penalty } from '../match';
import { TmMirror, type DocumentSummary, type StoredDocument, type TmStore } from '../store';
import type { Lang, Unit } from '../types';

export interface MatchRequest {
  q: string;
  src: Lang;
  tgt: readonly Lang[];
  /** Lowest score returned, 0–100. */
  min: number;
  limit: number;
  tm: string;
}

export interface Match {
  unitId: string;
  score: number;
  source: { lang: Lang; text: string };
  targets: Partial<Record<Lang, string>>;
  documentId: string;
  position: number;
  tm: string;
  /** Token edit distance in words. */
  editDistance: number;
  /** Harmless differences that cost points (only for same-token matches). */
  penalties: Penalty[];
}

export interface Readiness {
  redis: boolean;
  /** The default TM holds at least one document. */
  tmLoaded: boolean;
}

export class TranslationMemory {
  private readonly mirrors = new Map<string, TmMirror>();

  constructor(
    readonly store: TmStore,
    private readonly logger: Logger,
    readonly defaultTm: string,
  ) {}

  async match(request: MatchRequest): Promise<Match[]> {
    const mirror = await this.mirrorFor(request.tm);
    await mirror.sync();
    const index = mirror.current;
    const hits = index.search(request.q, request.src, { min: request.min, limit: request.limit });
    return hits.flatMap((hit) => {
      const unit = index.get(hit.unitId);
      if (!unit) return [];
      const targets: Partial<Record<Lang, string>> = {};
      for (const lang of request.tgt) targets[lang] = unit[lang];
      return [{
        unitId: unit.unitId,
        score: hit.score,
        source: { lang: request.src, text: unit[request.src] },
        targets,
        documentId: unit.documentId,
        position: unit.position,
        tm: unit.tm,
        editDistance: hit.editDistance,
        penalties: hit.penalties,
      }];
    });
  }

  async listDocuments(tm: string): Promise<DocumentSummary[]> {
    await this.requireTm(tm);
    return this.store.listDocuments(tm);
  }

  async getDocument(tm: string, documentId: string): Promise<StoredDocument> {
    const doc = await this.store.getDocument(tm, documentId);
    if (!doc) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id: documentId, tm });
    return doc;
  }

  async getUnit(tm: string, unitId: string): Promise<Unit> {
    const unit = await this.store.getUnit(tm, unitId);
    if (!unit) throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
    return unit;
  }

  async readiness(): Promise<Readiness> {
    try {
      const redis = await this.store.ping();
      const docs = await this.store.listDocuments(this.defaultTm);
      return { redis, tmLoaded: docs.length > 0 };
    } catch {
      return { redis: false, tmLoaded: false };
    }
  }

  private async requireTm(tm: string): Promise<void> {
    if (this.mirrors.has(tm)) return;
    if (!(await this.store.tmExists(tm))) throw new MizanError(ErrorCode.UNKNOWN_TM, { tm });
  }

  private async mirrorFor(tm: string): Promise<TmMirror> {
    let mirror = this.mirrors.get(tm);
    if (!mirror) {
      await this.requireTm(tm);
      mirror = this.mirrors.get(tm) ?? new TmMirror(this.store, tm, this.logger);
      this.mirrors.set(tm, mirror);
    }
    return mirror;
  }
}
