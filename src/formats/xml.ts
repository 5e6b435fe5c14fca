/** XML text helpers shared by the writers. */

/** Characters XML 1.0 forbids even when escaped (most C0 controls, lone surrogates, U+FFFE/U+FFFF). */
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text content; characters XML cannot carry become U+FFFD rather than producing an unreadable file. */
export function escapeText(text: string): string {
  // A raw carriage return would come back as a line feed (XML end-of-line handling): it travels as a reference.
  return text
    .replace(INVALID_XML, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/** Escapes an attribute value (double-quoted), keeping tabs and newlines as character references. */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** TMX dates: YYYYMMDDThhmmssZ (UTC). */
export function tmxDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
