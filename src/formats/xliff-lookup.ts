/**
 * What pretranslation and analysis need from a translation memory, as a function parameter (the matcher plugs in
 * at the service layer), plus the match bands and the file's languages.
 */
import { ErrorCode, MizanError } from '../errors';
import { type Lang, isLang } from '../types';
import { unsupportedLanguage } from './language-tags';
import { writtenLanguage } from './source-script';
import type { TmOnlyCodes } from './tm-codes';
import { baseLanguage } from './tmx-read';
import type { XliffDocument } from './xliff';
import { replacePrintf } from './xliff-printf';
import type { XmlElement } from './xliff-xml';

/** A TM candidate for one source text. */
export interface Candidate {
  /** 0–101 (101: identical, and its neighbours match too). */
  score: number;
  /** The target, inline codes as placeables numbered like the query's (U+E000 + k = the query's k-th code). */
  targetText: string;
  /** The TM's source text (same placeable numbering), shown with the candidate when given. */
  sourceText?: string;
  unitId: string;
  /**
   * Present when the TM's source differs from the query only in numbers: true if the target carries the query's
   * numbers, false if it keeps the TM's (its score is then the fuzzy one: see match/adapt.ts).
   */
  adapted?: boolean;
  /**
   * The TM's source had inline codes the query lacks (tm-codes.ts): the query's text written in the target in their
   * place (a repair each), and how many of them stand where the query's text cannot be told (the candidate is then
   * not written: it would lack that text). Such a unit is never the query itself.
   */
  tmOnly?: TmOnlyCodes;
}

export interface LookupContext {
  tgt: Lang;
  /** Lowest score wanted. */
  min: number;
  /** Most candidates wanted. */
  limit: number;
  /**
   * Source texts of the neighbouring segments ('' at the file's start/end), for 101 % context matches; absent when
   * the texts have no order (i18next keys).
   */
  prev?: string;
  next?: string;
}

export type Lookup = (
  sourceText: string,
  srcLang: Lang,
  context: LookupContext,
) => readonly Candidate[] | Promise<readonly Candidate[]>;

/** One lookup of a batch: what a `Lookup` call takes. */
export interface LookupQuery {
  text: string;
  src: Lang;
  context: LookupContext;
}

/**
 * Many lookups in one call, answered in order. A TM behind a network answers a batch for about what it charges for
 * one lookup (the TM's freshness checked once, not per segment), so a large file costs CPU, not round trips.
 */
export type BatchLookup = (queries: readonly LookupQuery[]) => Promise<readonly (readonly Candidate[])[]>;

/** The TM as pretranslation and analysis take it: a lookup per text, or per batch of at most `size` texts. */
export type Lookups = Lookup | { batch: BatchLookup; size: number };

/** Maps a language tag as a file writes it ("ar-SA", "zh_CN") to a TM language. */
export type ParseLang = (tag: string) => Lang | undefined;

/** The default tag parser: the primary subtag, when it is one of ar, en, zh. */
export const defaultParseLang: ParseLang = (tag) => {
  const base = baseLanguage(tag);
  return isLang(base) ? base : undefined;
};

/** Analysis bands, best first (a CAT tool's usual report). */
export const BANDS = ['repetition', '101', '100', '95-99', '85-94', '75-84', '50-74', 'no-match'] as const;
export type Band = (typeof BANDS)[number];

/** The band of a TM score (repetitions are found by the caller). */
export function bandOf(score: number | undefined): Exclude<Band, 'repetition'> {
  if (score === undefined || score < 50) return 'no-match';
  if (score > 100) return '101';
  if (score >= 100) return '100';
  if (score >= 95) return '95-99';
  if (score >= 85) return '85-94';
  if (score >= 75) return '75-84';
  return '50-74';
}

export interface LanguageOptions {
  /** Source language; overrides the file's (Translate Toolkit's po2xliff always declares en-US). */
  src?: Lang;
  /** Target language; must agree with the file's when the file declares one. */
  tgt?: Lang;
  parseLang?: ParseLang;
}

