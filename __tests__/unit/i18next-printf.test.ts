/**
 * The i18next route against TM units that hold printf placeholders as text (`%s`, `%d`: a unit made from a PO file
 * or an app's strings), which i18next's syntax does not know: such a placeholder where the resource has text, a
 * number or nothing gives way to it, as in XLIFF (xliff-printf.ts, places.ts); where it stands cannot be told, the
 * key is `unmappable` — a draft never keeps the TM's `%s` in place of the resource's words.
 */
import { pretranslateI18next } from '../../src/formats';
import { memoryTm, candidate } from '../helpers/xliff-fixtures';

const unit = candidate;

const tm = memoryTm({
  'انقر الزر': { en: [unit(90, 'انقر %s', 'Click %s', 'click')] },
  'تم الحفظ': { en: [unit(88, 'تم الحفظ %s', 'Saved %s.', 'saved')] },
  'لمدة 5 أيام': { en: [unit(86, 'لمدة %d أيام', 'for %d days', 'days')] },
  'افتح القائمة': {
    en: [unit(90, 'انقر %s', 'Click %s', 'click'), unit(76, 'افتح القائمة الآن', 'Open the menu now', 'menu')],
  },
  'اتصل بأحمد الآن': { en: [unit(90, 'اتصل ب%s الآن', 'Call %s now', 'call')] },
  'انقر %s': { en: [unit(100, 'انقر %s', 'Click %s', 'click')] },
  'أغلق النافذة': { en: [unit(90, 'انقر %s', 'Click %s', 'click')] },
});

async function draft(resources: Record<string, string>) {
  const { bundles, report } = await pretranslateI18next(resources, tm, { to: ['en'], min: 60 });
  const of = (key: string) => report.keys.find((k) => k.key === key)!;
  return { values: bundles.en ?? {}, of };
}

describe('i18next pretranslation against a TM unit with a printf placeholder the resource lacks', () => {
  it('writes the resource’s text at the placeholder’s place, one point off, the text in codeText', async () => {
    const { values, of } = await draft({ click: 'انقر الزر', call: 'اتصل بأحمد الآن' });
    expect(values).toEqual({ click: 'Click الزر', call: 'Call أحمد now' });
    expect(of('click')).toMatchObject({ status: 'filled', score: 89, tmScore: 90, codeText: ['الزر'] });
    expect(of('call')).toMatchObject({ status: 'filled', score: 89, codeText: ['أحمد'] });
  });

  it('leaves it out where the resource has nothing, and puts the resource’s number in where it has one', async () => {
    const { values, of } = await draft({ saved: 'تم الحفظ', days: 'لمدة 5 أيام' });
    expect(values).toEqual({ saved: 'Saved.', days: 'for 5 days' });
    expect(of('saved')).toMatchObject({ status: 'filled', score: 87, tmScore: 88 });
    expect(of('saved')).not.toHaveProperty('codeText');
    expect(of('days')).toMatchObject({ status: 'filled', score: 85, codeText: ['5'] });
  });

  it('refuses the candidate when where its placeholder stands cannot be told, and takes the next', async () => {
    const { values, of } = await draft({ menu: 'افتح القائمة', close: 'أغلق النافذة' });
    expect(values).toEqual({ menu: 'Open the menu now' });
    expect(of('menu')).toMatchObject({ status: 'filled', unitId: 'menu' });
    expect(of('close')).toMatchObject({ status: 'unmappable', unitId: 'click' });
  });

  it('keeps a printf placeholder the resource has too (a sprintf project’s)', async () => {
    const { values, of } = await draft({ click: 'انقر %s' });
    expect(values).toEqual({ click: 'Click %s' });
    expect(of('click')).toMatchObject({ status: 'filled', score: 100 });
  });
});
