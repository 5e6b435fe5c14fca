/** mizan's own `tu` props (placement, confidence, review), read by the TMX reader into a unit's typed fields. */
import { PROP_CONFIDENCE, PROP_PARAGRAPH, PROP_POSITION, PROP_REVIEW, type TmxTu } from './tmx-model';

const NUMBER = /^(0|[1-9]\d{0,9})$/;

/**
 * Reads the prop into `tu`'s typed field when it is one of mizan's (`documentProp` names the document's); false when
 * it is not one, repeats, or is malformed: the caller keeps it as a prop.
 */
export function placementProp(tu: TmxTu, type: string, value: string, documentProp: string): boolean {
  if (type === documentProp) {
    if (tu.document !== undefined || value === '') return false;
    tu.document = value;
  } else if (type === PROP_POSITION || type === PROP_PARAGRAPH) {
    const field = type === PROP_POSITION ? 'position' : 'paragraph';
    if (tu[field] !== undefined || !NUMBER.test(value)) return false;
    tu[field] = Number(value);
  } else if (type === PROP_CONFIDENCE) {
    const n = Number(value);
    if (tu.confidence !== undefined || value.trim() === '' || !(n >= 0 && n <= 1) || String(n) !== value) return false;
    tu.confidence = n;
  } else if (type === PROP_REVIEW) {
    if (tu.review !== undefined || value !== 'true') return false;
    tu.review = true;
  } else {
    return false;
  }
  return true;
}
