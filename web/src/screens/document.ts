/**
 * One document side by side (Arabic right-to-left, English, Chinese), each row's confidence, flagged rows marked
 * and a filter for them; corrections (merge, split, move a sentence) sent with the revision the page shows, so a
 * document changed meanwhile answers 409/412 and the page says so instead of overwriting; exports.
 */
import { ApiError, call, qs } from '../api';
import { announce, dirOf, fill, h, on } from '../dom';
import { errorBox } from '../errors';
import { date, langName, LANGS, num, percent, t, type Lang } from '../i18n';
import { access } from '../session';
import { exportLinks } from './exports';
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
  /** Why the row is flagged (src/types.ts, ReviewReason). */
  reasons?: string[];
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
  const body = h('div', { class: 'table-wrap' });
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

  const apply = async (ops: Op[]) => {
    if (!doc) return;
    fill(alerts);
    try {
      const answer = await call<Doc>('PATCH', `/api/v1/documents/${encodeURIComponent(id)}/alignment${qs({ tm })}`, {
        body: { ops, rev: doc.rev },
        headers: { 'If-Match': etag ?? `"rev-${doc.rev}"` },
      });
      doc = answer.body;
      etag = answer.etag;
      show();
      announce(t('document.saved', { rev: num(doc.rev) }));
      fill(alerts, h('p', { class: 'notice', role: 'status', text: t('document.saved', { rev: num(doc.rev) }) }));
    } catch (error) {
      const conflict = error instanceof ApiError && (error.status === 409 || error.status === 412);
      const reload = conflict ? h('button', { type: 'button', text: t('document.reload') }) : null;
      if (reload) on(reload, 'click', () => void load());
      fill(alerts, errorBox(error, conflict ? h('p', { text: t('document.conflict') }) : null, reload));
    }
  };

  const show = () => {
    if (!doc) return;
    const d = doc;
    const flagged = d.segments.filter((r) => r.review).length;
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
        text: t('document.summary', { rows: num(d.segments.length), flagged: num(flagged), count: flagged }),
      }),
      exportLinks(d.id, d.tm),
      h('p', {}, h('label', { class: 'check', for: 'only-review' }, onlyReview, t('document.onlyReview'))),
    );
    const write = access().can.write;
    const rows = d.segments
      .filter((r) => !onlyReview.checked || r.review)
      .map((r) =>
        h(
          'tr',
          { id: `row-${r.position}`, tabindex: -1, class: r.review ? 'flagged' : null, 'data-position': r.position },
          h(
            'th',
            { scope: 'row', class: 'num' },
            num(r.position + 1),
            r.review ? h('span', { class: 'flag', text: t('document.flag') }) : null,
            r.review && r.reasons?.length
              ? h('span', { class: 'reasons', text: r.reasons.map((x) => t(`document.reasons.${x}`)).join(' · ') })
              : null,
          ),
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
              ? rowTools(r, r.position < d.segments.length - 1, apply)
              : h('span', { class: 'help', text: t('keys.readOnly') }),
          ),
        ),
      );
    fill(
      body,
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
  fill(main, h('p', {}, h('a', { href: '#/documents', text: t('document.back') })), head, alerts, body);
  void load();
}
