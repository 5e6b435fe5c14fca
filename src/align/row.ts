/**
 * A row of an aligned document (rows.ts makes them, settle.ts settles those whose counts disagree, flags.ts flags
 * them over the whole document) and the flagging of a row.
 */
import type { Lang, ReviewReason, RowSplit } from '../types';

export type TargetLang = 'en' | 'zh';

export type { ReviewReason };

export interface AlignedRow {
  ar: string;
  en: string;
  zh: string;
  /** 0-based Arabic paragraph. */
  paragraph: number;
  /** 0–1: how clearly the DP preferred this row's boundaries (see dp.ts). */
  confidence: number;
  /** Weak link, or a sentence without a counterpart: a person should look. */
  review: boolean;
  /** Why the row is flagged (set when review is). */
  reasons?: ReviewReason[];
  /** Sentences per language in the row (1:1, 2:1, 1:0 …). */
  shape: Record<Lang, number>;
  /**
   * The row was cut out of one language's longer segment where the other two cut (split.ts): that language and
   * the marks of the cuts ("،", "و", ";" …).
   */
  split?: RowSplit;
}

/** Rows with confidence below this are flagged for review. */
export const REVIEW_BELOW = 0.5;

/** Flags a row under construction, with reason. */
export function addReason(row: AlignedRow, reason: ReviewReason): void {
  row.review = true;
  if (!row.reasons?.includes(reason)) row.reasons = [...(row.reasons ?? []), reason];
}

export const withReason = (row: AlignedRow, reason: ReviewReason): AlignedRow => {
  const copy = { ...row };
  addReason(copy, reason);
  return copy;
};
