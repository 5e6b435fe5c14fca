/**
 * Concordance: a phrase in any of the three languages; hits with the phrase highlighted, the other two languages
 * beside it, paging; a hit opens its unit's row in its document.
 */
import { get, qs } from '../api';
import { announce, dirOf, fill, h, on, scriptLang } from '../dom';
import { errorBox } from '../errors';
import { counted, langName, LANGS, num, t, type Lang } from '../i18n';
import { pager } from './pager';

interface Hit {
  unitId: string;
  tm: string;
  ar: string;
  en: string;
  zh: string;
  documentId: string | null;
  position: number | null;
  highlights: [number, number][];
}

const LIMIT = 20;
const state = { q: '', lang: 'auto', offset: 0, searched: false };

function highlighted(text: string, spans: [number, number][]): Node[] {
  const out: Node[] = [];
  let at = 0;
  for (const [start, end] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out.push(document.createTextNode(text.slice(at, start)), h('mark', { class: 'hit' }, text.slice(start, end)));
    at = end;
  }
  out.push(document.createTextNode(text.slice(at)));
  return out;
}

function hitItem(hit: Hit, lang: Lang): HTMLElement {
  const texts = LANGS.filter((l) => hit[l]).map((l) =>
    h(
      'p',
      { lang: l, dir: dirOf(l), class: l === lang ? 'hit-text' : 'hit-other' },
      l === lang ? highlighted(hit[l], hit.highlights) : hit[l],
    ),
  );
  const where =
    hit.documentId !== null && hit.position !== null
      ? h('a', {
          href: `#/documents/${encodeURIComponent(hit.documentId)}${qs({ row: hit.position, tm: hit.tm })}`,
          class: 'doclink',
          text: t('match.inDocument', { row: num(hit.position) }),
        })
      : h('span', { class: 'tag', text: t('concordance.noDocument') });
  return h('li', { class: 'hit card' }, texts, where);
}

export function renderConcordance(main: HTMLElement): void {
  const input = h('input', { id: 'cq', type: 'search', name: 'q', autocomplete: 'off' });
  input.value = state.q;
  const langSelect = h(
    'select',
    { id: 'clang' },
    h('option', { value: 'auto', text: t('match.auto') }),
    LANGS.map((l) => h('option', { value: l, text: langName(l) })),
  );
  langSelect.value = state.lang;
  const status = h('div', { class: 'results-status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'cards', 'aria-label': t('concordance.results') });
  const nav = h('div', { class: 'pager-slot' });
  const sync = () => {
    const lang = langSelect.value === 'auto' ? scriptLang(input.value) : (langSelect.value as Lang);
    input.dir = lang ? dirOf(lang) : 'auto';
  };

  const search = async () => {
    const q = input.value.trim();
    if (!q) return;
    const lang = langSelect.value === 'auto' ? (scriptLang(q) ?? 'en') : (langSelect.value as Lang);
    Object.assign(state, { q: input.value, lang: langSelect.value, searched: true });
    status.textContent = t('common.searching');
    try {
      const body = await get<{ hits: Hit[]; total: number }>(
        `/api/v1/concordance${qs({ q, lang, offset: state.offset, limit: LIMIT })}`,
      );
      fill(
        list,
        body.hits.map((hit) => hitItem(hit, lang)),
      );
      status.textContent = body.total ? counted('concordance.found', body.total) : t('concordance.none');
      announce(status.textContent);
      fill(
        nav,
        pager(state.offset, LIMIT, body.total, (offset) => {
          state.offset = offset;
          void search();
        }),
      );
    } catch (error) {
      fill(list);
      fill(nav);
      fill(status, errorBox(error));
    }
  };

  const form = h(
    'form',
    { class: 'panel', role: 'search', 'aria-label': t('concordance.title') },
    h('label', { for: 'cq', class: 'big-label', text: t('concordance.phrase') }),
    input,
    h(
      'div',
      { class: 'row' },
      h('span', {}, h('label', { for: 'clang', text: t('concordance.lang') }), ' ', langSelect),
      h('button', { type: 'submit', class: 'primary', text: t('common.search') }),
    ),
  );
  on(input, 'input', sync);
  on(langSelect, 'change', sync);
  on(form, 'submit', (e) => {
    e.preventDefault();
    state.offset = 0;
    void search();
  });
  fill(main, h('h1', { text: t('concordance.title') }), form, status, list, nav);
  sync();
  if (state.searched) void search();
  else input.focus();
}
