/**
 * A TM unit whose source holds an i18next placeable the resource lacks («انقر {{button}}» against «انقر الزر»): the
 * placeable gives way to what the resource holds at its place (places.ts `textAt`, the alignment a printf
 * placeholder of the TM's and an inline code go through): its text, its number, or nothing. It was refused
 * `unmappable` without its place being looked for, where the same unit with `%s` gave "Click الزر".
 */
import { pretranslateI18next } from '../../src/formats';
import { mapCandidatePlaceables } from '../../src/formats/i18next-placeables';
import { blankPlaceholders } from '../../src/formats/xliff-printf';
import { P, memoryTm, candidate } from '../helpers/xliff-fixtures';

const unit = candidate;

const tm = memoryTm({
  'انقر الزر': { en: [unit(90, 'انقر {{button}}', 'Click {{button}}', 'click')] },
  'تم الحفظ': { en: [unit(88, 'تم الحفظ {{file}}', 'Saved {{file}}.', 'saved')] },
  'لمدة 5 أيام': { en: [unit(86, 'لمدة {{n}} أيام', 'for {{n}} days', 'days')] },
  'أغلق النافذة': { en: [unit(90, 'انقر {{button}}', 'Click {{button}}', 'click')] },
  'افتح القائمة': {
    en: [
      unit(90, 'انقر {{button}}', 'Click {{button}}', 'click'),
      unit(76, 'افتح القائمة الآن', 'Open the menu now', 'menu'),
    ],
  },
  [`مرحبا ${P(0)}، انقر الزر`]: {
    en: [unit(90, 'مرحبا {{name}}، انقر {{button}}', 'Hello {{name}}, click {{button}}', 'hello')],
  },
  'اقرأ الشروط قبل المتابعة': {
    en: [unit(95, 'اقرأ <1>الشروط</1> قبل المتابعة', 'Read <1>the terms</1> before continuing', 'terms')],
  },
});

async function draft(resources: Record<string, string>) {
  const { bundles, report } = await pretranslateI18next(resources, tm, { to: ['en'], min: 60 });
  const of = (key: string) => report.keys.find((k) => k.key === key)!;
  return { values: bundles.en ?? {}, of };
}

describe('a TM placeable the i18next resource lacks', () => {
  it('gives way to the resource’s text at its place, one point off, the text in codeText', async () => {
    const { values, of } = await draft({ click: 'انقر الزر', hello: 'مرحبا {{user}}، انقر الزر' });
    expect(values).toEqual({ click: 'Click الزر', hello: 'Hello {{user}}, click الزر' });
    expect(of('click')).toMatchObject({ status: 'filled', score: 89, tmScore: 90, codeText: ['الزر'] });
    // {{name}} renamed to {{user}}, {{button}} given way to «الزر»: two points.
    expect(of('hello')).toMatchObject({
      status: 'filled',
      score: 88,
      codeText: ['الزر'],
      placeables: { status: 'ok' },
    });
  });

  it('is left out where the resource has nothing, and gives way to its number where it has one', async () => {
    const { values, of } = await draft({ saved: 'تم الحفظ', days: 'لمدة 5 أيام', terms: 'اقرأ الشروط قبل المتابعة' });
    expect(values).toEqual({ saved: 'Saved.', days: 'for 5 days', terms: 'Read the terms before continuing' });
    expect(of('saved')).toMatchObject({ status: 'filled', score: 87, tmScore: 88 });
    expect(of('saved')).not.toHaveProperty('codeText');
    expect(of('days')).toMatchObject({ status: 'filled', score: 85, codeText: ['5'] });
    expect(of('terms')).toMatchObject({ status: 'filled', score: 93, tmScore: 95 });
  });

  it('refuses the candidate only when its place cannot be told, and takes the next', async () => {
    const { values, of } = await draft({ close: 'أغلق النافذة', menu: 'افتح القائمة' });
    expect(values).toEqual({ menu: 'Open the menu now' });
    expect(of('close')).toMatchObject({ status: 'unmappable', unitId: 'click' });
    expect(of('menu')).toMatchObject({ status: 'filled', unitId: 'menu' });
  });

  it('is settled by the mapping, which says what each became, or unmappable without the resource', () => {
    const blank = (text: string) => blankPlaceholders(text);
    expect(
      mapCandidatePlaceables(
        ['{{user}}'],
        'مرحبا {{name}}، انقر {{button}}',
        'Hello {{name}}, click {{button}}',
        undefined,
        {
          query: 'مرحبا {{user}}، انقر الزر',
          blank,
        },
      ),
    ).toEqual({
      text: `Hello ${P(0)}, click الزر`,
      unmappable: [],
      renamed: 1,
      settled: ['{{button}}→الزر'],
      putIn: ['الزر'],
    });
    expect(
      mapCandidatePlaceables([], 'تم الحفظ {{file}}', 'Saved {{file}}.', undefined, { query: 'تم الحفظ', blank }),
    ).toEqual({ text: 'Saved.', unmappable: [], renamed: 0, settled: ['{{file}}→'], putIn: [] });
    expect(mapCandidatePlaceables([], 'انقر {{button}}', 'Click {{button}}')).toMatchObject({
      text: 'Click {{button}}',
      unmappable: ['{{button}}'],
    });
  });
});
