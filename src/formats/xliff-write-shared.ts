/**
 * What the XLIFF writers of both families share (xliff-write.ts for 1.2, xliff-write-2.ts for 2.x): the plan a
 * pretranslation hands them, and the splices that replace a target or remove mizan's earlier candidates.
 */
import type { XliffSegment, XliffUnit } from './xliff-model';
import { type XmlElement, spacePreserved } from './xliff-xml';
import { type Splice, gapStart, openForm, setAttributes } from './xliff-splice';
import { ACCEPTED, ORIGIN } from './xliff-marks';

export { ACCEPTED, ORIGIN } from './xliff-marks';

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
  /** The candidate written as the target (with `fill`): a 1.2 `seg-source` segment's record of it (ACCEPTED). */
  accepted?: Alternative;
  alternatives: Alternative[];
}

/**
 * Earlier mizan candidates of the segments being refilled: those of the unit's other segments (kept, confirmed)
 * stay, as the confirmed-target rule says. A candidate names its segment by 1.2 `mid`, 2.x `ref="#id"`; one naming
 * no segment of the unit left alone is replaced. A 1.2 record of mizan's fill (ACCEPTED) goes only with a new fill:
 * a segment looked up again without one keeps its text, which is still mizan's.
 */
export function oursToReplace(unit: XliffUnit, plans: readonly SegmentPlan[], elements: readonly XmlElement[]) {
  const planned = new Set(plans.map((plan) => plan.segment));
  const ids = (segments: readonly XliffSegment[]) =>
    new Set(segments.flatMap((s) => (s.segmentId === undefined ? [] : [s.segmentId])));
  const keptIds = ids(unit.segments.filter((s) => !planned.has(s)));
  const refilledIds = ids(plans.filter((plan) => plan.fill).map((plan) => plan.segment));
  const named = (el: XmlElement) => (el.attrs.ref?.startsWith('#') ? el.attrs.ref.slice(1) : el.attrs.mid);
  return elements.filter((el) => {
    if (el.attrs.origin !== ORIGIN) return false;
    const id = named(el);
    if (el.attrs.alttranstype === ACCEPTED && id !== undefined && !refilledIds.has(id)) return false;
    return id === undefined || !keptIds.has(id);
  });
}

/** Removes earlier mizan candidates with the whitespace before them. */
export function removeAll(raw: string, elements: readonly XmlElement[], splices: Splice[]): void {
  for (const el of elements) splices.push({ start: gapStart(raw, el), end: el.end, text: '' });
}

/** Replaces an existing target's content (and start-tag attributes); returns where it ends. */
export function replaceTarget(
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

/**
 * `xml:space="preserve"` for a target written with its source's outer whitespace (a source under preserve) where
 * preserve is not in force already: on the target as it exists, else inherited from `parent`, where a new one goes.
 * A source can say preserve on itself alone; its target, a sibling, then reads as default whitespace handling and a
 * tool trims the spaces copied into it (Translate Toolkit: `'  ملف  '` → `'File'`).
 */
export function targetSpace(
  preserve: boolean | undefined,
  target: XmlElement | undefined,
  parent: XmlElement,
): Record<string, string> {
  return preserve && !spacePreserved(target ?? parent) ? { 'xml:space': 'preserve' } : {};
}
