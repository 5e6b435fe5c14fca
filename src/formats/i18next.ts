/**
 * i18next resources (JSON v4): flattening nested objects into keys and back, plural groups, and placeables.
 *
 * - Keys are paths: object keys as strings, array indexes as numbers (i18next reads `key.0` from arrays), so the
 *   output has the input's shape whatever `keySeparator` the project uses; reports join paths with '.'.
 * - Plurals: keys ending in `_zero/_one/_two/_few/_many/_other` (ordinals: `_ordinal_<category>`) with the same
 *   stem form one group, provided the group has `_other` (every language has it and i18next falls back to it);
 *   otherwise such keys are ordinary keys. Context suffixes (`_male_one`) stay part of the stem.
 * - Placeables (kept, never translated): interpolations `{{name}}`, `{{value, number}}`, `{{- html}}`, and
 *   single-brace ones (`{name}`, `{n, number}`: a `{`/`}` prefix and suffix, or i18next-icu's simple arguments);
 *   nesting `$t(key)`, `$t(key, {"count": 2})`; react-i18next Trans tags `<0>`, `</0>`, `<1/>`, `<br/>`,
 *   `<strong>`. In a text sent to the TM each is one private-use character U+E000 + k, as inline codes are in XLIFF.
 * - Leaves that are not strings (numbers, booleans, null) are not translatable and are left out, but under an array
 *   (i18next-arrays.ts), where they are copied so that the draft keeps the array's length.
 */
import { ErrorCode, MizanError } from '../errors';
import { PLACEABLE, findPlaceables } from './i18next-placeables';
import { placeableChar, placeableIndex } from './xliff-inline';

export { PLACEABLE, findPlaceables };

export type KeyPath = (string | number)[];

export interface I18nextEntry {
  path: KeyPath;
  value: string;
}

export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

export type I18nextItem =
  | { kind: 'plain'; entry: I18nextEntry }
  | {
      kind: 'plural';
      /** Path of the stem: the last segment without its plural suffix. */
      stem: KeyPath;
      ordinal: boolean;
      forms: Partial<Record<PluralCategory, I18nextEntry>>;
    };

export function keyOf(path: KeyPath): string {
  return path.join('.');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deepest nesting of keys accepted in resources (i18next files nest a few levels): deeper is INVALID_BODY, before
 * any walk could exhaust the stack. A `__proto__` key is refused too (it would reach Object.prototype when written).
 */
export const MAX_DEPTH = 32;

const own = (node: object, key: string | number): unknown =>
  Object.prototype.hasOwnProperty.call(node, key) ? (node as Record<string | number, unknown>)[key] : undefined;

/** Every leaf (strings, numbers, booleans, null, empty containers excluded) with its path, in document order. */
export function flattenLeaves(resources: unknown): Array<{ path: KeyPath; value: unknown }> {
  if (!isPlainObject(resources)) throw new MizanError(ErrorCode.INVALID_BODY, { reason: 'not-an-object' });
  const out: Array<{ path: KeyPath; value: unknown }> = [];
  const walk = (value: unknown, path: KeyPath) => {
    if ((Array.isArray(value) || isPlainObject(value)) && path.length >= MAX_DEPTH)
      throw new MizanError(ErrorCode.INVALID_BODY, { reason: 'too-deep' });
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
    else if (isPlainObject(value))
      for (const [k, v] of Object.entries(value)) {
        if (k === '__proto__') throw new MizanError(ErrorCode.INVALID_BODY, { reason: 'reserved-key' });
        walk(v, [...path, k]);
      }
    else out.push({ path, value });
  };
  walk(resources, []);
  return out;
}

/** Flattens a resource object to its string leaves, in document order. Throws INVALID_BODY for a non-object. */
export function flattenResources(resources: unknown): I18nextEntry[] {
  return flattenLeaves(resources).filter((leaf): leaf is I18nextEntry => typeof leaf.value === 'string');
}

/** The value at a path, if any. */
export function getPath(resources: unknown, path: KeyPath): unknown {
  let node = resources;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = own(node, segment);
  }
  return node;
}

export type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export function jsonKind(value: unknown): JsonKind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const kind = typeof value;
  return kind === 'string' || kind === 'number' || kind === 'boolean' ? kind : 'object';
}

/** Where an existing bundle's shape and the source's disagree on the way to a key (see `shapeConflict`). */
export interface ShapeConflict {
  /** The key path (joined with '.') at which they disagree. */
  path: string;
  /** What the existing bundle holds there. */
  existing: JsonKind;
  /** What the source holds there: an object or an array on the way to the key, a string at the key. */
  source: JsonKind;
}

/**
 * Whether writing a string at `path` into `existing` would replace or restructure a value it holds: a value that is
 * not the container the path goes through (`news` a string, or an array, where the source has `news.consensus`), or
 * a container at the key itself (`news` an object where the source has a string). Undefined when the path is free
 * or leads to a value of the key's own (which overwrite rules cover).
 */
export function shapeConflict(existing: unknown, path: KeyPath): ShapeConflict | undefined {
  let node = existing;
  for (let i = 0; i < path.length; i++) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = own(node, path[i]!);
    if (node === undefined) return undefined;
    const kind = jsonKind(node);
    const next = path[i + 1];
    const source: JsonKind = next === undefined ? 'string' : typeof next === 'number' ? 'array' : 'object';
    const fits = next === undefined ? kind !== 'object' && kind !== 'array' : kind === source;
    if (!fits) return { path: keyOf(path.slice(0, i + 1)), existing: kind, source };
  }
  return undefined;
}

