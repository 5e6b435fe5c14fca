/**
 * The marks by which mizan knows, on a later run, what it wrote into an XLIFF file (read by xliff.ts, written by the
 * writers). Only these say that something is mizan's: a text equal to one of the TM's candidates does not (a
 * translator's text often is one, the TM holding confirmed translations, or a suggestion the translator took).
 */

/** `origin` of mizan's 1.2 `alt-trans` and 2.x `mtc:match` elements: those a later run replaces. */
export const ORIGIN = 'mizan';

/**
 * 1.2 `alttranstype` of mizan's record of the candidate it wrote into a `seg-source` segment (XLIFF 1.2: "a proposed
 * translation that was used for the translation of the trans-unit, possibly modified"), with the segment's `mid`.
 * The unit's one `state` speaks for all its segments, so it cannot say which segment's text mizan wrote: this does.
 */
export const ACCEPTED = 'accepted';
