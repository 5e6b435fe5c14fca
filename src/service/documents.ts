/**
 * Document use cases: import a text triple (segment, align, store as a document and TM units), correct an alignment,
 * delete a document, read a unit with its neighbours.
 */
import {
  alignTexts,
  alignTextsSteps,
  flagRow,
  type AlignedRow,
  type AlignOptions,
  type TargetLang,
  type TextTriple,
} from '../align';
import { ErrorCode, MizanError } from '../errors';
import { canonical } from '../normalize';
import type { RowToWrite, StoredDocument, TmStore } from '../store';
import type { DocumentMeta, Lang, DocumentRow, Unit } from '../types';
import { documentIdFor, unitIdFor, withUnitIds } from './ids';
import { applyCorrections, type Correction } from './corrections';
import { requireUnchangedSince } from './document-if-match';
import type { Mirrors } from './mirrors';
import { inSlices, mapInSlices, yieldLoop } from '../slices';
import { hasWords, requireWords } from './words';

export interface ImportRequest {
  tm: string;
  title?: string;
  ar: string;
  en?: string;
  zh?: string;
  meta?: { source?: string; date?: string; url?: string };
}

/** What a correction is made against (the rev; an If-Match tag's seq), and by whom (the API key's name). */
export interface CorrectionBase {
  rev?: number | undefined;
  since?: number | undefined;
  by?: string | undefined;
}

export interface ImportResult {
  created: boolean;
  document: StoredDocument;
  /** Units written (0 when the same content was imported before). */
  changed: number;
}

const joiner = (lang: Lang) => (lang === 'zh' ? '' : ' ');

/** Evidence from the TM: an Arabic sentence the TM knows, paired with the target the TM has for it. */
async function tmHint(mirrors: Mirrors, tm: string): Promise<AlignOptions['hint']> {
  const [index] = await mirrors.indexes([tm], ['ar']);
  if (!index || index.size === 0) return undefined;
  const memo = new Map<string, number>();
  return (lang: TargetLang, ar: readonly string[], target: readonly string[]) => {
    if (ar.length !== 1 || target.length === 0) return 0;
    const key = `${lang}\u0000${ar[0]}\u0000${target.join('\u0001')}`;
    let cost = memo.get(key);
    if (cost === undefined) {
      cost = 0;
      // A sentence with nothing to match (punctuation only) is no evidence either way.
      const [hit] = hasWords(ar[0]!) ? index.search(ar[0]!, 'ar', { min: 95, limit: 1 }) : [];
      const known = hit ? index.get(hit.unitId)?.[lang] : undefined;
      if (known) cost = canonical(known) === canonical(target.join(joiner(lang))) ? -8 : 1;
      memo.set(key, cost);
    }
    return cost;
  };
}

function toSegment(r: AlignedRow, position: number): DocumentRow {
  return {
    position,
    paragraph: r.paragraph,
    ar: r.ar,
    en: r.en,
    zh: r.zh,
    confidence: r.confidence,
    review: r.review,
    ...(r.reasons?.length && { reasons: r.reasons }),
    ...(r.split && { split: r.split }),
  };
}

/**
 * The rows an import stores, before ids and positions: the texts segmented and aligned (with the TM's evidence when
 * given). Rows with no word in any language (a line of "* * *", invisible marks) are not units; a row whose Arabic
 * has no word is kept for its translation but flagged. Pure: `npm run eval:align -- --raw` measures this very step.
 */
export function documentRows(texts: TextTriple, options: AlignOptions = {}): AlignedRow[] {
  return keptRows(alignTexts({ ar: texts.ar, en: texts.en, zh: texts.zh }, options).map(keptRow));
}

/** A row as stored (flagged when its Arabic has no word), or undefined when it has no word in any language. */
function keptRow(r: AlignedRow): AlignedRow | undefined {
  if (hasWords(r.ar)) return r;
  return hasWords(r.en) || hasWords(r.zh) ? flagRow(r, 'missing') : undefined;
}

const keptRows = (rows: readonly (AlignedRow | undefined)[]) => rows.filter((r): r is AlignedRow => r !== undefined);

/**
 * documentRows and the rows' unit ids for an import, with the event loop given back between the steps and every
 * SLICE_MS within the per-row ones (segmentation and alignment themselves run at once: src/align).
 */
