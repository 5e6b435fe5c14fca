/**
 * A printable side-by-side page of an aligned document: one table row per aligned row, Arabic right-to-left in its
 * own column, English and Chinese beside it, each row's confidence, and what the review says of it: the reasons a
 * row is up for review, or when a person marked it reviewed, in words (not by colour alone). Rows are numbered as
 * the API numbers them, from 0 (`position`, the corrections' `row`). A row's inline codes (a row whose unit an import
 * replaced by a `tu` with codes) are shown as codes: each a marked span (class `code`) showing what it stands for —
 * its native markup (`<b>`, `{0}`) as text — or, without any, a short label (↵ for a line break, its kind, `hi` and
 * `/hi`, a private-use character the source held by its code point, `U+E123`), with the code as the TMX writes it
 * as its title; never the private-use character mizan keeps it as. Self-contained (inline CSS), valid HTML5, every
 * text escaped.
 */
import { hasPlaceables, isPlaceable, PLACEABLE_BASE, type InlineCode } from './placeables';
import { codeAsText } from './tsv';
import type { DocumentMeta, DocumentRow, Lang, ReviewReason } from '../types';

const PLACEABLES = /[\uE000-\uF8FF]/g;

/** A text escaped, its private-use characters (placeables, outside a row's cells) left out. */
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(PLACEABLES, '');

/** What a code shows: its native markup, else a short label (see the module's comment). */
function codeLabel(code: InlineCode): string {
  if (code.kind === 'char') {
    const hex = /^&#x([0-9a-f]+);$/i.exec(code.xml)?.[1];
    return hex ? `U+${hex.toUpperCase().padStart(4, '0')}` : 'char';
  }
  const native = codeAsText(code);
  if (native === '\n') return '↵';
  if (native.trim() !== '') return native;
  return code.close ? `/${code.kind}` : code.kind;
}

/** One placeable as a marked span (left to right, isolated from the text around it); `code` undefined: unknown. */
function codeSpan(code: InlineCode | undefined): string {
  const [label, title] = code ? [codeLabel(code), code.xml] : ['code', 'an inline code'];
  return `<span class="code" dir="ltr" title="${escape(title)}">${escape(label)}</span>`;
}

/** A row's text in a language, escaped, each placeable k (U+E000 + k) shown as its code from `codes`. */
function textHtml(text: string, codes: readonly InlineCode[] | undefined): string {
  if (!hasPlaceables(text)) return escape(text);
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isPlaceable(c)) continue;
    out += escape(text.slice(from, i)) + codeSpan(codes?.[c - PLACEABLE_BASE]);
    from = i + 1;
  }
  return out + escape(text.slice(from));
}

const HEAD_ROW =
  '<tr><th scope="col">#</th><th scope="col" lang="ar" dir="rtl">العربية</th><th scope="col">English</th>' +
  '<th scope="col" lang="zh-Hans">中文</th><th scope="col">confidence</th><th scope="col">review</th></tr>';

/** Why a row is up for review, in the words of the web page's English (web/src/locales/en.json). */
const REASONS: Record<ReviewReason, string> = {
  confidence: 'unsure link',
  missing: 'a language is missing',
  counts: 'sentence counts differ',
  'weak-split': 'cut at a bare «و» or “and”',
  'split-numbers': 'numbers disagree after a cut',
  neighbour: 'next to a gap',
  shifted: 'its text belongs to the row next to it',
};

/**
 * The page's one style sheet, inline so the file stands alone; the HTTP answer's Content-Security-Policy allows
 * exactly this text by its hash (and no script at all).
 */
export const HTML_STYLE = `
body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; margin: 2em; }
h1 { font-size: 1.3em; } h1 [lang=ar] { display: block; direction: rtl; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .4em .6em; vertical-align: top; }
td[lang=ar] { direction: rtl; text-align: right; font-size: 1.1em; width: 32%; }
td[lang=en] { width: 30%; } td[lang=zh-Hans] { width: 22%; }
th.n, td.c, td.r { color: #555; font-size: .85em; }
th.n, td.c { white-space: nowrap; font-weight: normal; }
tr.review td, tr.review th { background: #fff4d6; }
tr.review td.r strong { color: #7a4b00; }
.code { font: .8em monospace; color: #5b2a86; background: #f1eaf8; border: 1px solid #d9c8ea; border-radius: 3px;
  padding: 0 .2em; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
`;

/** A document row as written, with its unit id and when a person marked it reviewed (ISO 8601). */
export type HtmlRow = DocumentRow & { unitId?: string; reviewed?: string };

/** The review cell: the reasons a row is up for review, or when it was marked reviewed; empty otherwise. */
function reviewCell(r: HtmlRow): string {
  if (r.review) {
    const reasons = (r.reasons ?? []).map((x) => REASONS[x] ?? x).join('; ');
    return `<strong>to review</strong>${reasons ? `: ${escape(reasons)}` : ''}`;
  }
  if (r.reviewed) return `reviewed <time datetime="${escape(r.reviewed)}">${escape(r.reviewed.slice(0, 10))}</time>`;
  return '';
}

/** The page; `codes` gives the inline codes of a row's text that holds placeables (U+E000 + k ↔ code k). */
export function writeHtml(
  meta: DocumentMeta,
  rows: readonly HtmlRow[],
  codes?: (position: number, lang: Lang) => readonly InlineCode[] | undefined,
): string {
  const cell = (r: HtmlRow, lang: Lang) => textHtml(r[lang], codes?.(r.position, lang));
  const title = meta.titles.ar || meta.titles.en || meta.id;
  const heading =
    `<span lang="ar" dir="rtl">${escape(meta.titles.ar)}</span> ${escape(meta.titles.en)} ` +
    `<span lang="zh-Hans">${escape(meta.titles.zh)}</span>`;
  const flagged = rows.filter((r) => r.review).length;
  const reviewed = rows.filter((r) => r.reviewed).length;
  const body = rows
    .map((r) => {
      const conf = r.confidence ?? 1;
      const cls = r.review ? ' class="review"' : '';
      const cells = [
        `<th scope="row" class="n">${r.position}</th>`,
        `<td lang="ar" dir="rtl">${cell(r, 'ar')}</td>`,
        `<td lang="en" dir="ltr">${cell(r, 'en')}</td>`,
        `<td lang="zh-Hans" dir="ltr">${cell(r, 'zh')}</td>`,
        `<td class="c">${conf.toFixed(2)}</td>`,
        `<td class="r">${reviewCell(r)}</td>`,
      ];
      return `<tr${cls} id="row-${r.position}">${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<h1>${heading}</h1>
<p>${escape(meta.source)} · ${escape(meta.date)} · ${rows.length} rows, ${flagged} to review, ${reviewed} reviewed</p>
<table>
<caption>Rows numbered from 0, as the API numbers them (position)</caption>
<thead>${HEAD_ROW}</thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}
