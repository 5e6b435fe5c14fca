/**
 * One document side by side (Arabic right-to-left, English, Chinese), each row's confidence, flagged rows marked
 * and a filter for them; a flagged row marked reviewed (and the mark taken back); corrections (merge, split, move a
 * sentence). Every write is sent with the revision the page shows, so a document changed meanwhile answers 409/412
 * and the page says so instead of overwriting; exports. Rows are numbered as the API numbers them, from 0.
 */
import { ApiError, call, qs } from '../api';
import { announce, dirOf, fill, h, on } from '../dom';
import { errorBox } from '../errors';
import { counted, date, langName, LANGS, num, percent, t, type Lang } from '../i18n';
import { access } from '../session';
import { exportLinks } from './exports';
import { reviewButton, reviewState } from './review-mark';
import { rowTools, type Op } from './row-tools';

export interface Row {
  position: number;
  paragraph: number;
  unitId: string;
  ar: string;
  en: string;
  zh: string;
  confidence: number;
  review: boolean;
  /** Why the row is flagged (src/types.ts, ReviewReason); kept once it is reviewed. */
  reasons?: string[];
  /** When a person marked the row reviewed (ISO 8601). */
  reviewed?: string;
}

export interface Doc {
  id: string;
  tm: string;
  title: string;
  titles: Record<Lang, string>;
  source: string;
  date: string;
  rev: number;
  segments: Row[];
}

export function renderDocument(main: HTMLElement, params: URLSearchParams, id: string): void {
  const tm = params.get('tm') ?? undefined;
  const onlyReview = h('input', { type: 'checkbox', id: 'only-review' });
  onlyReview.checked = params.get('review') === '1';
  const alerts = h('div', { class: 'alerts' });
  const head = h('div', { class: 'doc-head' });
  const table = h('div', { class: 'table-wrap' });
  let doc: Doc | null = null;
  let etag: string | null = null;

  const load = async () => {
    fill(alerts);
    head.textContent = t('common.loading');
    try {
      const answer = await call<Doc>('GET', `/api/v1/documents/${encodeURIComponent(id)}${qs({ tm })}`);
      doc = answer.body;
      etag = answer.etag;
      show();
      const row = params.get('row');
      if (row !== null) {
        const el = document.getElementById(`row-${row}`);
        el?.classList.add('target');
        el?.scrollIntoView({ block: 'center' });
        el?.focus();
      }
    } catch (error) {
      fill(head);
      fill(alerts, errorBox(error));
    }
  };

  /** A write of the document's rows (`alignment` or `review`) against the revision shown; `done` says what it did. */
  const save = async (what: 'alignment' | 'review', body: object, done?: string, focus?: number) => {
    if (!doc) return;
    fill(alerts);
    try {
      const answer = await call<Doc>('PATCH', `/api/v1/documents/${encodeURIComponent(id)}/${what}${qs({ tm })}`, {
        body: { ...body, rev: doc.rev },
        headers: { 'If-Match': etag ?? `"rev-${doc.rev}"` },
      });
      doc = answer.body;
      etag = answer.etag;
      show();
      const saved = [done, t('document.saved', { rev: num(doc.rev) })].filter(Boolean).join(' ');
      announce(saved);
      fill(alerts, h('p', { class: 'notice', role: 'status', text: saved }));
      // The button pressed is gone with the old rows: focus its row (or, filtered out, the first row still shown).
      if (focus !== undefined)
        (document.getElementById(`row-${focus}`) ?? table.querySelector<HTMLElement>('tbody tr'))?.focus();
    } catch (error) {
      const conflict = error instanceof ApiError && (error.status === 409 || error.status === 412);
      const reload = conflict ? h('button', { type: 'button', text: t('document.reload') }) : null;
      if (reload) on(reload, 'click', () => void load());
      fill(alerts, errorBox(error, conflict ? h('p', { text: t('document.conflict') }) : null, reload));
    }
  };

  const apply = (ops: Op[]) => save('alignment', { ops });
  const mark = (row: number, reviewed: boolean) =>
    void save(
      'review',
      { rows: [row], reviewed },
      t(reviewed ? 'document.markedReviewed' : 'document.unmarkedReviewed', { row: num(row) }),
      row,
    );

  const show = () => {
    if (!doc) return;
    const d = doc;
    const flagged = d.segments.filter((r) => r.review).length;
    const reviewed = d.segments.filter((r) => r.reviewed).length;
    const title = d.title || d.titles.en || d.titles.ar || d.id;
    fill(
      head,
      h('h1', { dir: 'auto', text: title }),
      h(
        'p',
        { class: 'meta' },
        // Each part isolated (bdi): a Latin source name beside an Arabic date must not reorder them.
        [d.source, d.date ? date(d.date) : '', t('document.rev', { rev: num(d.rev) })]
          .filter(Boolean)
          .flatMap((part, i) => [i ? ' · ' : '', h('bdi', { text: part })]),
      ),
      h('p', {
        class: 'meta',
        text: [
          t('document.summary', {
            rows: counted('common.rows', d.segments.length),
            toReview: counted('document.toReview', flagged),
          }),
          reviewed ? counted('document.reviewed', reviewed) : '',
        ]
          .filter(Boolean)
          .join(' · '),
      }),
      h('p', { class: 'meta', text: t('document.numbering') }),
      exportLinks(d.id, d.tm),
      h('p', {}, h('label', { class: 'check', for: 'only-review' }, onlyReview, t('document.onlyReview'))),
    );
    const write = access().can.write;
    const rows = d.segments
      .filter((r) => !onlyReview.checked || r.review)
      .map((r) =>
        h(
          'tr',
          {
            id: `row-${r.position}`,
            tabindex: -1,
            class: r.review ? 'flagged' : r.reviewed ? 'reviewed' : null,
            'data-position': r.position,
          },
          h('th', { scope: 'row', class: 'num' }, num(r.position), reviewState(r)),
          LANGS.map((l) => h('td', { lang: l, dir: dirOf(l), class: `text text-${l}`, text: r[l] })),
          h(
            'td',
            { class: 'num conf' },
            h('meter', {
              min: 0,
              max: 1,
              low: 0.5,
              high: 0.8,
              optimum: 1,
              value: r.confidence,
              'aria-label': t('document.confidence'),
            }),
            ' ',
            percent(r.confidence),
          ),
          h(
            'td',
            { class: 'tools' },
            write
              ? [reviewButton(r, mark), rowTools(r, r.position < d.segments.length - 1, apply)]
              : h('span', { class: 'help', text: t('keys.readOnly') }),
          ),
        ),
      );
    fill(
      table,
      h(
        'table',
        { class: 'aligned' },
        h('caption', { class: 'visually-hidden', text: title }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', text: t('document.row') }),
            LANGS.map((l) => h('th', { scope: 'col', text: langName(l) })),
            h('th', { scope: 'col', text: t('document.confidence') }),
            h('th', { scope: 'col', text: t('document.corrections') }),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );
  };

  on(onlyReview, 'change', show);
  fill(main, h('p', {}, h('a', { href: '#/documents', text: t('document.back') })), head, alerts, table);
  void load();
}
