/**
 * The page's shell: language (i18next; `dir` and `lang` on <html>), navigation, the key's access, and a hash router
 * (#/match, #/concordance, #/documents, #/documents/ID, #/import, #/keys) that renders one screen into <main>.
 */
import './style.css';
import './screens.css';
import { setApiLanguage } from './api';
import { dirOf, fill, h, on } from './dom';
import { initI18n, LANGS, setUiLang, t, uiLang, type Lang } from './i18n';
import { refreshAccess } from './auth';
import { access, onAccess, type Access } from './session';
import { renderConcordance } from './screens/concordance';
import { renderDocument } from './screens/document';
import { renderDocuments } from './screens/documents';
import { renderImport } from './screens/import';
import { renderKeys } from './screens/keys';
import { renderMatch } from './screens/match';

export type Screen = (main: HTMLElement, params: URLSearchParams, id?: string) => void;

const SCREENS: [string, string, Screen][] = [
  ['match', 'nav.match', renderMatch],
  ['concordance', 'nav.concordance', renderConcordance],
  ['documents', 'nav.documents', renderDocuments],
  ['import', 'nav.import', renderImport],
  ['keys', 'nav.keys', renderKeys],
];

function route(): { name: string; id?: string; params: URLSearchParams } {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'match';
  const [path = '', query = ''] = hash.split('?');
  const [name = 'match', id] = path.split('/').map(decodeURIComponent);
  return { name, id, params: new URLSearchParams(query) };
}

function renderNav(current: string): void {
  const nav = document.getElementById('nav')!;
  const list = h('ul');
  for (const [name, label] of SCREENS) {
    const here = current === name || (current === 'document' && name === 'documents');
    list.append(h('li', {}, h('a', { href: `#/${name}`, 'aria-current': here ? 'page' : null, text: t(label) })));
  }
  fill(nav, list);
  nav.setAttribute('aria-label', t('nav.label'));
}

function renderBadge(a: Access): void {
  const badge = document.getElementById('auth-badge')!;
  if (!a.keys) {
    fill(badge);
    badge.hidden = true;
    return;
  }
  badge.hidden = false;
  badge.textContent = a.key
    ? t('keys.badge', { name: a.key.name, role: t(`keys.role.${a.key.role}`, { defaultValue: a.key.role }) })
    : t('keys.none');
}

function render(): void {
  const { name, id, params } = route();
  const main = document.getElementById('main')!;
  const lang = uiLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-Hans' : lang;
  document.documentElement.dir = dirOf(lang);
  document.title = t('title');
  (document.querySelector('.skip') as HTMLElement).textContent = t('nav.skip');
  document.getElementById('lang-label')!.textContent = t('nav.language');
  renderNav(id && name === 'documents' ? 'document' : name);
  renderBadge(access());
  main.replaceChildren();
  main.dataset.route = location.hash || '#/match';
  if (name === 'documents' && id) renderDocument(main, params, id);
  else (SCREENS.find(([n]) => n === name)?.[2] ?? renderMatch)(main, params);
}

async function start(): Promise<void> {
  await initI18n();
  setApiLanguage(uiLang());
  const select = document.getElementById('lang-select') as HTMLSelectElement;
  select.value = uiLang();
  on(select, 'change', async () => {
    const lang = select.value as Lang;
    if (!LANGS.includes(lang)) return;
    await setUiLang(lang);
    setApiLanguage(lang);
    render();
  });
  on(window, 'hashchange', () => {
    if (location.hash.startsWith('#/')) render();
  });
  // The skip link moves the focus without touching the hash (the router's).
  on(document.querySelector('.skip')!, 'click', (e) => {
    e.preventDefault();
    document.getElementById('main')!.focus();
  });
  onAccess(() => renderBadge(access()));
  await refreshAccess();
  render();
  document.body.dataset.ready = '1';
}

void start();
