/** Previous / next page buttons and "items a–b of n", in the UI's numbers. */
import { h, on } from '../dom';
import { num, t } from '../i18n';

export function pager(offset: number, limit: number, total: number, go: (offset: number) => void): HTMLElement {
  const prev = h('button', { type: 'button', disabled: offset <= 0, text: t('common.prev') });
  const next = h('button', { type: 'button', disabled: offset + limit >= total, text: t('common.next') });
  on(prev, 'click', () => go(Math.max(0, offset - limit)));
  on(next, 'click', () => go(offset + limit));
  const range = total
    ? t('common.range', { from: num(offset + 1), to: num(Math.min(offset + limit, total)), total: num(total) })
    : '';
  return h('nav', { class: 'pager', 'aria-label': t('common.pages') }, prev, h('span', { text: range }), next);
}