/** Sets a value, creating objects (arrays for numeric segments). Returns false when a string is in the way. */
export function setPath(resources: Record<string, unknown>, path: KeyPath, value: unknown): boolean {
  let node: Record<string | number, unknown> = resources;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i]!;
    if (segment === '__proto__') return false;
    let child = own(node, segment);
    if (child === undefined) {
      child = typeof path[i + 1] === 'number' ? [] : {};
      node[segment] = child;
    }
    if (typeof child !== 'object' || child === null) return false;
    node = child as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (last === '__proto__') return false;
  const current = own(node, last);
  if (typeof current === 'object' && current !== null) return false;
  node[last] = value;
  return true;
}

/**
 * A copy of an existing bundle to merge drafts into: every value as it is (empty objects and arrays, null, numbers,
 * booleans included) in its key order. Refuses what `flattenLeaves` refuses (too deep, a `__proto__` key).
 */
export function copyResources(resources: unknown): Record<string, unknown> {
  flattenLeaves(resources);
  return structuredClone(resources) as Record<string, unknown>;
}

/**
 * Writes a value at a path whatever is in the way: a value on the way that is not the container the path goes
 * through (an array for an index, an object for a key) is replaced by one, in its place among its siblings, and so
 * is a container at the path itself (a draft written with overwrite over a value of another shape: `shapeConflict`).
 * Returns false for a `__proto__` segment.
 */
export function placePath(resources: Record<string, unknown>, path: KeyPath, value: unknown): boolean {
  if (path.includes('__proto__')) return false;
  let node: Record<string | number, unknown> = resources;
  for (let i = 0; i < path.length - 1; i++) {
    const index = typeof path[i + 1] === 'number';
    let child = own(node, path[i]!);
    if (index ? !Array.isArray(child) : !isPlainObject(child)) {
      child = index ? [] : {};
      node[path[i]!] = child;
    }
    node = child as Record<string | number, unknown>;
  }
  node[path[path.length - 1]!] = value;
  return true;
}

const PLURAL_SUFFIX = /^(.*?)_(ordinal_)?(zero|one|two|few|many|other)$/;

/** Groups entries into plain keys and plural groups (placed where their first form was). */
export function groupPlurals(entries: readonly I18nextEntry[]): I18nextItem[] {
  const groups = new Map<string, Extract<I18nextItem, { kind: 'plural' }>>();
  for (const entry of entries) {
    const last = entry.path[entry.path.length - 1];
    const m = typeof last === 'string' ? PLURAL_SUFFIX.exec(last) : null;
    if (!m || m[1] === '') continue;
    const stem = [...entry.path.slice(0, -1), m[1]!];
    const ordinal = m[2] !== undefined;
    const id = JSON.stringify([stem, ordinal]);
    const group = groups.get(id) ?? { kind: 'plural' as const, stem, ordinal, forms: {} };
    group.forms[m[3] as PluralCategory] = entry;
    groups.set(id, group);
  }
  const grouped = new Map<I18nextEntry, Extract<I18nextItem, { kind: 'plural' }>>();
  for (const group of groups.values()) {
    if (!group.forms.other) continue;
    for (const entry of Object.values(group.forms)) grouped.set(entry, group);
  }
  const items: I18nextItem[] = [];
  const placed = new Set<unknown>();
  for (const entry of entries) {
    const group = grouped.get(entry);
    if (!group) items.push({ kind: 'plain', entry });
    else if (!placed.has(group)) {
      placed.add(group);
      items.push(group);
    }
  }
  return items;
}

/** The key of one plural form: stem + `_<category>` (or `_ordinal_<category>`). */
export function pluralPath(stem: KeyPath, ordinal: boolean, category: PluralCategory): KeyPath {
  return [...stem.slice(0, -1), `${String(stem[stem.length - 1])}_${ordinal ? 'ordinal_' : ''}${category}`];
}

/** A language's plural categories in CLDR order (en: one, other; zh: other; ar: all six). */
export function pluralCategories(lang: string, ordinal: boolean): PluralCategory[] {
  const found = new Intl.PluralRules(lang, { type: ordinal ? 'ordinal' : 'cardinal' }).resolvedOptions()
    .pluralCategories as string[];
  return PLURAL_CATEGORIES.filter((c) => found.includes(c));
}

/** Replaces each placeable by U+E000 + k (k-th placeable of the text). */
export function protect(text: string): { text: string; placeables: string[] } {
  const placeables: string[] = [];
  const protectedText = text.replace(PLACEABLE, (p) => {
    placeables.push(p);
    return placeableChar(placeables.length - 1);
  });
  return { text: protectedText, placeables };
}

/** Puts placeables back; `unmappable` lists indexes the source does not have (the text is then unusable). */
export function restore(text: string, placeables: readonly string[]): { text: string; unmappable: number[] } {
  const unmappable: number[] = [];
  let out = '';
  for (const char of text) {
    const k = placeableIndex(char);
    if (k < 0) out += char;
    else if (k < placeables.length) out += placeables[k];
    else unmappable.push(k);
  }
  return { text: out, unmappable };
}

export interface PlaceablesCheck {
  status: 'ok' | 'missing' | 'extra' | 'missing+extra';
  missing: string[];
  extra: string[];
}

/** Compares the placeables of a source and its translation as multisets (order may change between languages). */
export function checkI18nextPlaceables(source: string, target: string): PlaceablesCheck {
  const left = findPlaceables(source);
  const extra: string[] = [];
  for (const p of findPlaceables(target)) {
    const i = left.indexOf(p);
    if (i >= 0) left.splice(i, 1);
    else extra.push(p);
  }
  const status = left.length > 0 ? (extra.length > 0 ? 'missing+extra' : 'missing') : extra.length > 0 ? 'extra' : 'ok';
  return { status, missing: left, extra };
}
