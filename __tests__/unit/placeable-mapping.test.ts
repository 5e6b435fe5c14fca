import { checkI18nextPlaceables, pretranslateI18next } from '../../src/formats';
import { findPlaceables } from '../../src/formats/i18next';
import { mapCandidatePlaceables } from '../../src/formats/i18next-placeables';
import { completeCodes } from '../../src/formats/xliff-complete';
import { completePrintf, findPrintf } from '../../src/formats/xliff-printf';
import type { XliffCode } from '../../src/formats';
import { P, memoryTm } from '../helpers/xliff-fixtures';

describe('mapping a TM candidate’s i18next placeables onto the source’s', () => {
  it('renames an interpolation the TM wrote with another name, and counts it', () => {
    expect(
      mapCandidatePlaceables(['{{user}}'], 'مرحبا {{name}} في لوحة التحكم', 'Welcome {{name}} to your dashboard.'),
    ).toEqual({ text: `Welcome ${P(0)} to your dashboard.`, unmappable: [], renamed: 1, settled: [], putIn: [] });
  });

  it('maps Trans tags by order, an end tag following its start tag, and nestings by kind', () => {
    const placeables = ['<0>', '</0>', '$t(app.name)', '{{count}}'];
    const mapped = mapCandidatePlaceables(
      placeables,
      '$t(brand) <1>انقر</1> {{n}}',
      '<1>Click</1> to open $t(brand) ({{n}})',
    );
    expect(mapped).toEqual({
      text: `${P(0)}Click${P(1)} to open ${P(2)} (${P(3)})`,
      unmappable: [],
      renamed: 4,
      settled: [],
      putIn: [],
    });
  });

  it('keeps placeables already numbered like the query’s, and the ones named alike, without renaming', () => {
    expect(mapCandidatePlaceables(['{{name}}', '<br/>'], undefined, `Hello ${P(0)}<br/>`)).toEqual({
      text: `Hello ${P(0)}${P(1)}`,
      unmappable: [],
      renamed: 0,
      settled: [],
      putIn: [],
    });
  });

  it('reports a target placeable the source cannot take, literal or numbered past the source’s', () => {
    // {{other}} is not in the TM's source: where it stands in the query cannot be told.
    expect(mapCandidatePlaceables(['{{name}}'], 'مرحبا {{name}}', `Hi {{name}} {{other}}${P(4)}`)).toEqual({
      text: `Hi ${P(0)} {{other}}`,
      unmappable: ['{{other}}', P(4)],
      renamed: 0,
      settled: [],
      putIn: [],
    });
  });
});

describe('single-brace (ICU-style) placeholders', () => {
  it('counts {name} and {n, number} as placeables, and a draft whose single-brace names differ as not ok', () => {
    expect(findPlaceables('مرحبا {user}، لديك {n, number} رسائل و{{count}} و{0}')).toEqual([
      '{user}',
      '{n, number}',
      '{{count}}',
      '{0}',
    ]);
    expect(findPlaceables('{ not a name } {a b} {}')).toEqual([]);
    expect(checkI18nextPlaceables('مرحبا بك يا {user}', 'Welcome, {name}')).toEqual({
      status: 'missing+extra',
      missing: ['{user}'],
      extra: ['{name}'],
    });
  });

  it('writes a TM unit’s {name} as the source’s {user}, and appends {user} to one that leaves it out', async () => {
    // The tester's case (i18n/icu.json): filled with the TM's {name}, placeables "ok".
    const tm = memoryTm({
      [`مرحبا بك يا ${P(0)} في حسابك`]: {
        en: [
          {
            score: 83,
            targetText: 'Welcome to your account, {name}',
            sourceText: 'مرحبا بك يا {name} في حسابك',
            unitId: 'w',
          },
        ],
      },
      [`أهلا ${P(0)}`]: { en: [{ score: 90, targetText: 'Hello there', sourceText: 'أهلا بك', unitId: 'h' }] },
    });
    const { bundles, report } = await pretranslateI18next(
      { welcome: 'مرحبا بك يا {user} في حسابك', hello: 'أهلا {user}' },
      tm,
      { to: ['en'], min: 60 },
    );
    expect(bundles.en).toEqual({ welcome: 'Welcome to your account, {user}', hello: 'Hello there {user}' });
    expect(report.keys).toEqual([
      expect.objectContaining({
        key: 'welcome',
        status: 'filled',
        score: 99,
        placeables: expect.objectContaining({ status: 'ok' }),
      }),
      expect.objectContaining({ key: 'hello', status: 'placeables-appended', score: 89, appended: ['{user}'] }),
    ]);
  });
});

