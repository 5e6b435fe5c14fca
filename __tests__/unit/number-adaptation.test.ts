import { bareUnit } from '../../scripts/lib/generate';
import { TmIndex } from '../../src/match';
import { findChineseNumbers, writeChinese } from '../../src/match/chinese-numerals';
import type { Lang, Unit } from '../../src/types';

/** The adaptation of the only unit of a TM for a query (through the real index, as the service asks it). */
function adapt(query: string, unit: Unit, tgt: Lang[] = ['en', 'zh'], src: Lang = 'ar') {
  const index = new TmIndex();
  index.upsert(unit);
  const q = index.query(query, src);
  const [hit] = index.search(q, src, { min: 0, limit: 1 });
  expect(hit?.adapted).toBe(true);
  const targets = Object.fromEntries(tgt.map((l) => [l, unit[l]]));
  return { hit: hit!, adaptation: index.adapt(q, src, unit, targets)! };
}

// Eleven tokens, one of them a number.
const AR = 'شارك 15 مندوبا في الاجتماع الذي عقد في العاصمة يوم الاثنين';
const unit = (en: string, zh: string) => bareUnit('u', AR, { en, zh });

describe('number adaptation, target by target', () => {
  it('adapts the targets that hold the old number and leaves the others as stored, saying which', () => {
    const { hit, adaptation } = adapt(
      AR.replace('15', '16'),
      unit(
        '15 delegates attended the meeting held in the capital on Monday.',
        '十五名代表出席了星期一在首都举行的会议。',
      ),
    );
    expect(hit.score).toBe(98);
    expect(adaptation.adapted).toEqual({ en: true, zh: true });
    expect(adaptation.targets.en).toBe('16 delegates attended the meeting held in the capital on Monday.');
    expect(adaptation.targets.zh).toBe('十六名代表出席了星期一在首都举行的会议。');

    const spelled = adapt(
      AR.replace('15', '16'),
      unit('Fifteen delegates attended the meeting.', '15名代表出席了会议。'),
    );
    expect(spelled.adaptation.adapted).toEqual({ en: false, zh: true });
    expect(spelled.adaptation.targets).toEqual({
      en: 'Fifteen delegates attended the meeting.',
      zh: '16名代表出席了会议。',
    });
  });

  it('gives the fuzzy score a target left as stored is worth: the numbers count as words replaced', () => {
    const { adaptation } = adapt(AR.replace('15', '16'), unit('Fifteen delegates.', '十五名代表。'));
    expect(adaptation.unadaptedScore).toBe(91); // 1 token of 11 replaced: 1 − 1/11 = 90.9 %
  });

  it('adapts nothing when an old number maps to two new ones', () => {
    const twice = 'شارك 15 مندوبا و 15 مراقبا في الاجتماع';
    const { adaptation } = adapt(
      twice.replace('15', '16').replace('15', '17'),
      bareUnit('u', twice, { en: '15 delegates and 15 observers', zh: '15名代表和15名观察员' }),
    );
    expect(adaptation.adapted).toEqual({ en: false, zh: false });
    expect(adaptation.targets.en).toBe('15 delegates and 15 observers');
  });

  it('writes a Chinese numeral back in its own style: counted, digit by digit, or digits and 万', () => {
    const ar = 'بلغ عدد الزوار 3000 شخص في عام 2023 و 20000 في العام التالي';
    const zh = '2023年游客达三千人，次年达2万人。';
    const stored = bareUnit('u', ar, { en: '3,000 visitors in 2023 and 20,000 the next year', zh });
    const query = ar.replace('3000', '3500').replace('2023', '2024').replace('20000', '25000');
    const { adaptation } = adapt(query, stored);
    expect(adaptation.adapted).toEqual({ en: true, zh: true });
    expect(adaptation.targets.en).toBe('3,500 visitors in 2024 and 25,000 the next year');
    expect(adaptation.targets.zh).toBe('2024年游客达三千五百人，次年达2.5万人。');
    const year = adapt(
      'أقيم المعرض عام 2023 في العاصمة',
      bareUnit('u', 'أقيم المعرض عام 2022 في العاصمة', { zh: '二〇二二年在首都举办了展览。' }),
      ['zh'],
    );
    expect(year.adaptation.targets.zh).toBe('二〇二三年在首都举办了展览。');
  });

  it('finds a number grouped otherwise than in the source by value and writes the new one with the target’s grouping', () => {
    const ar = 'زار المعرض 3000 شخص';
    const grouped = adapt(ar.replace('3000', '4500'), bareUnit('u', ar, { en: '3,000 people visited.' }), ['en']);
    expect(grouped.adaptation.targets.en).toBe('4,500 people visited.');
    const en = '3,000 people visited the fair';
    const arabic = adapt(en.replace('3,000', '12,500'), bareUnit('u', 'زار المعرض ٣٠٠٠ شخص', { en }), ['ar'], 'en');
    expect(arabic.adaptation.targets.ar).toBe('زار المعرض ١٢٥٠٠ شخص');
    const arabicGrouped = adapt(
      en.replace('3,000', '12,500'),
      bareUnit('u', 'زار المعرض ٣٬٠٠٠ شخص', { en }),
      ['ar'],
      'en',
    );
    expect(arabicGrouped.adaptation.targets.ar).toBe('زار المعرض ١٢٬٥٠٠ شخص');
  });

  it('writes digits where the numeral style cannot write the new number', () => {
    const ar = 'بلغ عدد الزوار 20000 شخص';
    const { adaptation } = adapt(ar.replace('20000', '12345'), bareUnit('u', ar, { zh: '游客达2万人。' }), ['zh']);
    expect(adaptation.targets.zh).toBe('游客达12345人。');
  });

  it('never takes the digits of a name (G20, COVID-19) or a numeral naming a group (二十国集团) for the number', () => {
    const g20 = 'شارك 20 زعيما في قمة مجموعة العشرين';
    const { adaptation } = adapt(
      g20.replace('20', '25'),
      bareUnit('u', g20, { en: '20 leaders attended the G20 summit.', zh: '二十位领导人出席了二十国集团峰会。' }),
    );
    expect(adaptation.targets).toEqual({
      en: '25 leaders attended the G20 summit.',
      zh: '二十五位领导人出席了二十国集团峰会。',
    });
    const covid = 'سجلت 19 حالة جديدة';
    const cases = adapt(covid.replace('19', '21'), bareUnit('u', covid, { en: '19 new COVID-19 cases' }), ['en']);
    expect(cases.adaptation.targets.en).toBe('21 new COVID-19 cases');
  });

  it('adapts nothing when the query changes an old number in one place and keeps it in another', () => {
    const twice = 'شارك 15 مندوبا و 15 مراقبا في الاجتماع';
    const { adaptation } = adapt(
      twice.replace('15', '16'),
      bareUnit('u', twice, { en: '15 delegates and 15 observers', zh: '15名代表和15名观察员' }),
    );
    expect(adaptation.adapted).toEqual({ en: false, zh: false });
    const both = adapt(
      twice.replaceAll('15', '16'),
      bareUnit('u', twice, { en: '15 delegates and 15 observers', zh: '15名代表和15名观察员' }),
    );
    expect(both.adaptation.targets).toEqual({ en: '16 delegates and 16 observers', zh: '16名代表和16名观察员' });
  });

  it('prefers digits to numerals and never reads numerals inside words', () => {
    const ar = 'قال إن 10 دول مهمة جدا';
    const { adaptation } = adapt(ar.replace('10', '11'), bareUnit('u', ar, { zh: '他说10个国家十分重要。' }), ['zh']);
    expect(adaptation.targets.zh).toBe('他说11个国家十分重要。');
    const noDigits = adapt(ar.replace('10', '11'), bareUnit('u', ar, { zh: '他说这些国家十分重要。' }), ['zh']);
    expect(noDigits.adaptation.adapted).toEqual({ zh: false }); // 十分 is "very", not ten minutes
    const g20 = 'شارك 20 زعيما في قمة مجموعة العشرين';
    const leaders = adapt(g20.replace('20', '25'), bareUnit('u', g20, { zh: '20位领导人出席二十国集团峰会' }), ['zh']);
    expect(leaders.adaptation.targets.zh).toBe('25位领导人出席二十国集团峰会');
  });
});

