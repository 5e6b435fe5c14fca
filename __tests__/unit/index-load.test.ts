import { bareUnit, generate } from '../../bench/generate';
import { IndexBlock, TmIndex, Vocabulary } from '../../src/match';
import { UnitCollector } from '../../src/match/collect';
import { slotMapOfInput } from '../../src/match/lang-index';
import { TokenBuffer } from '../../src/normalize';
import type { Unit } from '../../src/types';

const UNITS = 1500;
const data = generate(UNITS, 40, 5);
const units = data.tm.map((ar, i) => ({
  ...bareUnit(`u${i}`, ar),
  en: i % 4 === 0 ? '' : `unit number ${i} in english`,
}));
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

const pages = (all: readonly Unit[], size: number) =>
  Array.from({ length: Math.ceil(all.length / size) }, (_, k) => all.slice(k * size, (k + 1) * size));

const results = (index: TmIndex, q: string, src: 'ar' | 'en', exhaustive = false) =>
  index.search(q, src, { min: 60, limit: 5, exhaustive }).map((h) => [h.unitId, h.score]);

describe('an index loaded page by page', () => {
  it('answers as one loaded at once, exactly as the exhaustive scan, its blocks built before it is used', async () => {
    const whole = new TmIndex();
    whole.load(units);
    const paged = new TmIndex({ pace: turn });
    const load = paged.loadInPages(['ar', 'en'], 100); // fewer expected than come: the buffers grow
    for (const page of pages(units, 333)) await load.add([...page, undefined]); // undefined: a unit gone meanwhile
    await load.finish();
    expect(paged.size).toBe(UNITS);
    expect(paged.blockSlots('ar')).toMatchObject({ count: UNITS, live: UNITS, appended: 0 });
    expect(paged.blockSlots('en')).toMatchObject({ live: UNITS - UNITS / 4, appended: 0 });
    expect(paged.blockSlots('zh')).toBeUndefined(); // not asked: built at its first query
    for (const q of data.queries.slice(0, 25).map((x) => x.text)) {
      expect(results(paged, q, 'ar')).toEqual(results(whole, q, 'ar'));
      expect(results(paged, q, 'ar')).toEqual(results(paged, q, 'ar', true));
    }
    expect(results(paged, 'unit number 17 in english', 'en')).toEqual(
      results(whole, 'unit number 17 in english', 'en'),
    );
  });

  it('gives the event loop back while it tokenizes a page', async () => {
    const paged = new TmIndex({ pace: turn });
    const load = paged.loadInPages(['ar'], UNITS);
    let turns = 0;
    const counting = setInterval(() => turns++, 0);
    await load.add(units);
    clearInterval(counting);
    await load.finish();
    expect(turns).toBeGreaterThan(0);
  });

  it('keeps the units written while it loads, replayed onto the blocks it builds', async () => {
    const paged = new TmIndex({ pace: turn });
    const load = paged.loadInPages(['ar'], UNITS);
    await load.add(units.slice(0, 1000));
    paged.upsert({ ...bareUnit('late', data.tm[1200]!) });
    paged.remove('u3');
    await load.add(units.slice(1000));
    await load.finish();
    expect(results(paged, data.tm[1200]!, 'ar').map(([id]) => id)).toEqual(expect.arrayContaining(['late', 'u1200']));
    expect(results(paged, data.tm[3]!, 'ar').map(([id]) => id)).not.toContain('u3');
    for (const q of data.queries.slice(0, 10).map((x) => x.text))
      expect(results(paged, q, 'ar')).toEqual(results(paged, q, 'ar', true));
  });

  it('installs nothing when its pages stop coming, and ends the builds waiting for them', async () => {
    const paged = new TmIndex({ pace: turn });
    const load = paged.loadInPages(['ar', 'en'], UNITS);
    await load.add(units.slice(0, 500));
    load.abandon(new Error('Redis went away'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(paged.compacting('ar')).toBe(false);
    expect(paged.compacting('en')).toBe(false);
    expect(paged.blockSlots('ar')).toBeUndefined();
  });

  it('knows each unit’s slot before the block is laid out (the slot map made while a worker builds it)', async () => {
    const vocabulary = new Vocabulary();
    const collector = new UnitCollector('ar', vocabulary, new TokenBuffer(), 10);
    units.forEach((unit, row) => collector.add(row, unit.ar));
    const { slotOf, bySlot } = await slotMapOfInput(collector.input, turn);
    const block = IndexBlock.build(collector.input, vocabulary.size);
    expect(block.count).toBe(units.length);
    units.forEach((_, row) => expect(block.rows[slotOf.get(row)]).toBe(row));
    expect(bySlot).toEqual(block.rows.subarray(0, block.count));
  });
});
