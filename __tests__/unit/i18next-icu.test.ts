import { pretranslateI18next } from '../../src/formats';
import { parseIcu, type IcuNode } from '../../src/formats/icu';
import { P, memoryTm } from '../helpers/xliff-fixtures';

const hit = (targetText: string, unitId = 'u') => [{ score: 100, targetText, unitId }];

const INBOX =
  '{count, plural, zero {ليس لديك رسائل} one {لديك رسالة واحدة} two {لديك رسالتان} few {لديك # رسائل} ' +
  'many {لديك # رسالة} other {لديك # رسالة}}';

const tm = () =>
  memoryTm({
    'لديك رسالة واحدة': { en: hit('You have one message', 'one') },
    [`لديك ${P(0)} رسالة`]: { en: hit(`You have ${P(0)} messages`, 'n'), zh: hit(`你有${P(0)}条消息`, 'n') },
    [`مرحبا ${P(0)}، لديك رسالة واحدة`]: { en: hit(`Hello ${P(0)}, you have one message`, 'h1') },
    [`مرحبا ${P(0)}، لديك ${P(1)} رسالة`]: { en: hit(`Hello ${P(0)}, you have ${P(1)} messages`, 'hn') },
    'أضافت صورة': { en: hit('She added a photo') },
    [`أضافت ${P(0)} صورة`]: { en: hit(`She added ${P(0)} photos`) },
    'أضاف صورة': { en: hit('He added a photo') },
    [`أضاف ${P(0)} صورة`]: { en: hit(`He added ${P(0)} photos`) },
    'لا توجد رسائل بعد': { en: hit("You haven't any messages: inbox #0's empty") },
    [`It's ${P(0)} items`]: { zh: hit(`有${P(0)}项`) },
    [`It's one item`]: { zh: hit('有一项') },
    [`لديك ${P(0)} تنبيه`]: { en: hit('You have alerts') },
  });

const draft = async (value: string, to = ['en'] as const, from?: 'en') => {
  const result = await pretranslateI18next({ k: value }, tm(), { to: [...to], ...(from && { from }) });
  return { value: result.bundles[to[0]]!.k, report: result.report.keys[0]! };
};

