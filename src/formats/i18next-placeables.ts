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
import { placeableChar, placeableIndex } from './xliff-inline';

/**
 * The i18next placeables' recognizers, one per kind (sources without flags; shared with XLIFF's placeholders,
 * xliff-printf.ts, so that both interfaces protect the same texts):
 * - interpolation: `{{…}}`; a single-brace name, optionally with a format (`{user}`, `{0}`, `{n, number}`: i18next
 *   with `interpolation.prefix/suffix` `{`/`}`, i18next-icu's simple arguments). An ICU plural or select
 *   (`{n, plural, one {…} other {…}}`) is not one: its branches hold text to translate;
 * - nesting: `$t(…)`;
 * - a Trans tag (`<0>`, `</0>`, `<1/>`, `<br/>`, `<strong>`).
 */
export const INTERPOLATION = /\{\{[^{}]*\}\}|\{\s*(?:[A-Za-z_$][\w$.-]*|\d+)\s*(?:,[^{},]*(?:,[^{}]*)?)?\}/;
export const NESTING = /\$t\((?:[^()]|\([^()]*\))*\)/;
export const TRANS_TAG = /<\/?[A-Za-z0-9]+\s*\/?>/;

/** An i18next placeable in a text (global: use with `replace`/`match`): any of the kinds above. */
export const PLACEABLE = new RegExp([INTERPOLATION, NESTING, TRANS_TAG].map((r) => r.source).join('|'), 'g');

/** The placeables of a text, in order. */
export function findPlaceables(text: string): string[] {
  return text.match(PLACEABLE) ?? [];
}

type Kind = 'interpolation' | 'nesting' | 'start' | 'end' | 'empty';

function kindOf(placeable: string): { kind: Kind; name?: string } {
  if (placeable.startsWith('{')) return { kind: 'interpolation' };
  if (placeable.startsWith('$t(')) return { kind: 'nesting' };
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
): MappedCandidate {
  const pairing = pairSource(placeables, tmSource ?? '');
  const unmappable: string[] = [];
  let renamed = 0;
  const mapped = tmTarget.replace(PLACEABLE, (p) => {
    let k = pairing.byText.get(p);
    if (k === undefined) {
      const { kind, name } = kindOf(p);
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
export function mapSourcePlaceables(placeables: readonly string[], tmSource: string): string {
  const { partner } = pairSource(placeables, tmSource);
  let j = 0;
  return tmSource.replace(PLACEABLE, (p) => {
    const k = partner[j++]!;
    return k >= 0 ? placeableChar(k) : p;
  });
}

/**
 * Pairs the TM source's literal placeables with the query's: per literal placeable (in order) its query index or
 * -1, text → query index, and start tag names.
 */
function pairSource(placeables: readonly string[], tmSource: string) {
  const taken = new Set<number>();
  for (const char of tmSource) {
    const k = placeableIndex(char);
    if (k >= 0) taken.add(k);
  }
  const literal = findPlaceables(tmSource);
  const partner = literal.map((p): number => {
    const k = placeables.findIndex((q, i) => q === p && !taken.has(i));
    if (k >= 0) taken.add(k);
    return k;
  });
  const startNames = new Map<string, string>();
  literal.forEach((p, j) => {
    if (partner[j]! >= 0) return;
    const { kind, name } = kindOf(p);
    if (kind === 'end' && name !== undefined && startNames.has(name)) {
      const k = placeables.findIndex((q, i) => q === `</${startNames.get(name)}>` && !taken.has(i));
      if (k >= 0) {
        partner[j] = k;
        taken.add(k);
        return;
      }
    }
    const k = placeables.findIndex((q, i) => !taken.has(i) && kindOf(q).kind === kind);
    if (k < 0) return;
    partner[j] = k;
    taken.add(k);
    const queryName = kindOf(placeables[k]!).name;
    if (kind === 'start' && name !== undefined && queryName !== undefined) startNames.set(name, queryName);
  });
  literal.forEach((p, j) => {
    const { kind, name } = kindOf(p);
    const k = partner[j]!;
    if (kind === 'start' && name !== undefined && k >= 0 && !startNames.has(name)) {
      const queryName = kindOf(placeables[k]!).name;
      if (queryName !== undefined) startNames.set(name, queryName);
    }
  });
  const byText = new Map<string, number>();
  literal.forEach((p, j) => {
    if (partner[j]! >= 0 && !byText.has(p)) byText.set(p, partner[j]!);
  });
  return { partner, byText, startNames };
}
