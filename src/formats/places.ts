/**
 * What one text holds at a place of another: the one answer every pretranslation gives to "the TM's source has a
 * code or a placeholder where the query has something else" (tm-codes.ts, xliff-printf.ts) and to "the query has a
 * placeholder where the TM's source has something else" (number-slots.ts).
 *
 * The tokens of the two texts (normalize's tokens: folded words, digits read alike in every script, each Han
 * character one token) are aligned by a longest common subsequence; a place lies between two tokens of its text
 * (or the text's start or end), and when both have partners, the other text holds there what lies between those
 * partners, less the punctuation and spaces that surround the place in its own text. So «انقر على %s لحفظ الملف»
 * against «انقر على الزر الأزرق لحفظ الملف» holds «الزر الأزرق» at `%s`, and «点击%s按钮» against «点击保存按钮» holds
 * «保存». A token of the place's own text glued to it and without a partner (an Arabic proclitic written onto a
 * placeholder, «ب%s») goes with what surrounds the place: the other text must then say it too, at the same end
 * («بأحمد»: «أحمد» is at `%s`).
 *
 * A place next to a token without a partner lies in a stretch between the nearest tokens that have one: the other
 * text has nothing there when its stretch between their partners holds nothing but spaces and punctuation. Asked to
 * (`oneForOne`: number-slots.ts, whose answer must then be one number), when the two stretches hold as many tokens
 * (a place counting for one) and the place is at one end of its stretch, next to a token that has a partner, they
 * are read as words replaced one for one, and the place holds the other's token at the same rank (`وصل %d وزيرا`
 * against `وصل 5 وزراء`: 5, the noun after a number taking another form). Not for a text to be put in a target: a
 * place that stands for several words, next to a word the other text lacks, would be read as one of them (`افتح %s
 * الآن` against `افتح القائمة الرئيسية`: «القائمة» alone), and the rest silently lost.
 *
 * Where the place is cannot be told, and nothing is answered, when a neighbouring token has no partner otherwise
 * (`يا صديقي {name}` against `يا أحمد`: «أحمد» may be the friend or the name; one for one is never read in Han text,
 * whose tokens are characters, not words), when several places share one gap and the other text has something
 * there (which of them it belongs to cannot be said), when the alignment that matches every token as early as it
 * can and the one that matches it as late as it can disagree on it (repeated words: «احذف %s الملف» against «احذف
 * الملف الملف»), when what lies between the partners does not show the punctuation that surrounds the place and
 * holds more than punctuation, or when the texts are too long to align (MAX_ALIGN_CELLS).
 */
import { tokenSpans, type TokenSpan } from '../normalize';

/**
 * Most cells of one token alignment ((tokens of one text + 1) × (the other's + 1), two bytes each: 2 MB at most):
 * beyond, no place is told. A query of the default MIZAN_MAX_QUERY_CHARS (2,000) stays below.
 */
export const MAX_ALIGN_CELLS = 1 << 20;

/** A stretch [at, end) of a text. */
export interface Span {
  at: number;
  end: number;
}

/** Text that holds something besides spaces and punctuation. */
const CONTENT = /[^\s\p{P}]/u;
const HAN = /\p{Script=Han}/u;

const PUA = /[\uE000-\uF8FF]/g;

/**
 * What `query` holds where `tmSource` has the placeholder or placeable at `place` (one the query lacks), each text's
 * placeholders blanked out by `blank` (as spaces, keeping the offsets) so that none is aligned as a word: the text
 * there; '' for nothing (spaces, punctuation, or only the query's own codes and placeholders, which its draft keeps
 * anyway); undefined when the place cannot be told (`placesIn`) or the text there holds one of the query's codes or
 * placeholders besides other text. The one answer XLIFF's placeholders (xliff-printf.ts) and i18next's placeables
 * (i18next-placeables.ts) take.
 */
export function textAt(
  query: string,
  tmSource: string,
  place: Span,
  blank: (text: string) => string,
): string | undefined {
  const [span] = placesIn(blank(tmSource), blank(query), [place]);
  if (!span) return undefined;
  const there = query.slice(span.at, span.end);
  const plain = blank(there).replace(PUA, ' ');
  if (plain === there) return there;
  return CONTENT.test(plain) ? undefined : '';
}

