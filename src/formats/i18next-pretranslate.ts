/**
 * Pretranslation of i18next resources: one draft bundle per target language plus a report.
 *
 * Plural forms are mapped to the target language's CLDR categories (Intl.PluralRules): Arabic has six, English
 * `one`/`other`, Chinese `other`. Each target category is translated from the first source form that exists and
 * has a match ≥ min after its repairs, in this order:
 * | target category | source forms tried                              |
 * |-----------------|-------------------------------------------------|
 * | `other`         | `other`, `many`, `few` (Arabic forms that carry {{count}}: 100+, 11–99, 3–10) |
 * | any other `c`   | `c`; for a cardinal `c` the source language lacks, then `other`, `many`, `few` (`derived`) |
 * The dual and zero forms are never used for `other`: Arabic writes them without the number ("رسالتان").
 * From English (`one`, `other`) into Arabic, `zero`, `two`, `few` and `many` are thus drafted from `_other` (and
 * English `one` from Chinese `other`): left out, i18next would show the fallback language for 0, 2 and 3–99. Each is
 * reported `derived`: the grammar is `other`'s (Arabic's dual and 3–10 forms differ), to check. Where the TM holds
 * several units for that source (one per Arabic form), a unit that hard-coded a number says which form it is
 * («لديك 5 رسائل» is `few`): each category takes the best unit whose number is of that category
 * (i18next-candidate.ts), else the best unit, as `other` does — nothing else in a unit says which form it is. The
 * other directions derive little: Arabic has every English and Chinese category, and English `one` from Chinese
 * `other` is "{{count}} messages" for 1 unless a unit says "1 message". No ordinal form is derived ("{{count}}th"
 * is no "1st"), nor a category the source language has but the file lacks (the source is incomplete: i18next falls
 * back there too).
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
 * Placeables (i18next-candidate.ts): a candidate's are mapped onto the source form's, so `{{name}}` in the TM is
 * written as the source's `{{user}}`, its `<1>…</1>` as the source's `<0>…</0>`, one point off per placeable
 * renamed. A value never leaves out one of the source's interpolations, nestings or Trans tags (an app would
 * show the TM's literal name, a hard-coded number, or lose a link): one the candidate lacks is appended, as the XLIFF
 * route appends it, and the key reported `placeables-appended` with the list, one point off each, for a reviewer to
 * place. Up to CANDIDATES candidates per source form are looked at, the best after repairs written — `min` applies
 * to that score, as XLIFF applies it: one that its repairs take below `min` is not looked at —, and the next
 * source form after them; when none can be written the key stays untranslated and the report names the best one
 * refused: `unmappable` (a TM placeable, code or printf placeholder whose place in the source cannot be told) or
 * `placeables-missing` (Trans tags that cannot be put back where they nest). The one exception: a cardinal
 * `zero`/`one`/`two` target form may leave out {{count}} ("One new message"); nothing is appended, and it is
 * reported `filled`, its check `missing`. A project's own delimiters (`__name__`, `%{name}`) come in `syntax`.
 *
 * ICU messages (i18next-icu): a value with a plural/select/selectordinal block is drafted branch by branch and the
 * block rebuilt for the target language (i18next-icu.ts), or left out and reported `icu-incomplete` /
 * `icu-unsupported`; one under a `_one`/`_other` key is `icu-unsupported` (`plural-key`).
 */
import type { Lang } from '../types';
import {
  type I18nextEntry,
  type KeyPath,
  type PluralCategory,
  copyResources,
  flattenResources,
  getPath,
  groupPlurals,
  keyOf,
  pluralCategories,
  pluralPath,
  placePath,
  shapeConflict,
} from './i18next';
import { type KeyDraft, arrayRoot, pathId, resourceOrder, settleArrays } from './i18next-arrays';
import { draftText } from './i18next-candidate';
import { draftIcu } from './i18next-icu';
import { i18nextCandidates } from './i18next-lookup';
import type { I18nextKeyReport } from './i18next-report';
import { type I18nextSyntax, type PlaceableSyntax, placeableSyntax } from './i18next-syntax';
import { looksLikeIcu } from './icu';
import type { Candidate, Lookup } from './xliff-lookup';

