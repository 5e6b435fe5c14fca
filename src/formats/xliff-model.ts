/**
 * What the XLIFF reader (xliff.ts) gives the writer and the pretranslation: segments, units and the document, each
 * with the elements (and their offsets in the decoded text) that `xliff-write.ts` splices into.
 */
import type { XliffCode, XliffContent } from './xliff-inline';
import type { XmlElement, XmlEncoding } from './xliff-xml';

export interface XliffSegment {
  /** 0-based place among the file's translatable segments. */
  index: number;
  /**
   * 0-based place of its `<file>` among the document's `<file>` elements (1.x and 2.x alike): a segment's neighbours,
   * the context of a 101, are taken within its `<file>` (each is its own text).
   */
  fileIndex: number;
  unitId: string;
  /** 2.x `segment/@id`, 1.2 `mrk/@mid` of a `seg-source` segment. */
  segmentId?: string;
  /** Language tags as the file writes them (1.x per `file`, 2.x on the root). */
  srcLang: string;
  tgtLang?: string;
  /** Source text, inline codes as placeables (U+E000 + k). */
  source: string;
  codes: XliffCode[];
  /** The existing target (its own list of codes), when there is a target element. */
  target?: XliffContent;
  state?: string;
  stateQualifier?: string;
  /**
   * Kept unless `overwrite` (see CONFIRMED_STATES in xliff.ts): a target with text under a confirming state or none,
   * and a 1.2 `seg-source` segment with text that mizan's record (xliff-marks.ts ACCEPTED) does not say it wrote.
   */
  confirmed: boolean;
  /**
   * `xml:space="preserve"` holds for the source (on it or the nearest ancestor that says): its leading and trailing
   * whitespace is part of the text and goes into the target as it is.
   */
  preserveSpace?: true;
  /** Offsets (UTF-16 code units of the decoded text) of the source element (or `mrk`) holding this segment. */
  offsets: { start: number; end: number };
  /** The elements the writer changes. */
  elements: { source: XmlElement; target?: XmlElement; segment?: XmlElement };
}

export interface XliffUnit {
  id: string;
  element: XmlElement;
  /** 1.x `file` element (languages, `target-language`); the root for 2.x. */
  file: XmlElement;
  segments: XliffSegment[];
  /** 1.x: the unit's `source`, `seg-source`, `target`, and existing `alt-trans` elements. */
  source?: XmlElement;
  segSource?: XmlElement;
  target?: XmlElement;
  altTrans: XmlElement[];
  /** 2.x: the unit's existing `mtc:matches` and `originalData`. */
  matches?: XmlElement;
  originalData?: XmlElement;
}

export interface XliffDocument {
  /** The root's `version` attribute ("1.2", "2.0", …). */
  version: string;
  family: 1 | 2;
  /** First file's source and target language tags, as written. */
  srcLang: string;
  tgtLang?: string;
  text: string;
  encoding: XmlEncoding;
  bom: boolean;
  root: XmlElement;
  /** 1.x `file` elements; for 2.x the root alone (languages live there). */
  files: XmlElement[];
  units: XliffUnit[];
  segments: XliffSegment[];
}