/** A token as the alignment compares it: a number by its value ("1,000" and "1000" alike). */
const keyOf = (token: string) => (/^[0-9]/.test(token) ? token.replaceAll(',', '') : token);

/**
 * For each place of `text`, the stretch of `other` that is there (empty when `other` has nothing there but spaces
 * or punctuation), or undefined when where it is cannot be told (see the file comment; `oneForOne` reads words
 * replaced one for one next to a place). Tokens inside a place are not aligned; a caller blanks out (as spaces,
 * keeping the offsets) whatever else of either text is no word, such as placeholders.
 */
export function placesIn(
  text: string,
  other: string,
  places: readonly Span[],
  { oneForOne = false }: { oneForOne?: boolean } = {},
): (Span | undefined)[] {
  const inPlace = (t: TokenSpan) => places.some((p) => t.start < p.end && t.end > p.at);
  const a = tokenSpans(text).filter((t) => !inPlace(t));
  const b = tokenSpans(other);
  const early = alignTokens(a, b);
  const late = early && alignTokens([...a].reverse(), [...b].reverse());
  if (!early || !late) return places.map(() => undefined);
  const lateInOrder = late.map((j) => (j < 0 ? -1 : b.length - 1 - j)).reverse();
  // Places by gap: gap g lies between token g − 1 and token g of `text` (0: the start; a.length: the end).
  const byGap = new Map<number, number[]>();
  places.forEach((place, k) => {
    let gap = 0;
    while (gap < a.length && a[gap]!.start < place.at) gap++;
    byGap.set(gap, [...(byGap.get(gap) ?? []), k]);
  });
  const out = places.map((): Span | undefined => undefined);
  for (const [gap, ks] of byGap) {
    const group = ks.map((k) => places[k]!).sort((x, y) => x.at - y.at);
    const one = gapSpan({ text, a, other, b, places, oneForOne, partner: early }, gap, group);
    const two = gapSpan({ text, a, other, b, places, oneForOne, partner: lateInOrder }, gap, group);
    const same = one && two && (one.at === one.end ? two.at === two.end : one.at === two.at && one.end === two.end);
    for (const k of ks) out[k] = same ? one : undefined;
  }
  return out;
}

interface Aligned {
  text: string;
  a: readonly TokenSpan[];
  other: string;
  b: readonly TokenSpan[];
  /** Every place of `text`. */
  places: readonly Span[];
  /** Whether words replaced one for one are read (see the file comment). */
  oneForOne: boolean;
  /** For each token of `a`, its partner's index in `b` (-1: none). */
  partner: readonly number[];
}

/** The stretch of `other` at the places `group` (in order, all in gap `gap` of `text`), as `placesIn` says. */
function gapSpan(aligned: Aligned, gap: number, group: readonly Span[]): Span | undefined {
  const { text, a, other, b, partner } = aligned;
  // Tokens glued to the places without a partner go with what surrounds them (see the file comment).
  const glued = (from: number, to: number) => !/\s/.test(text.slice(from, to));
  let left = gap - 1;
  while (left >= 0 && partner[left]! < 0 && glued(a[left]!.end, left === gap - 1 ? group[0]!.at : a[left + 1]!.start))
    left--;
  let right = gap;
  const last = group[group.length - 1]!.end;
  while (right < a.length && partner[right]! < 0 && glued(right === gap ? last : a[right - 1]!.end, a[right]!.start))
    right++;
  if ((left >= 0 && partner[left]! < 0) || (right < a.length && partner[right]! < 0))
    return unaligned(aligned, gap, group);
  const from = left >= 0 ? a[left]!.end : 0;
  const to = right < a.length ? a[right]!.start : text.length;
  const otherFrom = left >= 0 ? b[partner[left]!]!.end : 0;
  const otherTo = right < a.length ? b[partner[right]!]!.start : other.length;
  // What surrounds the places in `text`, and what lies between them.
  const pieces: string[] = [];
  let at = from;
  for (const place of group) {
    pieces.push(text.slice(at, place.at));
    at = place.end;
  }
  pieces.push(text.slice(at, to));
  const before = pieces[0]!.trim();
  const after = pieces[pieces.length - 1]!.trim();
  const span = trimmed(other, otherFrom, otherTo);
  const there = other.slice(span.at, span.end);
  const fits = there.length >= before.length + after.length && there.startsWith(before) && there.endsWith(after);
  // Other punctuation, and nothing else: the other text has nothing there.
  if (!fits) return CONTENT.test(there) ? undefined : { at: span.at, end: span.at };
  const inside = trimmed(other, span.at + before.length, span.end - after.length);
  if (group.length === 1) return inside;
  // Several places in one gap: the other text's text there cannot be given to one of them.
  let rest = other.slice(inside.at, inside.end);
  for (const piece of pieces.slice(1, -1)) rest = rest.replace(piece.trim(), '');
  return rest.trim() === '' ? { at: inside.at, end: inside.at } : undefined;
}

