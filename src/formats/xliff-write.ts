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
import { type XliffSegment, type XliffUnit, type XliffDocument, MATCHES_NS } from './xliff';
import { hasText, renderCandidate, renderContent } from './xliff-inline';
import { type XmlElement, prefixOf } from './xliff-xml';
import { type Splice, applySplices, childGap, gapStart, leadingGap, openForm, setAttributes } from './xliff-splice';

export const ORIGIN = 'mizan';

export interface Alternative {
  score: number;
  /** The TM's source, placeables numbered like the segment's codes (optional in 1.2, the segment's own if absent). */
  source?: string;
  target: string;
}

export interface SegmentPlan {
  segment: XliffSegment;
  /** New target text (placeables = the segment's codes) and its state (1.2: with a state-qualifier). */
  fill?: { text: string; state: string; stateQualifier?: string };
  alternatives: Alternative[];
}

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
  const filledFiles = new Set<XmlElement>();
  for (const [unit, unitPlans] of byUnit) {
    const filled =
      doc.family === 1 ? unit1(doc.text, unit, unitPlans, splices) : unit2(doc.text, unit, unitPlans, splices);
    if (filled) filledFiles.add(unit.file);
  }
  for (const file of doc.family === 2 ? filledFiles : []) {
    if (file.attrs.trgLang !== undefined) continue;
    const tag = doc.text.slice(file.start, file.openEnd);
    splices.push({ start: file.start, end: file.openEnd, text: setAttributes(tag, { trgLang: tgtLang }) });
  }
  return applySplices(doc.text, splices);
}

/**
 * Earlier mizan candidates of the segments being refilled: those of the unit's other segments (kept, confirmed)
 * stay, as the confirmed-target rule says. A candidate names its segment by 1.2 `mid`, 2.x `ref="#id"`; one naming
 * no segment of the unit left alone is replaced.
 */
function oursToReplace(unit: XliffUnit, plans: readonly SegmentPlan[], elements: readonly XmlElement[]) {
  const planned = new Set(plans.map((plan) => plan.segment));
  const keptIds = new Set(
    unit.segments.filter((s) => !planned.has(s)).flatMap((s) => (s.segmentId === undefined ? [] : [s.segmentId])),
  );
  const named = (el: XmlElement) => (el.attrs.ref?.startsWith('#') ? el.attrs.ref.slice(1) : el.attrs.mid);
  return elements.filter((el) => {
    if (el.attrs.origin !== ORIGIN) return false;
    const id = named(el);
    return id === undefined || !keptIds.has(id);
  });
}

/** Removes earlier mizan candidates with the whitespace before them. */
function removeAll(raw: string, elements: readonly XmlElement[], splices: Splice[]): void {
  for (const el of elements) splices.push({ start: gapStart(raw, el), end: el.end, text: '' });
}

/** Replaces an existing target's content (and start-tag attributes); returns where it ends. */
function replaceTarget(
  raw: string,
  target: XmlElement,
  attrs: Record<string, string>,
  content: string,
  splices: Splice[],
) {
  const tag = setAttributes(raw.slice(target.start, target.openEnd), attrs);
  if (target.selfClosing) {
    splices.push({ start: target.start, end: target.end, text: `${openForm(tag)}${content}</${target.name}>` });
  } else {
    splices.push({ start: target.start, end: target.openEnd, text: tag });
    splices.push({ start: target.openEnd, end: target.closeStart, text: content });
  }
  return target.end;
}

