/**
 * Mapping a TM candidate's placeables onto an i18next source's, so that a match whose placeables differ only in
 * names is written with the source's (`Welcome {{name}}` for a source with `{{user}}` → `Welcome {{user}}`).
 *
 * A candidate's target can hold placeables two ways: as private-use characters (codes a TMX import kept), already
 * numbered like the query's placeables by the lookup; or literally, as i18next text (`{{name}}`, `$t(key)`, `<1>`)
 * in a unit added as plain text. Literal ones are paired through the TM's source:
 * 1. a placeable of the TM source pairs with an identical placeable of the query source, else with the next unpaired
 *    one of the same kind, in order (kinds: interpolation, nesting, start tag, end tag, empty tag); an end tag
 *    follows its start tag's pairing (`</1>` → `</0>` when `<1>` → `<0>`);
 * 2. a placeable of the TM target takes its TM source partner's pairing; one the TM source lacks is kept when the
 *    query source has it verbatim; any other is unmappable (the candidate cannot be written).
 * `renamed` counts the target placeables written with another text than the TM's (the score pays one point each).
 * The TM's source goes through the same pairing (`mapSourcePlaceables`), so that a unit that is the query but for
 * how it holds its placeables can be recognized as such (i18next-lookup.ts).
 */
import { DEFAULT_SYNTAX, findPlaceables, type PlaceableSyntax } from './i18next-syntax';
import { placeableChar, placeableIndex } from './xliff-inline';

type Kind = 'interpolation' | 'nesting' | 'start' | 'end' | 'empty';

function kindOf(placeable: string, syntax: PlaceableSyntax): { kind: Kind; name?: string } {
  const kind = syntax.kind(placeable);
  if (kind !== 'tag') return { kind };
  const name = /^<\/?\s*([A-Za-z0-9]+)/.exec(placeable)?.[1];
  if (placeable.startsWith('</')) return { kind: 'end', ...(name !== undefined && { name }) };
  if (placeable.endsWith('/>')) return { kind: 'empty' };
  return { kind: 'start', ...(name !== undefined && { name }) };
}

export interface MappedCandidate {
  /** The target with every placeable as U+E000 + k (k: index into the query source's placeables). */
  text: string;
  /** Target placeables that could not be paired with the query source's (as the TM wrote them). */
  unmappable: string[];
  /** Target placeables written with the query's text instead of the TM's. */
  renamed: number;
}

/**
 * Maps a candidate (target and, when known, the TM's source) onto the query source's placeables, which the query
 * held as U+E000 + k (see the file comment).
 */
export function mapCandidatePlaceables(
  placeables: readonly string[],
  tmSource: string | undefined,
  tmTarget: string,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
): MappedCandidate {
  const pairing = pairSource(placeables, tmSource ?? '', syntax);
  const unmappable: string[] = [];
  let renamed = 0;
  const mapped = tmTarget.replace(syntax.pattern, (p) => {
    let k = pairing.byText.get(p);
    if (k === undefined) {
      const { kind, name } = kindOf(p, syntax);
      const start = kind === 'end' && name !== undefined ? pairing.startNames.get(name) : undefined;
      k = start === undefined ? undefined : placeables.findIndex((q) => q === `</${start}>`);
      if (k === undefined || k < 0) k = placeables.indexOf(p);
    }
    if (k < 0) {
      unmappable.push(p);
      return p;
    }
    if (placeables[k] !== p) renamed++;
    return placeableChar(k);
  });
  let text = '';
  for (const char of mapped) {
    const k = placeableIndex(char);
    // A private-use placeable the lookup numbered past the query's codes stands for nothing the source has.
    if (k >= placeables.length) unmappable.push(char);
    else text += char;
  }
  return { text, unmappable, renamed };
}

/**
 * The TM's source with each of its literal placeables that pairs with one of the query's written as that one's
 * U+E000 + k, as the query holds it; unpaired ones stay as written.
 */
export function mapSourcePlaceables(
  placeables: readonly string[],
  tmSource: string,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
): string {
  const { partner } = pairSource(placeables, tmSource, syntax);
  let j = 0;
  return tmSource.replace(syntax.pattern, (p) => {
    const k = partner[j++]!;
    return k >= 0 ? placeableChar(k) : p;
  });
}

/**
 * Pairs the TM source's literal placeables with the query's: per literal placeable (in order) its query index or
 * -1, text → query index, and start tag names.
 */
function pairSource(placeables: readonly string[], tmSource: string, syntax: PlaceableSyntax) {
  const taken = new Set<number>();
  for (const char of tmSource) {
    const k = placeableIndex(char);
    if (k >= 0) taken.add(k);
  }
  const literal = findPlaceables(tmSource, syntax);
  const partner = literal.map((p): number => {
    const k = placeables.findIndex((q, i) => q === p && !taken.has(i));
    if (k >= 0) taken.add(k);
    return k;
  });
  const startNames = new Map<string, string>();
  literal.forEach((p, j) => {
    if (partner[j]! >= 0) return;
    const { kind, name } = kindOf(p, syntax);
    if (kind === 'end' && name !== undefined && startNames.has(name)) {
      const k = placeables.findIndex((q, i) => q === `</${startNames.get(name)}>` && !taken.has(i));
      if (k >= 0) {
        partner[j] = k;
        taken.add(k);
        return;
      }
    }
    const k = placeables.findIndex((q, i) => !taken.has(i) && kindOf(q, syntax).kind === kind);
    if (k < 0) return;
    partner[j] = k;
    taken.add(k);
    const queryName = kindOf(placeables[k]!, syntax).name;
    if (kind === 'start' && name !== undefined && queryName !== undefined) startNames.set(name, queryName);
  });
  literal.forEach((p, j) => {
    const { kind, name } = kindOf(p, syntax);
    const k = partner[j]!;
    if (kind === 'start' && name !== undefined && k >= 0 && !startNames.has(name)) {
      const queryName = kindOf(placeables[k]!, syntax).name;
      if (queryName !== undefined) startNames.set(name, queryName);
    }
  });
  const byText = new Map<string, number>();
  literal.forEach((p, j) => {
    if (partner[j]! >= 0 && !byText.has(p)) byText.set(p, partner[j]!);
  });
  return { partner, byText, startNames };
}
