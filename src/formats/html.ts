/**
 * A printable side-by-side page of an aligned document: one table row per aligned row, Arabic right-to-left in its
 * own column, English and Chinese beside it, rows flagged for review marked. Self-contained (inline CSS), valid
 * HTML5, every text escaped.
 */
import type { DocumentMeta, DocumentRow } from '../types';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HEAD_ROW =
  '<tr><th>#</th><th lang="ar" dir="rtl">العربية</th><th>English</th><th lang="zh-Hans">中文</th>' +
  '<th>confidence</th></tr>';

/**
 * The page's one style sheet, inline so the file stands alone; the HTTP answer's Content-Security-Policy allows
 * exactly this text by its hash (and no script at all).
 */
export const HTML_STYLE = `
body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", sans-serif; margin: 2em; }
h1 { font-size: 1.3em; } h1 [lang=ar] { display: block; direction: rtl; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: .4em .6em; vertical-align: top; }
td[lang=ar] { direction: rtl; text-align: right; font-size: 1.1em; width: 34%; }
td[lang=en] { width: 33%; } td[lang=zh-Hans] { width: 25%; }
td.n, td.c { color: #666; font-size: .85em; white-space: nowrap; }
tr.review td { background: #fff4d6; }
@media print { body { margin: 0; } tr { page-break-inside: avoid; } }
`;

export function writeHtml(meta: DocumentMeta, rows: readonly (DocumentRow & { unitId?: string })[]): string {
  const title = meta.titles.ar || meta.titles.en || meta.id;
  const heading =
    `<span lang="ar" dir="rtl">${escape(meta.titles.ar)}</span> ${escape(meta.titles.en)} ` +
    `<span lang="zh-Hans">${escape(meta.titles.zh)}</span>`;
  const body = rows
    .map((r) => {
      const conf = r.confidence ?? 1;
      const cls = r.review ? ' class="review"' : '';
      const cells = [
        `<td class="n">${r.position + 1}</td>`,
        `<td lang="ar" dir="rtl">${escape(r.ar)}</td>`,
        `<td lang="en" dir="ltr">${escape(r.en)}</td>`,
        `<td lang="zh-Hans" dir="ltr">${escape(r.zh)}</td>`,
        `<td class="c">${conf.toFixed(2)}</td>`,
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
<p>${escape(meta.source)} · ${escape(meta.date)} · ${rows.length} rows</p>
<table>
<thead>${HEAD_ROW}</thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>
`;
}
