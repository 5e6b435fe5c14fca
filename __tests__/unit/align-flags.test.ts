import {
  alignTexts,
  flagDocument as flagWithWords,
  flagRow,
  mergeRows,
  type AlignedRow,
  type Bead,
} from '../../src/align';
import { LIBRARY, row } from '../helpers/library-rows';

/** The flags' own rules, without the word lists that can lift a flag (align-lexical.test.ts tests those). */
const flagDocument = (rows: readonly AlignedRow[]) => flagWithWords(rows, { arEn: null, zhEn: null });

const bead = (a0: number, a1: number, t0: number, t1: number): Bead => ({ a0, a1, t0, t1, confidence: 1 });

describe('review flags with their reasons', () => {
  it('leaves a document whose rows all have their three languages unflagged', () => {
    expect(flagDocument(LIBRARY).map((r) => r.review)).toEqual([false, false, false, false, false]);
  });

  it('flags the rows on either side of a row the English lacks as neighbour, and only those', () => {
    const rows = LIBRARY.map((r, k) => (k === 2 ? flagRow({ ...r, en: '' }, 'missing') : { ...r, confidence: 0.9 }));
    expect(flagDocument(rows).map((r) => r.reasons ?? [])).toEqual([[], ['neighbour'], ['missing'], ['neighbour'], []]);
  });

  it('flags the row after a row with no Arabic as neighbour, the first row having no row before it', () => {
    const rows = [row('', 'A sentence no other language has.', ''), ...LIBRARY.slice(0, 3)].map((r) => ({
      ...r,
      confidence: 0.9,
    }));
    expect(flagDocument(rows).map((r) => r.reasons ?? [])).toEqual([[], ['neighbour'], [], []]);
  });

  it('flags a row two rows from a row the Chinese lacks as neighbour when the alignment was not sure of it', () => {
    const rows = LIBRARY.map((r, k) =>
      k === 2 ? flagRow({ ...r, zh: '' }, 'missing') : { ...r, confidence: k === 0 ? 0.8 : 0.97 },
    );
    expect(flagDocument(rows).map((r) => r.reasons ?? [])).toEqual([['neighbour'], [], ['missing'], [], []]);
  });

  it('leaves rows three rows from a gap, or two rows from it and sure, unflagged', () => {
    const rows = [...LIBRARY, LIBRARY[0]!].map((r, k) =>
      k === 0 ? flagRow({ ...r, ar: '' }, 'missing') : { ...r, confidence: k === 2 ? 0.92 : k === 3 ? 0.6 : 0.97 },
    );
    expect(flagDocument(rows).map((r) => r.review)).toEqual([true, false, false, false, false, false]);
  });

  it('flags the rows next to a counts row with a Chinese sentence short, not next to one with more', () => {
    const counted = (zh: number) =>
      LIBRARY.map((r, k) =>
        k === 2
          ? flagRow({ ...r, shape: { ar: 2, en: 2, zh }, confidence: 0.97 }, 'counts')
          : { ...r, confidence: 0.9 },
      );
    expect(flagDocument(counted(1)).map((r) => r.reasons ?? [])).toEqual([
      [],
      ['neighbour'],
      ['counts'],
      ['neighbour'],
      [],
    ]);
    expect(flagDocument(counted(3)).map((r) => r.review)).toEqual([false, false, true, false, false]);
  });

  it('leaves a neighbour the alignment was all but certain of unflagged', () => {
    const rows = LIBRARY.map((r, k) => (k === 2 ? flagRow({ ...r, en: '' }, 'missing') : r));
    expect(flagDocument(rows).map((r) => r.review)).toEqual([false, false, true, false, false]);
  });

  it('does not look at a language absent from the whole document', () => {
    const rows = LIBRARY.map((r) => ({ ...r, zh: '', shape: { ...r.shape, zh: 0 }, confidence: 0.9 }));
    expect(flagDocument(rows).every((r) => !r.review)).toBe(true);
  });

  it('adds a reason once, and marks the row for review', () => {
    const flagged = flagRow(flagRow(LIBRARY[0]!, 'neighbour'), 'neighbour');
    expect(flagged).toMatchObject({ review: true, reasons: ['neighbour'] });
  });

  it('says missing for a row a translation has nothing in, through the whole alignment', () => {
    const lack = 2;
    const rows = alignTexts({
      ar: LIBRARY.map((r) => r.ar).join(' '),
      en: LIBRARY.filter((_, k) => k !== lack)
        .map((r) => r.en)
        .join(' '),
      zh: LIBRARY.map((r) => r.zh).join(''),
    });
    const missing = rows.find((r) => r.ar === LIBRARY[lack]!.ar)!;
    expect(missing).toMatchObject({ en: '', review: true });
    expect(missing.reasons).toContain('missing');
  });
});

