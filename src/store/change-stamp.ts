/**
 * The time and author of a write, as the scripts that change a unit's texts outside an import take them
 * (lua/unit-history.lua): JSON string literals, spliced as they are into a unit's TMX metadata.
 */

/** Who a write is made by when no API key says it: the CLI, the seed, a request without a key. */
export const MIZAN_AUTHOR = 'mizan';

/** A time as a TMX date, `YYYYMMDDThhmmssZ` (UTC, whole seconds). */
export function tmxStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '') + 'Z';
}

/** [the time, the author] as the scripts take them (`by` undefined or empty: {@link MIZAN_AUTHOR}). */
export function changeArgs(ms: number, by: string | undefined): [string, string] {
  return [JSON.stringify(tmxStamp(ms)), JSON.stringify(by || MIZAN_AUTHOR)];
}
