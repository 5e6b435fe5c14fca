import { arabicKey, MAX_CONFLICT_SAMPLES, mergeUnits, TuMerger, type TmxTu } from '../../src/formats';

const tu = (ar: string, targets: { en?: string; zh?: string }, extra: Partial<TmxTu> = {}): TmxTu => {
  const unit: TmxTu = { attrs: {}, props: [], notes: [], langs: { ar: { tag: 'ar', text: ar, codes: [] } }, apart: [] };
  if (targets.en !== undefined) unit.langs.en = { tag: 'en', text: targets.en, codes: [] };
  if (targets.zh !== undefined) unit.langs.zh = { tag: 'zh', text: targets.zh, codes: [] };
  return Object.assign(unit, extra);
};

describe('TuMerger', () => {
  it('says what each tu adds to the unit of its Arabic source', () => {
    const merger = new TuMerger();
    const a = merger.add(tu('نص', { en: 'text' }));
    const b = merger.add(tu(' نص ', { zh: '文本' }));
    const c = merger.add(tu('نص', { en: 'text ', zh: '文本' }));
    expect([a, b, c].map((o) => [o.status, o.added, o.conflicts])).toEqual([
      ['new', ['en'], []],
      ['extended', ['zh'], []],
      ['duplicate', [], []],
    ]);
    expect(new Set([a.key, b.key, c.key]).size).toBe(1);
    expect(merger.counts).toEqual({ units: 1, extended: 1, duplicates: 1, conflicts: { en: 0, zh: 0 } });
  });

  it('counts a tu that only conflicts once, as a conflict, and not also as a duplicate', () => {
    const merger = new TuMerger();
    merger.add(tu('عقد المجلس جلسته', { en: 'The council met' }));
    const same = merger.add(tu('عقد المجلس جلسته', { en: 'The council met' }));
    const other = merger.add(tu('عقد المجلس جلسته', { en: 'The council convened' }, { tuid: 'x2' }));
    merger.add(tu('عقد المجلس جلسته', { zh: '理事会开会' }));
    const otherZh = merger.add(tu('عقد المجلس جلسته', { zh: '理事会召开会议' }));
    expect([same.status, other.status, otherZh.status]).toEqual(['duplicate', 'conflict', 'conflict']);
    expect(merger.counts).toEqual({ units: 1, extended: 1, duplicates: 1, conflicts: { en: 1, zh: 1 } });
    expect(merger.conflictSamples).toEqual([
      { ar: 'عقد المجلس جلسته', lang: 'en', tuid: 'x2', reason: 'different-translation' },
      { ar: 'عقد المجلس جلسته', lang: 'zh', reason: 'different-translation' },
    ]);
  });

  it('keeps the first of two different translations and reports the second as a conflict', () => {
    const merger = new TuMerger();
    merger.add(tu('نص', { en: 'text' }));
    const outcome = merger.add(tu('نص', { en: 'a text', zh: '文本' }, { tuid: 't9' }));
    expect([outcome.status, outcome.added, outcome.conflicts]).toEqual(['extended', ['zh'], ['en']]);
    expect(merger.counts.conflicts).toEqual({ en: 1, zh: 0 });
    expect(merger.conflictSamples).toEqual([{ ar: 'نص', lang: 'en', tuid: 't9', reason: 'different-translation' }]);
  });

  it('keeps a bounded number of conflict samples and counts them all', () => {
    const merger = new TuMerger();
    for (let i = 0; i <= MAX_CONFLICT_SAMPLES + 10; i++) merger.add(tu('نص', { en: `text ${i}` }));
    expect(merger.counts.conflicts.en).toBe(MAX_CONFLICT_SAMPLES + 10);
    expect(merger.conflictSamples).toHaveLength(MAX_CONFLICT_SAMPLES);
  });

  it('tells Arabic sources apart by their text after NFC and trimming only', () => {
    expect(arabicKey(' قال\u0627\u0653 ')).toBe(arabicKey('قالآ'));
    expect(arabicKey('قال')).not.toBe(arabicKey('قالَ'));
    const merger = new TuMerger();
    for (let i = 0; i < 3000; i++) merger.add(tu(`جملة ${i}`, { en: `sentence ${i}` }));
    expect(merger.counts.units).toBe(3000);
  });

  it('refuses a unit without Arabic', () => {
    expect(() =>
      new TuMerger().add({ ...tu('x', { en: 'y' }), langs: { en: { tag: 'en', text: 'y', codes: [] } } }),
    ).toThrow(RangeError);
  });
});

describe('mergeUnits', () => {
  it('folds later units into the first: new languages, missing metadata, props and notes not yet there', async () => {
    const merged = await mergeUnits([
      tu('نص', { en: 'text' }, { tuid: 'a', props: [['x-k', '1']], notes: ['n1'], attrs: { creationid: 'amira' } }),
      tu('آخر', { en: 'other' }),
      tu(
        'نص',
        { zh: '文本', en: 'different' },
        {
          tuid: 'b',
          props: [
            ['x-k', '1'],
            ['x-j', '2'],
          ],
          notes: ['n1', 'n2'],
          attrs: { creationid: 'li', changeid: 'li' },
          document: 'd',
          position: 4,
        },
      ),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toEqual(
      tu(
        'نص',
        { en: 'text', zh: '文本' },
        {
          tuid: 'a',
          props: [
            ['x-k', '1'],
            ['x-j', '2'],
          ],
          notes: ['n1', 'n2'],
          attrs: { creationid: 'amira', changeid: 'li' },
          document: 'd',
          position: 4,
        },
      ),
    );
  });
});
