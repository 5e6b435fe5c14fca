/**
 * Pretranslation of i18next resources: one draft bundle per target language plus a report.
 *
 * Plural forms are mapped to the target language's CLDR categories (Intl.PluralRules): Arabic has six, English
 * `one`/`other`, Chinese `other`. Each target category is translated from the first source form that exists and
 * has a match ≥ min, in this order:
 * | target category | source forms tried                              |
 * |-----------------|-------------------------------------------------|
 * | `other`         | `other`, `many`, `few` (Arabic forms that carry {{count}}: 100+, 11–99, 3–10) |
 * | any other `c`   | `c`; for a cardinal `c` the source language lacks, then `other`, `many`, `few` (`derived`) |
 * The dual and zero forms are never used for `other`: Arabic writes them without the number ("رسالتان").
 * From English (`one`, `other`) into Arabic, `zero`, `two`, `few` and `many` are thus drafted from `_other` (and
 * English `one` from Chinese `other`): left out, i18next would show the fallback language for 0, 2 and 3–99. Each is
 * reported `derived`: the grammar is `other`'s (Arabic's dual and 3–10 forms differ), to check. Where the TM holds
 * several units for that source (one per Arabic form), each derived category takes the best, as `other` does: the
 * TM does not say which form a unit is. No ordinal form is derived ("{{count}}th" is no "1st"), nor a category the
 * source language has but the file lacks (the source is incomplete: i18next falls back there too).
 *
 * An existing target value is kept unless `overwrite`; an empty string counts as untranslated (and the report
 * says `wasEmpty`). Nor is one restructured: a key whose way the existing bundle blocks with a value of another
 * shape (`news` a string where the source has `news.consensus`, or an object where the source has a string) is
 * left unfilled, reported `kept` with the `conflict`, unless `overwrite` (then `replaced` when written). A source
 * value that is empty (or only whitespace) is untranslated too: there is nothing to look up, so a key whose source
 * forms are all empty is reported `empty-source` and nothing is written for it (a plural category skips its empty
 * source forms and tries the next).
 *
 * Lookup: each source text is looked up with its placeables as codes and as written, a unit that is the text but
 * for how it holds its placeables (or their names) counting as identical (i18next-lookup.ts).
 * Placeables: a candidate's are mapped onto the source form's (i18next-placeables.ts), so `{{name}}` in the TM is
 * written as the source's `{{user}}`, its `<1>…</1>` as the source's `<0>…</0>`; the score loses one point per
 * placeable renamed (the text written is not the TM's: a 100 becomes a 99, to be looked at). A value that would
 * leave out one of the source's interpolations, nestings or Trans tags is never written: an app would show the
 * TM's literal name, a hard-coded number, or lose a link. Up to CANDIDATES candidates per source form are tried,
 * best first, and the next source form after them; when none can be written the key stays untranslated and the
 * report names the best one refused: `placeables-missing` (it lacks some of the source's) or `unmappable` (it has
 * placeables the source lacks). The one exception: a cardinal `zero`/`one`/`two` target form may leave out
 * {{count}} ("One new message"), since those forms commonly spell the number; it is written, reported `missing`.
 */
import type { Lang } from '../types';
import {
  type I18nextEntry,
  type KeyPath,
  type PlaceablesCheck,
  type PluralCategory,
  checkI18nextPlaceables,
  copyResources,
  flattenResources,
  getPath,
  groupPlurals,
  keyOf,
  pluralCategories,
  pluralPath,
  protect,
  findPlaceables,
  restore,
  placePath,
  shapeConflict,
  type ShapeConflict,
} from './i18next';
import { type KeyDraft, arrayRoot, pathId, resourceOrder, settleArrays } from './i18next-arrays';
import { placeAtNumbers } from './number-slots';
import { i18nextCandidates } from './i18next-lookup';
import { mapCandidatePlaceables } from './i18next-placeables';
import type { Candidate, Lookup } from './xliff-lookup';

export interface I18nextPretranslateOptions {
  /** Language of the source resources. @default 'ar' */
  from?: Lang;
  to: readonly Lang[];
  /** @default 75 */
  min?: number;
  /** Replace existing non-empty target values. @default false */
  overwrite?: boolean;
  /** Existing resources per target language (nested, as on disk). */
  existing?: Partial<Record<Lang, unknown>>;
}

/**
 * `filled`: written; `kept`: the existing value stays; `no-match`: nothing ≥ min; `unmappable`: the best candidate
 * has placeables the source lacks; `placeables-missing`: it lacks some of the source's; `no-source-form`: no source
 * form to translate this plural category from; `empty-source`: the source value is an empty string (every source
 * form, for a plural), so there is nothing to translate (under an array it is copied, to keep its place);
 * `array-incomplete`: drafted, but not written, since the array it is in has untranslated elements and an array is
 * written whole (i18next-arrays.ts). All but `filled` and `kept` leave the key untranslated.
 */
