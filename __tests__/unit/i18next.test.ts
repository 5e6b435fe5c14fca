import {
  checkI18nextPlaceables,
  documentToI18next,
  flattenResources,
  groupPlurals,
  pluralCategories,
  pretranslateI18next,
  protectI18next,
  restoreI18next,
  unitsToI18next,
} from '../../src/formats';
import { P, fixture, memoryTm } from '../helpers/xliff-fixtures';

const source = () => JSON.parse(fixture('i18next/ar.json')) as unknown;
const existingEn = () => JSON.parse(fixture('i18next/en.json')) as unknown;

const tm = () =>
  memoryTm({
    ميزان: { en: [{ score: 100, targetText: 'Mizan (TM)', unitId: 't' }] },
    [`مرحبا ${P(0)}، أهلا بك في الموقع`]: {
      en: [{ score: 95, targetText: `Hello ${P(0)}, welcome to the site`, unitId: 'w' }],
      zh: [{ score: 100, targetText: `${P(0)}，欢迎访问本网站`, unitId: 'w' }],
    },
    [`اقرأ ${P(0)}الشروط${P(1)} قبل ${P(2)}المتابعة${P(3)}`]: {
      en: [{ score: 100, targetText: `Read ${P(0)}the terms${P(1)} before ${P(2)}continuing${P(3)}`, unitId: 'r' }],
      zh: [{ score: 90, targetText: `继续之前请阅读${P(0)}条款${P(5)}`, unitId: 'r' }],
    },
    [`${P(0)} يرحب بك`]: { en: [{ score: 90, targetText: `${P(0)} welcomes you`, unitId: 'n' }] },
    'السطر الأول': { en: [{ score: 100, targetText: 'The first line', unitId: 'l' }] },
    'رسالة واحدة': { en: [{ score: 100, targetText: 'One message', unitId: 'o' }] },
    [`${P(0)} رسالة`]: {
      en: [{ score: 100, targetText: `${P(0)} messages`, unitId: 'm' }],
      zh: [{ score: 100, targetText: `${P(0)}条消息`, unitId: 'm' }],
    },
    [`لديك ${P(0)} رسائل غير مقروءة`]: { en: [{ score: 85, targetText: 'You have unread messages', unitId: 'u' }] },
  });

describe('reading i18next resources', () => {
  it('flattens nested objects and arrays into key paths, leaving non-strings out', () => {
    const keys = flattenResources(source()).map((e) => e.path.join('.'));
    expect(keys.slice(0, 6)).toEqual([
      'app.title',
      'app.welcome',
      'app.terms',
      'app.nested',
      'app.lines.0',
      'app.lines.1',
    ]);
    expect(keys).not.toContain('version');
  });

  it('groups plural forms that have _other, and leaves a lone _one as an ordinary key', () => {
    const items = groupPlurals(
      flattenResources({
        a_one: '1',
        a_other: 'n',
        b_ordinal_two: '2nd',
        b_ordinal_other: 'nth',
        friend_male_one: 'm',
        friend_male_other: 'ms',
        step_one: 's',
      }),
    );
    expect(
      items.map((i) =>
        i.kind === 'plain'
          ? i.entry.path.join('.')
          : `${i.stem.join('.')}${i.ordinal ? ' (ordinal)' : ''}: ${Object.keys(i.forms).join(',')}`,
      ),
    ).toEqual(['a: one,other', 'b (ordinal): two,other', 'friend_male: one,other', 'step_one']);
  });

  it('knows each language’s plural categories in CLDR order', () => {
    expect(pluralCategories('ar', false)).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(pluralCategories('en', false)).toEqual(['one', 'other']);
    expect(pluralCategories('zh', false)).toEqual(['other']);
    expect(pluralCategories('en', true)).toEqual(['one', 'two', 'few', 'other']);
  });

  it('protects interpolations, nesting and Trans tags as placeables and puts them back', () => {
    const text = 'أ {{- html}} ب {{value, number}} $t(key, {"count": 2}) <0>ج</0><br/><strong>د</strong>';
    const { text: protectedText, placeables } = protectI18next(text);
    expect(placeables).toEqual([
      '{{- html}}',
      '{{value, number}}',
      '$t(key, {"count": 2})',
      '<0>',
      '</0>',
      '<br/>',
      '<strong>',
      '</strong>',
    ]);
    expect(protectedText).toBe(`أ ${P(0)} ب ${P(1)} ${P(2)} ${P(3)}ج${P(4)}${P(5)}${P(6)}د${P(7)}`);
    expect(restoreI18next(protectedText, placeables)).toEqual({ text, unmappable: [] });
    expect(restoreI18next(`x${P(9)}`, placeables)).toEqual({ text: 'x', unmappable: [9] });
    expect(checkI18nextPlaceables('{{a}} {{b}} <0>', '<0> {{b}} {{c}}')).toEqual({
      status: 'missing+extra',
      missing: ['{{a}}'],
      extra: ['{{c}}'],
    });
  });

  it('protects a template placeholder ${x} whole, its $ with it, and puts it back as written', () => {
    const text = 'السعر ${price} أو ${ total } مع {{tax}}';
    const { text: protectedText, placeables } = protectI18next(text);
    expect(placeables).toEqual(['${price}', '${ total }', '{{tax}}']);
    expect(protectedText).toBe(`السعر ${P(0)} أو ${P(1)} مع ${P(2)}`);
    expect(restoreI18next(protectedText, placeables)).toEqual({ text, unmappable: [] });
    // A draft with {price} for ${price} lacks the source's placeable: it is not the same text.
    expect(checkI18nextPlaceables('السعر ${price}', 'Price {price}')).toMatchObject({ status: 'missing+extra' });
  });

  it('refuses resources that are not a JSON object', async () => {
    expect(() => flattenResources(['a'])).toThrow(expect.objectContaining({ code: 'INVALID_BODY' }));
    await expect(pretranslateI18next('text', tm(), { to: ['en'] })).rejects.toMatchObject({ code: 'INVALID_BODY' });
  });
});

