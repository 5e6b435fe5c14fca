/**
 * What a unit says of its own history, for the wire formats that carry dates, authors and a usage count (MyMemory's
 * matches). A unit imported from TMX keeps its `tu` attributes (`creationdate`, `changedate`, `creationid`,
 * `changeid`, `usagecount`) in its `tmx` field, and its `tuv`s' in `tuv:<lang>`. Each attribute is read as TMX
 * inherits it: from the target language's `tuv` (the translation's own author and dates), else the `tu`'s, else the
 * source language's `tuv`'s. A write of mizan that changes a text of such a unit makes its `changedate`/`changeid`
 * that write's time and author (store/lua/unit-history.lua), so these never tell an older change than the text.
 * Every unit also keeps `updated`, when mizan last wrote it: the change date a unit has when its metadata names none.
 * mizan keeps no creation date of its own, so without `creationdate` there is none.
 */
import type { Lang } from '../types';
import { HISTORY_FIELDS, type UnitStore } from '../store';

export interface UnitHistory {
  created?: Date;
  updated?: Date;
  createdBy?: string;
  updatedBy?: string;
  usageCount?: number;
}

/** A TMX date, `YYYYMMDDThhmmssZ` (UTC); undefined for anything else. */
export function tmxDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value?.trim() ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  // Date.UTC rolls 20230231 over into March: a date that does not exist is no date.
  return date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d && h! < 24 && mi! < 60 && s! < 61 ? date : undefined;
}

/** The `attrs` of a stored `tmx` or `tuv:<lang>` JSON value; none when absent or unreadable. */
function attrsOf(json: string | null | undefined): Record<string, unknown> {
  if (!json) return {};
  try {
    const attrs = (JSON.parse(json) as { attrs?: unknown }).attrs;
    return attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A unit's history from the values of HISTORY_FIELDS, answering for the pair `src` → `tgt`: the `tgt` `tuv`'s
 * attributes first, then the `tu`'s, then the `src` `tuv`'s.
 */
export function unitHistory(values: readonly (string | null)[], src: Lang, tgt?: Lang): UnitHistory {
  const field = (name: (typeof HISTORY_FIELDS)[number]) => values[HISTORY_FIELDS.indexOf(name)];
  const levels = [...(tgt && tgt !== src ? [field(`tuv:${tgt}`)] : []), field('tmx'), field(`tuv:${src}`)].map(attrsOf);
  const attr = (name: string): string | undefined => {
    for (const level of levels) {
      const value = level[name];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
  const history: UnitHistory = {};
  const created = tmxDate(attr('creationdate'));
  const stored = Number(field('updated'));
  const updated = tmxDate(attr('changedate')) ?? (stored > 0 ? new Date(stored) : undefined);
  if (created) history.created = created;
  if (updated && !Number.isNaN(updated.getTime())) history.updated = updated;
  const createdBy = attr('creationid');
  const updatedBy = attr('changeid');
  if (createdBy) history.createdBy = createdBy;
  if (updatedBy) history.updatedBy = updatedBy;
  const usage = attr('usagecount');
  if (usage !== undefined && /^\d{1,15}$/.test(usage)) history.usageCount = Number(usage);
  return history;
}

/** The history of each unit named, in order, for the pair `src` → `tgt`: one read per TM among them. */
export async function unitHistories(
  units: UnitStore,
  refs: readonly { tm: string; unitId: string }[],
  src: Lang,
  tgt?: Lang,
): Promise<UnitHistory[]> {
  const out = new Array<UnitHistory>(refs.length).fill({});
  for (const tm of new Set(refs.map((r) => r.tm))) {
    const at = refs.flatMap((r, i) => (r.tm === tm ? [i] : []));
    const values = await units.history(
      tm,
      at.map((i) => refs[i]!.unitId),
    );
    at.forEach((i, k) => (out[i] = unitHistory(values[k] ?? [], src, tgt)));
  }
  return out;
}
