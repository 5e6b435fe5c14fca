/**
 * Tab-separated rows of an aligned document: a header line, then one line per row. Tabs, newlines, carriage
 * returns and backslashes inside text are escaped as \t \n \r \\ so that every row is exactly one line.
 *
 * After the texts, what the aligner and the reviewers said of the row: `confidence` (0–1), `review` (empty unless
 * the row is up for review; then the reasons joined with ",", e.g. `counts,neighbour`, or `flagged` for a flag
 * without a reason) and `reviewed` (when a person marked the row reviewed, ISO 8601; empty otherwise). Files of the
 * six text columns alone, as written before, are still read.
 *
 * Spreadsheets run a cell that starts with = + - or @ as a formula (CSV/TSV injection: `=HYPERLINK(…)` in a TM
 * segment would run on the translator's machine). Such a cell is written with a leading `'`, which spreadsheets show
 * as text and do not display; a cell that itself starts with `'` gets one more, so readTsv can drop exactly one.
 * A cell never starts with a tab or a carriage return: those are escaped.
 */
import { REVIEW_REASONS, type DocumentRow, type ReviewReason } from '../types';

/** The text columns, all a file had before the review columns came. */
const TEXT_COLUMNS = ['position', 'paragraph', 'unit_id', 'ar', 'en', 'zh'] as const;
export const TSV_COLUMNS = [...TEXT_COLUMNS, 'confidence', 'review', 'reviewed'] as const;

/** The `review` cell of a row flagged without a reason. */
const FLAGGED = 'flagged';

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

/** First characters a spreadsheet would read as the start of a formula, and the quote that defuses them. */
const FORMULA_START = /^[=+\-@']/;

export function escapeTsv(text: string): string {
  const escaped = text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!);
  return FORMULA_START.test(escaped) ? `'${escaped}` : escaped;
}

export function unescapeTsv(text: string): string {
  return (text.startsWith("'") ? text.slice(1) : text).replace(/\\([\\tnr])/g, (_, ch: string) => UNESCAPES[ch]!);
}

export interface TsvRow extends DocumentRow {
  unitId: string;
  /** When a person marked the row reviewed (ISO 8601). */
  reviewed?: string;
}

const reviewCell = (r: TsvRow) => (r.review ? r.reasons?.join(',') || FLAGGED : '');

export function writeTsv(rows: readonly TsvRow[]): string {
  const lines = [TSV_COLUMNS.join('\t')];
  for (const r of rows) {
    const texts = [String(r.position), String(r.paragraph), r.unitId, r.ar, r.en, r.zh];
    const review = [String(r.confidence ?? 1), reviewCell(r), r.reviewed ?? ''];
    lines.push([...texts, ...review].map(escapeTsv).join('\t'));
  }
  return lines.join('\n') + '\n';
}

/** The review cells read back: only what differs from a row nobody flagged (confidence 1, not up for review). */
function reviewFields(confidence: string, review: string, reviewed: string): Partial<TsvRow> {
  const fields: Partial<TsvRow> = {};
  if (confidence !== '' && Number(confidence) !== 1) fields.confidence = Number(confidence);
  if (review !== '') {
    fields.review = true;
    const reasons = review
      .split(',')
      .filter((x): x is ReviewReason => (REVIEW_REASONS as readonly string[]).includes(x));
    if (review !== FLAGGED && reasons.length > 0) fields.reasons = reasons;
  }
  if (reviewed !== '') fields.reviewed = reviewed;
  return fields;
}

export function readTsv(text: string): TsvRow[] {
  const [head, ...lines] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const columns = [TSV_COLUMNS, TEXT_COLUMNS].find((c) => head === c.join('\t'))?.length;
  if (!columns) throw new Error(`TSV header must be: ${TSV_COLUMNS.join(' ')}`);
  return lines.map((line, i) => {
    const cells = line.split('\t').map(unescapeTsv);
    if (cells.length !== columns) throw new Error(`TSV line ${i + 2}: ${cells.length} columns, expected ${columns}`);
    const [position, paragraph, unitId, ar, en, zh, confidence = '', review = '', reviewed = ''] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    const row = { position: Number(position), paragraph: Number(paragraph), unitId, ar, en, zh };
    return { ...row, ...reviewFields(confidence, review, reviewed) };
  });
}
