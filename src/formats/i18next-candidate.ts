/**
 * One i18next source text drafted from its TM candidates (a key's value, a plural form, an ICU branch).
 *
 * A candidate's placeables are mapped onto the source's (i18next-placeables.ts), and one of the TM's source that the
 * source lacks gives way to the source's text, number or nothing at its place, as XLIFF's placeholders do
 * («انقر الزر» against «انقر {{button}}» / "Click {{button}}" gives "Click الزر", the text in `codeText`); one the
 * TM's target lacks takes the place of the number the TM had where the source has it (number-slots.ts). The
 * source's text written where the TM's unit had an inline code (tm-codes.ts: `أهلا __name__` read as text against a
 * unit with a code for the name) is put in too, and so is each printf placeholder of the TM's (`%s`, which i18next
 * does not know) that the source lacks: renamed to one of the source's, left out where the source has nothing, or
 * given way to the source's text or number at its place (xliff-printf.ts `settlePrintf`). A placeable of the source
 * still missing then is appended (i18next-complete.ts), as XLIFF completes a target: the draft is
 * `placeables-appended`, `appended` naming them — but for those the caller allows to be left out (a cardinal
 * zero/one/two form's `{{count}}`). Each of these is a repair, one point off. A candidate is refused when it has
 * placeables, codes or printf placeholders of the TM's whose place in the source cannot be told (`unmappable`: the
 * draft would lack the source's text there, or hold a placeable the app has no value for), or when the source's Trans
 * tags it lacks cannot be put back where the tags nest (`placeables-missing`). A source's own printf placeholders
 * (`انقر %s الآن`) are placeables like `{{x}}` (i18next-syntax.ts `withPrintf`): mapped, put at a number's place,
 * appended, or the candidate refused; `settlePrintf` then only sees the TM's that the source lacks.
 *
 * `min` applies to the score after repairs, as XLIFF applies it (xliff-best.ts): a candidate that its repairs take
 * below `min` is not looked at (refused or not), the next one taking its place, and a text left without any has no
 * match — the report never shows a draft below the `min` asked for. Of the candidates that can be written, the best
 * after its repairs is taken, the TM's order deciding ties, as XLIFF takes it: a 90 that lacks three placeables (87)
 * gives way to an 89 that has them.
 *
 * Plural forms: a candidate whose `{{count}}` took the place of a number the TM's unit held says which plural form
 * its target is: «لديك 5 رسائل» is Arabic's `few` (3–10), «لديك 20 رسالة» its `many`. Among the candidates that can
 * be written, the best whose number falls in the category being drafted (or that placed none) is taken; only when
 * each placed a number of another category is the best of them written. Without a number nothing in a unit says
 * which form it is, and the best candidate is taken for every category drafted from one source form.
 */
import {
  type PlaceableSyntax,
  checkI18nextPlaceables,
  findPlaceables,
  restore,
  protect,
  withPrintf,
} from './i18next-syntax';
import type { CandidateReport, KeyStatus } from './i18next-report';
import { appendPlaceables } from './i18next-complete';
import { mapCandidatePlaceables } from './i18next-placeables';
import { numberValue, placeAtNumbers } from './number-slots';
import { blankPlaceholders, settlePrintf } from './xliff-printf';
import type { Candidate } from './xliff-lookup';

export interface TextOptions {
  syntax: PlaceableSyntax;
  /** Lowest score after repairs a candidate is looked at with (see the file comment). */
  min: number;
  /** Placeables a draft may leave out (a cardinal zero/one/two form's number). */
  optional?: (placeable: string) => boolean;
  /** Placeables that stand for the plural's number (`{{count}}`, an ICU `#`). */
  isNumber?: (placeable: string) => boolean;
  /** Whether a number the TM's unit held where the source has its plural number suits the form drafted. */
  suits?: (n: number) => boolean;
}