export type {
  CandidateReport,
  I18nextKeyReport,
  IcuBranchReport,
  IcuReason,
  IcuReport,
  KeyStatus,
} from './i18next-report';

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
  /** The project's own interpolation and nesting delimiters, besides the defaults (i18next-syntax.ts). */
  syntax?: I18nextSyntax;
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
  /** The plural form drafted, for a plural group's key. */
  plural?: { category: PluralCategory; ordinal: boolean };
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
  const syntax = placeableSyntax(options.syntax);
  const items = groupPlurals(flattenResources(resources));
  const { order, copies } = resourceOrder(resources);
  const at = (path: KeyPath) => order.get(pathId(path)) ?? 0;
  const bundles: I18nextPretranslation['bundles'] = {};
  const keys: I18nextKeyReport[] = [];
  for (const lang of options.to) {
    const existing = options.existing?.[lang];
    const ctx: Context = { from, lang, syntax, min, lookup: i18nextCandidates(lookup, from, lang, min, syntax) };
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
          plural: { category, ordinal: item.ordinal },
          sources,
          ...(derive && { derived: new Set(sources.filter((source) => source !== item.forms[category])) }),
        };
      });
    });
    const drafts: Array<KeyDraft & { report: I18nextKeyReport }> = [];
    for (const job of jobs) {
      const { report, value } = await draftKey(ctx, job, existing, options.overwrite);
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

interface Context {
  from: Lang;
  lang: Lang;
  syntax: PlaceableSyntax;
  min: number;
  lookup: (text: string) => Promise<Candidate[]>;
}

/**
 * One key, drafted unless the existing bundle's shape disagrees with the source's on the way to it: then, without
 * overwrite, it is left unfilled and reported `kept` with the conflict (the existing value is never restructured);
 * with overwrite it is drafted, and `replaced` when a value is written.
 */
async function draftKey(
  ctx: Context,
  job: Job,
  existing: unknown,
  overwrite: boolean | undefined,
): Promise<{ report: I18nextKeyReport; value?: string }> {
  const conflict = shapeConflict(existing, job.path);
  if (conflict && !overwrite) return { report: { lang: ctx.lang, key: keyOf(job.path), status: 'kept', conflict } };
  const drafted = await translateKey(ctx, job, getPath(existing, job.path), overwrite);
  if (!conflict) return drafted;
  const replaced = drafted.value !== undefined ? { replaced: true } : {};
  return { ...drafted, report: { ...drafted.report, conflict, ...replaced } };
}

/**
 * Cardinal target categories whose forms may leave the number out: Arabic writes "رسالتان", English "one message".
 * Not ordinals: "{{count}}st" without its number says nothing.
 */
const WITHOUT_COUNT = new Set<PluralCategory>(['zero', 'one', 'two']);

async function translateKey(
  ctx: Context,
  job: Job,
  current: unknown,
  overwrite: boolean | undefined,
): Promise<{ report: I18nextKeyReport; value?: string }> {
  const { lang, syntax } = ctx;
  const key = keyOf(job.path);
  const wasEmpty = current === '' ? { wasEmpty: true } : {};
  if (current !== undefined && current !== '' && !overwrite) {
    return { report: { lang, key, status: 'kept' }, ...(typeof current === 'string' && { value: current }) };
  }
  if (job.sources.length === 0) return { report: { lang, key, status: 'no-source-form', ...wasEmpty } };
  const sources = job.sources.filter((source) => source.value.trim() !== '');
  if (sources.length === 0) return { report: { lang, key, status: 'empty-source', ...wasEmpty } };
  if (sources.some((source) => looksLikeIcu(source.value))) {
    const sourceKey = keyOf(sources[0]!.path);
    if (job.plural)
      return {
        report: { lang, key, sourceKey, status: 'icu-unsupported', icu: { reason: 'plural-key' }, ...wasEmpty },
      };
    const { report, value } = await draftIcu(sources[0]!.value, ctx);
    return { report: { lang, key, sourceKey, ...report, ...wasEmpty }, ...(value !== undefined && { value }) };
  }
  const plural = job.plural;
  const rules = plural && new Intl.PluralRules(lang, { type: plural.ordinal ? 'ordinal' : 'cardinal' });
  const options = {
    syntax,
    min: ctx.min,
    optional: (p: string) =>
      plural !== undefined && !plural.ordinal && WITHOUT_COUNT.has(plural.category) && syntax.isCount(p),
    isNumber: (p: string) => syntax.isCount(p),
    ...(rules && { suits: (n: number) => rules.select(n) === plural!.category }),
  };
  let refused: I18nextKeyReport | undefined;
  for (const source of sources) {
    const drafted = await draftText(source.value, ctx.lookup, options);
    if (!drafted) continue;
    const derived = job.derived?.has(source) ? { derived: true } : {};
    const full = { lang, key, sourceKey: keyOf(source.path), ...derived, ...drafted.report, ...wasEmpty };
    if (drafted.value !== undefined) return { report: full, value: drafted.value };
    refused ??= full;
  }
  return { report: refused ?? { lang, key, status: 'no-match', ...wasEmpty } };
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
