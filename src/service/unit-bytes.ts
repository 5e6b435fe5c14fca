/**
 * A stored unit's record as the bytes Redis answers (store/unit-record.ts), for the whole-TM export: its values
 * located without copying, whether it waits for its document's review marks, and its values as strings for the
 * units the byte path (tu-bytes.ts) leaves to the string path (toTmxUnit + tuXml).
 */
import { RECORD_FIELDS } from '../store';
import { cutRecord, FIELD_INDEX, newRecordCuts } from '../store/unit-record';

const at = FIELD_INDEX;
/** Where each RECORD_FIELDS value lies in a record. */
const EXPORTED = RECORD_FIELDS.map((name) => at[name]);

/**
 * A record's values, located without copying: value i (UNIT_RECORD_FIELDS order) spans [cuts[2i], cuts[2i + 1]) of
 * the bytes. Made once per export and filled per unit by {@link cutValues}.
 */
export const newCuts = newRecordCuts;

/** Fills `cuts` for `record`; false when the bytes are not a unit record (then read the unit on the string path). */
export const cutValues = (record: Buffer, cuts: Int32Array): boolean => cutRecord(record, cuts);

const REVIEW = at.review;
const DOC = at.doc;

/**
 * True when the unit is flagged for review and belongs to a document: a person may have marked its row reviewed
 * (store/review-marks.ts), which only the document's marks tell, so the export reads it on the string path.
 */
export function flaggedInDocument(joined: Buffer, cuts: Int32Array): boolean {
  const [from, to] = [cuts[2 * REVIEW]!, cuts[2 * REVIEW + 1]!];
  const inDocument = cuts[2 * DOC + 1] !== cuts[2 * DOC];
  return inDocument && to > from && !(to - from === 1 && joined[from] === 0x30); // not '' nor '0'
}

/** The RECORD_FIELDS values as strings, in that order (the string path). */
export function valueStrings(joined: Buffer, cuts: Int32Array): string[] {
  const values: string[] = [];
  for (const i of EXPORTED) values.push(joined.toString('utf8', cuts[2 * i], cuts[2 * i + 1]));
  return values;
}