describe('ICU plural and select blocks (i18next-icu)', () => {
  it('translates each branch and rebuilds the block with the target language’s plural categories', async () => {
    const result = await pretranslateI18next({ inbox: INBOX }, tm(), { to: ['en', 'zh'] });
    expect(result.bundles.en!.inbox).toBe('{count, plural, one {You have one message} other {You have # messages}}');
    expect(result.bundles.zh!.inbox).toBe('{count, plural, other {你有#条消息}}');
    const en = result.report.keys.find((k) => k.lang === 'en')!;
    expect(en).toMatchObject({ status: 'filled', score: 100 });
    expect(en.icu!.branches).toEqual([
      expect.objectContaining({ branch: 'count=one', sourceBranch: 'count=one', status: 'filled', unitId: 'one' }),
      expect.objectContaining({ branch: 'count=other', sourceBranch: 'count=other', status: 'filled', unitId: 'n' }),
    ]);
  });

  it('moves the text around a block into its branches, the placeables kept, so each branch is a sentence', async () => {
    const { value, report } = await draft('مرحبا {name}، {count, plural, one {لديك رسالة واحدة} other {لديك # رسالة}}');
    expect(value).toBe(
      '{count, plural, one {Hello {name}, you have one message} other {Hello {name}, you have # messages}}',
    );
    expect(report.status).toBe('filled');
  });

  it('keeps a $ before an argument with it, as the template placeholder ${x}, in every branch', async () => {
    // `${name}` is one placeable to the finder: the $ used to be left as text beside a rebuilt {name} and then
    // printed quoted, `$'{'name'}'`, turning the argument into literal text.
    const { value, report } = await draft(
      '{count, plural, one {مرحبا ${name}، لديك رسالة واحدة} other {مرحبا ${name}، لديك # رسالة}}',
    );
    expect(value).toBe(
      '{count, plural, one {Hello ${name}, you have one message} other {Hello ${name}, you have # messages}}',
    );
    const [block] = parseIcu(value as string) as Extract<IcuNode, { type: 'block' }>[];
    for (const branch of block!.branches)
      expect(branch.message).toContainEqual(expect.objectContaining({ type: 'arg', name: 'name' }));
    expect(report).toMatchObject({ status: 'filled', score: 100 });
  });

  it('drafts nested blocks branch by branch, keeping the select keys', async () => {
    const { value } = await draft(
      '{gender, select, female {{count, plural, one {أضافت صورة} other {أضافت # صورة}}} ' +
        'other {{count, plural, one {أضاف صورة} other {أضاف # صورة}}}}',
    );
    expect(value).toBe(
      '{gender, select, female {{count, plural, one {She added a photo} other {She added # photos}}} ' +
        'other {{count, plural, one {He added a photo} other {He added # photos}}}}',
    );
  });

  it('keeps =N branches, writes apostrophes and # so that the draft reads back as the TM’s text', async () => {
    const { value } = await draft(
      '{count, plural, =0 {لا توجد رسائل بعد} one {لديك رسالة واحدة} other {لديك # رسالة}}',
    );
    expect(value).toBe(
      "{count, plural, =0 {You haven't any messages: inbox '#'0's empty} one {You have one message} " +
        'other {You have # messages}}',
    );
    const block = parseIcu(value as string)[0] as Extract<IcuNode, { type: 'block' }>;
    expect(block.branches[0]!.message).toEqual([{ type: 'text', value: "You haven't any messages: inbox #0's empty" }]);
    // Escaped apostrophes in the source are read as one apostrophe when looked up.
    const en = await pretranslateI18next({ k: "{n, plural, one {It''s one item} other {It''s # items}}" }, tm(), {
      from: 'en',
      to: ['zh'],
    });
    expect(en.bundles.zh!.k).toBe('{n, plural, other {有#项}}');
  });

  it('leaves the key out and names the branch when a branch has no usable candidate', async () => {
    const noMatch = await draft('{count, plural, one {لديك رسالة واحدة} other {لديك # رسالة جديدة}}');
    expect(noMatch.value).toBeUndefined();
    expect(noMatch.report).toMatchObject({ status: 'icu-incomplete' });
    expect(noMatch.report.icu!.branches).toEqual([
      expect.objectContaining({ branch: 'count=one', status: 'filled' }),
      expect.objectContaining({ branch: 'count=other', status: 'no-match' }),
    ]);
  });

  it('fills a branch from a candidate without the number (#), the # appended and the message marked', async () => {
    const lost = await draft('{count, plural, one {لديك رسالة واحدة} other {لديك # تنبيه}}');
    expect(lost.value).toBe('{count, plural, one {You have one message} other {You have alerts #}}');
    expect(lost.report).toMatchObject({ status: 'placeables-appended', appended: ['{{#}}'] });
    expect(lost.report.icu!.branches![1]).toMatchObject({ branch: 'count=other', status: 'placeables-appended' });
  });

  it('derives no ordinal branch the source language lacks, and refuses an invalid source message', async () => {
    const ordinal = await draft('{n, selectordinal, other {المركز #}}');
    expect(ordinal.value).toBeUndefined();
    expect(ordinal.report.status).toBe('icu-incomplete');
    expect(ordinal.report.icu!.branches).toContainEqual(
      expect.objectContaining({ branch: 'n=one', status: 'no-source-form' }),
    );
    const invalid = await draft('{count, plural, one {لديك رسالة واحدة}}');
    expect(invalid.value).toBeUndefined();
    expect(invalid.report).toMatchObject({ status: 'icu-unsupported', icu: { reason: 'invalid-syntax' } });
  });
});
