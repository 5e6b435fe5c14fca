/** A TMX file imported through the job API: upload progress, then the job polled until it ends, then its counts. */
import { ApiError, call, get, upload, type Answer } from '../api';
import { announce, fill, h, on } from '../dom';
import { errorBox } from '../errors';
import { counted, num, t } from '../i18n';
import { access } from '../session';

interface Job {
  id: string;
  tm: string;
  status: 'queued' | 'running' | 'committing' | 'done' | 'failed' | 'cancelled';
  units: { read: number; staged: number; written: number; unchanged: number };
  bytes: { read: number; total?: number };
  skipped: Record<string, number>;
  error?: { code: string; message: string };
}

const ENDED = new Set(['done', 'failed', 'cancelled']);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function summary(job: Job): HTMLElement {
  const skipped = Object.entries(job.skipped).filter(([, n]) => n > 0);
  return h(
    'div',
    { class: 'job-summary' },
    h('p', {
      class: job.status === 'done' ? 'notice' : 'alert',
      'data-status': job.status,
      text: t(`job.${job.status}`),
    }),
    job.error ? errorBox(new ApiError(422, job.error.code, job.error.message)) : null,
    h(
      'dl',
      {},
      (['read', 'staged', 'written', 'unchanged'] as const).flatMap((k) => [
        h('dt', { text: t(`job.units.${k}`) }),
        h('dd', { text: num(job.units[k]) }),
      ]),
    ),
    skipped.length
      ? h(
          'div',
          {},
          h('h3', { text: t('job.skipped') }),
          h(
            'ul',
            {},
            skipped.map(([reason, n]) => h('li', {}, h('code', { text: reason }), `: ${num(n)}`)),
          ),
        )
      : null,
    job.status === 'done'
      ? h(
          'p',
          {},
          h('a', { href: '#/concordance', class: 'button', text: t('job.review') }),
          ' ',
          h('a', {
            href: `/api/v1/tms/${encodeURIComponent(job.tm)}/export?format=tmx`,
            download: `${job.tm}.tmx`,
            text: t('job.export'),
          }),
        )
      : null,
  );
}

export function tmxImport(): HTMLElement {
  const tm = h('input', {
    id: 'tmx-tm',
    type: 'text',
    list: 'tm-names',
    value: 'main',
    autocomplete: 'off',
    required: true,
  });
  const file = h('input', {
    id: 'tmx-file',
    type: 'file',
    accept: '.tmx,application/x-tmx+xml,text/xml',
    required: true,
  });
  const bar = h('progress', { id: 'tmx-progress', max: 1, value: 0, hidden: true, 'aria-labelledby': 'tmx-state' });
  const state = h('p', { id: 'tmx-state', 'aria-live': 'polite' });
  const result = h('div', { class: 'result' });
  const submit = h('button', {
    type: 'submit',
    class: 'primary',
    text: t('import.tmxStart'),
    disabled: !access().can.write,
  });
  const cancel = h('button', { type: 'button', hidden: true, text: t('common.cancel') });
  let jobId: string | null = null;
  on(cancel, 'click', () => jobId && void call('DELETE', `/api/v1/jobs/${jobId}`).catch(() => undefined));

  const form = h(
    'form',
    { class: 'panel', 'aria-labelledby': 'imp-tmx-h' },
    h('h2', { id: 'imp-tmx-h', text: t('import.tmxTitle') }),
    h('p', { class: 'help', text: t('import.tmxHelp') }),
    h(
      'div',
      { class: 'row' },
      h('span', {}, h('label', { for: 'tmx-tm', text: t('common.tm') }), ' ', tm),
      h('span', {}, h('label', { for: 'tmx-file', text: t('import.tmxFile') }), ' ', file),
    ),
    submit,
    cancel,
    bar,
    state,
    result,
  );
  on(form, 'submit', async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) return;
    fill(result);
    submit.disabled = true;
    bar.hidden = false;
    bar.value = 0;
    state.textContent = t('job.uploading');
    try {
      const path = `/api/v1/tms/${encodeURIComponent(tm.value.trim() || 'main')}/imports`;
      const answer: Answer<Job> = await upload<Job>(path, f, 'application/x-tmx+xml', (sent) => (bar.value = sent));
      let job = answer.body;
      jobId = job.id;
      cancel.hidden = false;
      while (!ENDED.has(job.status)) {
        if (job.status === 'committing' && job.units.staged > 0) bar.value = job.units.written / job.units.staged;
        else if (job.status === 'running' && job.bytes.total) bar.value = job.bytes.read / job.bytes.total;
        else bar.removeAttribute('value');
        state.textContent =
          t(`job.${job.status}`) +
          ' · ' +
          t('job.counts', {
            read: counted('job.read', job.units.read),
            written: counted('job.written', job.units.written),
          });
        await sleep(300);
        job = await get<Job>(`/api/v1/jobs/${job.id}`);
      }
      bar.value = 1;
      state.textContent = t(`job.${job.status}`);
      announce(state.textContent);
      fill(result, summary(job));
    } catch (error) {
      bar.hidden = true;
      state.textContent = '';
      fill(result, errorBox(error));
    } finally {
      cancel.hidden = true;
      jobId = null;
      submit.disabled = !access().can.write;
    }
  });
  return form;
}
