/**
 * Tab-separated rows of an aligned document: a header line, then one line per row. Tabs, newlines, carriage
 * returns and backslashes inside text are escaped as \t \n \r \\ so that every row is exactly one line.
 *
 * Spreadsheets run a cell that starts with = + - or @ as a formula (CSV/TSV injection: `=HYPERLINK(…)` in a TM
 * segment would run on the translator's machine). Such a cell is written with a leading `'`, which spreadsheets show
 * as text and do not display; a cell that itself starts with `'` gets one more, so readTsv can drop exactly one.
 * A cell never starts with a tab or a carriage return: those are escaped.
 */
import type { DocumentRow } from '../types';

export const TSV_COLUMNS = ['position', 'paragraph', 'unit_id', 'ar', 'en', 'zh'] as const;

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
}

export function writeTsv(rows: readonly TsvRow[]): string {
  const lines = [TSV_COLUMNS.join('\t')];
  for (const r of rows) {
    lines.push([String(r.position), String(r.paragraph), r.unitId, r.ar, r.en, r.zh].map(escapeTsv).join('\t'));
  }
  return lines.join('\n') + '\n';
}

export function readTsv(text: string): TsvRow[] {
  const [head, ...lines] = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  if (head !== TSV_COLUMNS.join('\t')) throw new Error(`TSV header must be: ${TSV_COLUMNS.join(' ')}`);
  return lines.map((line, i) => {
    const cells = line.split('\t').map(unescapeTsv);
    if (cells.length !== TSV_COLUMNS.length)
      throw new Error(`TSV line ${i + 2}: ${cells.length} columns, expected ${TSV_COLUMNS.length}`);
    const [position, paragraph, unitId, ar, en, zh] = cells as [string, string, string, string, string, string];
    return { position: Number(position), paragraph: Number(paragraph), unitId, ar, en, zh };
  });
}
