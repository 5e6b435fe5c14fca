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
 *    query source has it verbatim;
 * 3. one of the TM source's left without a partner (the query has fewer of that kind: «انقر {{button}}» against the
 *    query «انقر الزر») gives way to what the query holds at its place, as a printf placeholder of XLIFF's does
 *    (places.ts `textAt`, the one alignment): nothing, and it is left out with the space around it; a number, the
 *    number; other text, that text, in the query's language ("Click الزر"), for review. Where its place cannot be
 *    told, or without the query (`strays`), it is unmappable, and so is any other (the candidate cannot be written).
 * `renamed` counts the target placeables written with another text than the TM's, `settled` those given way (the
 * score pays one point each).
 * The TM's source goes through the same pairing (`mapSourcePlaceables`), so that a unit that is the query but for
 * how it holds its placeables can be recognized as such (i18next-lookup.ts).
 */
import { DEFAULT_SYNTAX, type PlaceableSyntax } from './i18next-syntax';
import { isNumber, numberForTarget } from './number-slots';
import { textAt } from './places';
import { placeableChar, placeableIndex } from './xliff-inline';
import { cutOut } from './xliff-printf';

type Kind = 'interpolation' | 'nesting' | 'start' | 'end' | 'empty';

/** A placeable's kind, a Trans tag's told apart (start, end, empty) with its name (`0` for `<0>` and `</0>`). */
export function kindOf(placeable: string, syntax: PlaceableSyntax): { kind: Kind; name?: string } {
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
  /** TM placeables the query lacks, given way to what it holds there: `{{x}}→الزر`, `{{x}}→5`, `{{x}}→` (left out). */
  settled: string[];
  /** The query's texts and numbers written in place of such placeables. */
  putIn: string[];
}

/** The query (its placeables as written) and how to blank out a text's placeables, for `textAt`. */
export interface StrayContext {
  query: string;
  blank: (text: string) => string;
}

/**
 * Maps a candidate (target and, when known, the TM's source) onto the query source's placeables, which the query
 * held as U+E000 + k (see the file comment); with `strays`, a TM source's placeable without a partner is settled at
 * its place in the query.
 */
export function mapCandidatePlaceables(
  placeables: readonly string[],
  tmSource: string | undefined,
  tmTarget: string,
  syntax: PlaceableSyntax = DEFAULT_SYNTAX,
  strays?: StrayContext,
): MappedCandidate {
  const pairing = pairSource(placeables, tmSource ?? '', syntax);
  const unmappable: string[] = [];
  const settled: string[] = [];
  const putIn: string[] = [];
  let renamed = 0;
  const found = [...tmTarget.matchAll(syntax.pattern)];
  const place = strayPlaces(pairing, tmSource, found, strays);
  // What each placeable of the target becomes: a query placeable's character, the query's text, or itself.
  const to = found.map((m, i): string => {
    const p = m[0];
    let k = pairing.byText.get(p);
    if (k === undefined) {
      const { kind, name } = kindOf(p, syntax);
      const start = kind === 'end' && name !== undefined ? pairing.startNames.get(name) : undefined;
      k = start === undefined ? undefined : placeables.findIndex((q) => q === `</${start}>`);
      if (k === undefined || k < 0) k = placeables.indexOf(p);
    }
    if (k >= 0) {
      if (placeables[k] !== p) renamed++;
      return placeableChar(k);
    }
    const there = place(i);
    if (there === undefined) {
      unmappable.push(p);
      return p;
    }
    const text = isNumber(there) ? numberForTarget(there, tmTarget) : there;
    settled.push(`${p}→${text}`);
    if (text !== '') putIn.push(text);
    return text;
  });
  // From the end, so that the offsets of the placeables before stay right; one left out takes its spaces along.
  let mapped = tmTarget;
  for (let i = found.length - 1; i >= 0; i--) {
    const m = found[i]!;
    const end = m.index + m[0].length;
    mapped = to[i] === '' ? cutOut(mapped, m.index, end) : mapped.slice(0, m.index) + to[i] + mapped.slice(end);
  }
  let text = '';
  for (const char of mapped) {
    const k = placeableIndex(char);
    // A private-use placeable the lookup numbered past the query's codes stands for nothing the source has.
    if (k >= placeables.length) unmappable.push(char);
    else text += char;
  }
  return { text, unmappable, renamed, settled, putIn };
}

/**
 * For the i-th placeable of the target (`found`), what the query holds where the TM's source has it, when it is one
 * of the TM source's without a partner: the k-th of its text in the target is the k-th such in the TM's source,
 * which must hold as many (else, or without `strays`, undefined).
 */
function strayPlaces(
  pairing: ReturnType<typeof pairSource>,
  tmSource: string | undefined,
  found: readonly RegExpExecArray[],
  strays: StrayContext | undefined,
): (i: number) => string | undefined {
  if (!strays || tmSource === undefined) return () => undefined;
  const alone = pairing.literal.filter((_, j) => pairing.partner[j]! < 0);
  return (i) => {
    const p = found[i]![0];
    const inSource = alone.filter((m) => m[0] === p);
    const inTarget = found.filter((m) => m[0] === p);
    if (inSource.length !== inTarget.length) return undefined;
    const k = inTarget.indexOf(found[i]!);
    const at = inSource[k]!.index;
    return textAt(strays.query, tmSource, { at, end: at + p.length }, strays.blank);
  };
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
 * -1, text → query index, start tag names, and the literal placeables where they stand.
 */
function pairSource(placeables: readonly string[], tmSource: string, syntax: PlaceableSyntax) {
  const taken = new Set<number>();
  for (const char of tmSource) {
    const k = placeableIndex(char);
    if (k >= 0) taken.add(k);
  }
  const matches = [...tmSource.matchAll(syntax.pattern)];
  const literal = matches.map((m) => m[0]);
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
  return { partner, byText, startNames, literal: matches };
}