/** The error for a file's language attribute: missing, or naming a language mizan does not hold. */
function unsupported(attribute: string, value: string | undefined): MizanError {
  if (value === undefined || value.trim() === '') return new MizanError(ErrorCode.FIELD_MISSING, { param: attribute });
  return unsupportedLanguage(value, attribute);
}

export interface ResolvedLanguages {
  src: Lang;
  /** The target language: the request's, else the one the file declares (the first `<file>`'s, when several). */
  tgt: Lang;
  /**
   * Every target language, in file order, when the 1.x `<file>` elements declare several and the request names
   * none: each file is pretranslated into its own (see segmentTargets).
   */
  targets?: Lang[];
  /** Each `<file>`'s target language, when `targets` is there. */
  fileTargets?: ReadonlyMap<XmlElement, Lang>;
  /** The source language the file declared, when its sources are written in another (`src`). */
  declaredSrc?: string;
}

/**
 * The source and target language of a file: the options', else the file's. The `<file>` elements of a 1.x document
 * must agree on their source; each may declare its own target, into which it is pretranslated when the request
 * names none (a file without one then takes the one target the others agree on). A declared source language the
 * sources are not written in (source-script.ts: `po2xliff` writes en-US over Arabic) gives way to the one they are,
 * unless the request named the source; `declaredSrc` then says what the file declared. Throws
 * UNSUPPORTED_LANGUAGE (a language mizan does not hold, as everywhere a language is named), FIELD_MISSING (no
 * source language, or no target anywhere, or a file without one among files that declare different ones),
 * XLIFF_LANGUAGE_MISMATCH (a target the request contradicts), XLIFF_LANGUAGES_DIFFER (sources that differ from file
 * to file), SAME_LANGUAGE.
 */
export function resolveLanguages(doc: XliffDocument, options: LanguageOptions): ResolvedLanguages {
  const parse = options.parseLang ?? defaultParseLang;
  const [srcAttr, tgtAttr] = doc.family === 1 ? ['source-language', 'target-language'] : ['srcLang', 'trgLang'];
  let src = options.src;
  const declared = new Map<XmlElement, Lang>();
  for (const file of doc.files) {
    const declaredSrc = file.attrs[srcAttr!];
    if (!options.src) {
      const lang = declaredSrc === undefined ? undefined : parse(declaredSrc);
      if (!lang) throw unsupported(srcAttr!, declaredSrc);
      if (src && lang !== src) {
        throw new MizanError(ErrorCode.XLIFF_LANGUAGES_DIFFER, {
          attribute: srcAttr!,
          value: declaredSrc!,
          other: src,
        });
      }
      src = lang;
    }
    const declaredTgt = file.attrs[tgtAttr!];
    if (declaredTgt === undefined) continue;
    const lang = parse(declaredTgt);
    if (options.tgt && lang !== options.tgt) {
      throw new MizanError(ErrorCode.XLIFF_LANGUAGE_MISMATCH, {
        attribute: tgtAttr!,
        value: declaredTgt,
        expected: options.tgt,
      });
    }
    if (!lang) throw unsupported(tgtAttr!, declaredTgt);
    declared.set(file, lang);
  }
  if (!src) throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'src' });
  // A declared source the sources are not written in gives way to the one they are (source-script.ts).
  const written = options.src ? undefined : writtenLanguage(doc.segments.map((s) => s.source));
  const declaredSrc = written && written !== src ? doc.files[0]?.attrs[srcAttr!] : undefined;
  if (declaredSrc !== undefined) src = written!;
  const targets = options.tgt ? [options.tgt] : [...new Set(declared.values())];
  const tgt = targets[0];
  if (!tgt || (targets.length > 1 && declared.size < doc.files.length))
    throw new MizanError(ErrorCode.FIELD_MISSING, { param: 'tgt' });
  for (const lang of targets) if (src === lang) throw new MizanError(ErrorCode.SAME_LANGUAGE, { value: lang });
  return {
    src,
    tgt,
    ...(targets.length > 1 && { targets, fileTargets: declared }),
    ...(declaredSrc !== undefined && { declaredSrc }),
  };
}

