/**
 * A match's difference from the query, drawn from the `explain` spans on both texts. Each kind is its own element
 * and line style — inserted (double underline), deleted (struck through), replaced (wavy), clitic (dotted) — with a
 * hidden word for screen readers, so it is never told by colour alone.
 */
import { h } from '../dom';
import { t } from '../i18n';

export interface DiffSpan {
  op: 'equal' | 'insert' | 'delete' | 'replace' | 'clitic';
  query: [number, number];
  source: [number, number];
}

function mark(op: DiffSpan['op'], text: string): Node {
  if (op === 'equal') return document.createTextNode(text);
  const tag = op === 'insert' ? 'ins' : op === 'delete' ? 'del' : 'mark';
  const el = h(tag, { class: `d d-${op}`, 'data-op': op, title: t(`diff.${op}`) });
  el.append(h('span', { class: 'visually-hidden', text: `[${t(`diff.${op}`)}: ` }), text);
  el.append(h('span', { class: 'visually-hidden', text: ']' }));
  return el;
}

/** One side of the alignment as text with its differences marked. */
export function diffLine(text: string, spans: DiffSpan[], side: 'query' | 'source'): HTMLElement {
  const line = h('span', { class: 'diff-line' });
  for (const span of spans) {
    const [start, end] = span[side];
    if (end > start) line.append(mark(span.op, text.slice(start, end)));
  }
  return line;
}

export function diffLegend(): HTMLElement {
  const items = (['insert', 'delete', 'replace', 'clitic'] as const).map((op) =>
    h('li', {}, mark(op, t(`diff.${op}`))),
  );
  return h('ul', { class: 'legend', 'aria-label': t('diff.legend') }, items);
}
