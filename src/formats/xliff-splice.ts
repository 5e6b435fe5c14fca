/**
 * Splicing: a list of replacements of ranges of the original text, applied in one pass. Everything outside the
 * ranges comes out unchanged, character for character. Helpers find the indentation a new element should take
 * (copied from its neighbours, so CRLF files stay CRLF) and rewrite attributes inside one start tag.
 */
import { escapeAttr } from './xml';
import { type XmlElement, childElements } from './xliff-xml';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping splices (an insertion may sit at the end or start of a replaced range). */
export function applySplices(raw: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  let out = '';
  let cursor = 0;
  for (const s of sorted) {
    if (s.start < cursor) throw new Error(`overlapping splices at ${s.start}`);
    out += raw.slice(cursor, s.start) + s.text;
    cursor = s.end;
  }
  return out + raw.slice(cursor);
}

/** The line break and indentation just before an element, or '' when it shares its line with what precedes it. */
export function leadingGap(raw: string, el: XmlElement): string {
  let i = el.start;
  while (i > 0 && (raw[i - 1] === ' ' || raw[i - 1] === '\t')) i--;
  if (raw[i - 1] !== '\n') return '';
  i--;
  if (raw[i - 1] === '\r') i--;
  return raw.slice(i, el.start);
}

/** Where a whitespace run before an element begins (to remove the element with its line). */
export function gapStart(raw: string, el: XmlElement): number {
  let i = el.start;
  while (i > 0 && /\s/.test(raw[i - 1]!)) i--;
  return Math.max(i, el.parent ? el.parent.openEnd : 0);
}

/** The gap for a new child of `parent` placed after `after`: copied from the next sibling, `after`, or any child. */
export function childGap(raw: string, parent: XmlElement, after?: XmlElement): string {
  const children = childElements(parent);
  const at = after ? children.indexOf(after) : -1;
  const candidates = [children[at + 1], after, ...children].filter((c): c is XmlElement => c !== undefined);
  for (const c of candidates) {
    const gap = leadingGap(raw, c);
    if (gap) return gap;
  }
  return '';
}

const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')/y;

/**
 * Sets (or, with `undefined`, removes) attributes in a start tag as written, keeping every other attribute, the
 * quoting and the spacing. New attributes go after the last one.
 */
export function setAttributes(startTag: string, changes: Record<string, string | undefined>): string {
  const nameEnd = /^<[^\s/>]+/.exec(startTag)![0].length;
  let out = startTag.slice(0, nameEnd);
  let i = nameEnd;
  const pending = new Map(Object.entries(changes));
  for (;;) {
    ATTRIBUTE.lastIndex = i;
    const m = ATTRIBUTE.exec(startTag);
    if (!m) break;
    const name = m[1]!;
    if (pending.has(name)) {
      const value = pending.get(name);
      pending.delete(name);
      if (value !== undefined) out += `${m[0].slice(0, m[0].indexOf(name))}${name}="${escapeAttr(value)}"`;
    } else {
      out += m[0];
    }
    i = ATTRIBUTE.lastIndex;
  }
  for (const [name, value] of pending) if (value !== undefined) out += ` ${name}="${escapeAttr(value)}"`;
  return out + startTag.slice(i);
}

/** Turns an empty-element tag (`<target/>`) into a start tag (`<target>`). */
export function openForm(startTag: string): string {
  return startTag.replace(/\s*\/>$/, '>');
}
