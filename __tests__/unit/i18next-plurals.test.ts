import { pretranslateI18next } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

// The tester's case (i18n/en-src.json): English msg_one / msg_other drafted only Arabic _one and _other, so i18next
// showed the fallback language for 0, 2 and 3–99.
const tm = () =>
  memoryTm({
    'You have one message': { ar: [{ score: 100, targetText: 'لديك رسالة واحدة', unitId: 'one' }] },
    [`You have ${P(0)} messages`]: {
      ar: [
        { score: 100, targetText: `لديك ${P(0)} رسالة`, unitId: 'n' },
        { score: 100, targetText: `لديك ${P(0)} رسائل`, unitId: 'n3' },
      ],
      zh: [{ score: 100, targetText: `你有${P(0)}条消息`, unitId: 'n' }],
    },
    [`${P(0)}条消息`]: { en: [{ score: 100, targetText: `${P(0)} messages`, unitId: 'n' }] },
    [`${P(0)}th place`]: { ar: [{ score: 100, targetText: `المركز ${P(0)}`, unitId: 'p' }] },
    [`المركز ${P(0)}`]: { en: [{ score: 100, targetText: `${P(0)}th place`, unitId: 'p' }] },
  });

describe('plural forms the source language does not have', () => {
  it('drafts Arabic’s zero, two, few and many from the English other form, reported derived', async () => {
    const resources = { msg_one: 'You have one message', msg_other: 'You have {{count}} messages' };
    const { bundles, report } = await pretranslateI18next(resources, tm(), { from: 'en', to: ['ar', 'zh'] });
    expect(bundles.ar).toEqual({
      msg_zero: 'لديك {{count}} رسالة',
      msg_one: 'لديك رسالة واحدة',
      msg_two: 'لديك {{count}} رسالة',
      msg_few: 'لديك {{count}} رسالة',
      msg_many: 'لديك {{count}} رسالة',
      msg_other: 'لديك {{count}} رسالة',
    });
    expect(bundles.zh).toEqual({ msg_other: '你有{{count}}条消息' });
    const ar = report.keys.filter((k) => k.lang === 'ar').map((k) => [k.key, k.sourceKey, k.derived ?? false]);
    expect(ar).toEqual([
      ['msg_zero', 'msg_other', true],
      ['msg_one', 'msg_one', false],
      ['msg_two', 'msg_other', true],
      ['msg_few', 'msg_other', true],
      ['msg_many', 'msg_other', true],
      ['msg_other', 'msg_other', false],
    ]);
  });

  it('drafts English one from Chinese other, but derives no ordinal form and nothing the source language has', async () => {
    const { bundles, report } = await pretranslateI18next({ n_other: '{{count}}条消息' }, tm(), {
      from: 'zh',
      to: ['en'],
    });
    expect(bundles.en).toEqual({ n_one: '{{count}} messages', n_other: '{{count}} messages' });
    expect(report.keys.find((k) => k.key === 'n_one')).toMatchObject({ sourceKey: 'n_other', derived: true });
    // Ordinals: "{{count}}th" is no first, second or third; Arabic's own forms missing from a file stay missing.
    const ordinal = await pretranslateI18next({ p_ordinal_other: 'المركز {{count}}' }, tm(), { to: ['en'] });
    expect(ordinal.bundles.en).toEqual({ p_ordinal_other: '{{count}}th place' });
    expect(ordinal.report.keys.map((k) => k.status)).toEqual([
      'no-source-form',
      'no-source-form',
      'no-source-form',
      'filled',
    ]);
    const arabic = await pretranslateI18next({ m_other: 'المركز {{count}}' }, tm(), { to: ['en'] });
    expect(arabic.report.keys.map((k) => [k.key, k.status])).toEqual([
      ['m_one', 'no-source-form'],
      ['m_other', 'filled'],
    ]);
  });
});

describe('which TM unit each plural form takes', () => {
  // Units that hard-code a number say which Arabic form they are: 5 (few), 20 (many), 100 (other).
  const files = () =>
    memoryTm({
      [`You have ${P(0)} files`]: {
        ar: [
          { score: 90, sourceText: 'You have 5 files', targetText: 'لديك 5 ملفات', unitId: 'five' },
          { score: 90, sourceText: 'You have 20 files', targetText: 'لديك 20 ملفًا', unitId: 'twenty' },
          { score: 90, sourceText: 'You have 100 files', targetText: 'لديك 100 ملف', unitId: 'hundred' },
        ],
      },
    });

  it('prefers, for each form, the unit whose number belongs to that form', async () => {
    const resources = { f_one: 'You have one file', f_other: 'You have {{count}} files' };
    const { bundles, report } = await pretranslateI18next(resources, files(), { from: 'en', to: ['ar'] });
    expect(bundles.ar).toMatchObject({
      f_few: 'لديك {{count}} ملفات',
      f_many: 'لديك {{count}} ملفًا',
      f_other: 'لديك {{count}} ملف',
    });
    const unit = (key: string) => report.keys.find((k) => k.key === key)?.unitId;
    expect([unit('f_few'), unit('f_many'), unit('f_other')]).toEqual(['five', 'twenty', 'hundred']);
    // No unit says 0 or 2: those forms take the best candidate, reported derived, to check.
    expect(report.keys.find((k) => k.key === 'f_two')).toMatchObject({ unitId: 'five', derived: true });
  });
});
