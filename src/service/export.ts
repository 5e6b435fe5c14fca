/**
 * A stored document written out as a file: TMX 1.4b, TSV, or a printable HTML page. TSV and HTML say what the review
 * says of each row (its reasons, or when a person marked it reviewed); TMX keeps its `x-review` prop for rows still
 * up for review. TMX writes each row's unit as the whole-TM export writes it — the inline codes, tuid, attributes,
 * props, notes and language tags it keeps of a TMX it came from (unit-fields.ts, rowTmx), a unit without a tuid of
 * its own named by its unit id —, TSV each inline code as what it stands for, HTML each as a marked span.
 */
import { writeHtml, writeTmx, writeTsv, type InlineCode } from '../formats';
import type { Lang } from '../types';
import type { ReviewedDocument } from './row-review';
import { rowTmx } from './unit-fields';

export const EXPORT_FORMATS = ['tmx', 'tsv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CODES = { ar: 'codes:ar', en: 'codes:en', zh: 'codes:zh' } as const;

/** `toolVersion` is written into a TMX header as creationtoolversion. */
export function exportDocument(doc: ReviewedDocument, format: ExportFormat, toolVersion: string): string {
  if (format === 'tmx') {
    return writeTmx([{ meta: doc.summary, segments: doc.rows }], {
      toolVersion,
      creationDate: new Date(doc.summary.updated),
      unit: (_, position) => rowTmx(doc.rows[position]!.unitId, doc.tmx?.get(position)),
    });
  }
  // The codes of a row whose text holds placeables (read with the rows: store/unit-read.ts, documentRow).
  const codes = (position: number, lang: Lang) => {
    const json = doc.tmx?.get(position)?.[CODES[lang]];
    return json ? (JSON.parse(json) as InlineCode[]) : undefined;
  };
  return format === 'tsv' ? writeTsv(doc.rows, codes) : writeHtml(doc.summary, doc.rows, codes);
}
