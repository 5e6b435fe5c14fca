/**
 * A stored unit written as a TMX `tu` straight from the bytes Redis answers (lua/readUnits: the unit's record,
 * store/unit-record.ts), for the whole-TM export: a text that needs no escaping and holds no placeable is
 * copied into the output as the UTF-8 it is stored as, never decoded to a string and encoded again. The units this
 * does not cover (inline codes, tuv metadata, kept-apart variants to write, a text to escape) are left to the string
 * path (toTmxUnit + tuXml), which writes the same bytes for every unit (a unit test compares the two).
 */
import { TU_END, tuStart } from '../formats';
import { RECORD_FIELDS } from '../store';
import { cutRecord, FIELD_INDEX, newRecordCuts, type UnitField } from '../store/unit-record';
import { LANGS, type Lang } from '../types';
import { toTmxUnit } from './unit-fields';

const at = (name: UnitField) => FIELD_INDEX[name];
const APART = at('apart');
/** The fields besides texts, codes, tuv metadata and apart: what toTmxUnit needs for the tu's start. */
const META = (['tmx', 'doc', 'pos', 'para', 'conf', 'review'] as const).map((name) => [name, at(name)] as const);
const LANG_FIELDS = {
  ar: [at('ar'), at('codes:ar'), at('tuv:ar')],
  en: [at('en'), at('codes:en'), at('tuv:en')],
  zh: [at('zh'), at('codes:zh'), at('tuv:zh')],
} as const;
/** Where each RECORD_FIELDS value lies in a record. */
const EXPORTED = RECORD_FIELDS.map(at);

/**
 * A record's values, located without copying: value i (UNIT_RECORD_FIELDS order) spans [cuts[2i], cuts[2i + 1]) of
 * the bytes. Made once per page and filled per unit by {@link cutValues}.
 */
export const newCuts = newRecordCuts;

/** Fills `cuts` for `record`; false when the bytes are not a unit record (then read the unit on the string path). */
export const cutValues = (record: Buffer, cuts: Int32Array): boolean => cutRecord(record, cuts);

const REVIEW = at('review');
const DOC = at('doc');

/**
 * True when the unit is flagged for review and belongs to a document: a person may have marked its row reviewed
 * (store/review-marks.ts), which only the document's marks tell, so the export reads it on the string path.
 */
export function flaggedInDocument(joined: Buffer, cuts: Int32Array): boolean {
  const [from, to] = [cuts[2 * REVIEW]!, cuts[2 * REVIEW + 1]!];
  return !empty(cuts, DOC) && to > from && !(to - from === 1 && joined[from] === 0x30); // not '' nor '0'
}

/** The RECORD_FIELDS values as strings, in that order (the string path). */
export function valueStrings(joined: Buffer, cuts: Int32Array): string[] {
  const values: string[] = [];
  for (const i of EXPORTED) values.push(joined.toString('utf8', cuts[2 * i], cuts[2 * i + 1]));
  return values;
}

/**
 * Bytes that stop a text from being copied as it is: those below U+0020 but tab and newline, `&`, `<`, `>`, and the
 * lead bytes EE (U+E000–U+EFFF) and F0 and above (beyond the BMP); EF (U+F000–U+FFFF) is looked at closer.
 */
const STOP = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) if (b !== 0x09 && b !== 0x0a) STOP[b] = 1;
for (const b of [0x26, 0x3c, 0x3e]) STOP[b] = 1;
for (let b = 0xee; b < 0x100; b++) STOP[b] = 1;

/**
 * True when UTF-8 text[from, to) goes inside `seg` as it is: nothing formats/xml-fast.ts' xmlText escapes (markup, CR,
 * controls, U+FFFE/U+FFFF), no placeable (U+E000–U+F8FF), no character beyond the BMP (checked by the string path).
 */
export function plainText(text: Uint8Array, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) {
    if (STOP[text[i]!] === 0) continue;
    if (text[i] !== 0xef) return false;
    const next = text[i + 1]!;
    if (next < 0xa4 || (next === 0xbf && text[i + 2]! >= 0xbe)) return false;
    i += 2;
  }
  return true;
}

/** Per language: where a tuv starts, after the unit's start or after the previous tuv (UTF-8, copied as they are). */
const OPEN = Object.fromEntries(LANGS.map((lang) => [lang, `      <tuv xml:lang="${lang}"><seg>`])) as Record<
  Lang,
  string
>;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const OPEN_BYTES = Object.fromEntries(LANGS.map((lang) => [lang, utf8(OPEN[lang])])) as Record<Lang, Uint8Array>;
const NEXT_BYTES = Object.fromEntries(LANGS.map((lang) => [lang, utf8(`</seg></tuv>\n${OPEN[lang]}`)])) as Record<
  Lang,
  Uint8Array
>;
const LAST_BYTES = utf8(`</seg></tuv>\n${TU_END}`);

/** Is value i of a record empty? */
const empty = (cuts: Int32Array, i: number) => cuts[2 * i + 1] === cuts[2 * i];

/**
 * The unit's `tu` as XML pieces (strings, and bytes to copy: its texts, the tags around them), for
 * TmxStreamWriter.writeXml; '' when the export leaves it out (no Arabic, or no text in the chosen targets); undefined
 * when the string path must write it. `joined` and `cuts` as {@link cutValues} left them; `langs` as the writer's:
 * Arabic first. Plain loops and no closure: this runs once a unit.
 */
export function tuPieces(
  unitId: string,
  joined: Buffer,
  cuts: Int32Array,
  langs: readonly Lang[],
  apart: boolean,
): (string | Uint8Array)[] | '' | undefined {
  if (empty(cuts, LANG_FIELDS.ar[0])) return '';
  let target = false;
  for (const lang of langs) if (lang !== 'ar' && !empty(cuts, LANG_FIELDS[lang][0])) target = true;
  if (!target) return '';
  if (apart && !empty(cuts, APART)) return undefined;
  for (const lang of langs) {
    const [text, codes, tuv] = LANG_FIELDS[lang];
    if (!empty(cuts, codes) || !empty(cuts, tuv) || !plainText(joined, cuts[2 * text], cuts[2 * text + 1]))
      return undefined;
  }
  const h: Record<string, string> = {};
  for (let m = 0; m < META.length; m++) {
    const [name, i] = META[m]!;
    if (!empty(cuts, i)) h[name] = joined.toString('utf8', cuts[2 * i], cuts[2 * i + 1]);
  }
  const pieces: (string | Uint8Array)[] = [tuStart(toTmxUnit(unitId, h))];
  let first = true;
  for (const lang of langs) {
    const i = LANG_FIELDS[lang][0];
    if (empty(cuts, i)) continue;
    pieces.push(first ? OPEN_BYTES[lang] : NEXT_BYTES[lang], joined.subarray(cuts[2 * i], cuts[2 * i + 1]));
    first = false;
  }
  pieces.push(LAST_BYTES);
  return pieces;
}
