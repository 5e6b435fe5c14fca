import { alignTexts, anchorCost, anchorsOf } from '../../src/align';
import { spelledNumbers } from '../../src/align/spelled-numbers';

describe('numbers spelled out', () => {
  it.each([
    ['سيستقبل أكثر من ألف مريض يوميا', ['1000']],
    ['بألفي دولار', ['2000']],
    ['ثلاثة آلاف وخمسمائة جندي', ['3500']],
    ['خمسة وعشرون عاما', ['25']],
    ['اثنا عشر شهرا', ['12']],
    ['إحدى عشرة دولة', ['11']],
    ['أحد عشر ألفا', ['11000']],
    ['مئتي شخص', ['200']],
    ['ثلاثمائة ألف لاجئ', ['300000']],
    ['ثلاثة ملايين دولار', ['3000000']],
    ['للألف الثالث', ['1000']],
  ])('reads the Arabic «%s» as %j', (text, values) => {
    expect(spelledNumbers(text, 'ar')).toEqual({ spelled: values, scaled: [] });
  });

  it.each([
    ['more than a thousand patients', ['1000']],
    ['twenty-five years', ['25']],
    ['three hundred thousand refugees', ['300000']],
    ['two thousand and twenty', ['2020']],
  ])('reads the English "%s" as %j', (text, values) => {
    expect(spelledNumbers(text, 'en')).toEqual({ spelled: values, scaled: [] });
  });

  it.each([
    ['一千多名患者', ['1000']],
    ['三百万人', ['3000000']],
    ['一亿五千万', ['150000000']],
    ['十五年', ['15']],
    ['百分之五十', ['50']],
    ['两国', ['2']],
  ])('reads the Chinese %s as %j', (text, values) => {
    expect(spelledNumbers(text, 'zh')).toEqual({ spelled: values, scaled: [] });
  });

  it.each([
    ['يوم الأحد', 'ar'],
    ['وصل يوم الاثنين', 'ar'],
    ['لست متأكدا', 'ar'],
    ['آلاف المنازل', 'ar'],
    ['عشرات الآلاف', 'ar'],
    ['one of them', 'en'],
    ['thousands of homes', 'en'],
    ['双方统一了意见', 'zh'],
    ['这十分重要', 'zh'],
    ['万一失败', 'zh'],
    ['百分之50', 'zh'],
  ] as const)('finds no number in "%s" (%s)', (text, lang) => {
    expect(spelledNumbers(text, lang)).toEqual({ spelled: [], scaled: [] });
  });

  it.each([
    ['3 ملايين دولار', 'ar', [['3', '3000000']]],
    ['١٫٥ مليار يوان', 'ar', [['15', '1500000000']]],
    ['3 million dollars', 'en', [['3', '3000000']]],
    ['1.5 billion yuan', 'en', [['15', '1500000000']]],
    ['300万美元', 'zh', [['300', '3000000']]],
    ['1.5亿元', 'zh', [['15', '150000000']]],
  ] as const)('reads "%s" (%s) as digits and the value they stand for', (text, lang, scaled) => {
    expect(spelledNumbers(text, lang)).toEqual({ spelled: [], scaled });
  });
});

describe('anchors with numbers spelled out', () => {
  const cost = (a: string, b: string) => anchorCost(anchorsOf(a, 'ar'), anchorsOf(b, 'en'));

  it('take a number in digits on one side spelled out on the other as agreement, not as a conflict', () => {
    const spelled = cost('سيستقبل المستشفى ألف مريض يوميا.', 'The hospital will receive 1,000 patients a day.');
    const none = cost('وقال الوزير إن العمل بدأ.', 'The hospital will receive 1,000 patients a day.');
    expect(spelled).toBeLessThan(0);
    expect(none).toBeGreaterThan(0);
  });

  it('read digits before a scale word as the number they stand for, in every language', () => {
    const billions = ['41 مليار دولار', 'USD 41 billion', '410亿美元'] as const;
    const [ar, en, zh] = (['ar', 'en', 'zh'] as const).map((lang, k) => anchorsOf(billions[k]!, lang).numbers);
    expect([ar, en, zh]).toEqual([['41000000000'], ['41000000000'], ['41000000000']]);
    expect(anchorCost(anchorsOf('ثلاثة مليارات دولار', 'ar'), anchorsOf('30亿美元', 'zh'))).toBeLessThan(0);
  });

  it('still count a number in digits that the other side does not spell out as a conflict', () => {
    expect(cost('افتتح 15 مستشفى وسيخدم ألف مريض.', 'The hospitals will serve a thousand patients.')).toBeGreaterThan(
      0,
    );
  });

  it('keep a report that spells a number the translations write in digits out of review', () => {
    const rows = alignTexts({
      ar:
        'أعلنت الوزارة يوم الأحد افتتاح مستشفى جديد في العاصمة، وسيستقبل المستشفى أكثر من ألف مريض يوميا. ' +
        'وأضاف الوزير أن العمل بدأ في عام 2021.',
      en:
        'The ministry announced on Sunday the opening of a new hospital in the capital. ' +
        'The hospital will receive more than 1,000 patients a day. The minister added that work began in 2021.',
      zh: '卫生部周日宣布在首都开设一家新医院。该医院每天将接待一千多名患者。部长补充说，工程于2021年开工。',
    });
    expect(rows.map((r) => [r.shape.ar, r.shape.en, r.shape.zh])).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(rows.every((r) => r.confidence >= 0.9 && !r.reasons?.includes('confidence'))).toBe(true);
  });
});
