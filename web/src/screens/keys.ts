/**
 * Keys: where the deployment asks for API keys, the page takes one, keeps it in sessionStorage (this tab, until it
 * closes), checks it with GET /api/v1/auth and shows what its role allows.
 */
import { refreshAccess } from '../auth';
import { announce, fill, h, on } from '../dom';
import { t } from '../i18n';
import { access, keyOf, setKey } from '../session';

function allowed(): HTMLElement {
  const a = access();
  const rows: [string, boolean][] = [
    ['keys.canRead', a.can.read],
    ['keys.canWrite', a.can.write],
    ['keys.canAdmin', a.can.admin],
  ];
  return h(
    'ul',
    { class: 'can' },
    rows.map(([label, yes]) =>
      h(
        'li',
        { class: yes ? 'yes' : 'no' },
        h('span', { class: 'mark', 'aria-hidden': 'true', text: yes ? '✓' : '✗' }),
        `${t(label)}: ${t(yes ? 'keys.allowed' : 'keys.notAllowed')}`,
      ),
    ),
  );
}

export function renderKeys(main: HTMLElement): void {
  const info = h('div', { class: 'panel', 'aria-live': 'polite' });
  const input = h('input', { id: 'key', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const use = h('button', { type: 'submit', class: 'primary', text: t('keys.use') });
  const forget = h('button', { type: 'button', text: t('keys.forget') });

  const show = () => {
    const a = access();
    const lines = [
      h('p', { text: a.keys ? (a.read === 'open' ? t('keys.readOpen') : t('keys.readKey')) : t('keys.noKeys') }),
      a.key
        ? h('p', {
            class: 'notice',
            text: t('keys.current', {
              name: a.key.name,
              role: t(`keys.role.${a.key.role}`, { defaultValue: a.key.role }),
            }),
          })
        : keyOf()
          ? h('p', { class: 'alert', role: 'alert', text: t('keys.refused') })
          : null,
      allowed(),
    ];
    fill(info, lines);
    forget.hidden = !keyOf();
  };

  const form = h(
    'form',
    { class: 'panel' },
    h('label', { for: 'key', class: 'big-label', text: t('keys.label') }),
    input,
    h('p', { class: 'help', text: t('keys.help') }),
    use,
    ' ',
    forget,
  );
  on(form, 'submit', async (e) => {
    e.preventDefault();
    if (!input.value.trim()) return;
    setKey(input.value.trim());
    input.value = '';
    await refreshAccess();
    show();
    announce(info.textContent ?? '');
  });
  on(forget, 'click', async () => {
    setKey(null);
    await refreshAccess();
    show();
  });
  fill(main, h('h1', { text: t('keys.title') }), info, form);
  show();
}
