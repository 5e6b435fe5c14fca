import fc from 'fast-check';
import {
  foldText,
  FOLDS,
  hasTokens,
  tokenize,
  tokenizeCodes,
  tokenizeFolded,
  tokenSpans,
  TokenBuffer,
} from '../../src/normalize';
import { regexTokenize } from '../../src/normalize/pipeline';
import { compositionSeconds } from '../../src/normalize/tables';
import { tokenizeCodesGeneral } from '../../src/normalize/tokenizer';

/** Strings of 0–40 characters drawn from `chars` (each a string of one or more code points). */
const textOf = (chars: string[]) =>
  fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((parts) => parts.join(''));
const codePoints = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const chars = (...ranges: [number, number][]) =>
  ranges.flatMap(([a, b]) => codePoints(a, b)).map((c) => String.fromCodePoint(c));

const arabic = textOf([
  ...'وقد توصل الجانبان إلى كِتَابٌ أإآٱىة ـ ولل بال',
  ...chars([0x0621, 0x064a], [0x064b, 0x065f], [0x0660, 0x066c], [0x06f0, 0x06f9]),
  ...'\u0670\u0640\u060c\u061b\u061f \u200c\u200f\ufefb\ufdfa\u0627\u0653\u0627\u0654',
]);
const chinese = textOf([
  ...'新华社西安年月日电中国外长秦刚。，「」（）ＡＢＣ１２３〇々ひらがなカタカナ ',
  ...chars([0x4e00, 0x4e3f]),
]);
const latin = textOf([
  ...'Qin GANG said: "China, as always." ßẞİıﬁÆæ',
  ...chars([0x00c0, 0x00ff], [0x0300, 0x036f], [0x0391, 0x03c9]),
  'ΟΔΟΣ',
  'Σ',
  'e\u0301',
]);
const numbers = textOf([...'0123456789.,٫٬．，٠١٢٣۴۵ ３.５ 1,000 ', '\u200b', '\u064e', '½', '²']);
/** Marks, jamo and vowel signs that compose, astral letters, digits and ideographs. */
const composing = textOf([
  ...chars([0x1100, 0x1112], [0x1161, 0x1175], [0x11a8, 0x11c2], [0xac00, 0xac10], [0x0300, 0x0345]),
  ...chars([0x09be, 0x09be], [0x09c7, 0x09c7], [0x09d7, 0x09d7], [0x0b47, 0x0b47], [0x0b3e, 0x0b3e]),
  ...chars([0x3099, 0x309a], [0xff76, 0xff76], [0xff9e, 0xff9f], [0x093c, 0x094d], [0x05b0, 0x05bd]),
  ...chars([0x1d15e, 0x1d165], [0x11099, 0x11099], [0x110ba, 0x110ba], [0x1d7ce, 0x1d7d7], [0x20000, 0x20005]),
  ...'ka\u0326\u0301\u0327 \u200d.,',
]);
const unicode = fc.string({ unit: 'binary', maxLength: 30 });
const withLoneSurrogates = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 30,
});
const mixed = fc
  .array(fc.oneof(arabic, chinese, latin, numbers, composing, unicode), { maxLength: 4 })
  .map((parts) => parts.join(' '));

const GENERATORS: [string, fc.Arbitrary<string>][] = [
  ['Arabic with tashkeel', arabic],
  ['Chinese', chinese],
  ['Latin and Greek', latin],
  ['digits with separators', numbers],
  ['composing marks and astral characters', composing],
  ['random Unicode', unicode],
  ['random code units, lone surrogates included', withLoneSurrogates],
  ['mixed', mixed],
];

const spansOf = (t: TokenBuffer) => ({
  tokens: t.strings(),
  from: [...t.from.subarray(0, t.count)],
  to: [...t.to.subarray(0, t.count)],
});