/** Each segment's target language, by segment index: its `<file>`'s own when the files declare several. */
export function segmentTargets(doc: XliffDocument, languages: ResolvedLanguages): Lang[] {
  const out = doc.segments.map(() => languages.tgt);
  if (!languages.fileTargets) return out;
  for (const unit of doc.units) {
    const tgt = languages.fileTargets.get(unit.file) ?? languages.tgt;
    for (const segment of unit.segments) out[segment.index] = tgt;
  }
  return out;
}

/**
 * Source text without placeables (inline codes, placeholders: printf and i18next-style, xliff-placeholders.ts; `%%`
 * is text) and outer whitespace: '' means there is nothing to look up.
 */
export function plainText(text: string): string {
  return replacePrintf(text, () => ' ')
    .replace(/[\uE000-\uF8FF]/g, '')
    .trim();
}

/**
 * Looks every segment up once per distinct (text, neighbours, target), in order, keeping candidates ≥ min, best
 * first: into `targets[i]` when given (a 1.x file whose `<file>` elements declare different targets), else
 * `base.tgt`. A segment's neighbours (`prev`/`next`, for a 101) are the sources before and after it in the same
 * `files[i]` (a segment's `fileIndex`): the first and last of a `<file>` have none on that side, as the first and
 * last of the document. Segments with nothing to look up, or that `skip` says so, get no entry. A batch lookup is
 * called with up to `size` distinct queries at a time, in file order; a per-text lookup once per query, in turn.
 */
export async function lookupAll(
  sources: readonly string[],
  lookup: Lookups,
  src: Lang,
  base: LookupContext,
  {
    skip = () => false,
    targets,
    files,
  }: { skip?: (index: number) => boolean; targets?: readonly Lang[]; files?: readonly number[] } = {},
): Promise<Map<number, Candidate[]>> {
  const { batch, size } = typeof lookup === 'function' ? { batch: oneByOne(lookup), size: 1 } : lookup;
  const cache = new Map<string, Candidate[]>();
  const neighbour = (i: number, at: number) => (files?.[at] === files?.[i] ? (sources[at] ?? '') : '');
  // The cache's key names each text by a number: a key made of the texts themselves (a segment and both its
  // neighbours) is a flat copy of three sources per segment, tens of MB for a large file.
  const ids = new Map<string, number>();
  const id = (text: string) => {
    let known = ids.get(text);
    if (known === undefined) ids.set(text, (known = ids.size));
    return known;
  };
  const keys: (string | undefined)[] = [];
  let queue: { key: string; query: LookupQuery }[] = [];
  const queued = new Set<string>();
  const flush = async () => {
    if (queue.length === 0) return;
    const asked = queue;
    queue = [];
    const answers = await batch(asked.map((q) => q.query));
    asked.forEach(({ key }, k) => {
      const answer = answers[k] ?? [];
      cache.set(
        key,
        answer.filter((c) => c.score >= base.min).sort((a, b) => b.score - a.score),
      );
      queued.delete(key);
    });
  };
  for (let i = 0; i < sources.length; i++) {
    const text = sources[i]!;
    if (skip(i) || plainText(text) === '') continue;
    const prev = neighbour(i, i - 1);
    const next = neighbour(i, i + 1);
    const tgt = targets?.[i] ?? base.tgt;
    const key = `${tgt} ${id(text)} ${id(prev)} ${id(next)}`;
    keys[i] = key;
    if (cache.has(key) || queued.has(key)) continue;
    queued.add(key);
    queue.push({ key, query: { text, src, context: { ...base, tgt, prev, next } } });
    if (queue.length >= size) await flush();
  }
  await flush();
  const out = new Map<number, Candidate[]>();
  keys.forEach((key, i) => {
    if (key !== undefined) out.set(i, cache.get(key)!);
  });
  return out;
}

/** A per-text lookup as a batch one: each query in turn. */
export function oneByOne(lookup: Lookup): BatchLookup {
  return async (queries) => {
    const answers: (readonly Candidate[])[] = [];
    for (const { text, src, context } of queries) answers.push(await lookup(text, src, context));
    return answers;
  };
}