export type KeyStatus =
  | 'filled'
  | 'kept'
  | 'no-match'
  | 'unmappable'
  | 'placeables-missing'
  | 'no-source-form'
  | 'empty-source'
  | 'array-incomplete';

export interface I18nextKeyReport {
  lang: Lang;
  key: string;
  /** The source key translated (for plurals, the form chosen). */
  sourceKey?: string;
  status: KeyStatus;
  /** The candidate's score, less one point per placeable renamed (then `tmScore` is the TM's). */
  score?: number;
  tmScore?: number;
  unitId?: string;
  /** The TM's source differs only in numbers: true if the value carries the source's numbers (see XLIFF's). */
  adapted?: boolean;
  placeables?: PlaceablesCheck;
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
}

export interface I18nextPretranslation {
  bundles: Partial<Record<Lang, Record<string, unknown>>>;
  report: { from: Lang; to: Lang[]; min: number; keys: I18nextKeyReport[] };
}

/**
 * Source forms tried for a target plural category, in order: its own, then, for a cardinal category the source
 * language lacks (`derive`), the forms `other` is drafted from (see the file comment).
 */
export function sourceFormsFor(category: PluralCategory, derive = false): PluralCategory[] {
  const numbered: PluralCategory[] = ['other', 'many', 'few'];
  if (category === 'other') return numbered;
  return derive ? [category, ...numbered.filter((c) => c !== category)] : [category];
}

interface Job {
  path: KeyPath;
  /** Position of its source (a plural group's first form) in document order. */
  order: number;
  /** A cardinal zero/one/two form: may leave {{count}} out (see WITHOUT_COUNT). */
  countOptional?: boolean;
  sources: I18nextEntry[];
  /** Sources of another category, for a category the source language lacks: a draft from one is `derived`. */
  derived?: ReadonlySet<I18nextEntry>;
}

export async function pretranslateI18next(
  resources: unknown,
  lookup: Lookup,
  options: I18nextPretranslateOptions,
): Promise<I18nextPretranslation> {
  const from = options.from ?? 'ar';
  const min = options.min ?? 75;
  const items = groupPlurals(flattenResources(resources));
  const { order, copies } = resourceOrder(resources);
  const at = (path: KeyPath) => order.get(pathId(path)) ?? 0;
  const bundles: I18nextPretranslation['bundles'] = {};
  const keys: I18nextKeyReport[] = [];
  for (const lang of options.to) {
    const existing = options.existing?.[lang];
    const candidates = i18nextCandidates(lookup, from, lang, min);
    const jobs: Job[] = items.flatMap((item): Job[] => {
      if (item.kind === 'plain') return [{ path: item.entry.path, order: at(item.entry.path), sources: [item.entry] }];
      const first = Math.min(...Object.values(item.forms).map((form) => at(form.path)));
      const own = pluralCategories(from, item.ordinal);
      return pluralCategories(lang, item.ordinal).map((category) => {
        const derive = !item.ordinal && !own.includes(category);
        const sources = sourceFormsFor(category, derive).flatMap((c) => (item.forms[c] ? [item.forms[c]] : []));
        return {
          path: pluralPath(item.stem, item.ordinal, category),
          order: first,
          countOptional: !item.ordinal && WITHOUT_COUNT.has(category),
          sources,
          ...(derive && { derived: new Set(sources.filter((source) => source !== item.forms[category])) }),
        };
      });
    });
    const drafts: Array<KeyDraft & { report: I18nextKeyReport }> = [];
    for (const job of jobs) {
      const { report, value } = await draftKey(lang, job, existing, options.overwrite, candidates);
      // An empty source under an array keeps its place (i18next-arrays.ts).
      const copied = report.status === 'empty-source' && arrayRoot(job.path) ? job.sources[0]?.value : undefined;
      drafts.push({ path: job.path, order: job.order, status: report.status, value: value ?? copied, report });
    }
    const { writes, incomplete } = settleArrays(drafts, copies, existing, options.overwrite === true);
    for (const draft of drafts)
      keys.push(incomplete.has(draft) ? { ...draft.report, status: 'array-incomplete' } : draft.report);
    bundles[lang] = assemble(writes, existing);
  }
  return { bundles, report: { from, to: [...options.to], min, keys } };
}

/**
 * One key, drafted unless the existing bundle's shape disagrees with the source's on the way to it: then, without
 * overwrite, it is left unfilled and reported `kept` with the conflict (the existing value is never restructured);
 * with overwrite it is drafted, and `replaced` when a value is written.
 */