describe('Chinese numerals', () => {
  const read = (text: string) => findChineseNumbers(text).map((n) => n.value);

  it('reads counted numerals, 〇 years and digits before 万 or 亿', () => {
    expect(read('十五')).toEqual(['15']);
    expect(read('第二十三条')).toEqual(['23']);
    expect(read('三千人')).toEqual(['3000']);
    expect(read('两千')).toEqual(['2000']);
    expect(read('一百零五')).toEqual(['105']);
    expect(read('一百一十五')).toEqual(['115']);
    expect(read('三千五百')).toEqual(['3500']);
    expect(read('一千零五十')).toEqual(['1050']);
    expect(read('一万二千')).toEqual(['12000']);
    expect(read('一万零五')).toEqual(['10005']);
    expect(read('十一万')).toEqual(['110000']);
    expect(read('一亿零五百万')).toEqual(['105000000']);
    expect(read('二〇二三年')).toEqual(['2023']);
    expect(read('2万人')).toEqual(['20000']);
    expect(read('３．５万')).toEqual(['35000']);
    expect(read('1.2亿')).toEqual(['120000000']);
  });

  it('does not read a lone character, words made of numerals, or abbreviated and partial forms', () => {
    for (const text of ['一', '五', '十', '一些', '十分', '千万', '万一', '一一', '八一', '三三两两', '一带一路'])
      expect([text, read(text)]).toEqual([text, []]);
    for (const text of ['三千五', '两万五', '一百十五', '2万5千', '1,200万', '5千三'])
      expect([text, read(text)]).toEqual([text, []]);
  });

  it('writes a number in the style of the one it replaces', () => {
    const as = (value: string, old: string) => writeChinese(value, findChineseNumbers(old)[0]!);
    expect(as('16', '十五')).toBe('十六');
    expect(as('10', '十五')).toBe('十');
    expect(as('1015', '十五')).toBe('一千零一十五');
    expect(as('110000', '十五')).toBe('十一万');
    expect(as('100000005', '十五')).toBe('一亿零五');
    expect(as('2000', '两千')).toBe('两千');
    expect(as('20000', '两千')).toBe('两万');
    expect(as('2024', '二〇二三')).toBe('二〇二四');
    expect(as('30000', '2万')).toBe('3万');
    expect(as('350000000', '1.2亿')).toBe('3.5亿');
    expect(as('5000', '2万')).toBeUndefined(); // 0.5万: digits instead
    expect(as('3.5', '十五')).toBeUndefined();
  });
});
