/**
 * What the streaming TMX reader yields and the streaming writer takes: one translation unit with its texts per
 * language (placeables in the text, codes beside it), its metadata, and the variants kept apart. The writer accepts
 * exactly what the reader yields, so that import → export → import is the identity.
 */
import type { Lang } from '../types';
import type { InlineCode } from './placeables';

/** A `prop` element: [type, value]. */
export type TmxProp = [type: string, value: string];

/**
 * Attributes of `tu` (besides `tuid`) and `tuv` (besides `xml:lang`) that TMX 1.4b declares, in DTD order. A
 * `tu`'s `srclang` is not kept: in mizan Arabic is always the source, and the writer says so on every `tu`.
 */
export const TU_ATTRS = [
  'o-encoding',
  'datatype',
  'usagecount',
  'lastusagedate',
  'creationtool',
  'creationtoolversion',
  'creationdate',
  'creationid',
  'changedate',
  'segtype',
  'changeid',
  'o-tmf',
] as const;
export type TuAttrName = (typeof TU_ATTRS)[number];
export type TuAttrs = Partial<Record<TuAttrName, string>>;
export const TUV_ATTRS = TU_ATTRS.filter((a) => a !== 'segtype');

export const HEADER_ATTRS = [
  'creationtool',
  'creationtoolversion',
  'segtype',
  'o-tmf',
  'adminlang',
  'srclang',
  'datatype',
  'o-encoding',
  'creationdate',
  'creationid',
  'changedate',
  'changeid',
] as const;

export interface TmxVariant {
  /** The language as written in the file (`xml:lang`, or the old `lang`): "ar-SA", "zh_CN", "zh-TW"… */
  tag: string;
  /** The segment's text; each inline code is a placeable (see placeables.ts). */
  text: string;
  /** The inline codes, by placeable index. */
  codes: InlineCode[];
  /** `tuv` attributes (dates, ids, usage count…), when any. */
  attrs?: TuAttrs;
  props?: TmxProp[];
  notes?: string[];
}

/** Why a variant was kept apart rather than used as the unit's ar, en or zh. */
export type ApartReason = 'unsupported' | 'traditional' | 'duplicate';

export interface ApartVariant extends TmxVariant {
  reason: ApartReason;
}

export interface TmxTu {
  tuid?: string;
  /** `tu` attributes other than `tuid` and `srclang`: creationdate, creationid, changedate, usagecount… */
  attrs: TuAttrs;
  /** `prop`s other than mizan's own placement props (below), in file order. */
  props: TmxProp[];
  notes: string[];
  /**
   * Arabic is always there in a yielded unit; en and/or zh too, or else Traditional Chinese kept apart (an
   * Arabic-only unit whose Chinese is Traditional: kept, never mixed into zh).
   */
  langs: Partial<Record<Lang, TmxVariant>>;
  /** Variants not used as ar/en/zh: other languages, Traditional Chinese, a second variant of a language. */
  apart: ApartVariant[];
  /** Document the unit belongs to (prop `x-document`), when the file says so. */
  document?: string;
  /** mizan's placement of the unit in its document (props `x-position`, `x-paragraph`) and alignment. */
  position?: number;
  paragraph?: number;
  confidence?: number;
  review?: boolean;
}

/** What the writer takes: a {@link TmxTu}, or a unit from the store (language tags and metadata optional). */
export interface TmxVariantInput {
  /** Written as `xml:lang` with the writer's `keepTags`; otherwise the language code is. */
  tag?: string;
  text: string;
  codes?: readonly InlineCode[];
  attrs?: TuAttrs;
  props?: readonly TmxProp[];
  notes?: readonly string[];
}

export interface TmxTuInput {
  tuid?: string;
  attrs?: TuAttrs;
  props?: readonly TmxProp[];
  notes?: readonly string[];
  langs: Partial<Record<Lang, TmxVariantInput>>;
  apart?: readonly (TmxVariantInput & { tag: string })[];
  document?: string;
  position?: number;
  paragraph?: number;
  confidence?: number;
  review?: boolean;
}

/** mizan's own props (written by tmx-write.ts, read back into typed fields). */
export const PROP_DOCUMENT = 'x-document';
export const PROP_POSITION = 'x-position';
export const PROP_PARAGRAPH = 'x-paragraph';
export const PROP_CONFIDENCE = 'x-confidence';
export const PROP_REVIEW = 'x-review';

export interface TmxHeaderInfo {
  /** `version` of the `tmx` element. */
  version: string;
  /** `header` attributes as written. */
  attrs: Record<string, string>;
  /** Header props in file order (mizan writes document metadata as `x-doc:<id>:<field>`). */
  props: TmxProp[];
  notes: string[];
}

/**
 * Why a `tu` was not read into a unit: `invalid` — it breaks the DTD in a way that would lose or alter text (a `tuv`
 * with two `seg`s, an element TMX does not allow in a `seg`, such as `<b>`).
 */
export type SkipReason = 'no-arabic' | 'no-target' | 'empty' | 'too-long' | 'invalid';

export interface TmxCounts {
  /** `tu` elements read. */
  tus: number;
  /** Units yielded. */
  units: number;
  skipped: Record<SkipReason, number>;
  /** Non-empty `tuv`s by language family ("ar", "en", "fr", "zh-Hant"…; at most 256 families, then "*"). */
  languages: Record<string, number>;
}

export function emptyCounts(): TmxCounts {
  return {
    tus: 0,
    units: 0,
    skipped: { 'no-arabic': 0, 'no-target': 0, empty: 0, 'too-long': 0, invalid: 0 },
    languages: {},
  };
}

/** creationtool and o-tmf of every TMX mizan writes. */
export const TMX_TOOL = 'mizan';
