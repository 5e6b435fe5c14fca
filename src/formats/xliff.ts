/**
 * Reads XLIFF 1.x (1.0–1.2, also the 1.1 that Translate Toolkit writes) and 2.x (2.0, 2.1, 2.2) into translatable
 * segments, each with its source as text + placeables, its target, state, and the elements (with their offsets in
 * the original text) that `xliff-write.ts` splices into. Pure: no matcher, no store.
 *
 * 1.x: `file` → `body` → `group`* → `trans-unit` (skipped with `translate="no"`, inherited from `group`, and when it
 * is a PO header, see NOT_TEXT_RESTYPES); one segment per unit, or one per `<mrk mtype="seg">` of its `seg-source`.
 * 2.x: `file` → `group`* → `unit` → `segment` (not `ignorable`); `translate="no"` on file, group or unit skips it.
 */
import { ErrorCode, MizanError } from '../errors';
import { type XliffContent, flattenContent, hasText, renderContent } from './xliff-inline';
import { ACCEPTED, ORIGIN } from './xliff-marks';
import type { XliffDocument, XliffSegment, XliffUnit } from './xliff-model';
import { type XmlElement, childElements, decodeXml, parseXmlTree, spacePreserved } from './xliff-xml';

export type { XliffDocument, XliffSegment, XliffUnit } from './xliff-model';

export const MATCHES_NS = 'urn:oasis:names:tc:xliff:matches:2.0';
const XLIFF_1_NS = /^urn:oasis:names:tc:xliff:document:1\.[012]$/;
const XLIFF_2_NS = /^urn:oasis:names:tc:xliff:document:2\.\d$/;

/**
 * Target states that mean a person (or an exact match) finished the translation: a pretranslation leaves such a
 * target alone unless asked to overwrite. 1.2: `translated`, `signed-off`, `final` (the `needs-*` states and `new`
 * are the tool's to refill), and `approved="yes"` confirms any state. 2.x: `translated`, `reviewed`, `final` — 2.x
 * has no "needs review" state, so a fuzzy match goes in as `initial` and `translated` is how a translator marks
 * finished work. In both, a target with text and no `state` is someone's translation and counts as confirmed (1.2:
 * unless its unit says `approved="no"`); an explicit `initial` (2.x) or `new`/`needs-*` (1.2) may be refilled.
 * A target without text (whitespace and empty inline elements only: see hasText) is never confirmed; in a 1.2
 * `seg-source` unit this holds per segment, for the target's `<mrk mtype="seg">` of that segment, and a segment
 * with text counts as confirmed, whatever the unit's state, unless mizan's record says mizan wrote that text there
 * (see draftedByMizan): the unit's one state speaks for all its segments, so after a fuzzy fill of one it says
 * `needs-review-translation` over a translator's segment next to it.
 */
export const CONFIRMED_STATES: Record<1 | 2, ReadonlySet<string>> = {
  1: new Set(['translated', 'signed-off', 'final']),
  2: new Set(['translated', 'reviewed', 'final']),
};

/**
 * 1.x `restype` values of units that hold no text to translate. XLIFF 1.2 itself marks untranslatable units only
 * with `translate="no"` (on `group`, `trans-unit`, `bin-unit`; `bin-unit`s are never read here) and untranslatable
 * inline spans with `<mrk mtype="protected">`; Translate Toolkit's po2xliff writes the PO header (its
 * `Project-Id-Version: …` metadata) as a unit with this restype and no `translate="no"`. Not a segment: it is
 * neither counted by an analysis nor filled by a pretranslation (the unit stays in the file as it was).
 */
export const NOT_TEXT_RESTYPES: ReadonlySet<string> = new Set(['x-gettext-domain-header']);

/**
 * The elements whose text the reader looks at (flattenContent: sources, targets, segmented sources, and what they
 * hold). Every other text of the file stays only in the original string, which the writer splices.
 */
const CONTENT_ELEMENTS: ReadonlySet<string> = new Set(['source', 'target', 'seg-source']);

interface Walk {
  raw: string;
  ns: string;
  family: 1 | 2;
  units: XliffUnit[];
  segments: XliffSegment[];
  /** The place of the `<file>` being read among the document's. */
  fileIndex: number;
}

