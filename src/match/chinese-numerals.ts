/**
 * Chinese numerals for number adaptation (adapt.ts): which runs of a Chinese target are read as a number, and how a
 * new number is written in the style of the one it replaces. Reading is deliberately narrow, because numeral
 * characters are everywhere in Chinese words (一些, 一致, 十分, 万一, 千万, 三三两两):
 *
 * - `counted`: 十五, 二十三, 三千, 两千, 一百零五, 一百一十五, 三千五百, 一万二千, 一万零五, 十一万, 一亿零五百万. Not
 *   read: one character alone (一, 五, 十); a run that starts with 百 千 万 亿 零 (千万, 万一); digits side by side
 *   (一一, 八一); the abbreviated 三千五, 两万五 (3500, 25000 in speech, not the written form); 一百十五 (一百一十五 is the written form).
 * - `spelled`: digit by digit with 〇 (二〇二三). Not read: digit by digit without 〇 (八一 is a name, not 81).
 * - `mixed`: digits, then 万 or 亿 (2万, 3.5万, 1.2亿). Not read: 3千 (rare), 2万5千 or 1,200万 (only part of it is
 *   digits and 万).
 * A run glued to other digits (5千三, 3十五) is not read either: nothing of it is; nor one naming a group of countries
 * (二十国集团, the G20).
 *
 * Values are compared as decimal strings (no floating point): "3000", "35000", "2023".
 */