async function draftKey(
  lang: Lang,
  job: Job,
  existing: unknown,
  overwrite: boolean | undefined,
  lookup: (text: string) => Promise<Candidate[]>,
): Promise<{ report: I18nextKeyReport; value?: string }> {
  const conflict = shapeConflict(existing, job.path);
  if (conflict && !overwrite) return { report: { lang, key: keyOf(job.path), status: 'kept', conflict } };
  const drafted = await translateKey(lang, job, getPath(existing, job.path), overwrite, lookup);
  if (!conflict) return drafted;
  const replaced = drafted.value !== undefined ? { replaced: true } : {};
  return { ...drafted, report: { ...drafted.report, conflict, ...replaced } };
}

async function translateKey(
  lang: Lang,
  job: Job,
  current: unknown,
  overwrite: boolean | undefined,
  lookup: (text: string) => Promise<Candidate[]>,
): Promise<{ report: I18nextKeyReport; value?: string }> {
  const key = keyOf(job.path);
  const wasEmpty = current === '' ? { wasEmpty: true } : {};
  if (current !== undefined && current !== '' && !overwrite) {
    return { report: { lang, key, status: 'kept' }, ...(typeof current === 'string' && { value: current }) };
  }
  if (job.sources.length === 0) return { report: { lang, key, status: 'no-source-form', ...wasEmpty } };
  const sources = job.sources.filter((source) => source.value.trim() !== '');
  if (sources.length === 0) return { report: { lang, key, status: 'empty-source', ...wasEmpty } };
  let refused: I18nextKeyReport | undefined;
  for (const source of sources) {
    const { placeables } = protect(source.value);
    for (const candidate of await lookup(source.value)) {
      const { report, value } = writeCandidate(source, placeables, candidate, job.countOptional === true);
      const derived = job.derived?.has(source) ? { derived: true } : {};
      const full = { lang, key, sourceKey: keyOf(source.path), ...derived, ...report, ...wasEmpty };
      if (value !== undefined) return { report: full, value };
      refused ??= full;
    }
  }
  return { report: refused ?? { lang, key, status: 'no-match', ...wasEmpty } };
}

/**
 * Cardinal target categories whose forms may leave the number out: Arabic writes "رسالتان", English "one message".
 * Not ordinals: "{{count}}st" without its number says nothing.
 */
const WITHOUT_COUNT = new Set<PluralCategory>(['zero', 'one', 'two']);
const COUNT = /^\{(?:\{-?)?\s*count\s*(,[^{}]*)?\}\}?$/;

/** A candidate as the source's draft: placeables mapped onto the source's, or refused (see the file comment). */
function writeCandidate(
  source: I18nextEntry,
  placeables: readonly string[],
  candidate: Candidate,
  countOptional: boolean,
): { report: Omit<I18nextKeyReport, 'lang' | 'key'>; value?: string } {
  const mapped = mapCandidatePlaceables(placeables, candidate.sourceText, candidate.targetText);
  // A placeable the TM's target lacks takes the place of the number the TM had where the source has it.
  const restored = restore(mapped.text, placeables).text;
  const present = new Set(findPlaceables(restored));
  const slots = placeables
    .filter((p) => !present.has(p))
    .map((p) => ({ placeholder: p, at: source.value.indexOf(p) }))
    .filter((slot) => slot.at >= 0);
  const numbers = placeAtNumbers(source.value, candidate.sourceText, restored, slots);
  const value = numbers.text;
  const check = checkI18nextPlaceables(source.value, value);
  const score = Math.max(0, candidate.score - mapped.renamed - numbers.placed.length);
  const base = {
    score,
    ...(score !== candidate.score && { tmScore: candidate.score }),
    unitId: candidate.unitId,
    ...(candidate.adapted !== undefined && { adapted: candidate.adapted }),
    placeables: check,
  };
  if (mapped.unmappable.length > 0) return { report: { ...base, status: 'unmappable' } };
  const written = new Set(findPlaceables(value));
  const lost = placeables.filter((p) => !written.has(p));
  const allowed = countOptional && lost.every((p) => COUNT.test(p));
  if (lost.length > 0 && !allowed) return { report: { ...base, status: 'placeables-missing' } };
  return { report: { ...base, status: 'filled' }, value };
}

/**
 * The draft bundle: a copy of the existing file (every value as it was, in its key order) with the drafts written
 * into it; a key the file lacks goes after its siblings, in the source's order. A draft's shape displaces an existing
 * value only when drafted with overwrite (`draftKey` writes nothing over a conflict otherwise), and only that value.
 */
function assemble(values: Array<[KeyPath, unknown]>, existing: unknown): Record<string, unknown> {
  const merged = typeof existing === 'object' && existing !== null && !Array.isArray(existing);
  const out = merged ? copyResources(existing) : {};
  for (const [path, value] of values) placePath(out, path, value);
  return out;
}