/**
 * Places (`group`, in gap `gap`) next to a token without a partner, in a stretch of `text` between the nearest
 * tokens that have one (or its ends), whose partners mark out a stretch of `other`: nothing there, or (`oneForOne`,
 * for a place alone in its gap) the token at the place's rank when the stretches read as words replaced one for one
 * (see the file comment); else undefined.
 */
function unaligned(aligned: Aligned, gap: number, group: readonly Span[]): Span | undefined {
  const { text, a, other, b, places, partner } = aligned;
  let left = gap - 1;
  let right = gap;
  while (left >= 0 && partner[left]! < 0) left--;
  while (right < a.length && partner[right]! < 0) right++;
  const from = left >= 0 ? b[partner[left]!]!.end : 0;
  const to = right < a.length ? b[partner[right]!]!.start : other.length;
  if (!CONTENT.test(other.slice(from, to))) return { at: from, end: from };
  if (!aligned.oneForOne || group.length > 1) return undefined;
  const place = group[0]!;
  const textFrom = left >= 0 ? a[left]!.end : 0;
  const textTo = right < a.length ? a[right]!.start : text.length;
  const units = [
    ...a.slice(left + 1, right).map((t) => t.start),
    ...places.filter((p) => p.at >= textFrom && p.end <= textTo).map((p) => p.at),
  ].sort((x, y) => x - y);
  const theirs = b.filter((t) => t.start >= from && t.end <= to);
  const k = units.indexOf(place.at);
  const next = (k === 0 && left >= 0) || (k === units.length - 1 && right < a.length);
  const han = [...a.slice(left + 1, right), ...theirs].some((t) => HAN.test(t.token));
  if (!next || han || units.length !== theirs.length) return undefined;
  return { at: theirs[k]!.start, end: theirs[k]!.end };
}

/** [from, to) of `text` without the spaces at either end. */
function trimmed(text: string, from: number, to: number): Span {
  let at = from;
  let end = to;
  while (at < end && /\s/.test(text[at]!)) at++;
  while (end > at && /\s/.test(text[end - 1]!)) end--;
  return { at, end };
}

/**
 * For each token of `a`, the index of its partner in `b` (-1: none), by a longest common subsequence of the tokens,
 * each matched as early as it can be; undefined beyond MAX_ALIGN_CELLS.
 */
function alignTokens(a: readonly TokenSpan[], b: readonly TokenSpan[]): number[] | undefined {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_ALIGN_CELLS) return undefined;
  const ka = a.map((t) => keyOf(t.token));
  const kb = b.map((t) => keyOf(t.token));
  // The common subsequence is at most min(n, m) ≤ 1,023 tokens under the cap: two bytes a cell.
  const lcs = new Uint16Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[at(i, j)] = ka[i] === kb[j] ? lcs[at(i + 1, j + 1)]! + 1 : Math.max(lcs[at(i + 1, j)]!, lcs[at(i, j + 1)]!);
    }
  }
  const partner = new Array<number>(n).fill(-1);
  for (let i = 0, j = 0; i < n && j < m;) {
    if (ka[i] === kb[j]) partner[i++] = j++;
    else if (lcs[at(i + 1, j)]! >= lcs[at(i, j + 1)]!) i++;
    else j++;
  }
  return partner;
}
