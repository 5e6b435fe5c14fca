/**
 * A TM candidate that lacks some of the source's placeables is drafted as XLIFF drafts it: the missing ones
 * appended (a start tag whose end the draft has at the start), one point off each, the key reported
 * `placeables-appended` with the list, for a reviewer to put each in its place. The i18next route left such a key
 * untranslated (`placeables-missing`) where the XLIFF route wrote the same draft for the same segment.
 */
import { pretranslateI18next, pretranslateXliffFile } from '../../src/formats';
import { appendPlaceables } from '../../src/formats/i18next-complete';
import { DEFAULT_SYNTAX, withPrintf } from '../../src/formats/i18next-syntax';
import { P, memoryTm, candidate, xliff12, xliffFile } from '../helpers/xliff-fixtures';

const unit = candidate;

const SENT = 'أرسل {{name}} رسالة إلى الفريق';
const AHMED = unit(90, 'أرسل أحمد رسالة إلى الفريق', 'Ahmed sent a message to the team', 'a');

describe('appending the placeables a draft lacks', () => {
  const append = (value: string, missing: string[], source = '') =>
    appendPlaceables(source, value, missing, withPrintf(source, DEFAULT_SYNTAX));

  it('puts interpolations, nestings and printf placeholders at the end after a space, in the source’s order', () => {
    expect(append('Hello there', ['{{name}}'])).toBe('Hello there {{name}}');
    expect(append('Hello there ', ['{{a}}', '$t(b)'])).toBe('Hello there {{a}} $t(b)');
    expect(append('', ['{{a}}'])).toBe('{{a}}');
    expect(append('Click now', ['%s'], 'انقر %s الآن')).toBe('Click now %s');
  });

  it('puts a Trans pair missing both halves as an empty pair, with what it held when that is missing too', () => {
    expect(append('Click here to open the file', ['<0>', '</0>'])).toBe('Click here to open the file <0></0>');
    expect(append('Sent by', ['<0>', '{{name}}', '</0>'])).toBe('Sent by <0>{{name}}</0>');
    expect(append('Line one', ['<br/>'])).toBe('Line one <br/>');
  });

  it('closes an open start tag at the end and opens a lone end tag at the start', () => {
    expect(append('Read <0>the terms', ['</0>'], '<0>x</0>')).toBe('Read <0>the terms</0>');
    expect(append('Read the terms</0> first', ['<0>'], '<0>x</0>')).toBe('<0>Read the terms</0> first');
  });

  it('gives nothing when the tags would no longer nest where the source’s do', () => {
    expect(append('<1>Read <0>the terms</1>', ['</0>'], '<1>a <0>b</0></1>')).toBeUndefined();
  });
});

