import { flagDocument } from '../../src/align';
import { arEnLexicon } from '../../src/align/ar-lexicon';
import { gapShiftedRows, SHIFT_GAIN } from '../../src/align/gap-shift';
import { cedict } from '../../src/align/lexicon';
import { row } from '../helpers/library-rows';

// A doctor's dialogue, short lines alike in length. The Chinese lacks nothing; the DP gave row 0 none, so every
// Chinese line after it sits one row late (each still looks sure: confidence 0.97).
const AR = [
  'أشعر بألم في الصدر هنا',
  'إذا استمر ارتفاع الحمى لديك',
  'إذا بلغت الحمى لديك مائة واثنين أو أعلى',
  'ربما تحتاج أعراضك إلى طبيب',
  'الطقس جميل اليوم',
];
const EN = [
  'i feel a pain in the chest here',
  'if you continue to have high fevers',
  'if you have a fever of a hundred and two',
  'maybe your symptoms need a doctor',
  'the weather is nice today',
];
const ZH = [
  '我的前胸部位感到疼痛',
  '如果您继续高热不退',
  '如果您的发热达到一百零二度',
  '也许您的症状需要看医生',
  '今天天气很好',
];

const lexicons = () => {
  const arEn = arEnLexicon();
  if (!arEn)
    throw new Error('FreeDict is not installed: sudo apt-get install dict-freedict-ara-eng dict-freedict-eng-ara');
  return { arEn, zhEn: cedict() };
};
const sure = { confidence: 0.97 };

describe('a run of rows shifted by a gap the DP put in the wrong place', () => {
  it('is found by the words of the whole run, and flagged shifted however sure the DP was', () => {
    // Row 0 has no Chinese; rows 1–3 hold the Chinese of the row before; row 4 is right again (the DP's gap would
    // sit just before it, as the lengths allowed).
    const rows = [
      row(AR[0]!, EN[0]!, '', { ...sure, review: true, reasons: ['missing'] }),
      ...[1, 2, 3].map((k) => row(AR[k]!, EN[k]!, ZH[k - 1]!, sure)),
      row(AR[4]!, EN[4]!, ZH[4]!, sure),
    ];
    expect(gapShiftedRows(rows, lexicons())).toEqual(new Set([1, 2, 3]));
    expect(flagDocument(rows, lexicons()).map((r) => r.reasons ?? [])).toEqual([
      ['missing'],
      // Too sure for `neighbour` (0.97 ≥ 0.95): only the words flag them.
      ['shifted'],
      ['shifted'],
      ['shifted'],
      [],
    ]);
  });

  it('leaves a run whose words agree as paired, next to a gap', () => {
    const rows = [
      row(AR[0]!, EN[0]!, '', { ...sure, review: true, reasons: ['missing'] }),
      ...[1, 2, 3, 4].map((k) => row(AR[k]!, EN[k]!, ZH[k]!, sure)),
    ];
    expect(gapShiftedRows(rows, lexicons())).toEqual(new Set());
  });

  it(`needs ${SHIFT_GAIN} words gained over the run: one row's one word is not enough`, () => {
    const rows = [
      row(AR[0]!, EN[0]!, '', { ...sure, review: true, reasons: ['missing'] }),
      row(AR[4]!, EN[4]!, '天气', sure),
      row('هل أنت بخير', 'are you well', '今天很好', sure),
    ];
    expect(gapShiftedRows(rows, lexicons())).toEqual(new Set());
  });
});