describe('pretranslating i18next resources', () => {
  const run = (options = {}) =>
    pretranslateI18next(source(), tm(), { to: ['en', 'zh'], existing: { en: existingEn() }, ...options });

  it('writes nested drafts with placeables restored, plural forms mapped, existing values kept', async () => {
    const { bundles } = await run();
    expect(bundles.en).toEqual({
      app: {
        title: 'Mizan',
        welcome: 'Hello {{name}}, welcome to the site',
        terms: 'Read <1>the terms</1> before <3>continuing</3>',
        nested: '$t(app.title) welcomes you',
        // app.lines is left out: its second line has no match, and an array is written whole.
      },
      // inbox.unread's one candidate drops {{count, number}}: appended (reported placeables-appended).
      inbox: {
        messages_one: 'One message',
        messages_other: '{{count}} messages',
        unread: 'You have unread messages {{count, number}}',
      },
      legacy: 'Kept from an earlier release',
    });
    expect(bundles.zh).toEqual({
      app: { welcome: '{{name}}，欢迎访问本网站' },
      inbox: { messages_other: '{{count}}条消息' },
    });
  });

  it('reports score, unit and placeables per key, and what it left alone', async () => {
    const { report } = await run();
    const find = (lang: string, key: string) => report.keys.find((k) => k.lang === lang && k.key === key);
    expect(find('en', 'app.title')).toEqual({ lang: 'en', key: 'app.title', status: 'kept' });
    expect(find('en', 'app.welcome')).toMatchObject({
      status: 'filled',
      score: 95,
      unitId: 'w',
      wasEmpty: true,
      placeables: { status: 'ok' },
    });
    expect(find('en', 'inbox.messages_other')).toMatchObject({ status: 'filled', sourceKey: 'inbox.messages_other' });
    expect(find('en', 'inbox.unread')).toMatchObject({
      status: 'placeables-appended',
      appended: ['{{count, number}}'],
      placeables: { status: 'ok', missing: [], extra: [] },
    });
    expect(find('zh', 'app.terms')).toMatchObject({ status: 'unmappable', score: 90 });
    expect(find('zh', 'inbox.messages_one')).toBeUndefined();
    expect(find('en', 'step_one')).toMatchObject({ status: 'no-match' });
    expect(find('en', 'app.lines.0')).toMatchObject({ status: 'array-incomplete', score: 100, unitId: 'l' });
    expect(find('en', 'app.lines.1')).toMatchObject({ status: 'no-match' });
    expect(report.keys.filter((k) => k.lang === 'en').map((k) => k.key)).toContain('inbox.messages_one');
  });

  it('overwrites existing values only when asked', async () => {
    const { bundles, report } = await run({ overwrite: true });
    expect((bundles.en!.app as Record<string, unknown>).title).toBe('Mizan (TM)');
    expect(report.keys.find((k) => k.lang === 'en' && k.key === 'app.title')).toMatchObject({ status: 'filled' });
  });

  it('translates a target’s other form from many, then few, when the source other form has no match', async () => {
    const fewOnly = memoryTm({
      [`${P(0)} رسائل`]: { en: [{ score: 100, targetText: `${P(0)} messages`, unitId: 'f' }] },
    });
    const { bundles, report } = await pretranslateI18next(
      { n_one: 'رسالة واحدة', n_few: '{{count}} رسائل', n_other: '{{count}} رسالة' },
      fewOnly,
      { to: ['en'] },
    );
    expect(bundles.en).toEqual({ n_other: '{{count}} messages' });
    expect(report.keys).toEqual([
      { lang: 'en', key: 'n_one', status: 'no-match' },
      expect.objectContaining({ key: 'n_other', sourceKey: 'n_few', status: 'filled' }),
    ]);
    // Each text with placeables is looked up with them as codes, then as written (i18next-lookup.ts).
    expect(fewOnly.calls.map((c) => c.text)).toEqual([
      'رسالة واحدة',
      `${P(0)} رسالة`,
      '{{count}} رسالة',
      `${P(0)} رسائل`,
      '{{count}} رسائل',
    ]);
  });
});

describe('exporting to i18next bundles', () => {
  it('exports a document under <documentId>.<position>, leaving out missing texts and inline codes', () => {
    const rows = [
      { position: 0, ar: 'مرحبا', en: 'Hello', zh: '你好' },
      { position: 1, ar: `انقر ${P(0)}هنا${P(1)}`, en: '', zh: `点击${P(0)}这里${P(1)}` },
    ];
    expect(documentToI18next('d1', rows)).toEqual({
      ar: { d1: { '0': 'مرحبا', '1': 'انقر هنا' } },
      en: { d1: { '0': 'Hello' } },
      zh: { d1: { '0': '你好', '1': '点击这里' } },
    });
    expect(documentToI18next('d1', rows, { langs: ['zh'], renderPlaceable: (k) => `<${k}>` })).toEqual({
      zh: { d1: { '0': '你好', '1': '点击<0>这里<1>' } },
    });
  });

  it('exports TM units under their unit ids', () => {
    expect(unitsToI18next([{ unitId: 'u1', ar: 'نعم', en: 'Yes' }])).toEqual({
      ar: { u1: 'نعم' },
      en: { u1: 'Yes' },
      zh: {},
    });
  });
});
