/**
 * A large XLIFF file is looked up in batches: under `strict` freshness (the CLIs') every lookup used to bring the TM
 * up to date first, one Redis round trip per segment (51,000 in a row for a 20 MB file). The lookups now go a batch
 * at a time through `matchBatch`, the TM brought up to date once per batch, and the file comes out byte for byte as
 * one lookup per segment writes it, neighbours (101) included.
 */
import { pretranslateXliffFile, analyzeXliff as analyzeDocument, parseXliff } from '../../src/formats';
import { tmLookup, XLIFF_BATCH } from '../../src/service';
import { createTestContext, otherInstance, type TestContext } from '../helpers/context';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext(); // the seed TM
});
afterAll(() => ctx.close());

const SEED = [
  'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.',
  'وقد توصل الجانبان إلى توافق حول تعزيز التعاون العملي.',
  'مرحبا بكم في الموقع',
];
const WORDS = ['الصين', 'القاهرة', 'الوفد', 'الرياض', 'المعرض', 'الكتاب', 'التعاون', 'الثقافة', 'الأربعاء', 'الخطة'];

/** `n` segments: the seed's sentences again and again (repeated texts, neighbours that differ), and distinct ones. */
function largeFile(n: number): string {
  const units = Array.from({ length: n }, (_, i) => {
    const text =
      i % 4 === 3 ? `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} ${i}` : SEED[i % SEED.length]!;
    return `      <trans-unit id="u${i}"><source>${text}</source></trans-unit>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="ar" target-language="en" datatype="plaintext">
    <body>
${units.join('\n')}
    </body>
  </file>
</xliff>
`;
}

describe('pretranslating a large XLIFF file under strict freshness', () => {
  const n = XLIFF_BATCH + 300;

  it('brings the TM up to date once per batch, not once per segment, and writes the same bytes', async () => {
    const { tm } = await otherInstance(ctx, 'strict');
    const input = new TextEncoder().encode(largeFile(n));
    const options = { tms: [ctx.config.defaultTm], maxQueryChars: ctx.config.maxQueryChars };
    await tm.match({ q: SEED[0]!, src: 'ar', tgt: ['en'], min: 75, limit: 1, tms: options.tms }); // index loaded
    const peek = jest.spyOn(ctx.store.log, 'peek'); // counts the round trips, each still made
    try {
      const { output, report } = await tm.pretranslateXliff(input, { ...options, min: 75 });
      const rounds = peek.mock.calls.length;
      expect(rounds).toBeGreaterThan(0);
      expect(rounds).toBeLessThanOrEqual(Math.ceil(n / XLIFF_BATCH) + 1);
      expect(report.totals.filled).toBeGreaterThanOrEqual(n / 2);

      // One lookup per segment through `match`, as before: the same file.
      peek.mockClear();
      const single = await pretranslateXliffFile(
        input,
        tmLookup((r) => tm.match(r), options),
        { min: 75 },
      );
      expect(peek.mock.calls.length).toBeGreaterThanOrEqual(n / 4); // one per distinct lookup
      expect(Buffer.from(output).equals(Buffer.from(single.output))).toBe(true);
      expect(report).toEqual(single.report);

      // Analysis likewise.
      peek.mockClear();
      const analysis = await tm.analyzeXliff(input, options);
      expect(peek.mock.calls.length).toBeLessThanOrEqual(Math.ceil(n / XLIFF_BATCH) + 1);
      expect(analysis).toEqual(
        await analyzeDocument(
          parseXliff(input),
          tmLookup((r) => tm.match(r), options),
        ),
      );
    } finally {
      peek.mockRestore();
    }
  }, 60_000);

  it('still refuses a TM that does not exist', async () => {
    const { tm } = await otherInstance(ctx, 'strict');
    const input = new TextEncoder().encode(largeFile(3));
    await expect(
      tm.pretranslateXliff(input, { tms: ['no-such-tm'], maxQueryChars: ctx.config.maxQueryChars }),
    ).rejects.toMatchObject({ code: 'UNKNOWN_TM' });
  });
});