/** A candidate as the draft of `source`: placeables mapped onto the source's, or refused (see the file comment). */
export function writeCandidate(
  source: string,
  placeables: readonly string[],
  candidate: Candidate,
  options: TextOptions,
): { report: CandidateReport; value?: string; suits: boolean } {
  const syntax = withPrintf(source, options.syntax);
  // The i18next placeables and the printf ones blanked out, so that none is taken for a word or a number.
  const blank = (text: string) => blankPlaceholders(text.replace(syntax.pattern, (p) => ' '.repeat(p.length)));
  const tmSource = candidate.sourceText;
  const mapped = mapCandidatePlaceables(placeables, tmSource, candidate.targetText, syntax, { query: source, blank });
  const restored = restore(mapped.text, placeables).text;
  const present = new Set(findPlaceables(restored, syntax));
  const slots = placeables
    .filter((p) => !present.has(p))
    .map((p) => ({ placeholder: p, at: source.indexOf(p) }))
    .filter((slot) => slot.at >= 0);
  const numbers = placeAtNumbers(blank(source), tmSource && blank(tmSource), restored, slots);
  // printf placeholders of the TM's (`%s`) where the source has text, a number or nothing (xliff-printf.ts).
  const printf = settlePrintf(source, numbers.text, tmSource, blank);
  const codeText = [...(candidate.tmOnly?.text ?? []), ...mapped.putIn, ...printf.putIn];
  const repairs =
    mapped.renamed +
    mapped.settled.length +
    numbers.placed.length +
    (candidate.tmOnly?.text.length ?? 0) +
    printf.changed.length;
  const report = (status: KeyStatus, appended: readonly string[], value: string): CandidateReport => {
    const score = Math.max(0, candidate.score - repairs - appended.length);
    return {
      status,
      score,
      ...(score !== candidate.score && { tmScore: candidate.score }),
      unitId: candidate.unitId,
      ...(codeText.length > 0 && { codeText }),
      ...(candidate.adapted !== undefined && { adapted: candidate.adapted }),
      ...(appended.length > 0 && { appended: [...appended] }),
      placeables: checkI18nextPlaceables(source, value, syntax),
    };
  };
  const suits = numbers.placed.every((fill) => {
    const at = fill.indexOf('→');
    if (!options.suits || !options.isNumber?.(fill.slice(at + 1))) return true;
    return options.suits(Number(numberValue(fill.slice(0, at))));
  });
  // A refused candidate is reported as the TM gave it, its check saying what it lacks and has too many of.
  if (mapped.unmappable.length > 0 || candidate.tmOnly?.unplaced || printf.unplaced)
    return { report: report('unmappable', [], printf.text), suits };
  // The source's placeables the draft still lacks, but for those it may leave out, put in (i18next-complete.ts).
  const missing = checkI18nextPlaceables(source, printf.text, syntax).missing.filter((p) => !options.optional?.(p));
  const value = appendPlaceables(source, printf.text, missing, syntax);
  if (value === undefined) return { report: report('placeables-missing', [], printf.text), suits };
  if (missing.length === 0) return { report: report('filled', [], value), value, suits };
  return { report: report('placeables-appended', missing, value), value, suits };
}

/**
 * Drafts one source text from its candidates (best first), those below `min` after their repairs left out: of those
 * that can be written, the best after repairs (the TM's order deciding ties) among those that suit the plural form,
 * else among all (see the file comment), else the first refused one's report; undefined when none is left.
 */
export async function draftText(
  source: string,
  lookup: (text: string) => Promise<Candidate[]>,
  options: TextOptions,
): Promise<{ report: CandidateReport; value?: string } | undefined> {
  const { placeables } = protect(source, withPrintf(source, options.syntax));
  type Written = { report: CandidateReport; value: string };
  let suited: Written | undefined;
  let written: Written | undefined;
  let refused: { report: CandidateReport } | undefined;
  const better = (a: Written | undefined, b: Written) => (!a || b.report.score! > a.report.score! ? b : a);
  for (const candidate of await lookup(source)) {
    const draft = writeCandidate(source, placeables, candidate, options);
    if (draft.report.score! < options.min) continue;
    if (draft.value === undefined) refused ??= draft;
    else if (draft.suits) suited = better(suited, { report: draft.report, value: draft.value });
    else written = better(written, { report: draft.report, value: draft.value });
  }
  return suited ?? written ?? refused;
}
