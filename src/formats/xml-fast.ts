/**
 * Fast paths for the escapes of xml.ts: most texts hold nothing to escape, so one plain (non-Unicode-mode) regex
 * test answers before the five replacements run. Same output as escapeText / escapeAttr for every input.
 */
import { escapeAttr, escapeText } from './xml';

/** Any character escapeText would change: markup, carriage return, controls, surrogates, U+FFFE/U+FFFF. */
// eslint-disable-next-line no-control-regex -- controls are what this looks for
const TEXT_NEEDS = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** The same for attribute values, which also escape quotes, tabs and newlines. */
// eslint-disable-next-line no-control-regex -- controls are what this looks for
const ATTR_NEEDS = /[&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function xmlText(text: string): string {
  return TEXT_NEEDS.test(text) ? escapeText(text) : text;
}

export function xmlAttr(text: string): string {
  return ATTR_NEEDS.test(text) ? escapeAttr(text) : text;
}
