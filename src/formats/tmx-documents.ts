/**
 * Maps between TMX units and mizan's aligned documents, using the props written by tmx-write.ts:
 * header `x-doc:<id>:<field>` for document metadata, `tu` `x-document` / `x-position` / `x-paragraph` for rows, and
 * `x-confidence` / `x-review` for an alignment row below full confidence or flagged for review.
 */
import { ErrorCode, MizanError } from '../errors';
import { LANGS, isLang, type AlignedDocument, type DocumentMeta, type Lang, type DocumentRow } from '../types';
import { baseLanguage, type TmxFile } from './tmx-read';

function metaFor(id: string, props: Record<string, string>): DocumentMeta {
  const get = (field: string) => props[`x-doc:${id}:${field}`] ?? '';
  const titles = {} as Record<Lang, string>;
  for (const lang of LANGS) titles[lang] = get(`title-${lang}`);
  const meta: DocumentMeta = { id, titles, source: get('source'), date: get('date'), order: Number(get('order')) || 0 };
  const url = get('url');
  if (url) meta.url = url;
  return meta;
}

/** Groups the file's units into documents, rows sorted by position. Rejects rows without document or position. */
export function tmxToDocuments(file: TmxFile): AlignedDocument[] {
  const byId = new Map<string, AlignedDocument>();
  file.units.forEach((unit, index) => {
    const id = unit.props['x-document'];
    const position = Number(unit.props['x-position']);
    const paragraph = Number(unit.props['x-paragraph'] ?? '0');
    if (!id || !Number.isInteger(position) || position < 0 || !Number.isInteger(paragraph)) {
      throw new MizanError(ErrorCode.TMX_INVALID, {
        reason: `unit ${index + 1} lacks x-document / x-position props`,
        line: 0,
      });
    }
    let doc = byId.get(id);
    if (!doc) {
      doc = { meta: metaFor(id, file.header.props), segments: [] };
      byId.set(id, doc);
    }
    const segment: DocumentRow = { position, paragraph, ar: '', en: '', zh: '' };
    const confidence = Number(unit.props['x-confidence']);
    if (unit.props['x-confidence'] !== undefined && confidence >= 0 && confidence <= 1) segment.confidence = confidence;
    if (unit.props['x-review'] === 'true') segment.review = true;
    for (const variant of unit.variants) {
      const lang = baseLanguage(variant.lang);
      if (isLang(lang)) segment[lang] = variant.text;
    }
    doc.segments.push(segment);
  });
  for (const doc of byId.values()) {
    doc.segments.sort((a, b) => a.position - b.position);
    doc.segments.forEach((seg, i) => {
      if (seg.position !== i) {
        throw new MizanError(ErrorCode.TMX_INVALID, {
          reason: `document ${doc.meta.id}: positions are not 0..n-1`,
          line: 0,
        });
      }
    });
  }
  return [...byId.values()];
}
