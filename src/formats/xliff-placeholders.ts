/**
 * An XLIFF segment's placeholders (xliff-printf.ts finds them as the completion does: printf's `%s`, `%1$d`,
 * `%(name)s`, `%@`, and the i18next-style `{{x}}`, `{x}`, `${x}`, `$t(key)`; `%%` is a literal percent sign) are
 * placeables to the TM, as inline codes are: no word in a score, as the i18next route holds its own
 * (i18next-lookup.ts). Sent as written, «مرحبا بكم في موقعنا الجديد {{name}}» was six words to the matcher, "name"
 * the sixth, and scored 83 against a unit without the placeholder (82 once it was put back: band 75–84), where the
 * same segment with a `<ph>` there scored 97 (95–99): a job was priced, and filled, below what the TM holds. So was
 * a po2xliff (gettext) segment's `%s`: the word "s" to the matcher, `%1$s` the words "1" and "s".
 *
 * Each segment with such placeholders is looked up in two forms, as an i18next value is:
 * 1. protected: each placeholder as a private-use character after the segment's codes (U+E000 + codes + j), at `min`
 *    lowered to what the matcher gives a unit that is the text with every placeholder named otherwise
 *    (`retrievalMin`, not below 50), so that step 3 sees such a unit; a candidate's codes paired with them (the
 *    service renumbers the TM's codes onto the query's, tm-codes.ts) are written back as the segment's
 *    placeholders, so the target and the TM's source shown carry them as text, as the rest of the pipeline expects;
 * 2. as written, at `min`: a unit that holds the placeholders as text (added by hand, po2tmx) matches its words.
 *    Its candidates the matcher adapted (numbers only differ) are left out when the unit's placeholders are not the
 *    segment's, in order: `{1}` for `{0}`, `%2$s` for `%1$s`, is a number to the matcher, renamed unseen; the
 *    protected form finds such a unit and the completion counts the renaming.
 * 3. A candidate whose TM source, its placeholders as text paired with the segment's (`pairSourcePlaceholders`,
 *    printf ones included: `مرحبا %s` for `مرحبا {{name}}`), is the protected text (NFC, trimmed) scores
 *    100: the unit is the segment's text but for its placeholders, as a unit with codes numbered apart is. The
 *    completion renames the target's placeholder (xliff-printf.ts), one point off: `{{name}}` for `%s` gives 99.
 * 4. A unit found in both forms is taken once, at the better score (the protected form's on a tie); the best `limit`
 *    at or above `min` are kept, best first.
 * A segment without a word outside its codes and placeholders is not looked up (plainText: nothing to match on).
 */
import { retrievalMin } from './i18next-lookup';
import { MAX_PLACEABLES, placeableChar, placeableIndex } from './xliff-inline';
import { type BatchLookup, type Candidate, type Lookups, type LookupQuery, oneByOne } from './xliff-lookup';
import { findPrintf, replacePrintf } from './xliff-printf';

const PUA = /[\uE000-\uF8FF]/g;

export interface ProtectedText {
  /** The text with each placeholder as U+E000 + base + j. */
  text: string;
  /** The placeholders, in order: j-th at U+E000 + base + j. */
  placeholders: string[];
  /** The first index after the text's codes. */
  base: number;
}

/** The text's placeholders (`%%` is none) as private-use characters numbered after its codes (step 1). */
export function protectPlaceholders(text: string): ProtectedText {
  let base = 0;
  for (const code of text.match(PUA) ?? []) base = Math.max(base, placeableIndex(code) + 1);
  const placeholders: string[] = [];
  const out = replacePrintf(text, (p) => {
    if (base + placeholders.length >= MAX_PLACEABLES) return p;
    placeholders.push(p);
    return placeableChar(base + placeholders.length - 1);
  });
  return { text: out, placeholders, base };
}

/** A text with the placeholders' private-use characters written back as the placeholders. */
function restoreText(text: string, { placeholders, base }: ProtectedText): string {
  return text.replace(PUA, (char) => placeholders[placeableIndex(char) - base] ?? char);
}

