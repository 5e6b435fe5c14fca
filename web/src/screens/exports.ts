/**
 * A document's exports (TMX, TSV, printable HTML). Plain links when reading is open; when it needs a key, the file
 * is fetched with the key and handed to the browser as a download.
 */
import { errorOf } from '../api';
import { h, on } from '../dom';
import { t } from '../i18n';
import { access, keyOf } from '../session';

const FORMATS = [
  ['tmx', 'tmx'],
  ['tsv', 'tsv'],
  ['html', 'html'],
] as const;

export function exportLinks(id: string, tm: string): HTMLElement {
  const box = h('p', { class: 'exports' }, h('span', { text: t('document.export') }), ' ');
  for (const [format, ext] of FORMATS) {
    const href = `/api/v1/documents/${encodeURIComponent(id)}?format=${format}&tm=${encodeURIComponent(tm)}`;
    const link = h('a', { href, download: `${id}.${ext}`, class: 'button', text: format.toUpperCase() });
    on(link, 'click', (e) => {
      if (access().read === 'open') return;
      e.preventDefault();
      void (async () => {
        const key = keyOf();
        const res = await fetch(href, { headers: key ? { Authorization: `Bearer ${key}` } : {} });
        if (!res.ok) {
          const error = await errorOf(res);
          box.append(h('span', { class: 'alert', role: 'alert', text: `${error.code} ${error.message}` }));
          return;
        }
        const url = URL.createObjectURL(await res.blob());
        const a = h('a', { href: url, download: `${id}.${ext}` });
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      })();
    });
    box.append(link, ' ');
  }
  return box;
}
