/**
 * Document use cases: import a text triple (segment, align, store as a document and TM units), correct an alignment,
 * delete a document, read a unit with its neighbours.
 */
import { alignTexts, Segmenter, type AlignedRow, type AlignOptions, type TargetLang } from '../align';
import { ErrorCode, MizanError } from '../errors';
import { canonical } from '../normalize';
import type { StoredDocument, TmStore } from '../store';
import type { DocumentMeta, Lang, DocumentRow, Unit } from '../types';
import { documentIdFor, withUnitIds } from './ids';
import type { Mirrors } from './mirrors';
import { hasWords, requireWords } from './words';

export interface ImportRequest {
  tm: string;
  title?: string;
  ar: string;
  en?: string;
  zh?: string;
  meta?: { source?: string; date?: string; url?: string };
}

export interface ImportResult {
  created: boolean;
  document: StoredDocument;
  /** Units written (0 when the same content was imported before). */
  changed: number;
}

export type Correction =
  | { op: 'merge'; row: number }
  | { op: 'split'; row: number; ar: number; en: number; zh: number }
  | { op: 'move'; row: number; lang: Lang; to: 'prev' | 'next' };

const joiner = (lang: Lang) => (lang === 'zh' ? '' : ' ');

/** Evidence from the TM: an Arabic sentence the TM knows, paired with the target the TM has for it. */
async function tmHint(mirrors: Mirrors, tm: string): Promise<AlignOptions['hint']> {
  const [index] = await mirrors.indexes([tm]);
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

function toSegments(rows: readonly AlignedRow[]): DocumentRow[] {
  return rows.map((r, position) => ({
    position,
    paragraph: r.paragraph,
    ar: r.ar,
    en: r.en,
    zh: r.zh,
    confidence: r.confidence,
    review: r.review,
  }));
}

export async function importDocument(store: TmStore, mirrors: Mirrors, request: ImportRequest): Promise<ImportResult> {
  requireWords(request.ar, 'ar');
  const id = documentIdFor(request.ar, request.en, request.zh);
  const existing = await store.getDocument(request.tm, id);
  if (existing) return { created: false, document: existing, changed: 0 };
  const exists = await store.tmExists(request.tm);
  const aligned = alignTexts(
    { ar: request.ar, en: request.en, zh: request.zh },
    { hint: exists ? await tmHint(mirrors, request.tm) : undefined },
  );
  // Rows with no word in any language (a line of "* * *", invisible marks) are not units; a row whose Arabic has no
  // word is kept for its translation but flagged.
  const rows = aligned
    .filter((r) => hasWords(r.ar) || hasWords(r.en) || hasWords(r.zh))
    .map((r) => (hasWords(r.ar) ? r : { ...r, review: true }));
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
    const doc = withUnitIds(request.tm, { meta, segments: toSegments(rows) });
    changed = (await store.putDocument(request.tm, doc, 'absent')).changed;
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

/** Sentences of a row's text in one language (the segmenter's own view, as at import). */
function sentencesOf(text: string, lang: Lang): string[] {
  return text ? new Segmenter(lang).sentences(text) : [];
}

function invalid(index: number, reason: string): MizanError {
  return new MizanError(ErrorCode.INVALID_CORRECTION, { param: `ops[${index}]`, reason });
}

/** Applies corrections in order to rows of sentences; throws INVALID_CORRECTION naming the op that cannot apply. */
export function applyCorrections(segments: readonly DocumentRow[], ops: readonly Correction[]): DocumentRow[] {
  const LANGS: Lang[] = ['ar', 'en', 'zh'];
  type Row = {
    paragraph: number;
    ar: string[];
    en: string[];
    zh: string[];
    kept?: { confidence: number; review: boolean };
  };
  let rows: Row[] = segments.map((s) => ({
    paragraph: s.paragraph,
    ar: sentencesOf(s.ar, 'ar'),
    en: sentencesOf(s.en, 'en'),
    zh: sentencesOf(s.zh, 'zh'),
    kept: { confidence: s.confidence ?? 1, review: s.review ?? false },
  }));
  // Languages the document has at all: a corrected row lacking one of them is flagged for review.
  const present = LANGS.filter((l) => rows.some((r) => r[l].length > 0));
  ops.forEach((op, k) => {
    const row = rows[op.row];
    if (!row || !Number.isInteger(op.row)) throw invalid(k, 'row-out-of-range');
    if (op.op === 'merge') {
      const next = rows[op.row + 1];
      if (!next) throw invalid(k, 'no-next-row');
      rows = [
        ...rows.slice(0, op.row),
        {
          paragraph: row.paragraph,
          ar: [...row.ar, ...next.ar],
          en: [...row.en, ...next.en],
          zh: [...row.zh, ...next.zh],
        },
        ...rows.slice(op.row + 2),
      ];
    } else if (op.op === 'split') {
      if (LANGS.some((l) => !Number.isInteger(op[l]) || op[l] < 0 || op[l] > row[l].length))
        throw invalid(k, 'split-out-of-range');
      if (LANGS.every((l) => op[l] === 0) || LANGS.every((l) => op[l] === row[l].length))
        throw invalid(k, 'split-empty');
      const first = {
        paragraph: row.paragraph,
        ar: row.ar.slice(0, op.ar),
        en: row.en.slice(0, op.en),
        zh: row.zh.slice(0, op.zh),
      };
      const second = {
        paragraph: row.paragraph,
        ar: row.ar.slice(op.ar),
        en: row.en.slice(op.en),
        zh: row.zh.slice(op.zh),
      };
      rows = [...rows.slice(0, op.row), first, second, ...rows.slice(op.row + 1)];
    } else if (op.op === 'move') {
      const other = rows[op.to === 'prev' ? op.row - 1 : op.row + 1];
      if (!other) throw invalid(k, 'no-neighbour');
      if (!LANGS.includes(op.lang) || row[op.lang].length === 0) throw invalid(k, 'nothing-to-move');
      if (op.to === 'prev') other[op.lang].push(row[op.lang].shift()!);
      else other[op.lang].unshift(row[op.lang].pop()!);
      row.kept = other.kept = undefined;
      if (LANGS.every((l) => row[l].length === 0)) rows = rows.filter((r) => r !== row);
    } else {
      throw invalid(k, 'unknown-op');
    }
  });
  return rows.map((r, position) => ({
    position,
    paragraph: r.paragraph,
    ar: r.ar.join(' '),
    en: r.en.join(' '),
    zh: r.zh.join(''),
    // Rows a correction made or changed were checked by a person; the others keep what the aligner said.
    confidence: r.kept ? r.kept.confidence : 1,
    review: r.kept ? r.kept.review : present.some((l) => r[l].length === 0),
  }));
}

export async function correctAlignment(
  store: TmStore,
  mirrors: Mirrors,
  tm: string,
  id: string,
  ops: readonly Correction[],
  rev?: number,
): Promise<StoredDocument> {
  const doc = await store.getDocument(tm, id);
  if (!doc) throw new MizanError(ErrorCode.DOCUMENT_NOT_FOUND, { id, tm });
  if (rev !== undefined && rev !== doc.summary.rev) throw new MizanError(ErrorCode.DOCUMENT_CHANGED, { id, tm });
  const segments = applyCorrections(doc.rows, ops);
  await store.putDocument(tm, withUnitIds(tm, { meta: doc.summary, segments }), doc.summary.rev);
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
