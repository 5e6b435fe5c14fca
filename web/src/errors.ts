/** Failures shown in the page: a localized headline for what the user can do, and the API's own message and code. */
import { ApiError } from './api';
import { h, type Child } from './dom';
import { counted, t } from './i18n';

function headline(error: ApiError): string {
  if (error.status === 0) return t('error.network');
  if (error.status === 401) return t('error.unauthorized');
  if (error.status === 403) return t('error.forbidden');
  if (error.status === 429) return counted('error.rateLimited', error.retryAfter ?? 1);
  if (error.status === 503) return counted('error.unavailable', error.retryAfter ?? 5);
  if (error.status === 409 || error.status === 412) return t('error.conflict');
  if (error.status === 413) return t('error.tooLarge');
  if (error.status === 400 || error.status === 415 || error.status === 422) return t('error.badInput');
  if (error.status === 404) return t('error.notFound');
  return t('error.generic');
}

/** An alert for an error, with a link to the keys screen when a key is missing or not enough. */
export function errorBox(error: unknown, ...extra: Child[]): HTMLElement {
  const e = error instanceof ApiError ? error : new ApiError(-1, 'CLIENT', String(error));
  const box = h(
    'div',
    { class: 'alert', role: 'alert', 'data-code': e.code },
    h('strong', { text: headline(e) }),
    e.message ? h('span', { class: 'alert-detail', text: e.message }) : null,
    h('code', { class: 'alert-code', text: e.code }),
    e.status === 401 || e.status === 403 ? h('a', { href: '#/keys', text: t('keys.goto') }) : null,
  );
  for (const child of extra) if (child) box.append(child);
  return box;
}
