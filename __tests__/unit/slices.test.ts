/** Long work in slices (src/slices.ts): the same results as done at once, with other work run in between. */
import { alignTexts, alignTextsSteps } from '../../src/align';
import { inSlices, mapInSlices } from '../../src/slices';
import { tickChain } from '../helpers/tick-chain';

describe('mapInSlices', () => {
  it('maps every item in order, with its index', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => `row ${i}`);
    expect(await mapInSlices(items, (s, i) => `${i}:${s}`)).toEqual(items.map((s, i) => `${i}:${s}`));
  });

  it('gives the event loop back between slices, so that waiting callbacks run before the work goes on', async () => {
    // A slice of 0 ms yields before every item after the first: a chain of setImmediate callbacks (standing for
    // other requests) advances between any two items, whatever the machine's speed.
    const seen: number[] = [];
    const ticker = tickChain();
    const out = await mapInSlices([1, 2, 3, 4, 5], (n) => (seen.push(ticker.ticks()), n * 2), 0);
    ticker.stop();
    expect(out).toEqual([2, 4, 6, 8, 10]);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
  });

  it('resumes one piece of work per turn of the loop: two at once take turns, with other callbacks between', async () => {
    const order: string[] = [];
    const ticker = tickChain();
    const work = (name: string) => mapInSlices([1, 2, 3, 4], (n) => order.push(`${name}${n}@${ticker.ticks()}`), 0);
    await Promise.all([work('a'), work('b')]);
    ticker.stop();
    expect(order.map((o) => o.split('@')[0])).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4', 'b4']);
    const at = order.map((o) => Number(o.split('@')[1]));
    // After the first items, no two slices run in the same turn: the tick chain advances between any two.
    for (let i = 2; i < at.length; i++) expect(at[i]).toBeGreaterThan(at[i - 1]!);
  });

  it('maps nothing to nothing', async () => {
    expect(await mapInSlices([], () => 1)).toEqual([]);
  });
});

describe('inSlices', () => {
  const TEXTS = {
    ar: 'وصل الوزير إلى بكين. عقد الجانبان محادثات مثمرة.\n\nوقع البلدان اتفاقية للتعاون.',
    en: 'The minister arrived in Beijing. The two sides held fruitful talks.\n\nThe two countries signed a cooperation agreement.',
    zh: '部长抵达北京。双方举行了富有成果的会谈。\n\n两国签署了合作协议。',
  };

  it('aligns a document in steps to the same rows as at once, other callbacks running between the steps', async () => {
    const ticker = tickChain();
    const seen: number[] = [];
    const steps = alignTextsSteps(TEXTS);
    const watched = (function* () {
      for (;;) {
        const step = steps.next();
        if (step.done) return step.value;
        seen.push(ticker.ticks());
        yield;
      }
    })();
    const rows = await inSlices(watched, 0);
    ticker.stop();
    expect(rows).toEqual(alignTexts(TEXTS));
    // Segmentation of each language, both alignment passes and the rows: several pauses, each one letting others run.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
  });
});
