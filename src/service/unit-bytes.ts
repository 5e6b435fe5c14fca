/**
 * A stored unit written as a TMX `tu` straight from the bytes Redis answers (lua/readUnits: the unit's fields joined
 * by NUL, in RECORD_FIELDS order), for the whole-TM export: a text that needs no escaping and holds no placeable is
 * copied into the output as the UTF-8 it is stored as, never decoded to a string and encoded again. The units this
 * does not cover (inline codes, tuv metadata, kept-apart variants to write, a text to escape) are left to the string
 * path (toTmxUnit + tuXml), which writes the same bytes for every unit (a unit test compares the two).
 */
import { TU_END, tuStart } from '../formats';
import { RECORD_FIELDS } from '../store';
import type { Lang } from '../types';
import { toTmxUnit } from './unit-fields';

const at = (name: (typeof RECORD_FIELDS)[number]) => RECORD_FIELDS.indexOf(name);
const APART = at('apart');
/** The fields besides texts, codes, tuv metadata and apart: what toTmxUnit needs for the tu's start. */
const META = (['tmx', 'doc', 'pos', 'para', 'conf', 'review'] as const).map((name) => [name, at(name)] as const);
const LANG_FIELDS = {
  ar: [at('ar'), at('codes:ar'), at('tuv:ar')],
  en: [at('en'), at('codes:en'), at('tuv:en')],
  zh: [at('zh'), at('codes:zh'), at('tuv:zh')],
} as const;

/** The unit's values, sliced out of its joined bytes (no copy); undefined when a value holds NUL itself. */
export function splitValues(joined: Buffer): Buffer[] | undefined {
  const values: Buffer[] = [];
  let from = 0;
  for (let nul = joined.indexOf(0); nul >= 0; nul = joined.indexOf(0, from)) {
    values.push(joined.subarray(from, nul));
    from = nul + 1;
  }
  values.push(joined.subarray(from));
  return values.length === RECORD_FIELDS.length ? values : undefined;
}

/**
 * True when UTF-8 `text` goes inside `seg` as it is: nothing formats/xml-fast.ts' xmlText escapes (markup, CR,
 * controls, U+FFFE/U+FFFF), no placeable (U+E000–U+F8FF), no character beyond the BMP (checked by the string path).
 */
export function plainText(text: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) {
    const b = text[i]!;
    if (b < 0x20) {
      if (b !== 0x09 && b !== 0x0a) return false;
    } else if (b === 0x26 || b === 0x3c || b === 0x3e) return false;
    else if (b >= 0xee) {
      // EE: U+E000–U+EFFF; F0 and above: four-byte sequences. EF: U+F000–U+FFFF.
      if (b !== 0xef) return false;
      const next = text[i + 1]!;
      if (next < 0xa4 || (next === 0xbf && text[i + 2]! >= 0xbe)) return false;
      i += 2;
    }
  }
  return true;
}

/**
 * The unit's `tu` as XML pieces (strings, and text bytes to copy), for TmxStreamWriter.writeXml; '' when the export
 * leaves it out (no Arabic, or no text in the chosen targets); undefined when the string path must write it.
 * `langs` as the writer's: Arabic first.
 */
export function tuPieces(
  unitId: string,
  values: readonly Buffer[],
  langs: readonly Lang[],
  apart: boolean,
): (string | Buffer)[] | '' | undefined {
  if (values[LANG_FIELDS.ar[0]]!.length === 0) return '';
  if (!langs.some((lang) => lang !== 'ar' && values[LANG_FIELDS[lang][0]]!.length > 0)) return '';
  if (apart && values[APART]!.length > 0) return undefined;
  for (const lang of langs) {
    const [text, codes, tuv] = LANG_FIELDS[lang];
    if (values[codes]!.length > 0 || values[tuv]!.length > 0 || !plainText(values[text]!)) return undefined;
  }
  const h: Record<string, string> = {};
  for (const [name, i] of META) if (values[i]!.length > 0) h[name] = values[i]!.toString();
  const pieces: (string | Buffer)[] = [tuStart(toTmxUnit(unitId, h))];
  let close = '';
  for (const lang of langs) {
    const text = values[LANG_FIELDS[lang][0]]!;
    if (text.length === 0) continue;
    pieces.push(`${close}      <tuv xml:lang="${lang}"><seg>`, text);
    close = '</seg></tuv>\n';
  }
  pieces.push(close + TU_END);
  return pieces;
}