/** Parses an XLIFF file (bytes in UTF-8/UTF-16, or a string). Throws the XML_*, XLIFF_* errors. */
export function parseXliff(input: string | Uint8Array): XliffDocument {
  const { text, encoding, bom } = decodeXml(input);
  const root = parseXmlTree(text, { textIn: CONTENT_ELEMENTS });
  const version = root.attrs.version ?? '';
  const family = familyOf(root, version);
  const walk: Walk = { raw: text, ns: root.uri, family, units: [], segments: [], fileIndex: 0 };
  const files = core(walk, root, 'file');
  for (const [i, file] of files.entries()) {
    walk.fileIndex = i;
    if (family === 2) walk2(walk, file, root, file.attrs.translate !== 'no');
    else for (const body of core(walk, file, 'body')) walk1(walk, body, file, file.attrs.translate !== 'no');
  }
  if (walk.units.length === 0) throw new MizanError(ErrorCode.XLIFF_NO_SOURCES, { where: 'no units' });
  // Arrays grown by push keep room for more: a unit's list of segments is complete now (a large file has many).
  for (const unit of walk.units) unit.segments = unit.segments.slice();
  const first = family === 1 ? files[0] : root;
  const srcLang = (family === 1 ? first?.attrs['source-language'] : root.attrs.srcLang) ?? '';
  const tgtLang = family === 1 ? first?.attrs['target-language'] : root.attrs.trgLang;
  return {
    version,
    family,
    srcLang,
    ...(tgtLang !== undefined && { tgtLang }),
    text,
    encoding,
    bom,
    root,
    files: family === 1 ? files : [root],
    units: walk.units,
    segments: walk.segments,
  };
}

/**
 * Child elements in the document's XLIFF namespace. 1.x documents accept every 1.x namespace: Translate Toolkit,
 * given a 1.2 template, writes its units in the 1.1 namespace inside the 1.2 file.
 */
function core(w: Walk, el: XmlElement, local?: string): XmlElement[] {
  return childElements(el, local).filter((c) => c.uri === w.ns || (w.family === 1 && XLIFF_1_NS.test(c.uri)));
}

function familyOf(root: XmlElement, version: string): 1 | 2 {
  // The version must agree with the namespace: a "3.0" or "2.9" in the 2.0 namespace is a file this reader does not
  // know. 1.0 and 1.1 read as 1.2 (Translate Toolkit's po2xliff writes 1.1); 2.1 and 2.2 extend 2.0 compatibly.
  if (root.local === 'xliff') {
    if (XLIFF_2_NS.test(root.uri) && /^2\.[012]$/.test(version)) return 2;
    if ((XLIFF_1_NS.test(root.uri) || root.uri === '') && /^1\.[012]$/.test(version)) return 1;
  }
  const found = root.local === 'xliff' ? `version="${version}" ${root.uri || 'without namespace'}` : `<${root.name}>`;
  throw new MizanError(ErrorCode.XLIFF_VERSION_UNSUPPORTED, { found });
}

function noSource(kind: string, id: string): MizanError {
  return new MizanError(ErrorCode.XLIFF_NO_SOURCES, { where: `${kind} "${id}" has no <source>` });
}

function walk1(w: Walk, parent: XmlElement, file: XmlElement, translate: boolean): void {
  for (const el of core(w, parent)) {
    const marked = el.attrs.translate === undefined ? translate : el.attrs.translate !== 'no';
    const here = marked && !NOT_TEXT_RESTYPES.has(el.attrs.restype ?? '');
    if (el.local === 'group') walk1(w, el, file, here);
    else if (el.local === 'trans-unit') transUnit(w, el, file, here);
  }
}

function transUnit(w: Walk, el: XmlElement, file: XmlElement, translate: boolean): void {
  const id = el.attrs.id ?? '';
  const source = core(w, el, 'source')[0];
  if (!source) throw noSource('trans-unit', id);
  const segSource = core(w, el, 'seg-source')[0];
  const target = core(w, el, 'target')[0];
  const unit: XliffUnit = {
    id,
    element: el,
    file,
    segments: [],
    source,
    ...(segSource && { segSource }),
    ...(target && { target }),
    altTrans: core(w, el, 'alt-trans'),
  };
  w.units.push(unit);
  if (!translate) return;
  const targetContent = target && flattenContent(target, w.raw, 1);
  const state = target?.attrs.state;
  const approved = el.attrs.approved;
  const confirmedBy = (content: XliffContent | undefined) =>
    hasText(content) &&
    (approved === 'yes' || (state === undefined ? approved !== 'no' : CONFIRMED_STATES[1].has(state)));
  const common = {
    unitId: id,
    srcLang: file.attrs['source-language'] ?? '',
    ...(file.attrs['target-language'] !== undefined && { tgtLang: file.attrs['target-language'] }),
    ...(state !== undefined && { state }),
    ...(target?.attrs['state-qualifier'] !== undefined && { stateQualifier: target.attrs['state-qualifier'] }),
  };
  const marks = segSource ? segMarks(segSource) : [];
  if (marks.length === 0) {
    const content = flattenContent(source, w.raw, 1);
    addSegment(w, unit, {
      ...common,
      confirmed: confirmedBy(targetContent),
      source: content.text,
      codes: content.codes,
      ...(targetContent && { target: targetContent }),
      offsets: { start: source.start, end: source.end },
      elements: { source, ...(target && { target }) },
    });
    return;
  }
  // A segmented target says per segment whether it holds a translation; an unsegmented one speaks for the unit.
  const targetMarks = target ? segMarks(target) : [];
  for (const mark of marks) {
    const mid = mark.attrs.mid ?? '';
    const content = flattenContent(mark, w.raw, 1);
    const targetMark = targetMarks.find((m) => m.attrs.mid === mid);
    const targetMarkContent = targetMark && flattenContent(targetMark, w.raw, 1);
    // The unit's one state cannot say who wrote this segment: its text is someone's unless mizan's record says
    // mizan wrote it (see CONFIRMED_STATES).
    const someones = hasText(targetMarkContent) && !draftedByMizan(w, unit, mid, targetMarkContent!);
    const confirmed = confirmedBy(targetMarks.length > 0 ? targetMarkContent : targetContent) || someones;
    addSegment(w, unit, {
      ...common,
      confirmed,
      segmentId: mid,
      source: content.text,
      codes: content.codes,
      ...(targetMarkContent && { target: targetMarkContent }),
      offsets: { start: mark.start, end: mark.end },
      elements: { source: mark, ...(targetMark && { target: targetMark }) },
    });
  }
}