describe('i18next pretranslation never writes a draft without one of the source’s placeables', () => {
  const resources = {
    sent: 'أرسل {{name}} رسالة إلى الفريق',
    inbox_one: 'لديك رسالة جديدة',
    inbox_few: 'لديك {{count}} رسائل جديدة',
    inbox_other: 'لديك {{count}} رسالة جديدة',
    open: '<0>انقر هنا</0> لفتح الملف',
    nested: '$t(a, {"count": 2}) وقد توصل الجانبان إلى توافق',
    welcome: 'مرحبا {{user}} في لوحة التحكم الخاصة بك.',
  };
  const tm = () =>
    memoryTm({
      [`أرسل ${P(0)} رسالة إلى الفريق`]: {
        en: [{ score: 90, targetText: 'Ahmed sent a message to the team', sourceText: 'أرسل أحمد رسالة', unitId: 'a' }],
      },
      'لديك رسالة جديدة': { en: [{ score: 100, targetText: 'You have a new message', unitId: 'o' }] },
      [`لديك ${P(0)} رسالة جديدة`]: {
        en: [{ score: 92, targetText: 'You have 5 new messages', sourceText: 'لديك 5 رسالة جديدة', unitId: 'm' }],
      },
      [`لديك ${P(0)} رسائل جديدة`]: {
        en: [
          { score: 95, targetText: 'You have 5 new messages', sourceText: 'لديك 5 رسائل جديدة', unitId: 'f5' },
          { score: 80, targetText: `You have ${P(0)} new messages`, sourceText: `لديك ${P(0)} رسائل`, unitId: 'f' },
        ],
      },
      [`${P(0)}انقر هنا${P(1)} لفتح الملف`]: {
        en: [{ score: 97, targetText: 'Click here to open the file', sourceText: 'انقر هنا لفتح الملف', unitId: 't' }],
      },
      [`${P(0)} وقد توصل الجانبان إلى توافق`]: {
        en: [{ score: 98, targetText: 'The two sides reached consensus', unitId: 'n' }],
      },
      [`مرحبا ${P(0)} في لوحة التحكم الخاصة بك.`]: {
        en: [
          {
            score: 100,
            targetText: 'Welcome {{name}} to your dashboard.',
            sourceText: 'مرحبا {{name}} في لوحة التحكم الخاصة بك.',
            unitId: 'w',
          },
        ],
      },
    });

  it('appends an interpolation, a Trans tag or a nesting the candidate drops, and reports it', async () => {
    const { bundles, report } = await pretranslateI18next(resources, tm(), { to: ['en'] });
    expect(bundles.en).toEqual({
      // The TM's literal name stays: a reviewer replaces it with the {{name}} appended (placeables-appended).
      sent: 'Ahmed sent a message to the team {{name}}',
      inbox_one: 'You have a new message',
      // The TM's target hard-codes the number (5) where the source has {{count}}: it takes the number's place.
      inbox_other: 'You have {{count}} new messages',
      open: 'Click here to open the file <0></0>',
      nested: 'The two sides reached consensus $t(a, {"count": 2})',
      welcome: 'Welcome {{user}} to your dashboard.',
    });
    const of = (key: string) => report.keys.find((k) => k.key === key)!;
    expect(of('sent')).toMatchObject({
      status: 'placeables-appended',
      score: 89,
      tmScore: 90,
      unitId: 'a',
      appended: ['{{name}}'],
      placeables: { status: 'ok' },
    });
    expect(of('open')).toMatchObject({ status: 'placeables-appended', appended: ['<0>', '</0>'] });
    expect(of('nested')).toMatchObject({ status: 'placeables-appended', appended: ['$t(a, {"count": 2})'] });
    // The 92 hard-coded the number where the source has {{count}}: {{count}} takes the 5's place, for a point.
    expect(of('inbox_other')).toMatchObject({ status: 'filled', score: 91, tmScore: 92, unitId: 'm' });
    // A renamed placeable costs a point: the text written is not the TM's.
    expect(of('welcome')).toMatchObject({ status: 'filled', score: 99, tmScore: 100, placeables: { status: 'ok' } });
  });

  it('lets a singular form leave {{count}} out, and appends it to the other form', async () => {
    const { bundles, report } = await pretranslateI18next(
      { n_one: '{{count}} رسالة', n_other: '{{count}} رسالة' },
      memoryTm({ [`${P(0)} رسالة`]: { en: [{ score: 100, targetText: 'One message', unitId: 'x' }] } }),
      { to: ['en'] },
    );
    expect(bundles.en).toEqual({ n_one: 'One message', n_other: 'One message {{count}}' });
    expect(report.keys.map((k) => [k.key, k.status, k.placeables?.status])).toEqual([
      ['n_one', 'filled', 'missing'],
      ['n_other', 'placeables-appended', 'ok'],
    ]);
  });

  it('does not let an ordinal form leave {{count}} out: it is appended', async () => {
    const { bundles, report } = await pretranslateI18next(
      { place_ordinal_one: 'المركز {{count}}', place_ordinal_other: 'المركز {{count}}' },
      memoryTm({ [`المركز ${P(0)}`]: { en: [{ score: 100, targetText: 'First place', unitId: 'p' }] } }),
      { to: ['en'] },
    );
    expect(bundles.en).toEqual({
      place_ordinal_one: 'First place {{count}}',
      place_ordinal_other: 'First place {{count}}',
    });
    expect(report.keys.find((k) => k.key === 'place_ordinal_one')).toMatchObject({
      status: 'placeables-appended',
      appended: ['{{count}}'],
    });
  });
});

