/**
 * Exports a document or a TM as i18next resource bundles, one per language.
 *
 * Key schemes (nested JSON; i18next's default `keySeparator` '.' reads them as shown):
 * - a document: `<documentId>.<position>` → `{ "<documentId>": { "0": "…", "1": "…" } }`, rows in document order;
 * - a TM's units: `<unitId>` → `{ "u0123…": "…" }` (unit ids are stable, so a re-export keeps its keys).
 * A row without text in a language is left out of that language's bundle (i18next then falls back to
 * `fallbackLng` rather than showing an empty string). Inline codes stored as placeables (U+E000–U+F8FF) have no
 * i18next form and are dropped; pass `renderPlaceable` to write them (e.g. as Trans tags) instead.
 */
import { type Lang, LANGS } from '../types';
import { type KeyPath, setPath } from './i18next';
import { placeableIndex } from './xliff-inline';

export interface I18nextExportOptions {
  /** Languages to export. @default ['ar', 'en', 'zh'] */
  langs?: readonly Lang[];
  /** Text for placeable k of a text ('' drops it). */
  renderPlaceable?: (k: number, lang: Lang) => string;
}

export type Texts = Partial<Record<Lang, string>>;

/** Bundles from (key path, texts) pairs, in the given order. */
export function toI18nextBundles(
  rows: Iterable<{ path: KeyPath; texts: Texts }>,
  options: I18nextExportOptions = {},
): Partial<Record<Lang, Record<string, unknown>>> {
  const langs = options.langs ?? LANGS;
  const render = options.renderPlaceable ?? (() => '');
  const bundles: Partial<Record<Lang, Record<string, unknown>>> = {};
  for (const lang of langs) bundles[lang] = {};
  for (const { path, texts } of rows) {
    for (const lang of langs) {
      const text = texts[lang];
      if (!text) continue;
      let out = '';
      for (const char of text) {
        const k = placeableIndex(char);
        out += k < 0 ? char : render(k, lang);
      }
      if (out.trim() !== '') setPath(bundles[lang]!, path, out);
    }
  }
  return bundles;
}

/** A document's rows under `<documentId>.<position>`. */
export function documentToI18next(
  documentId: string,
  rows: Iterable<{ position: number } & Texts>,
  options?: I18nextExportOptions,
): Partial<Record<Lang, Record<string, unknown>>> {
  const pairs = [...rows].map((row) => ({ path: [documentId, String(row.position)], texts: row }));
  return toI18nextBundles(pairs, options);
}

/** A TM's units under their unit ids. */
export function unitsToI18next(
  units: Iterable<{ unitId: string } & Texts>,
  options?: I18nextExportOptions,
): Partial<Record<Lang, Record<string, unknown>>> {
  const pairs = [...units].map((unit) => ({ path: [unit.unitId], texts: unit }));
  return toI18nextBundles(pairs, options);
}
