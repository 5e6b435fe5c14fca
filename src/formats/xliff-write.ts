/**
 * Writes pretranslations into an XLIFF file by splicing: new or changed targets, their `state` attributes, and the
 * candidates (1.2 `alt-trans`, 2.x `mtc:matches`) go into the original text; every other character stays as it was.
 *
 * Where things go: a 1.2 target right after `source` (or `seg-source`), `alt-trans` right after the target (the
 * schema allows them anywhere after it); a 2.x target right after its segment's `source`, `mtc:matches` as the
 * unit's first child (the schema puts extension elements before `notes`). New elements copy the indentation of
 * their neighbours. Candidates a previous run wrote (`origin="mizan"`) for the segments refilled are replaced (those
 * of the unit's kept segments stay), other tools' are kept. A 2.x
 * file without `trgLang` gets it on its root once a target is written, as 2.x requires it wherever a `<target>` is
 * (XLIFF 2.0 §4.2.2.1); a 1.2 `file` without `target-language` is left so, the attribute being optional there
 * whatever the targets. A 2.x segment a match must point at gets an `id` if it has none; one mizan sets the `state`
 * of loses its `subState` (another tool's word on the old state). A 1.2 unit with
 * `approved="yes"` that gets a target says `approved="no"`: a TM fill is never approved.
 */
import type { XliffDocument, XliffSegment, XliffUnit } from './xliff';
import { hasText, renderCandidate, renderContent } from './xliff-inline';
import { type XmlElement, prefixOf } from './xliff-xml';
import { type Splice, applySplices, childGap, openForm, setAttributes } from './xliff-splice';
import { unit2 } from './xliff-write-2';
import {
  type Alternative,
  type SegmentPlan,
  ACCEPTED,
  ORIGIN,
  oursToReplace,
  removeAll,
  replaceTarget,
  targetSpace,
} from './xliff-write-shared';

export { type Alternative, type SegmentPlan, ORIGIN } from './xliff-write-shared';

/** Splices the plans into the document's text. `tgtLang` is written where a 2.x file declares no `trgLang`. */
export function spliceXliff(doc: XliffDocument, plans: readonly SegmentPlan[], tgtLang: string): string {
  const byUnit = new Map<XliffUnit, SegmentPlan[]>();
  const unitOf = new Map<XliffSegment, XliffUnit>();
  for (const unit of doc.units) for (const s of unit.segments) unitOf.set(s, unit);
  for (const plan of plans) {
    const unit = unitOf.get(plan.segment);
    if (!unit) continue;
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), plan]);
  }
  const splices: Splice[] = [];
  // The file's line ending (its first), for the line breaks of the texts written.
  const eol = /\r?\n/.exec(doc.text)?.[0] ?? '\n';
  const filledFiles = new Set<XmlElement>();
  for (const [unit, unitPlans] of byUnit) {
    const filled =
      doc.family === 1
        ? unit1(doc.text, unit, unitPlans, splices, eol)
        : unit2(doc.text, unit, unitPlans, splices, eol);
    if (filled) filledFiles.add(unit.file);
  }
  for (const file of doc.family === 2 ? filledFiles : []) {
    if (file.attrs.trgLang !== undefined) continue;
    const tag = doc.text.slice(file.start, file.openEnd);
    splices.push({ start: file.start, end: file.openEnd, text: setAttributes(tag, { trgLang: tgtLang }) });
  }
  return applySplices(doc.text, splices);
}

