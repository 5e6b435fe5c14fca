/**
 * The matcher: a sentence in any of the three languages (its script sets the input's direction and the source
 * language), the target languages and the threshold; matches as cards, best first, with score and band, the
 * difference from the query, the renderings with copy buttons, number adaptation, and a link to the row in its
 * document. Keyboard: Enter searches and moves to the first card, ↑/↓ move between cards, 1–2 (or c) copy a
 * rendering of the selected card, / goes back to the query.
 */
import { qs, get } from '../api';
import { announce, dirOf, fill, h, on, scriptLang } from '../dom';
import { errorBox } from '../errors';
import { counted, langName, LANGS, num, t, type Lang } from '../i18n';
import { diffLegend, diffLine, type DiffSpan } from './diff';

interface Match {
  unitId: string;
  score: number;
  source: { lang: Lang; text: string };
  targets: Partial<Record<Lang, string>>;
  originalTargets?: Partial<Record<Lang, string>>;
  adapted?: boolean;
  adaptedTargets?: Partial<Record<Lang, boolean>>;
  documentId: string | null;
  position: number | null;
  tm: string;
  explain?: { editDistance: number; penalties: { name: string; points: number }[]; diff: DiffSpan[] | null };
}

interface State {
  q: string;
  src: Lang | 'auto';
  tgt: Lang[];
  min: number;
  prev: string;
  next: string;
  searched: boolean;
}

const state: State = { q: '', src: 'auto', tgt: ['ar', 'en', 'zh'], min: 50, prev: '', next: '', searched: false };

export function band(score: number): string {
  if (score >= 101) return '101';
  if (score >= 100) return '100';
  if (score >= 95) return '95';
  if (score >= 85) return '85';
  if (score >= 75) return '75';
  if (score >= 50) return '50';
  return '0';
}

async function copy(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    announce(t('match.copied'));
  } catch {
    announce(t('match.copyFailed'));
  }
}

function card(m: Match, query: string, index: number): HTMLElement {
  const b = band(m.score);
  const head = h(
    'div',
    { class: 'card-head' },
    h('span', { class: `score band-${b}`, 'data-score': m.score }, num(m.score), h('small', { text: t(`band.${b}`) })),
    m.adapted ? h('span', { class: 'tag tag-adapted', text: t('match.adapted') }) : null,
    h('span', { class: 'tag', text: `${t('match.tm')}: ${m.tm}` }),
    m.documentId !== null && m.position !== null
      ? h('a', {
          class: 'doclink',
          href: `#/documents/${encodeURIComponent(m.documentId)}${qs({ row: m.position, tm: m.tm })}`,
          text: t('match.inDocument', { row: num(m.position) }),
        })
      : null,
  );
  const src = m.source;
  const diff = m.explain?.diff;
  const compare = h(
    'div',
    { class: 'compare' },
    h('div', { class: 'label', text: t('match.yourText') }),
    h('p', { lang: src.lang, dir: dirOf(src.lang) }, diff ? diffLine(query, diff, 'query') : query),
    h('div', { class: 'label', text: t('match.tmSource', { lang: langName(src.lang) }) }),
    h(
      'p',
      { lang: src.lang, dir: dirOf(src.lang), class: 'tm-source' },
      diff ? diffLine(src.text, diff, 'source') : src.text,
    ),
  );
  const penalties = m.explain?.penalties ?? [];
  const notes = penalties.length
    ? h(
        'p',
        { class: 'penalties' },
        t('match.variants'),
        ' ',
        penalties.map((p) => h('span', { class: 'tag', text: `${t(`penalty.${p.name}`)} −${num(p.points)}` })),
      )
    : null;
  const langs = LANGS.filter((l) => m.targets[l] !== undefined);
  const renderings = h(
    'ul',
    { class: 'renderings' },
    langs.map((l, i) =>
      h(
        'li',
        {},
        h('span', { class: 'label', text: langName(l) }),
        h('p', { lang: l, dir: dirOf(l), class: 'rendering', text: m.targets[l]! }),
        m.adaptedTargets?.[l] && m.originalTargets?.[l] !== undefined && m.originalTargets[l] !== m.targets[l]
          ? h('p', { class: 'original', lang: l, dir: dirOf(l) }, `${t('match.stored')} `, m.originalTargets[l]!)
          : null,
        // The query's numbers could not be put into this rendering: it keeps the stored ones, to be checked.
        m.adaptedTargets?.[l] === false ? h('p', { class: 'tag tag-kept', text: t('match.numbersKept') }) : null,
        copyButton(m.targets[l]!, l, i + 1),
      ),
    ),
  );
  return h(
    'li',
    {
      class: 'card',
      tabindex: index === 0 ? 0 : -1,
      'aria-label': t('match.cardLabel', { position: index + 1, score: m.score }),
    },
    head,
    compare,
    notes,
    renderings,
  );
}

function copyButton(text: string, lang: Lang, n: number): HTMLElement {
  const button = h(
    'button',
    { type: 'button', class: 'copy', 'aria-keyshortcuts': String(n) },
    t('match.copy', { lang: langName(lang), key: n }),
  );
  on(button, 'click', () => void copy(text));
  return button;
}

