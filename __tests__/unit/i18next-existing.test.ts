import { pretranslateI18next } from '../../src/formats';
import { shapeConflict } from '../../src/formats/i18next';
import { memoryTm } from '../helpers/xliff-fixtures';

const CONSENSUS = 'وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.';
const tm = () =>
  memoryTm({
    [CONSENSUS]: { en: [{ score: 100, targetText: 'The two sides reached broad consensus.', unitId: 'c' }] },
    'الطقس جميل': { en: [{ score: 100, targetText: 'The weather is fine', unitId: 'w' }] },
  });

describe('an existing bundle whose shape differs from the source’s', () => {
  it('finds where the way to a key is blocked by a value of another shape', () => {
    const existing = { news: 'flat', list: ['a'], box: { inner: 'x' }, gone: null, tags: { '0': 'zero' } };
    expect(shapeConflict(existing, ['news', 'consensus'])).toEqual({
      path: 'news',
      existing: 'string',
      source: 'object',
    });
    expect(shapeConflict(existing, ['list', 'x'])).toEqual({ path: 'list', existing: 'array', source: 'object' });
    expect(shapeConflict(existing, ['tags', 0])).toEqual({ path: 'tags', existing: 'object', source: 'array' });
    expect(shapeConflict(existing, ['box'])).toEqual({ path: 'box', existing: 'object', source: 'string' });
    expect(shapeConflict(existing, ['gone', 'a'])).toEqual({ path: 'gone', existing: 'null', source: 'object' });
    // Free, or a value of the key's own: no conflict (overwrite decides).
    for (const path of [['news'], ['list', 0], ['list', 1], ['box', 'inner'], ['box', 'other', 'deep'], ['new', 'x']])
      expect(shapeConflict(existing, path)).toBeUndefined();
    expect(shapeConflict(undefined, ['news'])).toBeUndefined();
  });

  it('keeps the existing value whole, leaves the conflicting keys unfilled and reports each conflict', async () => {
    const resources = { news: { consensus: CONSENSUS, weather: 'الطقس جميل' }, list: { x: CONSENSUS }, box: CONSENSUS };
    const existing = { news: 'flat string where source has an object', list: ['Keep first'], box: { inner: 'mine' } };
    const { bundles, report } = await pretranslateI18next(resources, tm(), { to: ['en'], existing: { en: existing } });
    expect(bundles.en).toEqual(existing);
    expect(report.keys).toEqual([
      {
        lang: 'en',
        key: 'news.consensus',
        status: 'kept',
        conflict: { path: 'news', existing: 'string', source: 'object' },
      },
      {
        lang: 'en',
        key: 'news.weather',
        status: 'kept',
        conflict: { path: 'news', existing: 'string', source: 'object' },
      },
      { lang: 'en', key: 'list.x', status: 'kept', conflict: { path: 'list', existing: 'array', source: 'object' } },
      { lang: 'en', key: 'box', status: 'kept', conflict: { path: 'box', existing: 'object', source: 'string' } },
    ]);
  });

  it('replaces the existing value with overwrite and reports it replaced', async () => {
    const resources = { news: { consensus: CONSENSUS, missing: 'لا شيء هنا' }, box: CONSENSUS, list: [CONSENSUS] };
    const existing = { news: 'flat', box: { inner: 'mine' }, list: { first: 'Keep first' } };
    const { bundles, report } = await pretranslateI18next(resources, tm(), {
      to: ['en'],
      existing: { en: existing },
      overwrite: true,
    });
    expect(bundles.en).toEqual({
      news: { consensus: 'The two sides reached broad consensus.' },
      box: 'The two sides reached broad consensus.',
      list: ['The two sides reached broad consensus.'],
    });
    const of = (key: string) => report.keys.find((k) => k.key === key);
    expect(of('news.consensus')).toMatchObject({ status: 'filled', replaced: true, conflict: { path: 'news' } });
    expect(of('box')).toMatchObject({ status: 'filled', replaced: true, conflict: { existing: 'object' } });
    expect(of('list.0')).toMatchObject({ status: 'filled', replaced: true, conflict: { existing: 'object' } });
    // Nothing written for this one: the conflict is reported, nothing replaced by it.
    expect(of('news.missing')).toEqual({
      lang: 'en',
      key: 'news.missing',
      status: 'no-match',
      conflict: { path: 'news', existing: 'string', source: 'object' },
    });
  });

  it('keeps an existing value left alone by an overwrite that found nothing to write', async () => {
    const existing = { news: 'flat' };
    const { bundles } = await pretranslateI18next({ news: { missing: 'لا شيء هنا' } }, tm(), {
      to: ['en'],
      existing: { en: existing },
      overwrite: true,
    });
    expect(bundles.en).toEqual({ news: 'flat' });
  });
});

describe('merging drafts into an existing bundle', () => {
  it('keeps every existing value as it was, empty containers and non-strings too, in its key order', async () => {
    const existing = {
      zeta: 'Mine',
      a: {},
      b: [],
      news: { weather: '', consensus: 'Our own wording', empty: {} },
      none: null,
      count: 3,
      on: false,
      days: ['Saturday', 'Sunday'],
      mixed: [1, null, { deep: [] }],
    };
    const resources = { news: { consensus: CONSENSUS, weather: 'الطقس جميل' }, fresh: 'الطقس جميل' };
    const { bundles } = await pretranslateI18next(resources, tm(), {
      to: ['en'],
      existing: { en: structuredClone(existing) },
    });
    const expected = {
      ...existing,
      news: { weather: 'The weather is fine', consensus: 'Our own wording', empty: {} },
      fresh: 'The weather is fine',
    };
    // Compared as text: key order and every value, empty or not, as written.
    expect(JSON.stringify(bundles.en)).toBe(JSON.stringify(expected));
  });

  it('keeps the existing values an overwrite does not displace, in their places', async () => {
    const existing = { list: {}, news: 'flat', after: [], tail: { x: null } };
    const { bundles } = await pretranslateI18next({ news: { consensus: CONSENSUS } }, tm(), {
      to: ['en'],
      existing: { en: existing },
      overwrite: true,
    });
    expect(JSON.stringify(bundles.en)).toBe(
      JSON.stringify({
        list: {},
        news: { consensus: 'The two sides reached broad consensus.' },
        after: [],
        tail: { x: null },
      }),
    );
  });
});