function unit1(raw: string, unit: XliffUnit, plans: SegmentPlan[], splices: Splice[], eol: string): boolean {
  const p = prefixOf(unit.element);
  const anchor = unit.segSource ?? unit.source!;
  const gap = childGap(raw, unit.element, anchor);
  removeAll(raw, oursToReplace(unit, plans, unit.altTrans), splices);
  const segmented = unit.segSource !== undefined && unit.segments.some((s) => s.segmentId !== undefined);
  // A segment's record of the candidate written into it (see xliff-marks.ts) goes before its suggestions.
  const alts = plans.flatMap((plan) => {
    const mid = segmented ? plan.segment.segmentId : undefined;
    const at = { mid, eol, space: targetSpace(plan.segment.preserveSpace, undefined, unit.element) };
    const record = mid !== undefined && plan.fill && plan.accepted ? [altTrans(p, plan, plan.accepted, at, true)] : [];
    return [...record, ...plan.alternatives.map((alt) => altTrans(p, plan, alt, at))];
  });
  const filled = plans.filter((plan) => plan.fill);
  let after = (unit.target ?? anchor).end;
  let inserted = '';
  if (filled.length > 0) {
    const content = segmented
      ? segmentedTarget(raw, unit, plans, eol)
      : renderContent(filled[0]!.fill!.text, filled[0]!.segment.codes, false, eol);
    const state = segmented ? combinedState(unit, plans) : filled[0]!.fill!;
    const attrs: Record<string, string> = {
      ...(state && { state: state.state, 'state-qualifier': state.stateQualifier! }),
      ...targetSpace(
        filled.some((plan) => plan.segment.preserveSpace),
        unit.target,
        unit.element,
      ),
    };
    if (unit.target) after = replaceTarget(raw, unit.target, attrs, content, splices);
    else inserted = `${gap}${setAttributes(`<${p}target>`, attrs)}${content}</${p}target>`;
    // A person's approval was not given to a TM fill: the unit says so (1.2 allows "no"; the next run may refill).
    const el = unit.element;
    if (el.attrs.approved === 'yes') {
      const tag = setAttributes(raw.slice(el.start, el.openEnd), { approved: 'no' });
      splices.push({ start: el.start, end: el.openEnd, text: tag });
    }
  }
  const text = inserted + alts.map((alt) => gap + alt).join('');
  if (text) splices.push({ start: after, end: after, text });
  return filled.length > 0;
}

/**
 * A 1.2 `alt-trans`: a suggestion, or (`accepted`) the record of the candidate written into a `seg-source` segment,
 * its target as the segment's marker holds it.
 */
function altTrans(
  p: string,
  plan: SegmentPlan,
  alt: Alternative,
  { mid, eol, space }: { mid: string | undefined; eol: string; space: Record<string, string> },
  accepted = false,
) {
  const codes = plan.segment.codes;
  const source = alt.source === undefined ? '' : `<${p}source>${renderCandidate(alt.source, codes, eol)}</${p}source>`;
  const type = accepted ? `alttranstype="${ACCEPTED}" ` : '';
  const attrs = `${type}match-quality="${alt.score}" origin="${ORIGIN}"${mid === undefined ? '' : ` mid="${mid}"`}`;
  const text = accepted ? renderContent(alt.target, codes, false, eol) : renderCandidate(alt.target, codes, eol);
  const target = setAttributes(`<${p}target>`, space);
  return `<${p}alt-trans ${attrs}>${source}${target}${text}</${p}target></${p}alt-trans>`;
}

/**
 * 1.2 `seg-source` unit: each segment's `mrk` holds its new or kept text. A target that has a `mrk` for every
 * segment gets the new texts spliced into those, every other character of it kept; otherwise the target is built
 * on `seg-source`, whose text between the segments it copies.
 */
function segmentedTarget(raw: string, unit: XliffUnit, plans: SegmentPlan[], eol: string): string {
  const target = unit.target;
  const own = target !== undefined && !target.selfClosing && unit.segments.every((s) => s.elements.target);
  const outer = own ? target : unit.segSource!;
  const inner: Splice[] = [];
  for (const segment of unit.segments) {
    const plan = plans.find((pl) => pl.segment === segment);
    const kept = segment.elements.target;
    if (own && !plan?.fill) continue;
    const mark = own ? kept! : segment.elements.source;
    const text = plan?.fill
      ? renderContent(plan.fill.text, segment.codes, false, eol)
      : kept && !kept.selfClosing
        ? raw.slice(kept.openEnd, kept.closeStart)
        : '';
    const tag = raw.slice(mark.start, mark.openEnd);
    const start = mark.start - outer.openEnd;
    inner.push({ start, end: mark.end - outer.openEnd, text: `${openForm(tag)}${text}</${mark.name}>` });
  }
  return applySplices(raw.slice(outer.openEnd, outer.closeStart), inner);
}

/**
 * One state for a segmented 1.2 unit: `translated` only when every segment got an exact match; a fuzzy fill puts the
 * unit in review. Exact fills next to segments kept with their text (someone's) leave the target's state as it was
 * (undefined): it speaks for the kept segments, and `needs-review` would call their text unreviewed for no reason.
 */
function combinedState(unit: XliffUnit, plans: SegmentPlan[]): { state: string; stateQualifier: string } | undefined {
  const filled = plans.filter((plan) => plan.fill);
  const exact = filled.every((plan) => plan.fill!.state === 'translated');
  const kept = unit.segments.some((s) => !plans.some((plan) => plan.segment === s) && hasText(s.target));
  if (exact && kept) return undefined;
  if (exact && filled.length === unit.segments.length) return { state: 'translated', stateQualifier: 'exact-match' };
  return { state: 'needs-review-translation', stateQualifier: exact ? 'exact-match' : 'fuzzy-match' };
}