async function importRows(request: ImportRequest, id: string, hint: AlignOptions['hint']): Promise<RowToWrite[]> {
  const aligned = await inSlices(alignTextsSteps({ ar: request.ar, en: request.en, zh: request.zh }, { hint }));
  await yieldLoop();
  const rows = keptRows(await mapInSlices(aligned, keptRow));
  return mapInSlices(rows, (r, position) => ({
    ...toSegment(r, position),
    unitId: unitIdFor(request.tm, id, position),
  }));
}

export async function importDocument(store: TmStore, mirrors: Mirrors, request: ImportRequest): Promise<ImportResult> {
  requireWords(request.ar, 'ar');
  const id = documentIdFor(request.ar, request.en, request.zh);
  const existing = await store.getDocument(request.tm, id);
  if (existing) return { created: false, document: existing, changed: 0 };
  const exists = await store.tmExists(request.tm);
  const rows = await importRows(request, id, exists ? await tmHint(mirrors, request.tm) : undefined);
  if (rows.length === 0) throw new MizanError(ErrorCode.TEXT_EMPTY, { param: 'ar' });
  const firstWith = (lang: Lang) => rows.find((r) => r[lang])?.[lang].slice(0, 200) ?? '';
  // A title given is filed under the language of its script; without one, each language's first row (the headline).
  const given = request.title?.trim() ?? '';
  const titleLang: Lang = /\p{Script=Arabic}/u.test(given) ? 'ar' : /\p{Script=Han}/u.test(given) ? 'zh' : 'en';
  const titles = given
    ? { ar: '', en: '', zh: '', [titleLang]: given }
    : { ar: firstWith('ar'), en: firstWith('en'), zh: firstWith('zh') };
  const meta: DocumentMeta = {
    id,
    titles,
    source: request.meta?.source ?? '',
    date: request.meta?.date ?? new Date().toISOString().slice(0, 10),
    order: Date.now(),
  };
  if (request.meta?.url) meta.url = request.meta.url;
  let changed: number;
  try {
    // Only if still absent: of two identical imports racing, one creates and the other answers as a repeat.
    await yieldLoop();
    changed = (await store.putDocument(request.tm, { meta, segments: rows }, 'absent')).changed;
  } catch (err) {
    if (!(err instanceof MizanError && err.code === ErrorCode.DOCUMENT_CHANGED)) throw err;
    const first = await store.getDocument(request.tm, id);
    if (!first) throw err;
    return { created: false, document: first, changed: 0 };
  }
  mirrors.touch(request.tm);
  const document = await store.getDocument(request.tm, id);
  if (!document) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm: request.tm });
  return { created: true, document, changed };
}

/**
 * Applies alignment corrections to the document `id` of `tm`; with `rev`, only if it is still at that revision, and
 * with `since` (an If-Match tag's seq), only if no unit of its rows was written after it. `by` names who writes (the
 * API key's name): a unit a TMX brought whose text changes keeps it as its change's author.
 */
export async function correctAlignment(
  store: TmStore,
  mirrors: Mirrors,
  { tm, id, by, since }: { tm: string; id: string; by?: string | undefined; since?: number | undefined },
  ops: readonly Correction[],
  rev?: number,
): Promise<StoredDocument> {
  const doc = await store.getDocument(tm, id);
  if (!doc) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
  if (rev !== undefined && rev !== doc.summary.rev) throw new MizanError(ErrorCode.DOCUMENT_CHANGED, { id, tm });
  await requireUnchangedSince(store, doc, since);
  const segments = applyCorrections(doc.rows, ops);
  await store.putDocument(tm, withUnitIds(tm, { meta: doc.summary, segments }), doc.summary.rev, by);
  mirrors.touch(tm);
  const updated = await store.getDocument(tm, id);
  if (!updated) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
  return updated;
}

/** A unit and up to n rows before and after it in its document. */
export async function unitContext(
  store: TmStore,
  tm: string,
  unitId: string,
  n: number,
): Promise<{ unit: Unit; before: Unit[]; after: Unit[] }> {
  const unit = await store.getUnit(tm, unitId);
  if (!unit) throw new MizanError(ErrorCode.UNIT_NOT_FOUND, { id: unitId, tm });
  if (!unit.documentId) return { unit, before: [], after: [] };
  const doc = await store.getDocument(tm, unit.documentId);
  const rows = doc?.rows ?? [];
  const at = rows.findIndex((r) => r.unitId === unitId);
  if (at < 0) return { unit, before: [], after: [] };
  return { unit: rows[at]!, before: rows.slice(Math.max(0, at - n), at), after: rows.slice(at + 1, at + 1 + n) };
}
