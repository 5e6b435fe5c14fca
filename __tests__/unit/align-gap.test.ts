import { alignTexts } from '../../src/align';
import { arabicAmong } from '../../src/align/gap';

// A news report of ours, sentence for sentence; the sentences differ in length, so lengths can tell them apart.
const AR = [
  'أعلنت وزارة الصحة يوم الثلاثاء عن افتتاح 15 مستشفى جديدا في المحافظات الشمالية بعد سنوات من التأخير في أعمال البناء.',
  'وقال الوزير إن المستشفيات ستخدم مليوني نسمة.',
  'وتضم المستشفيات 1200 سرير ومراكز حديثة لعلاج أمراض القلب والسرطان وغرف عمليات مجهزة بأحدث المعدات الطبية المتوفرة.',
  'وأشاد السكان بالقرار.',
  'ومن المتوقع أن يبدأ تشغيل المستشفيات بالكامل في مارس 2026.',
];
const EN = [
  'The Ministry of Health announced on Tuesday the opening of 15 new hospitals in the northern provinces after years of construction delays.',
  'The minister said the hospitals would serve two million people.',
  'The hospitals have 1,200 beds, modern centres for treating heart disease and cancer, and operating theatres fitted with the latest medical equipment available.',
  'Residents welcomed the decision.',
  'The hospitals are expected to be fully operational in March 2026.',
];
const ZH = [
  '卫生部周二宣布，经过多年的施工延误，北部各省新开设的15家医院正式启用。',
  '部长表示，这些医院将为200万人提供服务。',
  '这些医院共有1200张病床，设有治疗心脏病和癌症的现代化中心，以及配备最新医疗设备的手术室。',
  '居民对这一决定表示欢迎。',
  '这些医院预计将于2026年3月全面投入运营。',
];

describe('an Arabic sentence against two of each translation that it cannot be cut to', () => {
  it('is paired with the one whose lengths fit it, clearly better than the other', () => {
    expect(arabicAmong(AR[2]!, [EN[2]!, EN[3]!], [ZH[2]!, ZH[3]!])).toBe(0);
    expect(arabicAmong(AR[3]!, [EN[2]!, EN[3]!], [ZH[2]!, ZH[3]!])).toBe(1);
  });

  it('is left whole when two sentences fit about as well (no clear evidence)', () => {
    const a = 'وقال الوزير إن العمل سيبدأ قريبا.';
    expect(
      arabicAmong(
        a,
        ['The minister said work would start soon.', 'Officials said funds were ready.'],
        ['部长说工作将很快开始。', '官员说资金已经到位。'],
      ),
    ).toBeNull();
  });
});

describe('a sentence the Arabic lacks', () => {
  it('gets a row without Arabic, flagged missing, with the Arabic beside it flagged as its neighbour', () => {
    const rows = alignTexts({ ar: AR.filter((_, i) => i !== 3).join(' '), en: EN.join(' '), zh: ZH.join('') });
    const gap = rows.find((r) => !r.ar)!;
    expect(gap).toMatchObject({ en: EN[3], zh: ZH[3], review: true });
    expect(gap.reasons).toContain('missing');
    expect(rows.map((r) => r.en)).toEqual(EN);
    expect(rows.filter((r) => r.ar).map((r) => r.ar)).toEqual(AR.filter((_, i) => i !== 3));
    for (const r of rows.filter((x) => x.ar)) expect(EN.indexOf(r.en)).toBe(AR.indexOf(r.ar));
    const at = rows.indexOf(gap);
    expect([rows[at - 1], rows[at + 1]].some((r) => r?.reasons?.includes('neighbour'))).toBe(true);
  });
});
