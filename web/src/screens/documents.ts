/** The documents of a TM: search by title or source, paging, each opening the side-by-side view. */
import { get, qs } from '../api';
import { dirOf, fill, h, on, scriptLang } from '../dom';
import { errorBox } from '../errors';
import { counted, date, num, t } from '../i18n';
import { pager } from './pager';

interface Summary {
  id: string;
  tm: string;
  title: string;
  titles: { ar: string; en: string; zh: string };
  source: string;
  date: string;
  segments: number;
  rev: number;
}

const PAGE = 10;
const state = { tm: '', filter: '', offset: 0 };

const textOf = (d: Summary) => [d.title, d.titles.ar, d.titles.en, d.titles.zh, d.source, d.id].join(' ').toLowerCase();

export function renderDocuments(main: HTMLElement): void {
  const tmSelect = h('select', { id: 'dtm' });
  const filter = h('input', { id: 'dfilter', type: 'search', autocomplete: 'off' });
  filter.value = state.filter;
  const status = h('div', { class: 'results-status', 'aria-live': 'polite' });
  const table = h('div', { class: 'table-wrap' });
  const nav = h('div', { class: 'pager-slot' });
  let all: Summary[] = [];

  const show = () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const found = all.filter((d) => words.every((w) => textOf(d).includes(w)));
    if (state.offset >= found.length) state.offset = 0;
    const page = found.slice(state.offset, state.offset + PAGE);
    status.textContent = counted('documents.count', found.length);
    const rows = page.map((d) => {
      const title = d.title || d.titles.en || d.titles.ar || d.titles.zh || d.id;
      const lang = scriptLang(title) ?? 'en';
      return h(
        'tr',
        {},
        h(
          'td',
          {},
          h('a', {
            href: `#/documents/${encodeURIComponent(d.id)}${qs({ tm: d.tm })}`,
            lang,
            dir: dirOf(lang),
            text: title,
          }),
        ),
        h('td', { text: d.source }),
        h('td', { text: d.date ? date(d.date) : '' }),
        h('td', { class: 'num', text: num(d.segments) }),
        h('td', { class: 'num', text: num(d.rev) }),
      );
    });
    fill(
      table,
      h(
        'table',
        {},
        h('caption', { class: 'visually-hidden', text: t('documents.title') }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['documents.name', 'documents.source', 'documents.date', 'documents.rows', 'documents.rev'].map((k) =>
              h('th', { scope: 'col', text: t(k) }),
            ),
          ),
        ),
        h('tbody', {}, rows),
      ),
    );
    fill(
      nav,
      pager(state.offset, PAGE, found.length, (offset) => {
        state.offset = offset;
        show();
      }),
    );
  };

  const load = async () => {
    status.textContent = t('common.loading');
    try {
      const tm = tmSelect.value || state.tm;
      all = (await get<{ documents: Summary[] }>(`/api/v1/documents${qs({ tm })}`)).documents;
      show();
    } catch (error) {
      fill(table);
      fill(status, errorBox(error));
    }
  };

  on(filter, 'input', () => {
    state.filter = filter.value;
    state.offset = 0;
    show();
  });
  on(tmSelect, 'change', () => {
    state.tm = tmSelect.value;
    state.offset = 0;
    void load();
  });
  fill(
    main,
    h('h1', { text: t('documents.title') }),
    h(
      'div',
      { class: 'panel row' },
      h('span', {}, h('label', { for: 'dtm', text: t('common.tm') }), ' ', tmSelect),
      h('span', { class: 'grow' }, h('label', { for: 'dfilter', text: t('documents.filter') }), ' ', filter),
    ),
    status,
    table,
    nav,
  );
  void (async () => {
    try {
      const { tms } = await get<{ tms: { name: string; documents: number }[] }>('/api/v1/tms');
      fill(
        tmSelect,
        tms.map((tm) => h('option', { value: tm.name, text: `${tm.name} (${num(tm.documents)})` })),
      );
      if (state.tm && tms.some((x) => x.name === state.tm)) tmSelect.value = state.tm;
    } catch {
      // the documents call reports the failure
    }
    await load();
  })();
}
