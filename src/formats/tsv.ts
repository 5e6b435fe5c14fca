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
 *
 * A TSV cell is plain text, so a text's placeables (inline codes, placeables.ts) are written as what they stand for
 * ({@link placeablesAsText}): a line break as a newline (escaped `\n` like any other), any other code as its native
 * text (`[1]`, `{0}`, `<b>`), and a code without any as nothing — or a space where the words on both sides would
 * otherwise run together. No private-use character is written (the one a source held literally is left out).
 */
import { LANGS, REVIEW_REASONS, type DocumentRow, type Lang, type ReviewReason } from '../types';
import { PLACEABLE_BASE, hasPlaceables, isPlaceable, stripPlaceables, wordChar, type InlineCode } from './placeables';

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

/** Native code that is a line break: HTML `<br>`, an escaped `\n`, RTF's `\line` and `\par`, a newline itself. */
const LINE_BREAK = /^(?:<br\s*\/?>|\\n|\\line|\\par|\r?\n)$/i;
/** `type="lb"` on a code's start tag (TMX `ph`, XLIFF 1.2 `x`/`ph` with `ctype="lb"`). */
const LB_TYPE = /^<[^>]*\s(?:type|ctype)\s*=\s*["']lb["']/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character data unescaped: the five predefined entities and character references. */
function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const cp = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
  });
}

/**
 * What a code stands for as plain text: '\n' for a line break, its native text, or '' when it has none. The native
 * text is the element's content, its markup (a `sub` element's tags) dropped and its escapes undone. A `char` code
 * (a private-use character the source held) is left out: in mizan every private-use character in a text is a
 * placeable, and a TSV read back (readTsv) would take it for a code it has not got.
 */
export function codeAsText(code: InlineCode): string {
  if (code.kind === 'char') return '';
  if (LB_TYPE.test(code.xml)) return '\n';
  const open = code.xml.indexOf('>');
  const close = code.xml.lastIndexOf('</');
  if (open < 0 || code.xml[open - 1] === '/' || close <= open) return '';
  const native = stripPlaceables(unescapeXml(code.xml.slice(open + 1, close).replace(/<[^>]*>/g, '')));
  return LINE_BREAK.test(native) ? '\n' : native;
}

/**
 * A text with placeables as plain text for a TSV cell (see the module's comment): `codes` are the text's own
 * (placeable k ↔ U+E000 + k); a placeable without a code counts as one without native text. A standalone code
 * (`ph`, `ut`) without native text between two letters or digits becomes a space (`new<ph/>line` → "new line");
 * paired and formatting codes (`bpt`, `ept`, `it`, `hi`) wrap text and add nothing.
 */
export function placeablesAsText(text: string, codes: readonly InlineCode[] = []): string {
  if (!hasPlaceables(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isPlaceable(c)) continue;
    out += text.slice(from, i);
    from = i + 1;
    const code = codes[c - PLACEABLE_BASE];
    const shown = code ? codeAsText(code) : '';
    if (shown !== '') out += shown;
    else if ((!code || code.kind === 'ph' || code.kind === 'ut') && wordChar(out.at(-1)) && wordChar(nextChar(text, i)))
      out += ' ';
  }
  return out + text.slice(from);
}

/** The first character after `i` that is not a placeable. */
function nextChar(text: string, i: number): string | undefined {
  let k = i + 1;
  while (k < text.length && isPlaceable(text.charCodeAt(k))) k++;
  return text[k];
}

export interface TsvRow extends DocumentRow {
  unitId: string;
  /** When a person marked the row reviewed (ISO 8601). */
  reviewed?: string;
}

const reviewCell = (r: TsvRow) => (r.review ? r.reasons?.join(',') || FLAGGED : '');

/**
 * A document's rows as TSV. A row's text holds placeables only when an import replaced its unit by a `tu` with codes;
 * `codes` gives them (a placeable without its code is left out).
 */
export function writeTsv(
  rows: readonly TsvRow[],
  codes?: (position: number, lang: Lang) => readonly InlineCode[] | undefined,
): string {
  const lines = [TSV_COLUMNS.join('\t')];
  for (const r of rows) {
    const texts = [
      String(r.position),
      String(r.paragraph),
      r.unitId,
      ...LANGS.map((lang) => placeablesAsText(r[lang], codes?.(r.position, lang))),
    ];
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
