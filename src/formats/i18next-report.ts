/**
 * What the i18next pretranslation reports per key (i18next-pretranslate.ts, i18next-icu.ts).
 */
import type { Lang } from '../types';
import type { PlaceablesCheck } from './i18next-syntax';
import type { ShapeConflict } from './i18next';

/**
 * `filled`: written; `placeables-appended`: written, with the source's placeables the TM's target lacked put in at
 * its end (or a start tag at its start, a Trans pair that wraps the whole source around it: i18next-complete.ts),
 * `appended` naming them, for a reviewer to place; `kept`: the existing value stays; `no-match`: nothing ≥ min
 * after its repairs; `unmappable`: the best candidate has placeables the source lacks whose place in the source
 * cannot be told (or an inline code or a printf placeholder where the source has text that could not be placed);
 * `placeables-missing`: it lacks some of the source's Trans tags, which could not be put
 * back where the tags would still nest; `no-source-form`: no source form to translate this plural category from;
 * `empty-source`: the source value is an empty string (every source form, for a plural), so there is nothing to
 * translate (under an array it is copied, to keep its place); `array-incomplete`: drafted, but not written, since the
 * array it is in has untranslated elements and an array is written whole (i18next-arrays.ts); `icu-incomplete`: an
 * ICU message one of whose branches could not be drafted (`icu.branches` says which and why), so none of it is
 * written; `icu-unsupported`: an ICU message that cannot be drafted branch by branch (`icu.reason`). All but
 * `filled`, `placeables-appended` and `kept` leave the key untranslated.
 */
export type KeyStatus =
  | 'filled'
  | 'placeables-appended'
  | 'kept'
  | 'no-match'
  | 'unmappable'
  | 'placeables-missing'
  | 'no-source-form'
  | 'empty-source'
  | 'array-incomplete'
  | 'icu-incomplete'
  | 'icu-unsupported';

/** Statuses of a key (or an ICU branch) drafted and written. */
export const DRAFTED: ReadonlySet<string> = new Set<KeyStatus>(['filled', 'placeables-appended']);

export interface I18nextKeyReport {
  lang: Lang;
  key: string;
  /** The source key translated (for plurals, the form chosen). */
  sourceKey?: string;
  status: KeyStatus;
  /**
   * The candidate's score, less one point per placeable renamed, appended or settled (a TM's placeable or printf
   * placeholder the source lacks), number replaced, or text put in for a code (then `tmScore` is the TM's).
   */
  score?: number;
  tmScore?: number;
  unitId?: string;
  /**
   * The source's text written where the TM's unit had an inline code (tm-codes.ts) or a printf placeholder
   * (xliff-printf.ts `settlePrintf`), one point off each.
   */
  codeText?: string[];
  /** The TM's source differs only in numbers: true if the value carries the source's numbers (see XLIFF's). */
  adapted?: boolean;
  placeables?: PlaceablesCheck;
  /**
   * The source's placeables the TM's target lacked, put into the draft (status `placeables-appended`; for an ICU
   * message, every branch's): at its end, a start tag whose end the draft has at its start. Their place is to check.
   */
  appended?: string[];
  /** The target had this key with an empty string. */
  wasEmpty?: boolean;
  /**
   * A plural form the source language lacks (Arabic's zero, two, few, many from English), drafted from `sourceKey`,
   * another category's form: its grammar is that form's, to check (Arabic's dual and few differ from its other).
   */
  derived?: boolean;
  /**
   * The existing bundle's shape disagrees with the source's on the way to this key (a string where the source has
   * an object): without `overwrite` the key is `kept` unfilled and the existing value stays; with it, `replaced`
   * says the value written took the place of the existing one.
   */
  conflict?: ShapeConflict;
  replaced?: boolean;
  /** An ICU message (i18next-icu.ts): each branch drafted, or why the message was not. */
  icu?: IcuReport;
}

/** A candidate's outcome as a key's report has it. */
export type CandidateReport = Omit<I18nextKeyReport, 'lang' | 'key'>;

/**
 * Why an ICU message was not drafted: `invalid-syntax` (the source is no valid message), `too-many-branches` (more
 * than MAX_ICU_LEAVES sentences once the text around blocks is moved into their branches), `number-moved` (a `#`
 * would move into a nested block, where it would mean another number or none), `plural-key` (an ICU message under
 * a `_one`/`_other` key: two plural systems at once), `draft-invalid` (the draft did not read back as built: never
 * written).
 */
export type IcuReason = 'invalid-syntax' | 'too-many-branches' | 'number-moved' | 'plural-key' | 'draft-invalid';

export interface IcuBranchReport {
  /** The branch drafted, as `arg=key` steps from the outermost block (`gender=female/count=one`). */
  branch: string;
  /** The source branch it was drafted from (`count=many` for a target `count=other`), when there was one. */
  sourceBranch?: string;
  status:
    | 'filled'
    | 'placeables-appended'
    | 'no-match'
    | 'unmappable'
    | 'placeables-missing'
    | 'no-source-form'
    | 'empty-source';
  score?: number;
  tmScore?: number;
  unitId?: string;
  codeText?: string[];
  appended?: string[];
  placeables?: PlaceablesCheck;
}

export interface IcuReport {
  reason?: IcuReason;
  branches?: IcuBranchReport[];
}
