/**
 * The segmenter reads what ICU would say from the text where it can (src/align/icu-verdict.ts) instead of asking ICU
 * about every paragraph: these check every such reading against ICU itself, on random text made of every character
 * class the rules of UAX #29 name, and that common shapes of text are read without ICU.
 */
import { Segmenter } from '../../src/align';
import { icuBreakAt } from '../../src/align/icu-verdict';
import { fuzzTexts } from '../../scripts/lib/adversarial-text';

const segmenters = { ar: new Segmenter('ar'), en: new Segmenter('en'), zh: new Segmenter('zh') };
const texts = fuzzTexts(3000, 30);

describe("ICU's verdict read from the text", () => {
  it('agrees with ICU at every position where it gives one, on random text', () => {
    let read = 0;
    const wrong: string[] = [];
    for (const text of texts) {
      const icu = new Set(segmenters.en.icuBreaks(text));
      for (let at = 1; at < text.length; at++) {
        const verdict = icuBreakAt(text, at);
        if (verdict === undefined) continue;
        read++;
        if (verdict !== icu.has(at)) wrong.push(`${JSON.stringify(text)} at ${at}: read ${verdict}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(read).toBeGreaterThan(texts.length); // it answers often enough to matter
  });

  it('reads the common sentence ends and leaves the rest to ICU', () => {
    expect(icuBreakAt('نعم؟لا', 4)).toBe(true); // STerm, then a letter
    expect(icuBreakAt('这是。那是', 3)).toBe(true);
    expect(icuBreakAt('etc. and', 4)).toBe(false); // ATerm, then a lowercase letter (SB8)
    expect(icuBreakAt('U.S.A', 2)).toBe(false); // (Upper | Lower) ATerm × Upper (SB7)
    expect(icuBreakAt('3.5', 2)).toBe(false); // ATerm × Numeric (SB6)
    expect(icuBreakAt('end. The', 4)).toBe(true);
    expect(icuBreakAt('end.) the', 5)).toBe(false);
    expect(icuBreakAt('wait… then', 5)).toBe(false); // no terminal: … is not one
    expect(icuBreakAt('end.\u2028next', 4)).toBeUndefined(); // a separator
    expect(icuBreakAt('end. 3 more', 4)).toBeUndefined(); // SB8 would look further
  });
});

describe('paragraphs segmented without ICU', () => {
  it('get the sentences ICU would give them, on random text, in every language', () => {
    for (const segmenter of Object.values(segmenters)) {
      let local = 0;
      for (const text of texts) {
        const read = segmenter.withoutIcu(text);
        if (!read) continue;
        local++;
        expect([text, read]).toEqual([text, segmenter.sentences(text, segmenter.icuBreaks(text))]);
      }
      expect(local).toBeGreaterThan(texts.length / 10);
    }
  });

  it('include texts made of nothing but sentence ends, and ordinary prose', () => {
    for (const text of [
      '1?ك!؟1?ك!',
      '؟…a.؟…a.',
      'هل هذا صحيح؟! نعم.',
      '你怎么会在这里……？你快走。',
      'Dr. Wang left. He said: "No!" Then (later) he came.',
    ])
      expect(segmenters.ar.withoutIcu(text)).toEqual(segmenters.ar.sentences(text, segmenters.ar.icuBreaks(text)));
  });

  it('leave to ICU a paragraph where ICU may break after a character the text cannot place', () => {
    // A format character after a final mark and a space: ICU's break comes after it, where trimming does not reach.
    expect(segmenters.en.withoutIcu('As shown in Fig. \u200b(Fig.1), the cases rose.')).toBeUndefined();
    expect(segmenters.en.sentences('As shown in Fig. \u200b(Fig.1), the cases rose.')).toEqual([
      'As shown in Fig. \u200b',
      '(Fig.1), the cases rose.',
    ]);
    expect(segmenters.ar.withoutIcu('قال ❛نعم!❜ ثم ذهب')).toBeUndefined(); // a closer of a kind the rules do not list
  });
});
