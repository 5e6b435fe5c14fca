/** The corrections of one row: merge with the next, split in two (sentences per language), move a sentence. */
import { h, on } from '../dom';
import { langName, LANGS, num, t, type Lang } from '../i18n';

export type Op =
  | { op: 'merge'; row: number }
  | { op: 'split'; row: number; ar: number; en: number; zh: number }
  | { op: 'move'; row: number; lang: Lang; to: 'prev' | 'next' };

interface RowTexts {
  position: number;
  ar: string;
  en: string;
  zh: string;
}

/** Sentences of a text as the browser sees them (the server's segmenter decides; this only proposes a split). */
function sentences(text: string, lang: Lang): number {
  if (!text.trim()) return 0;
  const segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  return [...segmenter.segment(text)].filter((s) => s.segment.trim()).length;
}

export function rowTools(row: RowTexts, hasNext: boolean, apply: (ops: Op[]) => Promise<void>): HTMLElement {
  const n = row.position;
  const merge = h('button', { type: 'button', class: 'merge', disabled: !hasNext, text: t('document.merge') });
  on(merge, 'click', () => void apply([{ op: 'merge', row: n }]));

  const counts = LANGS.map((l) => {
    const total = sentences(row[l], l);
    const input = h('input', {
      type: 'number',
      min: 0,
      max: Math.max(total, 1),
      value: Math.ceil(total / 2),
      id: `split-${n}-${l}`,
      class: 'count',
      'data-lang': l,
    });
    return h('label', { for: `split-${n}-${l}` }, `${langName(l)} `, input, ` / ${num(total)}`);
  });
  const split = h('button', { type: 'button', class: 'split', text: t('document.split') });
  on(split, 'click', () => {
    const value = (l: Lang) => Number((document.getElementById(`split-${n}-${l}`) as HTMLInputElement).value);
    void apply([{ op: 'split', row: n, ar: value('ar'), en: value('en'), zh: value('zh') }]);
  });

  const langSelect = h(
    'select',
    { id: `move-${n}`, 'aria-label': t('document.moveLang') },
    LANGS.map((l) => h('option', { value: l, text: langName(l) })),
  );
  const up = h('button', { type: 'button', class: 'move-up', disabled: n === 0, text: t('document.moveUp') });
  const down = h('button', { type: 'button', class: 'move-down', disabled: !hasNext, text: t('document.moveDown') });
  on(up, 'click', () => void apply([{ op: 'move', row: n, lang: langSelect.value as Lang, to: 'prev' }]));
  on(down, 'click', () => void apply([{ op: 'move', row: n, lang: langSelect.value as Lang, to: 'next' }]));

  return h(
    'details',
    { class: 'row-tools' },
    h('summary', { text: t('document.corrections') }),
    h('div', { class: 'tool' }, merge),
    h('fieldset', { class: 'tool' }, h('legend', { text: t('document.splitHelp') }), counts, split),
    h('fieldset', { class: 'tool' }, h('legend', { text: t('document.move') }), langSelect, ' ', up, ' ', down),
  );
}
