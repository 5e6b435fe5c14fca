/**
 * A TM candidate's inline codes renumbered onto the query's, for every pretranslation (XLIFF 1.2 and 2.x, i18next).
 *
 * A query holds its codes as U+E000 + k; a TM unit holds its own, numbered in its own segment. They are paired by
 * order of appearance: the i-th code of the TM's source stands for the query's i-th, and the target's codes are
 * renumbered through that pairing. A target code the TM's source lacks stands for nothing the query has and is left
 * out.
 *
 * A code of the TM's source without a partner (the unit has more codes than the query) stands where the query has
 * text or nothing: `أهلا {name}، مرحبا بك` held with a code for the name, against a query that has the text
 * `__name__` there. Left out of the target, it made "Hello , welcome": the draft silently lacked what the source
 * says. So its place in the query is found (places.ts, the alignment every pretranslation uses for such places:
 * the tokens of the TM's source and the query aligned, and the query's text between the partners of the code's
 * neighbouring tokens taken, less the punctuation and spaces that surround the code in the TM's source). Then:
 * - that text, when there is some, takes the code's place in the target ("Hello __name__, welcome"): a repair, which
 *   the caller counts (`text`) and a translator reviews;
 * - when the query has nothing there (only spaces, or punctuation alone), the code is left out: nothing is lost
 *   (`Click <b>here</b>` for the query "Click here");
 * - when its place cannot be told (a neighbouring token has no partner: `يا صديقي {name}` against `يا أحمد`, where
 *   «أحمد» may be the friend or the name; two such codes in one place with text there; repeated words that let the
 *   code stand at two places; the text found holds one of the query's codes, so the pairing by order was wrong;
 *   texts too long to align) the target would lack something:
 *   it is counted (`unplaced`) and the caller does not write the candidate.
 * The TM's source, renumbered, leaves these codes out (it is shown, never written as a target); `unpaired` says
 * that there were some, so that a unit with a code the query lacks is never taken for the query itself: the code is
 * a difference, the match is not exact.
 */
import { placesIn } from './places';

const PUA = /[\uE000-\uF8FF]/g;
const IS_PUA = /[\uE000-\uF8FF]/;

/** The codes of a TM unit that the query lacks, when there are some. */
export interface TmOnlyCodes {
  /** Codes of the TM's source without a partner in the query. */
  unpaired: number;
  /** The query's text written in the target in place of such codes, one entry per code (a repair each). */
  text: string[];
  /** Such codes of the target whose place in the query cannot be told: the candidate would lack what is there. */
  unplaced: number;
}

export interface MappedCodes {
  /** The TM's source, its codes renumbered onto the query's; codes without a partner left out. */
  sourceText: string;
  /** The TM's target, renumbered; each code without a partner replaced or left out as the file comment says. */
  targetText: string;
  /** Present when the TM's source has codes the query lacks. */
  tmOnly?: TmOnlyCodes;
}

/** Renumbers a TM candidate's codes onto the query's (see the file comment). */
export function mapTmCodes(query: string, tmSource: string, tmTarget: string): MappedCodes {
  const queryCodes = query.match(PUA) ?? [];
  const partners = new Map<string, string>();
  const unpaired = new Set<string>();
  (tmSource.match(PUA) ?? []).forEach((code, i) => {
    const partner = queryCodes[i];
    if (partners.has(code)) return;
    if (partner === undefined) unpaired.add(code);
    else partners.set(code, partner);
  });
  const sourceText = tmSource.replace(PUA, (code) => partners.get(code) ?? '');
  if (unpaired.size === 0) return { sourceText, targetText: tmTarget.replace(PUA, (code) => partners.get(code) ?? '') };
  const places = placesInQuery(query, tmSource, partners, unpaired);
  const text: string[] = [];
  let unplaced = 0;
  const counted = new Set<string>();
  const targetText = tmTarget.replace(PUA, (code) => {
    const partner = partners.get(code);
    if (partner !== undefined) return partner;
    if (!unpaired.has(code)) return '';
    const place = places.get(code);
    if (!counted.has(code)) {
      counted.add(code);
      if (place === undefined) unplaced++;
      else if (place !== '') text.push(place);
    }
    return place ?? '';
  });
  return { sourceText, targetText, tmOnly: { unpaired: unpaired.size, text, unplaced } };
}

/**
 * For each unpaired code of the TM's source: the query's text in its place ('' for none), or no entry when its
 * place cannot be told (places.ts; see the file comment). A code found at several places has one only if each
 * says ''.
 */
function placesInQuery(
  query: string,
  tmSource: string,
  partners: ReadonlyMap<string, string>,
  unpaired: ReadonlySet<string>,
): Map<string, string> {
  // The TM's source with its paired codes as the query's, so that what surrounds a code compares with the query.
  const source = tmSource.replace(PUA, (code) => partners.get(code) ?? code);
  const at = [...source.matchAll(PUA)].filter((m) => unpaired.has(m[0])).map((m) => m.index);
  const spans = placesIn(
    source,
    query,
    at.map((i) => ({ at: i, end: i + 1 })),
  );
  const found = new Map<string, string | undefined>();
  at.forEach((i, k) => {
    const span = spans[k];
    const there = span && query.slice(span.at, span.end);
    // The text found holds one of the query's codes: the pairing by order was wrong.
    const text = there === undefined || IS_PUA.test(there) ? undefined : there;
    const code = source[i]!;
    // A code found at several places has a text only when the query has nothing at any of them.
    const again = found.has(code) && (found.get(code) !== '' || text !== '');
    found.set(code, again ? undefined : text);
  });
  const out = new Map<string, string>();
  for (const [code, text] of found) if (text !== undefined) out.set(code, text);
  return out;
}
