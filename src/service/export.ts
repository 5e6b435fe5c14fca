/**
 * A stored document written out as a file: TMX 1.4b (with unit ids as tuid), TSV, or a printable HTML page. TSV and
 * HTML say what the review says of each row (its reasons, or when a person marked it reviewed); TMX keeps its
 * `x-review` prop for rows still up for review; TMX and TSV write the inline codes of rows that hold some (TMX as
 * codes, TSV as what they stand for).
 */
import { writeHtml, writeTmx, writeTsv, type InlineCode } from '../formats';
import type { Lang } from '../types';
import type { ReviewedDocument } from './row-review';

export const EXPORT_FORMATS = ['tmx', 'tsv', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `toolVersion` is written into a TMX header as creationtoolversion. */
export function exportDocument(doc: ReviewedDocument, format: ExportFormat, toolVersion: string): string {
  if (format === 'html') return writeHtml(doc.summary, doc.rows);
  // The codes of a row whose text holds placeables (read with the rows: store/unit-read.ts, rowCodes).
  const codes = (position: number, lang: Lang) => {
    const json = doc.codes?.get(position)?.[lang];
    return json ? (JSON.parse(json) as InlineCode[]) : undefined;
  };
  if (format === 'tsv') return writeTsv(doc.rows, codes);
  return writeTmx([{ meta: doc.summary, segments: doc.rows }], {
    toolVersion,
    creationDate: new Date(doc.summary.updated),
    unitId: (_, position) => doc.rows[position]!.unitId,
    codes: (_, position, lang) => codes(position, lang),
  });
}