describe('a row where the Chinese (or the Arabic) has more sentences than the two others', () => {
  const merge = (ar: string, en: string, zh: string[]) =>
    mergeRows([{ sentences: [ar] }], {
      en: { sentences: [en], beads: [bead(0, 1, 0, 1)] },
      zh: { sentences: zh, beads: [bead(0, 1, 0, zh.length)] },
    });

  it('is flagged for its counts when the English keeps a full stop inside its sentence', () => {
    const rows = merge(
      'تعقد الجلسة يوم الاثنين في الساعة العاشرة صباحا 1 - إقرار جدول الأعمال',
      'The meeting is held on Monday at 10 a.m. 1. Adoption of the agenda',
      ['会议于星期一上午10时举行。', '1.通过议程'],
    );
    expect(rows.map((r) => [r.shape, r.review, r.reasons])).toEqual([[{ ar: 1, en: 1, zh: 2 }, true, ['counts']]]);
  });

  it('is kept whole and unflagged when the Chinese ends a clause with 。where the others go on', () => {
    const rows = merge(
      'وتدرس الجامعة أثر الفيتامين على ألف متطوع في ثلاث مدن خلال عامين.',
      'The university is studying the vitamin on a thousand volunteers in three cities over two years.',
      ['该大学正在研究这种维生素。', '研究对象是三个城市的一千名志愿者，为期两年。'],
    );
    expect(rows.map((r) => [r.shape, r.review])).toEqual([[{ ar: 1, en: 1, zh: 2 }, false]]);
  });

  const unsure = (ar: string[], en: string, zh: string[]) =>
    mergeRows([{ sentences: ar }], {
      en: { sentences: [en], beads: [{ ...bead(0, ar.length, 0, 1), confidence: 0.6 }] },
      zh: { sentences: zh, beads: [{ ...bead(0, ar.length, 0, zh.length), confidence: 0.6 }] },
    });
  const FLOOD_AR = 'غمرت المياه الطريق الساحلي صباح الأحد، وأغلقت الشرطة المدخل الشمالي للمدينة حتى المساء.';
  const FLOOD_EN =
    'Water flooded the coast road on Sunday morning, and the police closed the northern entrance until evening.';
  const FLOOD_ZH = ['周日上午，洪水淹没了沿海公路。', '警方封闭了城市北部入口，直到傍晚。'];

  it('is unflagged however unsure the alignment when the Arabic and English have a clause mark where it cuts', () => {
    expect(unsure([FLOOD_AR], FLOOD_EN, FLOOD_ZH).map((r) => [r.shape, r.review])).toEqual([
      [{ ar: 1, en: 1, zh: 2 }, false],
    ]);
  });

  it('is flagged for its counts when unsure and the others have no mark where it cuts', () => {
    const ar = 'غمرت المياه الطريق الساحلي صباح الأحد فأغلقت الشرطة المدخل الشمالي للمدينة حتى المساء.';
    const en =
      'Water flooded the coast road on Sunday morning so the police closed the northern entrance until evening.';
    expect(unsure([ar], en, FLOOD_ZH).map((r) => r.reasons)).toEqual([['counts']]);
  });

  it('leaves an Arabic side of two sentences unflagged when both translations have a clause mark there', () => {
    const ar = ['غمرت المياه الطريق الساحلي صباح الأحد.', 'وأغلقت الشرطة المدخل الشمالي للمدينة حتى المساء.'];
    const zh = ['周日上午洪水淹没了沿海公路，警方封闭了城市北部入口，直到傍晚。'];
    expect(unsure(ar, FLOOD_EN, zh).map((r) => [r.shape, r.review])).toEqual([[{ ar: 2, en: 1, zh: 1 }, false]]);
  });
});