const same = (a: string, b: string) => a.normalize('NFC').trim() === b.normalize('NFC').trim();

/**
 * The TM's source with its placeholders as text written as the segment's private-use characters they pair with
 * (step 3): one the segment has as a placeable with the same text, else the next placeable the source holds neither
 * as text nor as a code, in order; one left without a partner stays as written.
 */
export function pairSourcePlaceholders(tmSource: string, query: ProtectedText): string {
  const { placeholders, base } = query;
  const taken = new Set<number>();
  for (const char of tmSource.match(PUA) ?? []) taken.add(placeableIndex(char) - base);
  const partner = findPrintf(tmSource).map((p) => {
    const j = placeholders.findIndex((q, i) => q === p && !taken.has(i));
    if (j >= 0) taken.add(j);
    return j;
  });
  partner.forEach((j, n) => {
    const free = j === -1 ? placeholders.findIndex((_, i) => !taken.has(i)) : -1;
    if (free < 0) return;
    partner[n] = free;
    taken.add(free);
  });
  let n = 0;
  return replacePrintf(tmSource, (p) => {
    const j = partner[n++]!;
    return j >= 0 ? placeableChar(base + j) : p;
  });
}

/** The score of a candidate with the segment's placeholders held as placeables (step 3). */
export function placeholderScore(query: ProtectedText, candidate: Candidate): number {
  // A unit with a code the query lacks is not the query, whatever its words (tm-codes.ts).
  if (candidate.score >= 100 || candidate.sourceText === undefined || candidate.tmOnly) return candidate.score;
  return same(pairSourcePlaceholders(candidate.sourceText, query), query.text) ? 100 : candidate.score;
}

/** A text's placeholders, printf ones included, as one string (in order). */
const placeholdersOf = (text: string) => findPrintf(text).join('\u0000');

/** The lookups of XLIFF segments with their placeholders held as placeables (see the file comment). */
export function placeholderLookups(lookups: Lookups): { batch: BatchLookup; size: number } {
  const { batch, size } = typeof lookups === 'function' ? { batch: oneByOne(lookups), size: 1 } : lookups;
  const plan = (query: LookupQuery) => {
    const held = protectPlaceholders(query.text);
    if (held.placeholders.length === 0)
      return { asked: [query], settle: (answers: (readonly Candidate[])[]) => answers[0] ?? [] };
    const { min, limit } = query.context;
    const low = retrievalMin(query.text, held.text, min);
    if (low === undefined) return { asked: [], settle: () => [] };
    const written = placeholdersOf(query.text);
    const settle = ([coded = [], literal = []]: (readonly Candidate[])[]) => {
      const best = new Map<string, Candidate>();
      const consider = (candidate: Candidate, score: number) => {
        const kept = best.get(candidate.unitId);
        if (score >= min && (!kept || score > kept.score)) best.set(candidate.unitId, { ...candidate, score });
      };
      for (const c of coded) {
        const restored = {
          ...c,
          targetText: restoreText(c.targetText, held),
          ...(c.sourceText !== undefined && { sourceText: restoreText(c.sourceText, held) }),
        };
        consider(restored, placeholderScore(held, c));
      }
      for (const c of literal) {
        if (c.adapted !== undefined && placeholdersOf(c.sourceText ?? '') !== written) continue;
        consider(c, placeholderScore(held, c));
      }
      return [...best.values()].sort((a, b) => b.score - a.score).slice(0, limit);
    };
    return { asked: [{ ...query, text: held.text, context: { ...query.context, min: low } }, query], settle };
  };
  return {
    size,
    // Up to two lookups per query (a batch of `size` asks the TM up to twice as many): kept whole, in order.
    batch: async (queries) => {
      const plans = queries.map(plan);
      const asked = plans.flatMap((p) => p.asked);
      const answers = asked.length === 0 ? [] : await batch(asked);
      let at = 0;
      return plans.map((p) => p.settle(answers.slice(at, (at += p.asked.length))));
    },
  };
}
