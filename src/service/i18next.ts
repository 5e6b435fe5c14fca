/**
 * i18next use cases: draft resource bundles from a source bundle and the TM (plurals mapped to each target's CLDR
 * categories, placeables protected: see formats/i18next-pretranslate.ts), and documents or whole TMs exported as
 * bundles, one per language.
 */
import { ErrorCode, MizanError, preview } from '../errors';
import {
  type I18nextSyntax,
  documentToI18next,
  pretranslateI18next as pretranslateResources,
  requireLanguage,
  unitsToI18next,
  type I18nextPretranslation,
} from '../formats';
import type { StoredDocument, TmStore } from '../store';
import { LANGS, type Lang } from '../types';
import { type LookupOptions, type MatchFn, tmLookup } from './pretranslate';

export type I18nextBundles = Partial<Record<Lang, Record<string, unknown>>>;

/** A project's own delimiters as an API or CLI caller gives them (i18next's option names, flattened). */
export interface DelimiterInput {
  interpolationPrefix?: string;
  interpolationSuffix?: string;
  nestingPrefix?: string;
  nestingSuffix?: string;
}

/** The delimiter fields, as i18next's options are named (flattened). */
export const DELIMITER_KEYS = ['interpolationPrefix', 'interpolationSuffix', 'nestingPrefix', 'nestingSuffix'] as const;

/**
 * The delimiters given, each from the first of `sources` that gives it: an empty one is not given, as every empty
 * parameter (`explain=`, `overwrite=`), so the next source's applies, else i18next's default. The route reads the
 * query string, then the body; the CLI its options (`--nesting-prefix ''` as if left out).
 */
export function givenDelimiters(...sources: DelimiterInput[]): DelimiterInput {
  const out: DelimiterInput = {};
  for (const key of DELIMITER_KEYS) {
    const value = sources.map((source) => source[key]).find((v) => v !== undefined && v !== '');
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export interface I18nextRequest extends LookupOptions, DelimiterInput {
  /** Language tag of the source resources. @default 'ar' */
  from?: string;
  /** Language tags of the drafts. */
  to: readonly string[];
  /** @default 75 */
  min?: number;
  overwrite?: boolean;
  /** Existing resources per target language tag (nested, as on disk). */
  existing?: Record<string, unknown>;
}

/** Parses `to` (a list of tags) into distinct languages other than `from`; `param` names the field in errors. */
export function targetLanguages(from: Lang, to: readonly string[], param = 'to'): Lang[] {
  if (to.length === 0) throw new MizanError(ErrorCode.FIELD_MISSING, { param });
  const out: Lang[] = [];
  for (const tag of to) {
    const lang = requireLanguage(tag, param);
    if (lang === from) throw new MizanError(ErrorCode.SAME_LANGUAGE, { param, value: lang });
    if (!out.includes(lang)) out.push(lang);
  }
  return out;
}

/** Longest delimiter accepted: i18next's are one to three characters (`{{`, `$t(`, `__`, `%{`). */
export const MAX_DELIMITER = 16;

/** i18next's own defaults, for the half of a pair not given. */
const I18NEXT_DEFAULTS = {
  interpolation: { prefix: '{{', suffix: '}}' },
  nesting: { prefix: '$t(', suffix: ')' },
} as const;

/**
 * A project's own delimiters (none given: the defaults alone), each 1–MAX_DELIMITER characters; a pair's missing
 * half is i18next's default. The interpolation and nesting prefixes must differ: a placeable would be both kinds.
 * `name` spells a field in errors (the CLI's option names). INVALID_DELIMITER otherwise — also for an empty one,
 * which the route and the CLI never pass (`givenDelimiters` reads it as not given).
 */
export function i18nextSyntax(input: DelimiterInput, name = (key: string) => key): I18nextSyntax {
  for (const key of DELIMITER_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    const reason = value === '' ? 'delimiter-empty' : [...value].length > MAX_DELIMITER ? 'delimiter-too-long' : '';
    if (reason)
      throw new MizanError(ErrorCode.INVALID_DELIMITER, {
        param: name(key),
        value: preview(value),
        reason,
        max: MAX_DELIMITER,
      });
  }
  const pair = (kind: 'interpolation' | 'nesting') => {
    const prefix = input[`${kind}Prefix`];
    const suffix = input[`${kind}Suffix`];
    if (prefix === undefined && suffix === undefined) return undefined;
    return { prefix: prefix ?? I18NEXT_DEFAULTS[kind].prefix, suffix: suffix ?? I18NEXT_DEFAULTS[kind].suffix };
  };
  const interpolation = pair('interpolation');
  const nesting = pair('nesting');
  const interpolationPrefix = interpolation?.prefix ?? I18NEXT_DEFAULTS.interpolation.prefix;
  if (nesting && nesting.prefix === interpolationPrefix) {
    const key = input.nestingPrefix !== undefined ? 'nestingPrefix' : 'interpolationPrefix';
    throw new MizanError(ErrorCode.INVALID_DELIMITER, {
      param: name(key),
      value: preview(nesting.prefix),
      reason: 'delimiter-clash',
      max: MAX_DELIMITER,
    });
  }
  return { ...(interpolation && { interpolation }), ...(nesting && { nesting }) };
}

/** Draft bundles per target language and a report per key (never replaces an existing value unless `overwrite`). */
export function pretranslateI18next(
  match: MatchFn,
  resources: unknown,
  request: I18nextRequest,
): Promise<I18nextPretranslation> {
  const from = request.from === undefined ? 'ar' : requireLanguage(request.from, 'from');
  const to = targetLanguages(from, request.to);
  const existing: Partial<Record<Lang, unknown>> = {};
  for (const [tag, bundle] of Object.entries(request.existing ?? {})) {
    const lang = requireLanguage(tag, `existing.${tag}`);
    if (bundle !== null && typeof bundle === 'object' && !Array.isArray(bundle)) existing[lang] = bundle;
    else throw new MizanError(ErrorCode.INVALID_PARAMETER, { param: `existing.${tag}`, value: preview(bundle) });
  }
  const syntax = i18nextSyntax(request);
  return pretranslateResources(resources, tmLookup(match, request), {
    from,
    syntax,
    to,
    existing,
    ...(request.min !== undefined && { min: request.min }),
    ...(request.overwrite !== undefined && { overwrite: request.overwrite }),
  });
}

/** A document's rows as bundles: key `<documentId>.<position>`; a row without text in a language is left out. */
export function documentI18next(doc: StoredDocument, langs: readonly Lang[] = LANGS): I18nextBundles {
  return documentToI18next(doc.summary.id, doc.rows, { langs });
}

/** Units read from Redis per batch while exporting a TM. */
const EXPORT_BATCH = 1000;

/**
 * Every unit of a TM as bundles: key `<unitId>` (stable across exports). Unit ids are read in batches of 1,000 in
 * Redis's order; the bundles are built in memory (a bundle is the whole TM in one language).
 */
export async function tmI18next(store: TmStore, tm: string, langs: readonly Lang[] = LANGS): Promise<I18nextBundles> {
  if (!(await store.tmExists(tm))) throw new MizanError(ErrorCode.UNKNOWN_TM, { param: 'tm', tm });
  const units: Array<{ unitId: string } & Partial<Record<Lang, string>>> = [];
  for await (const ids of store.unitIds(tm, EXPORT_BATCH)) {
    for (const unit of await store.getUnits(tm, ids)) if (unit) units.push(unit);
  }
  return unitsToI18next(units, { langs });
}