/** Digit characters: 〇 to 九 in order, plus 零 (zero between places) and 两 (two before a unit). */
const DIGITS: Record<string, number> = {
  ...Object.fromEntries([...'〇一二三四五六七八九'].map((c, i) => [c, i])),
  零: 0,
  两: 2,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const WRITE = '零一二三四五六七八九';

export type ChineseStyle = 'counted' | 'spelled' | 'mixed';

export interface ChineseNumber {
  start: number;
  end: number;
  /** Decimal string, no separators. */
  value: string;
  style: ChineseStyle;
  /** The run writes 2 as 两 before a unit (两千), kept when the new number is written. */
  liang: boolean;
  /** For `mixed`: the big unit written after the digits. */
  unit?: '万' | '亿';
}

/** Runs of numeral characters, and digits followed by 万 or 亿 (full-width digits too). */
const RUN = /([0-9０-９]+(?:[.．][0-9０-９]+)?)([万亿])|[〇零一二两三四五六七八九十百千万亿]+/gu;

const DIGIT = /[0-9０-９]/u;
const NUMERAL_AFTER = /[0-9０-９〇零一二两三四五六七八九十百千万亿]/u;
/** A numeral naming a group of countries (二十国集团 the G20) is part of the name, not a count. */
const GROUP_OF = '国集团';

/** Every run of `text` read as a number (see the header for what is not). */
export function findChineseNumbers(text: string): ChineseNumber[] {
  const out: ChineseNumber[] = [];
  for (const m of text.matchAll(RUN)) {
    const start = m.index;
    const end = start + m[0].length;
    // Part of a longer number that is not read (1,200万, 2万5千, 5千三): nothing of it is.
    const before = text[start - 1] ?? '';
    if (DIGIT.test(before) || (/[.．,，]/u.test(before) && DIGIT.test(text[start - 2] ?? ''))) continue;
    if (NUMERAL_AFTER.test(text[end] ?? '')) continue;
    if (text.startsWith(GROUP_OF, end)) continue;
    if (m[1] !== undefined) {
      const digits = m[1].replace(/[０-９．]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
      const unit = m[2] as '万' | '亿';
      out.push({ start, end, value: scale(digits, unit), style: 'mixed', liang: false, unit });
      continue;
    }
    const run = m[0];
    const spelled = readSpelled(run);
    if (spelled !== undefined) out.push({ start, end, value: spelled, style: 'spelled', liang: false });
    const counted = spelled === undefined ? readCounted(run) : undefined;
    if (counted !== undefined) out.push({ start, end, value: counted, style: 'counted', liang: run.includes('两') });
  }
  return out;
}

/** `digits` (maybe with a decimal point) times the unit, as a decimal string. */
function scale(digits: string, unit: '万' | '亿'): string {
  const zeros = unit === '万' ? 4 : 8;
  const [whole, fraction = ''] = digits.split('.') as [string, string?];
  if (fraction.length > zeros) return `${whole}.${fraction}`; // not a whole number of units: matches nothing
  const value = (whole + fraction.padEnd(zeros, '0')).replace(/^0+(?=\d)/, '');
  return value;
}

function readSpelled(run: string): string | undefined {
  if (run.length < 2 || !run.includes('〇') || !/^[〇一二三四五六七八九]+$/u.test(run)) return undefined;
  return [...run].map((c) => String(DIGITS[c])).join('');
}

/** A counted numeral (see the header), or undefined when the run is not read as one. */
function readCounted(run: string): string | undefined {
  if (run.length < 2 || /^[百千万亿零〇]/u.test(run)) return undefined;
  const [high, rest, extra] = run.split('亿');
  if (extra !== undefined) return undefined;
  const [middle, low, more] = (rest ?? high!).split('万');
  if (more !== undefined) return undefined;
  // 亿, 万, then units: each part after the first may start with 零 (一万零五); one that does not must fill its 千
  // place (一万二千), else it is the abbreviated form (两万五 = 25000).
  const parts = rest === undefined ? [undefined, middle, low] : [high, middle, low];
  const counts = low === undefined ? [parts[0], undefined, parts[1]] : parts;
  let value = 0n;
  let first = true;
  for (const [i, part] of counts.entries()) {
    const scale = [100_000_000n, 10_000n, 1n][i]!;
    if (part === undefined) continue;
    if (part === '') {
      if (i < 2 || first) return undefined; // 亿万, or a unit with nothing before it
      continue;
    }
    const n = readSection(part, first);
    if (n === undefined || (n === 0 && i < 2)) return undefined;
    if (!first && !/^[零〇]/u.test(part) && n < 1000) return undefined;
    value += BigInt(n) * scale;
    first = false;
  }
  return first ? undefined : value.toString();
}

/** A number below 一万: units going down (千 百 十), one 零 for skipped places; 十 alone leads only the whole run. */
function readSection(part: string, leading: boolean): number | undefined {
  let value = 0;
  let digit: number | undefined;
  let lastUnit = 10_000;
  let zero = false;
  for (const c of part) {
    if (c === '零' || c === '〇') {
      if (digit !== undefined || zero) return undefined;
      zero = true;
      continue;
    }
    if (c in DIGITS) {
      if (digit !== undefined) return undefined; // 一一, 八一
      digit = DIGITS[c];
      continue;
    }
    const unit = SMALL_UNITS[c];
    if (unit === undefined || unit >= lastUnit) return undefined;
    if (digit === undefined && !(unit === 10 && leading && value === 0 && !zero)) return undefined;
    if (zero && unit * 10 >= lastUnit) return undefined; // 零 stands for a skipped place
    value += (digit ?? 1) * unit;
    lastUnit = unit;
    digit = undefined;
    zero = false;
  }
  if (zero && digit === undefined) return undefined; // a trailing 零
  // 三千五 is the abbreviated 3500: a last digit right after 百 or 千 (no 零 between) is not read.
  if (digit !== undefined && lastUnit > 10 && lastUnit < 10_000 && !zero) return undefined;
  return value + (digit ?? 0);
}

/** Largest number written in counted numerals (below 一万亿). */
const MAX_COUNTED = 999_999_999_999n;

/**
 * `value` (a decimal string) in the style of `old`, or undefined when that style cannot write it (a fraction in
 * numerals, a number too large, less than one 万 in `mixed`): the caller then writes digits.
 */
export function writeChinese(value: string, old: ChineseNumber): string | undefined {
  if (old.style === 'mixed') {
    const zeros = old.unit === '万' ? 4 : 8;
    if (!/^\d+$/.test(value) || value.length <= zeros) return undefined;
    const whole = value.slice(0, -zeros);
    const fraction = value.slice(-zeros).replace(/0+$/, '');
    if (fraction.length > 2) return undefined; // 1.2345万 is not how anyone writes 12345
    return `${whole}${fraction ? `.${fraction}` : ''}${old.unit}`;
  }
  if (!/^\d+$/.test(value)) return undefined;
  if (old.style === 'spelled') return [...value].map((d) => (d === '0' ? '〇' : WRITE[Number(d)])).join('');
  const n = BigInt(value);
  if (n > MAX_COUNTED) return undefined;
  return counted(n, old.liang);
}

/** A whole number in counted numerals: 15 → 十五, 105 → 一百零五, 20000 → 两万 (with `liang`). */
function counted(n: bigint, liang: boolean): string {
  if (n === 0n) return '零';
  const sections: [bigint, string][] = [
    [n / 100_000_000n, '亿'],
    [(n / 10_000n) % 10_000n, '万'],
    [n % 10_000n, ''],
  ];
  let out = '';
  let zero = false; // a zero section or place is pending, written once before the next non-zero one
  for (const [value, unit] of sections) {
    if (value === 0n) {
      if (out) zero = true;
      continue;
    }
    if (out && (zero || value < 1000n)) out += '零';
    out += (liang && value === 2n && unit ? '两' : section(Number(value), out === '', liang)) + unit;
    zero = false;
  }
  return out;
}

function section(n: number, leading: boolean, liang: boolean): string {
  const places: [number, string][] = [
    [Math.floor(n / 1000), '千'],
    [Math.floor(n / 100) % 10, '百'],
    [Math.floor(n / 10) % 10, '十'],
    [n % 10, ''],
  ];
  let out = '';
  let zero = false;
  for (const [d, unit] of places) {
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    if (d === 1 && unit === '十' && leading && out === '') out += '十';
    else if (d === 2 && liang && (unit === '千' || unit === '百') && out === '') out += '两' + unit;
    else out += WRITE[d] + unit;
  }
  return out;
}
