/**
 * Arrays in i18next resources are drafted whole or not at all.
 *
 * `t('steps', { returnObjects: true })` walks the array of the first language that has the key: its length is that
 * array's, and i18next does not take the missing items from the fallback language. A draft shorter than the source
 * loses items at runtime, silently; a `null` for a gap is shown as the fallback's item only under `returnNull:
 * false`, and an item copied from the source would show Arabic as if translated. So:
 * - an array (the outermost one a key goes through, with everything under it) is written only when each of its
 *   string elements has a value: drafted, kept from the existing bundle, or an empty source copied as it is;
 * - its other values (numbers, booleans, null, empty objects and arrays, at any depth) are copied as they are, where
 *   the existing bundle has nothing, so the draft has the source's length and shape;
 * - otherwise nothing of it is written (i18next then falls back for the whole key, as for any missing key), and a
 *   draft found for one of its elements is reported `array-incomplete`. An existing array stays as it was.
 * Values outside arrays are unaffected: a non-string there is left out of the draft, as before (i18next falls back
 * per key).
 */
import { type KeyPath, getPath, shapeConflict } from './i18next';
import { DRAFTED } from './i18next-report';

/** The path of the outermost array a key goes through (the key up to its first index), or undefined. */
export function arrayRoot(path: KeyPath): KeyPath | undefined {
  const i = path.findIndex((segment) => typeof segment === 'number');
  return i < 0 ? undefined : path.slice(0, i);
}

/** Identity of a path (keys may hold '.', so not `keyOf`). */
export const pathId = (path: KeyPath): string => JSON.stringify(path);

export interface ResourceOrder {
  /** Position in document order of every leaf (strings included) and empty container, by `pathId`. */
  order: Map<string, number>;
  /** The values under arrays that are not strings (empty containers included), in document order. */
  copies: Array<{ path: KeyPath; value: unknown; order: number }>;
}

/** Walks resources already checked by `flattenLeaves` (an object, not too deep, no `__proto__`). */
export function resourceOrder(resources: unknown): ResourceOrder {
  const order = new Map<string, number>();
  const copies: ResourceOrder['copies'] = [];
  const walk = (value: unknown, path: KeyPath, inArray: boolean) => {
    const children: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : typeof value === 'object' && value !== null
        ? Object.entries(value)
        : [];
    if (children.length > 0) {
      for (const [k, v] of children) walk(v, [...path, k], inArray || Array.isArray(value));
      return;
    }
    const at = order.size;
    order.set(pathId(path), at);
    if (inArray && typeof value !== 'string') copies.push({ path, value: structuredClone(value), order: at });
  };
  walk(resources, [], false);
  return { order, copies };
}

/** A key's outcome, as `settleArrays` reads it. */
export interface KeyDraft {
  path: KeyPath;
  /** Position of its source in document order (`resourceOrder`). */
  order: number;
  status: string;
  /** The value to write, if any. */
  value?: string;
}

/** Statuses that leave an element with a value: its array can be written. */
const SETTLED = new Set([...DRAFTED, 'kept', 'empty-source', 'no-source-form']);

/**
 * The values to write, in document order, and the drafts not written because their array is incomplete (see the
 * file comment). An `empty-source` draft under an array carries its source value (an empty string) to keep its place.
 */
export function settleArrays<D extends KeyDraft>(
  drafts: readonly D[],
  copies: ResourceOrder['copies'],
  existing: unknown,
  overwrite: boolean,
): { writes: Array<[KeyPath, unknown]>; incomplete: Set<D> } {
  const arrays = new Map<string, D[]>();
  for (const draft of drafts) {
    const root = arrayRoot(draft.path);
    if (root) arrays.set(pathId(root), [...(arrays.get(pathId(root)) ?? []), draft]);
  }
  const incomplete = new Set<D>();
  const blocked = new Set<string>();
  for (const [id, members] of arrays) {
    if (members.every((d) => SETTLED.has(d.status))) continue;
    blocked.add(id);
    for (const d of members) if (DRAFTED.has(d.status)) incomplete.add(d);
  }
  const inBlocked = (path: KeyPath) => blocked.has(pathId(arrayRoot(path)!));
  const writes: Array<{ path: KeyPath; value: unknown; order: number }> = [];
  for (const d of drafts) {
    if (d.value === undefined || (arrayRoot(d.path) && inBlocked(d.path))) continue;
    writes.push({ path: d.path, value: d.value, order: d.order });
  }
  for (const copy of copies) {
    if (inBlocked(copy.path) || getPath(existing, copy.path) !== undefined) continue;
    if (!overwrite && shapeConflict(existing, copy.path)) continue;
    writes.push(copy);
  }
  // Stable: drafts of one plural group keep their CLDR order.
  writes.sort((a, b) => a.order - b.order);
  return { writes: writes.map((w): [KeyPath, unknown] => [w.path, w.value]), incomplete };
}
