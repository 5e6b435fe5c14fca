/**
 * Aligned rows for tests of the review flags: a row builder and a short report on a library, sentence for sentence
 * in Arabic, English and Chinese (our own text).
 */
import type { AlignedRow } from '../../src/align';

export const row = (ar: string, en: string, zh: string, over: Partial<AlignedRow> = {}): AlignedRow => ({
  ar,
  en,
  zh,
  paragraph: 0,
  confidence: 1,
  review: false,
  shape: { ar: ar ? 1 : 0, en: en ? 1 : 0, zh: zh ? 1 : 0 },
  ...over,
});

// A short report on a library, sentence for sentence.
export const LIBRARY: readonly AlignedRow[] = [
  row(
    'افتتحت المدينة مكتبة عامة جديدة في الحي القديم يوم السبت.',
    'The city opened a new public library in the old quarter on Saturday.',
    '该市周六在老城区开设了一座新的公共图书馆。',
  ),
  row(
    'وتضم المكتبة أكثر من ثلاثين ألف كتاب باللغتين العربية والإنجليزية.',
    'The library holds more than thirty thousand books in Arabic and English.',
    '图书馆藏有三万多册阿拉伯文和英文图书。',
  ),
  row(
    'وقالت مديرة المكتبة إن قاعة الأطفال ستفتح أبوابها في الشهر المقبل.',
    "The library's director said the children's hall would open next month.",
    '图书馆馆长说，儿童阅览室将于下个月开放。',
  ),
  row(
    'ويمكن للزوار استعارة خمسة كتب في المرة الواحدة.',
    'Visitors may borrow five books at a time.',
    '读者每次可借阅五本书。',
  ),
  row(
    'وتفتح المكتبة من التاسعة صباحا حتى الثامنة مساء.',
    'The library is open from nine in the morning until eight in the evening.',
    '图书馆开放时间为上午九点至晚上八点。',
  ),
];