/**
 * A 1.2 `seg-source` segment's text is mizan's own draft when mizan's record of what it wrote there, its
 * `<alt-trans alttranstype="accepted" origin="mizan" mid="…">` (ACCEPTED), holds that text still: a translator's
 * edit, or a suggestion they took, is no longer the text recorded. Nothing else says so, least of all the text being
 * one of the TM's candidates (a translator's text often is: the TM holds confirmed translations).
 */
function draftedByMizan(w: Walk, unit: XliffUnit, mid: string, text: XliffContent): boolean {
  const written = renderContent(text.text, text.codes);
  return unit.altTrans.some((alt) => {
    if (alt.attrs.origin !== ORIGIN || alt.attrs.alttranstype !== ACCEPTED || alt.attrs.mid !== mid) return false;
    const target = core(w, alt, 'target')[0];
    const recorded = target && flattenContent(target, w.raw, 1);
    return recorded !== undefined && renderContent(recorded.text, recorded.codes) === written;
  });
}

/** `<mrk mtype="seg">` elements under an element, in document order (they may sit inside `g`). */
function segMarks(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of childElements(el)) {
    if (child.local === 'mrk' && child.attrs.mtype === 'seg') out.push(child);
    else out.push(...segMarks(child));
  }
  return out;
}

function walk2(w: Walk, parent: XmlElement, root: XmlElement, translate: boolean): void {
  for (const el of core(w, parent)) {
    const here = el.attrs.translate === undefined ? translate : el.attrs.translate !== 'no';
    if (el.local === 'group') walk2(w, el, root, here);
    else if (el.local === 'unit') unit2(w, el, root, here);
  }
}

function unit2(w: Walk, el: XmlElement, root: XmlElement, translate: boolean): void {
  const id = el.attrs.id ?? '';
  const segments = core(w, el, 'segment');
  if (segments.length === 0 && core(w, el, 'ignorable').length === 0) throw noSource('unit', id);
  const matches = childElements(el, 'matches', MATCHES_NS)[0];
  const originalData = core(w, el, 'originalData')[0];
  const unit: XliffUnit = {
    id,
    element: el,
    file: root,
    segments: [],
    altTrans: [],
    ...(matches && { matches }),
    ...(originalData && { originalData }),
  };
  w.units.push(unit);
  for (const segment of segments) {
    const source = core(w, segment, 'source')[0];
    if (!source) throw noSource('unit', id);
    if (!translate) continue;
    const target = core(w, segment, 'target')[0];
    const content = flattenContent(source, w.raw, 2);
    const targetContent = target && flattenContent(target, w.raw, 2);
    const state = segment.attrs.state;
    addSegment(w, unit, {
      unitId: id,
      ...(segment.attrs.id !== undefined && { segmentId: segment.attrs.id }),
      srcLang: root.attrs.srcLang ?? '',
      ...(root.attrs.trgLang !== undefined && { tgtLang: root.attrs.trgLang }),
      source: content.text,
      codes: content.codes,
      ...(targetContent && { target: targetContent }),
      ...(state !== undefined && { state }),
      confirmed: hasText(targetContent) && (state === undefined || CONFIRMED_STATES[2].has(state)),
      offsets: { start: source.start, end: source.end },
      elements: { source, ...(target && { target }), segment },
    });
  }
}

function addSegment(w: Walk, unit: XliffUnit, segment: Omit<XliffSegment, 'index' | 'fileIndex'>): void {
  const preserve = spacePreserved(segment.elements.source);
  const full: XliffSegment = {
    index: w.segments.length,
    fileIndex: w.fileIndex,
    ...segment,
    ...(preserve && { preserveSpace: true }),
  };
  unit.segments.push(full);
  w.segments.push(full);
}
