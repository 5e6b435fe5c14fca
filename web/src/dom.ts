/**
 * DOM building without HTML strings: every text goes in as a text node (textContent), so text from the TM — which
 * may hold `<`, `&` or a whole tag — is shown, never parsed. Nothing in the UI assigns innerHTML.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'class') el.className = String(value);
    else if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces an element's content with the given nodes. */
export function fill(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function on<K extends keyof WindowEventMap>(
  el: EventTarget,
  type: K,
  handler: (event: WindowEventMap[K]) => void,
): void {
  el.addEventListener(type, handler as EventListener);
}

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;

/** The language a text's script says (Arabic letters → ar, Han characters → zh, else en), or null when empty. */
export function scriptLang(text: string): 'ar' | 'en' | 'zh' | null {
  for (const ch of text) {
    if (ARABIC.test(ch)) return 'ar';
    if (HAN.test(ch)) return 'zh';
    if (/\p{L}/u.test(ch)) return 'en';
  }
  return null;
}

export const dirOf = (lang: string): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');

/** Announces a message to screen readers through the page's polite live region. */
export function announce(message: string): void {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = '';
  window.setTimeout(() => (region.textContent = message), 30);
}
