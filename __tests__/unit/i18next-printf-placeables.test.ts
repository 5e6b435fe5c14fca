/**
 * A resource value's own printf placeholders (`%s`, `%1$s`, `%(name)s`: the sprintf post-processor's) in the i18next
 * route are placeables like `{{x}}`: protected when matching (no word in the score), mapped onto the TM's, put at
 * the place of a number the TM had, required by the placeables check. `%%` is a literal percent sign: text. A draft
 * never drops one: against a TM unit without it, «انقر %s الآن» gave "Click now", `filled`, placeables `ok`.
 */
import { pretranslateI18next } from '../../src/formats';
import { P, memoryTm, candidate } from '../helpers/xliff-fixtures';

const unit = candidate;

const tm = () =>
  memoryTm({
    [`انقر ${P(0)} الآن`]: { en: [unit(100, 'انقر الآن', 'Click now', 'now')] },
    'أغلق %s الآن': { en: [unit(100, 'أغلق %s الآن', 'Close %s now', 'close')] },
    [`${P(0)} قام بتحديث ${P(1)}`]: {
      en: [unit(60, '{{user}} قام بتحديث {{page}}', '{{page}} was updated by {{user}}', 'updated')],
    },
    [`لديك ${P(0)} رسائل`]: { en: [unit(90, 'لديك 5 رسائل', 'You have 5 messages', 'messages')] },
    'خصم 50%% على %%s اليوم': { en: [unit(100, 'خصم 50%% على %%s اليوم', '50%% off %%s today', 'off')] },
  });

async function draft(resources: Record<string, string>, lookup = tm()) {
  const { bundles, report } = await pretranslateI18next(resources, lookup, { to: ['en'], min: 60 });
  const of = (key: string) => report.keys.find((k) => k.key === key)!;
  return { values: bundles.en ?? {}, of, calls: lookup.calls.map((c) => c.text) };
}

describe('i18next pretranslation of a value with printf placeholders', () => {
  it('looks the value up with %s as no word, then as written', async () => {
    const { calls } = await draft({ click: 'انقر %s الآن' });
    expect(calls).toEqual([`انقر ${P(0)} الآن`, 'انقر %s الآن']);
  });

  it('writes no draft that drops the %s: a unit without it gets it appended, the %s named', async () => {
    const { values, of } = await draft({ click: 'انقر %s الآن' });
    expect(values).toEqual({ click: 'Click now %s' });
    expect(of('click')).toMatchObject({
      status: 'placeables-appended',
      unitId: 'now',
      appended: ['%s'],
      placeables: { status: 'ok', missing: [], extra: [] },
    });
  });

  it('keeps the %s of a unit that has it, placeables ok', async () => {
    const { values, of } = await draft({ close: 'أغلق %s الآن' });
    expect(values).toEqual({ close: 'Close %s now' });
    expect(of('close')).toMatchObject({ status: 'filled', score: 100, placeables: { status: 'ok' } });
  });

  it('maps %1$s and %2$s onto the TM’s placeables by order, each where the TM’s target has its partner', async () => {
    const { values, of } = await draft({ updated: '%1$s قام بتحديث %2$s' });
    expect(values).toEqual({ updated: '%2$s was updated by %1$s' });
    expect(of('updated')).toMatchObject({ status: 'filled', score: 98, tmScore: 100, placeables: { status: 'ok' } });
  });

  it('puts a %d where the TM had a number, one point off', async () => {
    const { values, of } = await draft({ messages: 'لديك %d رسائل' });
    expect(values).toEqual({ messages: 'You have %d messages' });
    expect(of('messages')).toMatchObject({ status: 'filled', score: 89, tmScore: 90, placeables: { status: 'ok' } });
  });

  it('holds %% (and the %s after it) as text: looked up as written only, no placeable', async () => {
    const { values, of, calls } = await draft({ off: 'خصم 50%% على %%s اليوم' });
    expect(calls).toEqual(['خصم 50%% على %%s اليوم']);
    expect(values).toEqual({ off: '50%% off %%s today' });
    expect(of('off')).toMatchObject({ status: 'filled', score: 100, placeables: { status: 'ok', missing: [] } });
  });
});
