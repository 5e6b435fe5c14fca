/**
 * A batch lookup (the service's: many segments per call to the TM) is asked each distinct (text, neighbours,
 * target) once, in file order, at most `size` queries a call, with each query's own neighbours; the answers land
 * on every segment that asked them, as one lookup per segment gives them.
 */
import { type LookupQuery, analyzeXliff, parseXliff } from '../../src/formats';
import { lookupAll } from '../../src/formats/xliff-lookup';

const A = 'مرحبا بكم في الموقع';
const B = 'تم حفظ الملف';
const C = 'وزير الخارجية يزور القاهرة';

describe('looking segments up in batches', () => {
  it('asks each distinct lookup once, in order, at most `size` a call, with its neighbours', async () => {
    const calls: LookupQuery[][] = [];
    const lookup = {
      size: 2,
      batch: (queries: readonly LookupQuery[]) => {
        calls.push([...queries]);
        return Promise.resolve(queries.map((q) => [{ score: 80, targetText: `en:${q.text}`, unitId: q.text }]));
      },
    };
    // A B A B A C: (A,'',B), (B,A,A), (A,B,B), (B,A,A) again, (A,B,C), (C,A,'').
    const sources = [A, B, A, B, A, C, ''];
    const found = await lookupAll(sources, lookup, 'ar', { tgt: 'en', min: 75, limit: 4 });
    expect(calls.map((c) => c.length)).toEqual([2, 2, 1]);
    expect(calls.flat().map((q) => [q.text, q.context.prev, q.context.next])).toEqual([
      [A, '', B],
      [B, A, A],
      [A, B, B],
      [A, B, C],
      [C, A, ''],
    ]);
    expect([...found.keys()]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(found.get(3)).toEqual([{ score: 80, targetText: `en:${B}`, unitId: B }]);
  });

  it('gives analysis the same bands as one lookup per segment', async () => {
    const answer = (text: string) => [{ score: text === A ? 100 : 80, targetText: 'x', unitId: text }];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en"><file id="f">
${[A, B, C, A].map((s, i) => `<unit id="${i}"><segment><source>${s}</source></segment></unit>`).join('\n')}
</file></xliff>`;
    const one = await analyzeXliff(parseXliff(xml), (text) => answer(text));
    const many = await analyzeXliff(parseXliff(xml), {
      size: 500,
      batch: (queries) => Promise.resolve(queries.map((q) => answer(q.text))),
    });
    expect(many).toEqual(one);
    expect(many.rows.find((r) => r.band === '100')!.segments).toBe(1);
  });
});
