import { pretranslateI18next } from '../../src/formats';
import { memoryTm } from '../helpers/xliff-fixtures';

// `t('steps', { returnObjects: true })` takes the array's length from the language that has the key: a shorter
// draft loses items at runtime, and i18next does not fill them from the fallback language.
const tm = () =>
  memoryTm({
    'حفظ التغييرات': { en: [{ score: 100, targetText: 'Save changes', unitId: 's' }] },
    إلغاء: { en: [{ score: 100, targetText: 'Cancel', unitId: 'c' }] },
  });
const UNKNOWN = 'كلمة غريبة لا توجد في الذاكرة';

describe('an array in i18next resources', () => {
  it('is drafted at the source’s length, its numbers, booleans, nulls and objects copied as they are', async () => {
    const resources = {
      mixed: ['إلغاء', 3],
      full: ['حفظ التغييرات', 5, true, null, { n: 2, label: 'إلغاء', more: {} }, [], ['إلغاء', false]],
      blank: ['', 'إلغاء'],
    };
    const { bundles, report } = await pretranslateI18next(resources, tm(), { to: ['en'] });
    expect(bundles.en).toEqual({
      mixed: ['Cancel', 3],
      full: ['Save changes', 5, true, null, { n: 2, label: 'Cancel', more: {} }, [], ['Cancel', false]],
      blank: ['', 'Cancel'],
    });
    // Key order inside an element is the source's.
    expect(Object.keys((bundles.en!.full as object[])[4]!)).toEqual(['n', 'label', 'more']);
    expect(report.keys.map((k) => [k.key, k.status])).toEqual([
      ['mixed.0', 'filled'],
      ['full.0', 'filled'],
      ['full.4.label', 'filled'],
      ['full.6.0', 'filled'],
      ['blank.0', 'empty-source'],
      ['blank.1', 'filled'],
    ]);
  });

  it('is left out whole when an element is untranslated, the drafts it had reported array-incomplete', async () => {
    // The tester's case (i18n/arr-tail.json): ["Save changes","Cancel"] for three steps; a gap became null.
    const resources = { steps: ['حفظ التغييرات', 'إلغاء', UNKNOWN], gap: ['إلغاء', UNKNOWN, 7], ok: 'إلغاء' };
    const { bundles, report } = await pretranslateI18next(resources, tm(), { to: ['en'] });
    expect(bundles.en).toEqual({ ok: 'Cancel' });
    expect(report.keys).toEqual([
      {
        lang: 'en',
        key: 'steps.0',
        sourceKey: 'steps.0',
        status: 'array-incomplete',
        score: 100,
        unitId: 's',
        placeables: expect.any(Object),
      },
      expect.objectContaining({ key: 'steps.1', status: 'array-incomplete', unitId: 'c' }),
      { lang: 'en', key: 'steps.2', status: 'no-match' },
      expect.objectContaining({ key: 'gap.0', status: 'array-incomplete' }),
      { lang: 'en', key: 'gap.1', status: 'no-match' },
      expect.objectContaining({ key: 'ok', status: 'filled' }),
    ]);
  });

  it('completes an existing array with the drafts, or leaves it as it was when an element stays untranslated', async () => {
    const existing = { en: { list: ['Keep first'], short: ['Mine'], note: 'kept' } };
    const resources = { list: [UNKNOWN, 'إلغاء', 7], short: [UNKNOWN, 'إلغاء', UNKNOWN] };
    const { bundles, report } = await pretranslateI18next(resources, tm(), { to: ['en'], existing });
    expect(bundles.en).toEqual({ list: ['Keep first', 'Cancel', 7], short: ['Mine'], note: 'kept' });
    const status = (key: string) => report.keys.find((k) => k.key === key)?.status;
    expect([status('list.0'), status('list.1')]).toEqual(['kept', 'filled']);
    expect([status('short.0'), status('short.1'), status('short.2')]).toEqual(['kept', 'array-incomplete', 'no-match']);
  });

  it('never turns an existing value of another shape into an array without overwrite', async () => {
    const existing = { en: { list: 'Our own sentence' } };
    const resources = { list: ['إلغاء', 7] };
    const kept = await pretranslateI18next(resources, tm(), { to: ['en'], existing });
    expect(kept.bundles.en).toEqual({ list: 'Our own sentence' });
    const forced = await pretranslateI18next(resources, tm(), { to: ['en'], existing, overwrite: true });
    expect(forced.bundles.en).toEqual({ list: ['Cancel', 7] });
  });
});