export function renderMatch(main: HTMLElement): void {
  const status = h('div', { class: 'results-status', 'aria-live': 'polite' });
  const results = h('ol', { class: 'cards', 'aria-label': t('match.results') });
  const qInput = h('textarea', { id: 'q', rows: 3, name: 'q', 'aria-describedby': 'q-help', spellcheck: 'false' });
  qInput.value = state.q;
  const srcSelect = h(
    'select',
    { id: 'src' },
    h('option', { value: 'auto', text: t('match.auto') }),
    LANGS.map((l) => h('option', { value: l, text: langName(l) })),
  );
  srcSelect.value = state.src;
  const tgtBoxes = LANGS.map((l) => {
    const box = h('input', { type: 'checkbox', id: `tgt-${l}`, value: l });
    box.checked = state.tgt.includes(l);
    return h('label', { class: 'check', for: `tgt-${l}` }, box, langName(l));
  });
  const minInput = h('input', { id: 'min', type: 'number', min: 0, max: 100, step: 1, inputmode: 'numeric' });
  minInput.value = String(state.min);
  const prevInput = h('textarea', { id: 'prev', rows: 2 });
  const nextInput = h('textarea', { id: 'next', rows: 2 });
  prevInput.value = state.prev;
  nextInput.value = state.next;
  const detected = h('span', { class: 'detected' });

  const srcLang = (): Lang | null =>
    srcSelect.value === 'auto' ? scriptLang(qInput.value) : (srcSelect.value as Lang);
  const sync = () => {
    const lang = srcLang();
    qInput.dir = lang ? dirOf(lang) : 'auto';
    if (lang) qInput.lang = lang;
    detected.textContent = srcSelect.value === 'auto' && lang ? t('match.detected', { lang: langName(lang) }) : '';
    for (const label of tgtBoxes) {
      const box = label.querySelector('input')!;
      label.hidden = box.value === lang;
    }
    for (const el of [prevInput, nextInput]) el.dir = qInput.dir;
  };

  const search = async (focusResults: boolean) => {
    const q = qInput.value.trim();
    if (!q) return;
    const lang = srcLang() ?? 'en';
    const tgt = LANGS.filter((l) => l !== lang && (document.getElementById(`tgt-${l}`) as HTMLInputElement).checked);
    Object.assign(state, {
      q: qInput.value,
      src: srcSelect.value,
      min: Number(minInput.value),
      prev: prevInput.value,
      next: nextInput.value,
      searched: true,
    });
    state.tgt = LANGS.filter((l) => (document.getElementById(`tgt-${l}`) as HTMLInputElement).checked);
    status.textContent = t('common.searching');
    results.setAttribute('aria-busy', 'true');
    try {
      const context = prevInput.value || nextInput.value ? { prev: prevInput.value, next: nextInput.value } : {};
      const params = { q, src: lang, tgt: tgt.join(',') || undefined, min: minInput.value, limit: 10, explain: 1 };
      const body = await get<{ matches: Match[] }>(`/api/v1/match${qs({ ...params, ...context })}`);
      fill(
        results,
        body.matches.map((m, i) => card(m, q, i)),
      );
      status.textContent = body.matches.length ? counted('match.found', body.matches.length) : t('match.none');
      announce(status.textContent);
      if (focusResults) (results.firstElementChild as HTMLElement | null)?.focus();
    } catch (error) {
      fill(results);
      fill(status, errorBox(error));
    } finally {
      results.removeAttribute('aria-busy');
    }
  };

  on(qInput, 'input', sync);
  on(srcSelect, 'change', sync);
  on(qInput, 'keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void search(true);
    }
  });
  on(results, 'keydown', (e) => {
    const cards = [...results.children] as HTMLElement[];
    const at = cards.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    const go = (i: number) => {
      cards.forEach((c, k) => (c.tabIndex = k === i ? 0 : -1));
      cards[i]?.focus();
    };
    if (e.key === 'ArrowDown') go(Math.min(at + 1, cards.length - 1));
    else if (e.key === 'ArrowUp') go(Math.max(at - 1, 0));
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(cards.length - 1);
    else if (e.key === '/' || e.key === 'Escape') qInput.focus();
    else if (/^[1-9c]$/.test(e.key)) {
      const texts = [...cards[at]!.querySelectorAll('.rendering')].map((p) => p.textContent ?? '');
      const text = texts[e.key === 'c' ? 0 : Number(e.key) - 1];
      if (text !== undefined) void copy(text);
    } else return;
    e.preventDefault();
  });

  const form = h(
    'form',
    { class: 'panel', role: 'search', 'aria-label': t('match.title') },
    h('label', { for: 'q', class: 'big-label', text: t('match.query') }),
    qInput,
    h('p', { id: 'q-help', class: 'help', text: t('match.help') }),
    h(
      'div',
      { class: 'row' },
      h('span', {}, h('label', { for: 'src', text: t('match.source') }), ' ', srcSelect, ' ', detected),
      h('fieldset', { class: 'inline' }, h('legend', { text: t('match.targets') }), tgtBoxes),
      h('span', {}, h('label', { for: 'min', text: t('match.min') }), ' ', minInput),
    ),
    h(
      'details',
      { open: state.prev || state.next ? true : null },
      h('summary', { text: t('match.context') }),
      h('p', { class: 'help', text: t('match.contextHelp') }),
      h('label', { for: 'prev', text: t('match.prev') }),
      prevInput,
      h('label', { for: 'next', text: t('match.next') }),
      nextInput,
    ),
    h('button', { type: 'submit', class: 'primary', text: t('common.search') }),
  );
  on(form, 'submit', (e) => {
    e.preventDefault();
    void search(true);
  });
  fill(main, h('h1', { text: t('match.title') }), form, diffLegend(), status, results);
  sync();
  if (state.searched) void search(false);
  else qInput.focus();
}
