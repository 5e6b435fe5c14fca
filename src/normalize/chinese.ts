/**
 * Traditional → simplified Chinese, one character at a time, from OpenCC's tables (opencc-js): the Taiwan and
 * Hong Kong variant tables, then the traditional → simplified characters. Only single characters are kept (the
 * tokenizer folds one code point at a time; OpenCC's phrase tables are not used), so the fold is a table lookup.
 *
 * The map is idempotent: a character that is itself the simplified form of another one (么 for 麼) is not mapped
 * further, even where a variant table would (么 → 幺), so 什麼 and 什么 fold alike.
 */
import * as OpenCC from 'opencc-js';

let charMap: Map<string, string> | undefined;

/** The candidate characters: every single-character key of the tables the converters below use. */
function candidates(): Set<string> {
  const out = new Set<string>();
  const { from, to } = OpenCC.Locale;
  for (const groups of [from.tw, from.hk, to.cn]) {
    for (const group of groups ?? []) {
      for (const dict of group) {
        if (typeof dict !== 'string') continue;
        for (const entry of dict.split('|')) {
          const key = entry.split(' ')[0]!;
          if (key && [...key].length === 1) out.add(key);
        }
      }
    }
  }
  return out;
}

/** The character map, built on first use (≈100 ms). */
export function traditionalToSimplified(): ReadonlyMap<string, string> {
  if (charMap) return charMap;
  const converters = (['tw', 'hk', 't'] as const).map((from) => OpenCC.Converter({ from, to: 'cn' }));
  const map = new Map<string, string>();
  for (const ch of candidates()) {
    for (const convert of converters) {
      const out = convert(ch);
      if (out !== ch) {
        if ([...out].length === 1) map.set(ch, out);
        break;
      }
    }
  }
  for (const target of new Set(map.values())) map.delete(target);
  charMap = map;
  return map;
}

const HAN = /\p{Script=Han}/gu;

/** Each traditional character of the text replaced by its simplified form. */
export function foldScript(text: string): string {
  const map = traditionalToSimplified();
  return text.replace(HAN, (ch) => map.get(ch) ?? ch);
}