describe('i18next pretranslation of a candidate without some of the source’s placeables', () => {
  const tm = () =>
    memoryTm({
      [`أرسل ${P(0)} رسالة إلى الفريق`]: { en: [AHMED] },
      [`${P(0)}انقر هنا${P(1)} لفتح الملف`]: {
        en: [unit(97, 'انقر هنا لفتح الملف', 'Click here to open the file', 't')],
      },
      [`${P(0)} وقد توصل الجانبان إلى توافق`]: {
        en: [{ score: 98, targetText: 'The two sides reached consensus', unitId: 'n' }],
      },
      [`${P(0)} رسالة`]: { en: [{ score: 100, targetText: 'One message', unitId: 'x' }] },
      [`احذف ${P(0)} من ${P(1)} و${P(2)}`]: {
        en: [
          unit(90, 'احذف من', 'Delete from', 'three-missing'),
          unit(89, 'احذف {{a}} من {{b}} و{{c}} الآن', 'Delete {{a}} from {{b}} and {{c}} now', 'whole'),
        ],
      },
    });

  it('writes the draft with the placeables appended, one point off each, and names them in the report', async () => {
    const { bundles, report } = await pretranslateI18next(
      {
        sent: SENT,
        open: '<0>انقر هنا</0> لفتح الملف',
        nested: '$t(a, {"count": 2}) وقد توصل الجانبان إلى توافق',
      },
      tm(),
      { to: ['en'] },
    );
    expect(bundles.en).toEqual({
      sent: 'Ahmed sent a message to the team {{name}}',
      open: 'Click here to open the file <0></0>',
      nested: 'The two sides reached consensus $t(a, {"count": 2})',
    });
    const of = (key: string) => report.keys.find((k) => k.key === key)!;
    expect(of('sent')).toEqual({
      lang: 'en',
      key: 'sent',
      sourceKey: 'sent',
      status: 'placeables-appended',
      score: 89,
      tmScore: 90,
      unitId: 'a',
      appended: ['{{name}}'],
      placeables: { status: 'ok', missing: [], extra: [] },
    });
    expect(of('open')).toMatchObject({ status: 'placeables-appended', score: 95, appended: ['<0>', '</0>'] });
    expect(of('nested')).toMatchObject({ status: 'placeables-appended', appended: ['$t(a, {"count": 2})'] });
  });

  it('appends {{count}} to a form that must carry it, never to a singular form that may leave it out', async () => {
    const { bundles, report } = await pretranslateI18next(
      { n_one: '{{count}} رسالة', n_other: '{{count}} رسالة' },
      tm(),
      {
        to: ['en'],
      },
    );
    expect(bundles.en).toEqual({ n_one: 'One message', n_other: 'One message {{count}}' });
    expect(report.keys.map((k) => [k.key, k.status, k.placeables?.status, k.appended])).toEqual([
      ['n_one', 'filled', 'missing', undefined],
      ['n_other', 'placeables-appended', 'ok', ['{{count}}']],
    ]);
  });

  it('writes the best draft after repairs: a 90 that lacks three placeables loses to an 89 with them', async () => {
    const { bundles, report } = await pretranslateI18next({ del: 'احذف {{a}} من {{b}} و{{c}}' }, tm(), {
      to: ['en'],
    });
    expect(bundles.en).toEqual({ del: 'Delete {{a}} from {{b}} and {{c}} now' });
    expect(report.keys[0]).toMatchObject({ status: 'filled', score: 89, unitId: 'whole' });
  });

  it('drafts an ICU branch without its # with the # appended, and marks the message', async () => {
    const lookup = memoryTm({
      'لديك رسالة واحدة': { en: [unit(100, 'لديك رسالة واحدة', 'You have one message', 'one')] },
      [`لديك ${P(0)} رسالة`]: { en: [unit(95, 'لديك رسائل', 'You have messages', 'many')] },
    });
    const { bundles, report } = await pretranslateI18next(
      { inbox: '{n, plural, one {لديك رسالة واحدة} other {لديك # رسالة}}' },
      lookup,
      { to: ['en'] },
    );
    expect(bundles.en).toEqual({ inbox: '{n, plural, one {You have one message} other {You have messages #}}' });
    expect(report.keys[0]).toMatchObject({ status: 'placeables-appended', appended: ['{{#}}'] });
    expect(report.keys[0]!.icu!.branches![1]).toMatchObject({
      branch: 'n=other',
      status: 'placeables-appended',
      appended: ['{{#}}'],
    });
  });

  it('counts an array element drafted with a placeable appended as drafted: the array is written whole', async () => {
    const { bundles, report } = await pretranslateI18next({ steps: [SENT, 'أرسل {{name}} رسالة إلى الفريق'] }, tm(), {
      to: ['en'],
    });
    expect(bundles.en).toEqual({
      steps: ['Ahmed sent a message to the team {{name}}', 'Ahmed sent a message to the team {{name}}'],
    });
    expect(report.keys.map((k) => k.status)).toEqual(['placeables-appended', 'placeables-appended']);
  });

  it('leaves the key untranslated when the Trans tags it lacks cannot be put back where they nest', async () => {
    // The unit's codes, numbered like the source's: <1>Read <0>the terms</1>, without </0>, which would cross </1>.
    const lookup = memoryTm({
      [`${P(0)}اقرأ ${P(1)}الشروط${P(2)}${P(3)}`]: {
        en: [{ score: 90, targetText: `${P(0)}Read ${P(1)}the terms${P(3)}`, unitId: 'crossed' }],
      },
    });
    const { bundles, report } = await pretranslateI18next({ terms: '<1>اقرأ <0>الشروط</0></1>' }, lookup, {
      to: ['en'],
    });
    expect(bundles.en).toEqual({});
    expect(report.keys[0]).toMatchObject({
      status: 'placeables-missing',
      score: 90,
      placeables: { status: 'missing', missing: ['</0>'] },
    });
    expect(report.keys[0]).not.toHaveProperty('appended');
  });

  it('gives the same draft as the XLIFF route for the same segment and unit', async () => {
    const xliff = xliff12(xliffFile('ar', 'en', SENT));
    const { output, report } = await pretranslateXliffFile(xliff, tm(), { tgt: 'en' });
    const i18next = await pretranslateI18next({ sent: SENT }, tm(), { to: ['en'] });
    expect(output).toContain(`>${i18next.bundles.en!.sent as string}</target>`);
    expect(report.segments[0]).toMatchObject({ status: 'placeables', score: 89 });
    expect(i18next.report.keys[0]).toMatchObject({ status: 'placeables-appended', score: 89 });
  });
});
