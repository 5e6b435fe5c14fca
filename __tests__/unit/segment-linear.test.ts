/**
 * Segmentation and paragraph splitting take time linear in the text, whatever its content. These texts are 500k
 * characters: a pass that is quadratic in any of them runs for minutes (24k dots took 8.9 s; 10k short sentences in
 * one paragraph 20 s inside ICU), so finishing within the test timeout is the check. Most shapes are segmented without
 * asking ICU (src/align/icu-verdict.ts); "unlisted closers after final marks" and the generated "?」 " are given to
 * ICU whole. The figures themselves come from `npm run bench:segment` (docs/benchmarks.md).
 */
import { paragraphs, segmentText, Segmenter } from '../../src/align';
import { adversarialTexts, generatedTexts } from '../../scripts/lib/adversarial-text';

const SIZE = 500_000;
const segmenters = { ar: new Segmenter('ar'), en: new Segmenter('en'), zh: new Segmenter('zh') };

describe('segmentation is linear in the text', () => {
  for (const [name, text] of Object.entries(adversarialTexts(SIZE))) {
    it(`segments ${name} (${SIZE.toLocaleString('en')} characters) in every language`, () => {
      for (const segmenter of Object.values(segmenters)) {
        const sentences = segmentText(text, segmenter).flatMap((p) => p.sentences);
        // Nothing is lost: the sentences hold every non-space character of the text, in order.
        expect(sentences.join('').replace(/\s/g, '').length).toBe(text.replace(/\s/g, '').length);
      }
    }, 60_000);
  }
});

describe('segmentation is linear on generated shapes too', () => {
  // Seeded random patterns of risky characters repeated to 200k characters: runs and alternations nobody wrote down.
  for (const [name, text] of Object.entries(generatedTexts(200_000, 6))) {
    it(`segments ${name} repeated to ${text.length.toLocaleString('en')} characters`, () => {
      for (const segmenter of Object.values(segmenters)) {
        const sentences = segmentText(text, segmenter).flatMap((p) => p.sentences);
        expect(sentences.join('').replace(/\s/g, '').length).toBe(text.replace(/\s/g, '').length);
      }
    }, 60_000);
  }
});

describe('runs of final marks', () => {
  it('keeps a doubled or mixed final mark with its sentence instead of making a sentence of it', () => {
    expect(segmenters.zh.sentences('你怎么会在这里……？你快走。')).toEqual(['你怎么会在这里……？', '你快走。']);
    expect(segmenters.zh.sentences('真的有人用它？？')).toEqual(['真的有人用它？？']);
    expect(segmenters.ar.sentences('هل هذا صحيح؟! نعم.')).toEqual(['هل هذا صحيح؟!', 'نعم.']);
    expect(segmenters.en.sentences('Really?! Yes... and no. Done.')).toEqual(['Really?!', 'Yes... and no.', 'Done.']);
  });

  it('joins a paragraph soft-wrapped over lines with single spaces, however many spaces surround the newlines', () => {
    expect(paragraphs(`one${' '.repeat(1000)}\n${' '.repeat(1000)}two\n\nthree`)).toEqual(['one two', 'three']);
  });
});
