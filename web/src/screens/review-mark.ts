/**
 * What the review says of a row, and the button that changes it: a flagged row can be marked reviewed (it leaves
 * the rows to review), a reviewed row shows when, and its mark can be taken back. The mark holds for the row's texts
 * as marked: the server ends it when a correction or an edit changes them (README, "Reviewing rows").
 */
import { h, on } from '../dom';
import { date, num, t } from '../i18n';

interface ReviewedRow {
  position: number;
  review: boolean;
  reviewed?: string;
  reasons?: string[];
}

/** The flag, or the reviewed badge, with the reasons the aligner gave (kept once the row is reviewed). */
export function reviewState(r: ReviewedRow): HTMLElement[] {
  const reasons = r.reasons?.length
    ? h('span', { class: 'reasons', text: r.reasons.map((x) => t(`document.reasons.${x}`)).join(' · ') })
    : null;
  if (r.review) return [h('span', { class: 'flag', text: t('document.flag') }), ...(reasons ? [reasons] : [])];
  if (!r.reviewed) return [];
  const badge = h('span', { class: 'reviewed-on', text: t('document.reviewedOn', { date: date(r.reviewed) }) });
  return [badge, ...(reasons ? [reasons] : [])];
}

/** Mark reviewed (a flagged row) or take the mark back (a reviewed row); null for any other row. */
export function reviewButton(r: ReviewedRow, mark: (row: number, reviewed: boolean) => void): HTMLElement | null {
  if (!r.review && !r.reviewed) return null;
  const reviewed = r.review;
  const button = h(
    'button',
    { type: 'button', class: reviewed ? 'mark-reviewed' : 'unmark-reviewed' },
    t(reviewed ? 'document.markReviewed' : 'document.unmarkReviewed'),
    // The row in the button's name: a screen reader listing buttons hears which row each one is for.
    h('span', { class: 'visually-hidden', text: ` (${t('document.row')} ${num(r.position)})` }),
  );
  on(button, 'click', () => mark(r.position, reviewed));
  return h('div', { class: 'tool review-tool' }, button);
}