describe.each(GENERATORS)('the tokenizer on %s', (_, text) => {
  it('gives the tokens of the regex pipeline, its oracle', () => {
    fc.assert(fc.property(text, (s) => expect(tokenize(s)).toEqual(regexTokenize(s))));
  });

  it('says a text has tokens exactly when it gives some', () => {
    fc.assert(fc.property(text, (s) => expect(hasTokens(s)).toBe(tokenize(s).length > 0)));
  });

  it('gives the same tokens and spans from its table loop and its general loop', () => {
    const table = new TokenBuffer();
    const general = new TokenBuffer();
    fc.assert(
      fc.property(text, (s) =>
        expect(spansOf(tokenizeCodes(s, table))).toEqual(spansOf(tokenizeCodesGeneral(s, general))),
      ),
    );
  });

  it('gives spans that hold their tokens, in order, and nothing between them', () => {
    // Σ lower-cases to σ or ς by its neighbours, so a span cut out of its context may end differently.
    const sigma = (ts: string[]) => ts.join('').replace(/ς/g, 'σ');
    fc.assert(
      fc.property(text, (s) => {
        const spans = tokenSpans(s);
        expect(spans.map((x) => x.token)).toEqual(tokenize(s));
        let gapFrom = 0;
        for (let t = 0; t < spans.length;) {
          // Tokens from one character (½ → 1, 2) share its span: they are checked together.
          let last = t;
          while (last + 1 < spans.length && spans[last + 1]!.start < spans[last]!.end) last++;
          const { start } = spans[t]!;
          const { end } = spans[last]!;
          expect(start).toBeGreaterThanOrEqual(gapFrom);
          expect(end).toBeGreaterThan(start);
          expect(regexTokenize(s.slice(gapFrom, start))).toEqual([]);
          expect(sigma(regexTokenize(s.slice(start, end)))).toBe(sigma(spans.slice(t, last + 1).map((x) => x.token)));
          gapFrom = end;
          t = last + 1;
        }
        expect(gapFrom).toBeLessThanOrEqual(s.length);
        expect(regexTokenize(s.slice(gapFrom))).toEqual([]);
      }),
    );
  });

  it('tokenizes folded text as the regex does, with any one fold left out', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...FOLDS.map((f) => f.name)), (s, skip) =>
        expect(tokenizeFolded(foldText(s, skip))).toEqual(regexTokenize(s, skip)),
      ),
    );
  });
});

describe('the tokenizer', () => {
  it('can derive its BMP tables from BMP compositions alone: no astral one adds a BMP code point that composes', () => {
    const bmp = compositionSeconds(0, 0x10000);
    const astral = compositionSeconds(0x10000, 0x20000);
    compositionSeconds(0x2f800, 0x2fa20, astral);
    expect(astral.size).toBeGreaterThan(0);
    expect([...astral].filter((cp) => cp <= 0xffff && !bmp.has(cp))).toEqual([]);
  });

  it('reuses its buffer between texts of any length', () => {
    const buffer = new TokenBuffer();
    const long = 'كلمة '.repeat(3000);
    expect(tokenizeCodes(long, buffer).count).toBe(3000);
    expect(tokenizeCodes('a b', buffer).strings()).toEqual(['a', 'b']);
    expect(tokenizeCodes('x'.repeat(20_000) + ' ½', buffer).strings()).toEqual(['x'.repeat(20_000), '1', '2']);
  });

  it('spans a vocalized word with its final tashkeel, and folded characters with their stretch', () => {
    expect(tokenSpans('كِتَابٌ، 3.5')).toEqual([
      { token: 'كتاب', start: 0, end: 7 },
      { token: '3.5', start: 9, end: 12 },
    ]);
    // ﻻ is two letters, e + ◌́ one, İ lower-cases to i + ◌̇, and Σ ends a word as ς.
    expect(tokenSpans('ﻻ e\u0301 İz ΟΔΟΣ')).toEqual([
      { token: 'لا', start: 0, end: 1 },
      { token: 'é', start: 2, end: 4 },
      { token: 'i\u0307z', start: 5, end: 7 },
      { token: 'οδος', start: 8, end: 12 },
    ]);
  });
});
