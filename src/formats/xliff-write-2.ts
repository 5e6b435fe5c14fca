/**
 * Writes a 2.x unit's pretranslations (see xliff-write.ts): each segment's target and `state` (its `subState`
 * removed), the unit's `mtc:matches` with mizan's candidates (a segment a match points at gets an `id`), a match whose
 * codes use `dataRef` carrying a copy of the unit's `originalData`.
 */
import { type XliffUnit, MATCHES_NS } from './xliff';
import { renderCandidate, renderContent } from './xliff-inline';
import { type XmlElement, prefixOf } from './xliff-xml';
import { type Splice, childGap, gapStart, leadingGap, setAttributes } from './xliff-splice';
import {
  type Alternative,
  type SegmentPlan,
  ORIGIN,
  oursToReplace,
  removeAll,
  replaceTarget,
  targetSpace,
} from './xliff-write-shared';

/** Splices a 2.x unit's plans; true when a target was written. */
export function unit2(raw: string, unit: XliffUnit, plans: SegmentPlan[], splices: Splice[], eol: string): boolean {
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
      const content = renderContent(plan.fill.text, plan.segment.codes, false, eol);
      const space = targetSpace(plan.segment.preserveSpace, target, el!);
      if (target) replaceTarget(raw, target, space, content, splices);
      else {
        const p = prefixOf(source);
        const text = `${childGap(raw, el!, source)}${setAttributes(`<${p}target>`, space)}${content}</${p}target>`;
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
    for (const alt of plan.alternatives)
      matches.push((prefix) => match2(raw, unit, { plan, alt, ref: ref!, eol }, prefix));
  }
  spliceMatches(raw, unit, plans, matches, splices);
  return filledAny;
}

function match2(
  raw: string,
  unit: XliffUnit,
  { plan, alt, ref, eol }: { plan: SegmentPlan; alt: Alternative; ref: string; eol: string },
  m: string,
): string {
  const source = plan.segment.elements.source;
  const p = prefixOf(source);
  const codes = plan.segment.codes;
  const sourceXml =
    alt.source === undefined ? raw.slice(source.openEnd, source.closeStart) : renderCandidate(alt.source, codes, eol);
  const targetXml = renderCandidate(alt.target, codes, eol);
  // A match sits in the unit, outside the segment: the segment's preserve does not reach it. Its target holds the
  // source's outer whitespace, and so does its source when it is the segment's own.
  const space = targetSpace(plan.segment.preserveSpace, undefined, unit.matches ?? unit.element);
  const sourceSpace = alt.source === undefined ? space : {};
  const data = unit.originalData;
  const originalData = data && /dataRef/.test(sourceXml + targetXml) ? compact(raw, data) : '';
  const type = alt.score > 100 ? 'icm' : 'tm';
  const attrs = `ref="#${ref}" type="${type}" similarity="${Math.min(alt.score, 100)}" origin="${ORIGIN}"`;
  const open = (name: string, attrs: Record<string, string>) => setAttributes(`<${p}${name}>`, attrs);
  const sourceEl = `${open('source', sourceSpace)}${sourceXml}</${p}source>`;
  const body = `${originalData}${sourceEl}${open('target', space)}${targetXml}</${p}target>`;
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
