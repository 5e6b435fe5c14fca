/**
 * Pretranslation of i18next resources: one draft bundle per target language plus a report.
 *
 * Plural forms are mapped to the target language's CLDR categories (Intl.PluralRules): Arabic has six, English
 * `one`/`other`, Chinese `other`. Each target category is translated from the first source form that exists and
 * has a match ≥ min, in this order:
 * | target category | source forms tried                              |
 * |-----------------|-------------------------------------------------|
 * | `other`         | `other`, `many`, `few` (Arabic forms that carry {{count}}: 100+, 11–99, 3–10) |
 * | any other `c`   | `c` alone (`one` ← `one`; `_zero`, `_two` exist only where the target has them) |
 * The dual and zero forms are never used for `other`: Arabic writes them without the number ("رسالتان").
 *
 * An existing target value is kept unless `overwrite`; an empty string counts as untranslated (and the report
 * says `wasEmpty`). A candidate whose placeables the source does not have is not inserted (`unmappable`); an
 * inserted value whose placeables differ from its source form's is reported (`missing`/`extra`), not refused: a
 * singular may legitimately drop {{count}}.
 */
import type { Lang } from '../types';
import {
  type I18nextEntry,
  type KeyPath,
  type PlaceablesCheck,
  type PluralCategory,
  checkI18nextPlaceables,
  flattenLeaves,
  flattenResources,
  getPath,
  groupPlurals,
  keyOf,
  pluralCategories,
  pluralPath,
  protect,
  restore,
  setPath,
} from './i18next';
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

export type KeyStatus = 'filled' | 'kept' | 'no-match' | 'unmappable' | 'no-source-form';

export interface I18nextKeyReport {
  lang: Lang;
  key: string;
  /** The source key translated (for plurals, the form chosen). */
  sourceKey?: string;
  status: KeyStatus;
  score?: number;
  unitId?: string;
  placeables?: PlaceablesCheck;
  /** The target had this key with an empty string. */
  wasEmpty?: boolean;
}

export interface I18nextPretranslation {
  bundles: Partial<Record<Lang, Record<string, unknown>>>;
  report: { from: Lang; to: Lang[]; min: number; keys: I18nextKeyReport[] };
}

/** Source forms tried for a target plural category, in order. */
export function sourceFormsFor(category: PluralCategory): PluralCategory[] {
  return category === 'other' ? ['other', 'many', 'few'] : [category];
}

interface Job {
  path: KeyPath;
  sources: I18nextEntry[];
}

export async function pretranslateI18next(
  resources: unknown,
  lookup: Lookup,
  options: I18nextPretranslateOptions,
): Promise<I18nextPretranslation> {
  const from = options.from ?? 'ar';
  const min = options.min ?? 75;
  const items = groupPlurals(flattenResources(resources));
  const bundles: I18nextPretranslation['bundles'] = {};
  const keys: I18nextKeyReport[] = [];
  for (const lang of options.to) {
    const existing = options.existing?.[lang];
    const cache = new Map<string, Candidate | undefined>();
    const best = async (text: string) => {
      if (!cache.has(text)) {
        const found = await lookup(text, from, { tgt: lang, min, limit: 1 });
        cache.set(text, [...found].filter((c) => c.score >= min).sort((a, b) => b.score - a.score)[0]);
      }
      return cache.get(text);
    };
    const jobs: Job[] = items.flatMap((item): Job[] => {
      if (item.kind === 'plain') return [{ path: item.entry.path, sources: [item.entry] }];
      return pluralCategories(lang, item.ordinal).map((category) => ({
        path: pluralPath(item.stem, item.ordinal, category),
        sources: sourceFormsFor(category).flatMap((c) => (item.forms[c] ? [item.forms[c]] : [])),
      }));
    });
    const values: Array<[KeyPath, string]> = [];
    for (const job of jobs) {
      const { report, value } = await translateKey(lang, job, getPath(existing, job.path), options.overwrite, best);
      keys.push(report);
      if (value !== undefined) values.push([job.path, value]);
    }
    bundles[lang] = assemble(values, existing);
  }
  return { bundles, report: { from, to: [...options.to], min, keys } };
}

async function translateKey(
  lang: Lang,
  job: Job,
  current: unknown,
  overwrite: boolean | undefined,
  best: (text: string) => Promise<Candidate | undefined>,
): Promise<{ report: I18nextKeyReport; value?: string }> {
  const key = keyOf(job.path);
  const wasEmpty = current === '' ? { wasEmpty: true } : {};
  if (current !== undefined && current !== '' && !overwrite) {
    return { report: { lang, key, status: 'kept' }, ...(typeof current === 'string' && { value: current }) };
  }
  if (job.sources.length === 0) return { report: { lang, key, status: 'no-source-form', ...wasEmpty } };
  for (const source of job.sources) {
    const { text, placeables } = protect(source.value);
    const candidate = await best(text);
    if (!candidate) continue;
    const base = { lang, key, sourceKey: keyOf(source.path), score: candidate.score, unitId: candidate.unitId };
    const restored = restore(candidate.targetText, placeables);
    if (restored.unmappable.length > 0) return { report: { ...base, status: 'unmappable', ...wasEmpty } };
    const check = checkI18nextPlaceables(source.value, restored.text);
    return { report: { ...base, status: 'filled', placeables: check, ...wasEmpty }, value: restored.text };
  }
  return { report: { lang, key, status: 'no-match', ...wasEmpty } };
}

/** The draft bundle: the source's key order, then keys only the existing file has. */
function assemble(values: Array<[KeyPath, string]>, existing: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const written = new Set<string>();
  for (const [path, value] of values) {
    if (setPath(out, path, value)) written.add(JSON.stringify(path));
  }
  if (existing !== undefined && typeof existing === 'object' && existing !== null && !Array.isArray(existing)) {
    for (const entry of flattenLeaves(existing)) {
      if (!written.has(JSON.stringify(entry.path))) setPath(out, entry.path, entry.value);
    }
  }
  return out;
}
