/**
 * Import: three texts (typed, pasted or read from files) aligned into a document, with the rows and flagged rows
 * and a link to review them; a TMX file through the import job API, its upload and job shown as progress, then
 * the job's counts and skipped units by reason.
 */
import { call, get, qs } from '../api';
import { announce, dirOf, fill, h, on } from '../dom';
import { errorBox } from '../errors';
import { counted, langName, LANGS, t } from '../i18n';
import { access } from '../session';
import { tmxImport } from './tmx-import';

interface Imported {
  id: string;
  tm: string;
  segments: { review: boolean }[];
}

function textField(lang: 'ar' | 'en' | 'zh'): HTMLElement {
  const area = h('textarea', { id: `text-${lang}`, rows: 6, lang, dir: dirOf(lang), required: lang === 'ar' });
  const file = h('input', { type: 'file', id: `file-${lang}`, accept: '.txt,text/plain' });
  on(file, 'change', async () => {
    const f = file.files?.[0];
    if (f) area.value = await f.text();
  });
  return h(
    'div',
    { class: 'text-field' },
    h('label', { for: `text-${lang}`, class: 'big-label', text: t('import.text', { lang: langName(lang) }) }),
    area,
    h('label', { for: `file-${lang}`, class: 'file-label', text: t('import.fromFile', { lang: langName(lang) }) }),
    file,
  );
}

function documentForm(): HTMLElement {
  const title = h('input', { id: 'imp-title', type: 'text', dir: 'auto' });
  const source = h('input', { id: 'imp-source', type: 'text', dir: 'auto' });
  const tm = h('input', { id: 'imp-tm', type: 'text', list: 'tm-names', autocomplete: 'off' });
  const progress = h('progress', { class: 'work', hidden: true, 'aria-label': t('import.aligning') });
  const result = h('div', { class: 'result', 'aria-live': 'polite' });
  const submit = h('button', {
    type: 'submit',
    class: 'primary',
    text: t('import.align'),
    disabled: !access().can.write,
  });
  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'imp-doc-h' },
    h('h2', { id: 'imp-doc-h', text: t('import.documentTitle') }),
    h('p', { class: 'help', text: t('import.documentHelp') }),
    h(
      'div',
      { class: 'row' },
      h('span', {}, h('label', { for: 'imp-title', text: t('import.titleField') }), ' ', title),
      h('span', {}, h('label', { for: 'imp-source', text: t('import.sourceField') }), ' ', source),
      h('span', {}, h('label', { for: 'imp-tm', text: t('common.tm') }), ' ', tm),
    ),
    h('div', { class: 'texts' }, LANGS.map(textField)),
    submit,
    progress,
    result,
  );
  on(form, 'submit', async (e) => {
    e.preventDefault();
    const text = (l: string) => (document.getElementById(`text-${l}`) as HTMLTextAreaElement).value;
    const body: Record<string, unknown> = { ar: text('ar') };
    for (const l of ['en', 'zh']) if (text(l).trim()) body[l] = text(l);
    if (title.value.trim()) body.title = title.value.trim();
    if (source.value.trim()) body.meta = { source: source.value.trim() };
    fill(result);
    progress.hidden = false;
    submit.disabled = true;
    try {
      const answer = await call<Imported>('POST', `/api/v1/documents${qs({ tm: tm.value.trim() })}`, { body });
      const doc = answer.body;
      const flagged = doc.segments.filter((r) => r.review).length;
      const base = `#/documents/${encodeURIComponent(doc.id)}${qs({ tm: doc.tm })}`;
      fill(
        result,
        h('p', { class: 'notice', text: answer.status === 201 ? t('import.created') : t('import.again') }),
        h('p', {
          text: t('import.summary', {
            rows: counted('common.rows', doc.segments.length),
            flagged: counted('import.flagged', flagged),
          }),
        }),
        h(
          'p',
          {},
          h('a', {
            href: flagged ? `${base}&review=1` : base,
            class: 'button',
            text: flagged ? t('import.review') : t('import.open'),
          }),
        ),
      );
      announce(t('import.created'));
    } catch (error) {
      fill(result, errorBox(error));
    } finally {
      progress.hidden = true;
      submit.disabled = !access().can.write;
    }
  });
  return form;
}

export function renderImport(main: HTMLElement): void {
  const names = h('datalist', { id: 'tm-names' });
  fill(
    main,
    h('h1', { text: t('import.title') }),
    access().can.write
      ? null
      : h(
          'p',
          { class: 'alert', role: 'note' },
          t('keys.writeNeeded'),
          ' ',
          h('a', { href: '#/keys', text: t('keys.goto') }),
        ),
    names,
    documentForm(),
    tmxImport(),
  );
  void get<{ tms: { name: string }[] }>('/api/v1/tms').then(
    ({ tms }) =>
      fill(
        names,
        tms.map((x) => h('option', { value: x.name })),
      ),
    () => undefined,
  );
}
