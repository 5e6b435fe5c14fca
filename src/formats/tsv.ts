/**
 * Tab-separated rows of an aligned document: a header line, then one line per row. Tabs, newlines, carriage
 * returns and backslashes inside text are escaped as \t \n \r \\ so that every row is exactly one line.
 */
import type { DocumentRow } from '../types';

export const TSV_COLUMNS = ['position', 'paragraph', 'unit_id', 'ar', 'en', 'zh'] as const;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', t: '\t', n: '\n', r: '\r' };

export function escapeTsv(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!);
}

export function unescapeTsv(text: string): string {
  return text.replace(/\\([\\tnr])/g, (_, ch: string) => UNESCAPES[ch]!);
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
