/** 101 matches: the query's neighbours in the translator's document equal the unit's neighbours in its own. */
import { canonical, tokenize } from '../normalize';
import type { Lang, Unit } from '../types';

/**
 * True when the unit's neighbours in its document equal the given previous/next segments, as matching sees text
 * (tashkeel, alef shapes, digits, punctuation folded). An empty prev/next means "none": the unit must start/end
 * its document. `at` finds the unit at a place in a document.
 */
export function contextMatches(
  unit: Unit | undefined,
  src: Lang,
  context: { prev?: string; next?: string },
  at: (documentId: string, position: number) => Unit | undefined,
): boolean {
  if (!unit || !unit.documentId) return false;
  const same = (offset: number, text: string | undefined) => {
    if (text === undefined) return true;
    const neighbour = at(unit.documentId, unit.position + offset);
    if (canonical(text) === '') return neighbour === undefined;
    return neighbour !== undefined && sameWords(neighbour[src], text);
  };
  return same(-1, context.prev) && same(1, context.next);
}

function sameWords(a: string, b: string): boolean {
  const x = tokenize(a);
  const y = tokenize(b);
  return x.length === y.length && x.every((t, i) => t === y[i]);
}
