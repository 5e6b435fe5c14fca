import { flagDocument, type AlignedRow } from '../../src/align';
import { shiftedBoundaries } from '../../src/align/shift';

const row = (ar: string, en: string, zh: string): AlignedRow => ({
  ar,
  en,
  zh,
  paragraph: 0,
  confidence: 0.97,
  review: false,
  shape: { ar: 1, en: 1, zh: 1 },
});

// A report on bread prices and schools closed by a strike: the Chinese of the first row carries the clause the
// English and the Arabic put in the second sentence.
const PRICES_AR = 'ارتفعت أسعار الخبز في المدينة بشكل حاد هذا الأسبوع.';
const PRICES_EN = 'Bread prices in the city rose sharply this week.';
const SCHOOLS_AR = 'وقالت الحكومة أيضا إن ثلاث مدارس ستغلق لفترة، لأن المعلمين في إضراب.';
const SCHOOLS_EN = 'The government also said three schools would close for a while, as the teachers are on strike.';

// A storm report: the clause that opens the second row's Chinese is the first row's English.
const STORM_AR = 'قال مسؤولون يوم الاثنين إن العاصفة قطعت الكهرباء عن المستشفيات والمدارس والمكتبات في الشمال.';
const STORM_EN =
  'Officials said on Monday that the storm had cut power to hospitals, schools and libraries in the north.';
const REPAIRS_AR = 'وستستغرق أعمال الإصلاح أسبوعا.';
const REPAIRS_EN = 'Repairs will take a week.';

describe('a row boundary the lexicon speaks against', () => {
  it("finds a Chinese row whose last clause is the next row's English", () => {
    const rows = [
      row(PRICES_AR, PRICES_EN, '本周该市面包价格大幅上涨，政府还表示三所学校将暂时关闭。'),
      row(SCHOOLS_AR, SCHOOLS_EN, '原因是教师正在罢工。'),
    ];
    expect([...shiftedBoundaries(rows)]).toEqual([0]);
  });

  it("finds a Chinese row whose first clause is the previous row's English", () => {
    const rows = [
      row(STORM_AR, STORM_EN, '官员周一表示，'),
      row(REPAIRS_AR, REPAIRS_EN, '暴风雨切断了北部医院、学校和图书馆的电力，修复工作将持续一周。'),
    ];
    expect([...shiftedBoundaries(rows)]).toEqual([0]);
  });

  it('finds nothing when each clause is in its own row', () => {
    const prices = [
      row(PRICES_AR, PRICES_EN, '本周该市面包价格大幅上涨。'),
      row(SCHOOLS_AR, SCHOOLS_EN, '政府还表示，三所学校将暂时关闭，原因是教师正在罢工。'),
    ];
    const storm = [
      row(STORM_AR, STORM_EN, '官员周一表示，暴风雨切断了北部医院、学校和图书馆的电力。'),
      row(REPAIRS_AR, REPAIRS_EN, '修复工作将持续一周。'),
    ];
    expect([...shiftedBoundaries(prices)]).toEqual([]);
    expect([...shiftedBoundaries(storm)]).toEqual([]);
  });

  it("finds nothing when a word of the clause is its own row's English only", () => {
    const rows = [
      row(
        PRICES_AR,
        'Bread prices in the city rose sharply this week, a temporary rise.',
        '本周该市面包价格大幅上涨，政府还表示三所学校将暂时关闭。',
      ),
      row(SCHOOLS_AR, SCHOOLS_EN, '原因是教师正在罢工。'),
    ];
    expect([...shiftedBoundaries(rows)]).toEqual([]);
  });

  it('looks only between rows that have all three languages', () => {
    const rows = [
      row(PRICES_AR, PRICES_EN, '本周该市面包价格大幅上涨，政府还表示三所学校将暂时关闭。'),
      { ...row(SCHOOLS_AR, SCHOOLS_EN, ''), shape: { ar: 1, en: 1, zh: 0 } },
    ];
    expect([...shiftedBoundaries(rows)]).toEqual([]);
  });

  it('flags both rows as shifted, however sure the alignment was of them', () => {
    const rows = [
      row(PRICES_AR, PRICES_EN, '本周该市面包价格大幅上涨，政府还表示三所学校将暂时关闭。'),
      row(SCHOOLS_AR, SCHOOLS_EN, '原因是教师正在罢工。'),
      row(REPAIRS_AR, REPAIRS_EN, '修复工作将持续一周。'),
    ];
    expect(flagDocument(rows).map((r) => r.reasons ?? [])).toEqual([['shifted'], ['shifted'], []]);
  });
});