const g = (id: string, open: number, close: number): XliffCode[] => [
  { kind: 'open', xml: `<g id="${id}">`, name: 'g', id, pair: close },
  { kind: 'close', xml: '</g>', name: 'g', id, pair: open },
];
const x = (id: string): XliffCode => ({ kind: 'standalone', xml: `<x id="${id}"/>`, name: 'x', id });

describe('completing a target’s inline codes', () => {
  const codes = [...g('1', 0, 1), x('2')];

  it('leaves a target that has every code alone', () => {
    expect(completeCodes(`a ${P(0)}b${P(1)} c${P(2)}`, codes)).toEqual({
      text: `a ${P(0)}b${P(1)} c${P(2)}`,
      repaired: [],
    });
  });

  it('appends a missing isolated code, and a pair missing both halves as an empty pair', () => {
    expect(completeCodes('plain text', codes)).toEqual({
      text: `plain text${P(0)}${P(1)}${P(2)}`,
      repaired: [0, 1, 2],
    });
  });

  it('closes a start tag left open before the enclosing end, and opens an end tag at its level’s start', () => {
    // <g id="1"> is code 0 (its end code 3), <g id="2"> code 2 (its end code 1).
    const list: XliffCode[] = [
      { kind: 'open', xml: '<g id="1">', name: 'g', id: '1', pair: 3 },
      { kind: 'close', xml: '</g>', name: 'g', id: '2', pair: 2 },
      { kind: 'open', xml: '<g id="2">', name: 'g', id: '2', pair: 1 },
      { kind: 'close', xml: '</g>', name: 'g', id: '1', pair: 0 },
    ];
    expect(completeCodes(`${P(0)}a ${P(2)}b${P(3)} c`, list)).toEqual({
      text: `${P(0)}a ${P(2)}b${P(1)}${P(3)} c`,
      repaired: [1],
    });
    expect(completeCodes(`a${P(1)} b`, list)).toEqual({ text: `${P(2)}a${P(1)} b${P(0)}${P(3)}`, repaired: [0, 2, 3] });
  });

  it('takes out a pair that crosses another, drops unknown and repeated codes, and adds them back well-formed', () => {
    const two = [...g('1', 0, 1), ...g('2', 2, 3)];
    expect(completeCodes(`${P(0)}a${P(2)}b${P(1)}c${P(3)}${P(9)}${P(0)}`, two)).toEqual({
      text: `${P(0)}ab${P(1)}c${P(2)}${P(3)}`,
      repaired: [0, 2, 3, 9],
    });
  });
});