function unit1(raw: string, unit: XliffUnit, plans: SegmentPlan[], splices: Splice[]): boolean {
  const p = prefixOf(unit.element);
  const anchor = unit.segSource ?? unit.source!;
  const gap = childGap(raw, unit.element, anchor);
  removeAll(raw, oursToReplace(unit, plans, unit.altTrans), splices);
  const segmented = unit.segSource !== undefined && unit.segments.some((s) => s.segmentId !== undefined);
  const alts = plans.flatMap((plan) =>
    plan.alternatives.map((alt) => altTrans(p, plan, alt, segmented ? plan.segment.segmentId : undefined)),
  );
  const filled = plans.filter((plan) => plan.fill);
  let after = (unit.target ?? anchor).end;
  let inserted = '';
  if (filled.length > 0) {
    const content = segmented
      ? segmentedTarget(raw, unit, plans)
      : renderContent(filled[0]!.fill!.text, filled[0]!.segment.codes);
    const state = segmented ? combinedState(unit, plans) : filled[0]!.fill!;
    const attrs: Record<string, string> = state ? { state: state.state, 'state-qualifier': state.stateQualifier! } : {};
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

function altTrans(p: string, plan: SegmentPlan, alt: Alternative, mid: string | undefined): string {
  const codes = plan.segment.codes;
  const source = alt.source === undefined ? '' : `<${p}source>${renderCandidate(alt.source, codes)}</${p}source>`;
  const attrs = `match-quality="${alt.score}" origin="${ORIGIN}"${mid === undefined ? '' : ` mid="${mid}"`}`;
  const target = `<${p}target>${renderCandidate(alt.target, codes)}</${p}target>`;
  return `<${p}alt-trans ${attrs}>${source}${target}</${p}alt-trans>`;
}

/**
 * 1.2 `seg-source` unit: each segment's `mrk` holds its new or kept text. A target that has a `mrk` for every
 * segment gets the new texts spliced into those, every other character of it kept; otherwise the target is built
 * on `seg-source`, whose text between the segments it copies.
 */
function segmentedTarget(raw: string, unit: XliffUnit, plans: SegmentPlan[]): string {
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
      ? renderContent(plan.fill.text, segment.codes)
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

function unit2(raw: string, unit: XliffUnit, plans: SegmentPlan[], splices: Splice[]): boolean {
  const ids = idsIn(unit.element);
  const matches: Array<(prefix: string) => string> = [];
  let filledAny = false;
  for (const plan of plans) {
    const { segment: el, source, target } = plan.segment.elements;
    const segAttrs: Record<string, string | undefined> = {};
    let ref = el!.attrs.id;
    if (plan.alternatives.length > 0 && ref === undefined) {
      ref = freshId(ids);
      segAttrs.id = ref;
    }
    if (plan.fill) {
      filledAny = true;
      segAttrs.state = plan.fill.state;
      // A subState refines the state in another tool's terms, for a text that is no longer there.
      if (el!.attrs.subState !== undefined) segAttrs.subState = undefined;
      const content = renderContent(plan.fill.text, plan.segment.codes);
      if (target) replaceTarget(raw, target, {}, content, splices);
      else {
        const p = prefixOf(source);
        const text = `${childGap(raw, el!, source)}<${p}target>${content}</${p}target>`;
        splices.push({ start: source.end, end: source.end, text });
      }
    }
    if (Object.keys(segAttrs).length > 0) {
      splices.push({
        start: el!.start,
        end: el!.openEnd,
        text: setAttributes(raw.slice(el!.start, el!.openEnd), segAttrs),
      });
    }
    for (const alt of plan.alternatives) matches.push((prefix) => match2(raw, unit, plan, alt, ref!, prefix));
  }
  spliceMatches(raw, unit, plans, matches, splices);
  return filledAny;
}

function match2(raw: string, unit: XliffUnit, plan: SegmentPlan, alt: Alternative, ref: string, m: string): string {
  const source = plan.segment.elements.source;
  const p = prefixOf(source);
  const codes = plan.segment.codes;
  const sourceXml =
    alt.source === undefined ? raw.slice(source.openEnd, source.closeStart) : renderCandidate(alt.source, codes);
  const targetXml = renderCandidate(alt.target, codes);
  const data = unit.originalData;
  const originalData = data && /dataRef/.test(sourceXml + targetXml) ? compact(raw, data) : '';
  const type = alt.score > 100 ? 'icm' : 'tm';
  const attrs = `ref="#${ref}" type="${type}" similarity="${Math.min(alt.score, 100)}" origin="${ORIGIN}"`;
  const body = `${originalData}<${p}source>${sourceXml}</${p}source><${p}target>${targetXml}</${p}target>`;
  return `<${m}match ${attrs}>${body}</${m}match>`;
}

/** An element on one line: its tags and its child elements as written, without the whitespace between them. */
function compact(raw: string, el: XmlElement): string {
  const children = el.children.filter((c): c is XmlElement => typeof c !== 'string');
  const inner = children.map((c) => raw.slice(c.start, c.end)).join('');
  return `${raw.slice(el.start, el.openEnd)}${inner}${raw.slice(el.closeStart, el.end)}`;
}

/**
 * Puts 2.x matches into the unit's `mtc:matches` (replacing earlier mizan ones of the refilled segments), creating it
 * if needed.
 */
function spliceMatches(
  raw: string,
  unit: XliffUnit,
  plans: readonly SegmentPlan[],
  matches: Array<(prefix: string) => string>,
  splices: Splice[],
) {
  const existing = unit.matches;
  if (existing && !existing.selfClosing) {
    const children = existing.children.filter((c): c is XmlElement => typeof c !== 'string');
    const ours = oursToReplace(unit, plans, children);
    if (matches.length === 0 && ours.length === children.length && ours.length > 0) {
      splices.push({ start: gapStart(raw, existing), end: existing.end, text: '' });
      return;
    }
    removeAll(raw, ours, splices);
    const last = children[children.length - 1];
    const gap = childGap(raw, existing) || leadingGap(raw, existing);
    const prefix = prefixOf(existing);
    const at = last ? last.end : existing.openEnd;
    splices.push({ start: at, end: at, text: matches.map((m) => gap + m(prefix)).join('') });
    return;
  }
  if (matches.length === 0) return;
  const gap = childGap(raw, unit.element);
  const inner = matches.map((m) => `${gap}  ${m('mtc:')}`).join('');
  const declare = mtcBound(unit.element) ? '' : ` xmlns:mtc="${MATCHES_NS}"`;
  const text = `${gap}<mtc:matches${declare}>${inner}${gap}</mtc:matches>`;
  splices.push({ start: unit.element.openEnd, end: unit.element.openEnd, text });
}

/** The `mtc` prefix already means the matches namespace here (declared on the unit or an ancestor). */
function mtcBound(el: XmlElement | undefined): boolean {
  for (; el; el = el.parent) {
    const bound = el.attrs['xmlns:mtc'];
    if (bound !== undefined) return bound === MATCHES_NS;
  }
  return false;
}

function idsIn(el: XmlElement, out = new Set<string>()): Set<string> {
  if (el.attrs.id !== undefined) out.add(el.attrs.id);
  for (const child of el.children) if (typeof child !== 'string') idsIn(child, out);
  return out;
}

function freshId(ids: Set<string>): string {
  let n = 1;
  while (ids.has(`s${n}`)) n++;
  ids.add(`s${n}`);
  return `s${n}`;
}
