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
 * says. So its place in the query is found: the tokens of the TM's source and the query are aligned (longest common
 * subsequence of tokens), and a code whose neighbouring tokens (or the text's start or end) are both aligned stands
 * where the query has what lies between their partners, less the punctuation and spaces that surround the code in
 * the TM's source. Then:
 * - that text, when there is some, takes the code's place in the target ("Hello __name__, welcome"): a repair, which
 *   the caller counts (`text`) and a translator reviews;
 * - when the query has nothing there (only spaces, or punctuation alone), the code is left out: nothing is lost
 *   (`Click <b>here</b>` for the query "Click here");
 * - when its place cannot be told (a neighbouring token has no partner: `يا صديقي {name}` against `يا أحمد`, where
 *   «أحمد» may be the friend or the name; two such codes in one place with text there; the text found holds one of
 *   the query's codes, so the pairing by order was wrong; texts too long to align) the target would lack something:
 *   it is counted (`unplaced`) and the caller does not write the candidate.
 * The TM's source, renumbered, leaves these codes out (it is shown, never written as a target); `unpaired` says
 * that there were some, so that a unit with a code the query lacks is never taken for the query itself: the code is
 * a difference, the match is not exact.
 */
import { tokenSpans, type TokenSpan } from '../normalize';

const PUA = /[\uE000-\uF8FF]/g;
const IS_PUA = /[\uE000-\uF8FF]/;
/** Text that holds something besides spaces and punctuation. */
const CONTENT = /[^\s\p{P}]/u;

/**
 * Most cells of the token alignment ((tokens of the TM's source + 1) × (the query's + 1), two bytes each: 2 MB at
 * most): beyond, no code is placed. A query of the default MIZAN_MAX_QUERY_CHARS (2,000) stays below.
 */
export const MAX_ALIGN_CELLS = 1 << 20;

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
 * place cannot be told (see the file comment). A code found at several places has one only if each says ''.
 */
function placesInQuery(
  query: string,
  tmSource: string,
  partners: ReadonlyMap<string, string>,
  unpaired: ReadonlySet<string>,
): Map<string, string> {
  // The TM's source with its paired codes as the query's, so that what surrounds a code compares with the query.
  const source = tmSource.replace(PUA, (code) => partners.get(code) ?? code);
  const sourceTokens = tokenSpans(source);
  const queryTokens = tokenSpans(query);
  const partner = alignTokens(sourceTokens, queryTokens);
  const found = new Map<string, string | undefined>();
  // A code found at several places has a text only when the query has nothing at any of them.
  const settle = (code: string, text: string | undefined) => {
    const again = found.has(code) && (found.get(code) !== '' || text !== '');
    found.set(code, again ? undefined : text);
  };
  // Unpaired codes by gap: gap g lies between source token g − 1 and token g (0: the start; n: the end).
  const byGap = new Map<number, number[]>();
  let token = 0;
  for (let at = 0; at < tmSource.length; at++) {
    if (!unpaired.has(tmSource[at]!)) continue;
    while (token < sourceTokens.length && sourceTokens[token]!.start < at) token++;
    byGap.set(token, [...(byGap.get(token) ?? []), at]);
  }
  for (const [gap, codes] of byGap) {
    const text = partner && gapText(gap, codes, source, sourceTokens, query, queryTokens, partner);
    for (const at of codes) settle(tmSource[at]!, text ?? undefined);
  }
  const out = new Map<string, string>();
  for (const [code, text] of found) if (text !== undefined) out.set(code, text);
  return out;
}

/**
 * The query's text where the TM's source has the unpaired codes at `codes` (positions, all in gap `gap`): '' when
 * the query has nothing there, null when it cannot be told.
 */
function gapText(
  gap: number,
  codes: readonly number[],
  source: string,
  sourceTokens: readonly TokenSpan[],
  query: string,
  queryTokens: readonly TokenSpan[],
  partner: readonly number[],
): string | null {
  const left = gap > 0 ? partner[gap - 1]! : -1;
  const right = gap < sourceTokens.length ? partner[gap]! : queryTokens.length;
  if ((gap > 0 && left < 0) || right < 0) return null;
  const sourceGap = source.slice(gap > 0 ? sourceTokens[gap - 1]!.end : 0, sourceTokens[gap]?.start ?? source.length);
  const queryGap = query.slice(left >= 0 ? queryTokens[left]!.end : 0, queryTokens[right]?.start ?? query.length);
  const offset = gap > 0 ? sourceTokens[gap - 1]!.end : 0;
  // The source's gap without its unpaired codes: what surrounds them, to be found around the query's text.
  const pieces: string[] = [];
  let from = 0;
  for (const at of codes) {
    pieces.push(source.slice(offset + from, at));
    from = at - offset + 1;
  }
  pieces.push(sourceGap.slice(from));
  const before = pieces[0]!.trim();
  const after = pieces[pieces.length - 1]!.trim();
  const trimmed = queryGap.trim();
  const fits = trimmed.length >= before.length + after.length && trimmed.startsWith(before) && trimmed.endsWith(after);
  // Other punctuation around it, and nothing else: nothing the query says is lost by leaving the code out.
  if (!fits) return CONTENT.test(trimmed) ? null : '';
  let text = trimmed.slice(before.length, trimmed.length - after.length).trim();
  if (codes.length > 1) {
    // Several codes in one place: the query's text there cannot be given to one of them.
    for (const piece of pieces.slice(1, -1)) text = text.replace(piece.trim(), '');
    return text.trim() === '' ? '' : null;
  }
  return IS_PUA.test(text) ? null : text;
}

/**
 * For each token of `a`, the index of its partner in `b` (-1: none), by a longest common subsequence of the tokens;
 * undefined beyond MAX_ALIGN_CELLS.
 */
function alignTokens(a: readonly TokenSpan[], b: readonly TokenSpan[]): number[] | undefined {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_ALIGN_CELLS) return undefined;
  // The common subsequence is at most min(n, m) ≤ 1,023 tokens under the cap: two bytes a cell.
  const lcs = new Uint16Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] =
        a[i]!.token === b[j]!.token ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const partner = new Array<number>(n).fill(-1);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i]!.token === b[j]!.token) partner[i++] = j++;
    else if (lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!) i++;
    else j++;
  }
  return partner;
}