describe('completing isolated span codes', () => {
  it('puts a missing start code (sc, bpt) at the start, so that it comes before an end code the target has', () => {
    const codes: XliffCode[] = [
      { kind: 'standalone', xml: '<sc id="1"/>', name: 'sc', id: '1' },
      { kind: 'standalone', xml: '<ec startRef="1"/>', name: 'ec' },
      { kind: 'standalone', xml: '<ph id="2"/>', name: 'ph', id: '2' },
    ];
    expect(completeCodes(`bold${P(1)} text`, codes)).toEqual({
      text: `${P(0)}bold${P(1)} text${P(2)}`,
      repaired: [0, 2],
    });
  });
});

describe('completing reversed isolated spans', () => {
  it('takes out an end that comes before its start and puts the span back as an empty one at the end (1.2 bpt/ept, 2.x sc/ec)', () => {
    const bpt: XliffCode[] = [
      { kind: 'standalone', xml: '<bpt id="1">&lt;a&gt;</bpt>', name: 'bpt', id: '1' },
      { kind: 'standalone', xml: '<ept id="1">&lt;/a&gt;</ept>', name: 'ept', id: '1' },
    ];
    expect(completeCodes(`Click ${P(1)}here${P(0)} now`, bpt)).toEqual({
      text: `Click here now${P(0)}${P(1)}`,
      repaired: [0, 1],
    });
    expect(completeCodes(`Click ${P(0)}here${P(1)} now`, bpt)).toEqual({
      text: `Click ${P(0)}here${P(1)} now`,
      repaired: [],
    });
    const sc: XliffCode[] = [
      { kind: 'standalone', xml: '<sc id="1" dataRef="d1"/>', name: 'sc', id: '1' },
      { kind: 'standalone', xml: '<ec startRef="1" dataRef="d2"/>', name: 'ec' },
      { kind: 'standalone', xml: '<sc id="2"/>', name: 'sc', id: '2' },
      { kind: 'standalone', xml: '<ec startRef="2"/>', name: 'ec' },
    ];
    // Only the reversed span (1) moves; span 2 is in order.
    expect(completeCodes(`${P(1)}a ${P(2)}b${P(3)} c${P(0)}`, sc)).toEqual({
      text: `a ${P(2)}b${P(3)} c${P(0)}${P(1)}`,
      repaired: [0, 1],
    });
  });

  it('pairs 1.2 bx and ex by rid', () => {
    const bx: XliffCode[] = [
      { kind: 'standalone', xml: '<bx id="1" rid="r1"/>', name: 'bx', id: '1' },
      { kind: 'standalone', xml: '<ex id="2" rid="r1"/>', name: 'ex', id: '2' },
    ];
    expect(completeCodes(`a${P(1)}b${P(0)}c`, bx)).toEqual({ text: `abc${P(0)}${P(1)}`, repaired: [0, 1] });
    expect(completeCodes(`a${P(0)}b${P(1)}c`, bx).repaired).toEqual([]);
  });
});

describe('completing a target’s printf placeholders', () => {
  it('finds C, positional, Python named and .NET placeholders, not %% nor a percent sign before a word', () => {
    expect(findPrintf('%s %1$d %(name)s {0} %.2f 100%% 50% off')).toEqual(['%s', '%1$d', '%(name)s', '{0}', '%.2f']);
  });

  it('appends a missing one, renames a stray one by order, and leaves out one where the source has nothing', () => {
    expect(completePrintf('حذف %s ملفات', 'Deleted files')).toEqual({
      text: 'Deleted files %s',
      added: ['%s'],
      changed: [],
    });
    expect(completePrintf('%s من %d', '%d of %i')).toEqual({ text: '%d of %s', added: [], changed: ['%i→%s'] });
    expect(completePrintf('لا شيء', 'Nothing %s', 'لا شيء %s')).toEqual({
      text: 'Nothing',
      added: [],
      changed: ['%s→'],
    });
    expect(completePrintf('%s', '%s and %d', '%s و %d')).toEqual({ text: '%s and', added: [], changed: ['%d→'] });
    // Without the TM's source, what the source has at its place cannot be told.
    expect(completePrintf('لا شيء', 'Nothing %s')).toEqual({
      text: 'Nothing',
      added: [],
      changed: [],
      unplaced: ['%s'],
    });
    expect(completePrintf('لا شيء', 'Nothing to do')).toEqual({ text: 'Nothing to do', added: [], changed: [] });
  });
});
