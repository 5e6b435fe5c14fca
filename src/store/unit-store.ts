/**
 * Writes of single units: create (or update, for the same Arabic source), patch, delete. Each is one Lua script
 * (lua/putUnit.lua, lua/deleteUnit.lua) that changes the unit and appends to the TM's change log atomically, so
 * the next query on any instance sees it.
 */
import type { Lang } from '../types';
import { changeArgs } from './change-stamp';
import type { Keys } from './keys';
import { guard, type RedisClient } from './redis';
import { readRevision, withRevision } from './revision';
import { ScriptCode } from './scripts';
import { readSettled, writesSettled } from './settled';
import { recordValues } from './unit-record';
import { ifMatchArg } from './unit-tag';

export type UnitTexts = Partial<Record<Lang, string>>;

/** The fields {@link UnitStore.history} reads. */
export const HISTORY_FIELDS = ['tmx', 'tuv:ar', 'tuv:en', 'tuv:zh', 'updated'] as const;

export type UnitWriteResult = 'created' | 'updated' | 'unchanged' | 'not-found' | 'precondition-failed';

const OUTCOME = new Map<number, UnitWriteResult>([
  [ScriptCode.CREATED, 'created'],
  [ScriptCode.UPDATED, 'updated'],
  [ScriptCode.UNCHANGED, 'unchanged'],
  [ScriptCode.NOT_FOUND, 'not-found'],
  [ScriptCode.PRECONDITION_FAILED, 'precondition-failed'],
]);

/** putUnit.lua's answer as a result. */
function outcome(code: number): UnitWriteResult {
  const result = OUTCOME.get(code);
  if (!result) throw new Error(`putUnit answered ${code}, which it never should`);
  return result;
}

export class UnitStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    private readonly logMaxLen = 100_000,
  ) {}

  /**
   * What the units of one TM keep of their history: per unit, its `tmx` and `tuv:<lang>` metadata (JSON, '' or null
   * for none) and `updated` (epoch ms), in HISTORY_FIELDS order; all null for a unit gone meanwhile.
   */
  async history(tm: string, unitIds: readonly string[]): Promise<(string | null)[][]> {
    if (unitIds.length === 0) return [];
    const keys = this.keys;
    const records = await guard(
      this.redis,
      async () =>
        (await readSettled(this.redis, keys, tm, (m) => {
          for (const id of unitIds) m.getBuffer(keys.unit(tm, id));
        })) as (Buffer | null)[],
    );
    return records.map((record) => recordValues(record, HISTORY_FIELDS));
  }

  /** The document of a unit ('' for none), or null when there is no such unit. */
  private async documentOf(tm: string, unitId: string): Promise<string | null> {
    const keys = this.keys;
    const [record] = (await readSettled(this.redis, keys, tm, (m) => m.getBuffer(keys.unit(tm, unitId)))) as [
      Buffer | null,
    ];
    return recordValues(record, ['doc'])[0] ?? null;
  }

  /**
   * Adds a unit outside any document, or updates it when `unitId` exists already. `by` names who writes (the API
   * key's name; none: mizan), kept as the change's author by a unit a TMX brought (lua/unit-history.lua).
   */
  async create(tm: string, unitId: string, texts: UnitTexts & { ar: string }, by?: string): Promise<UnitWriteResult> {
    const fields = (['ar', 'en', 'zh'] as const).flatMap((lang) =>
      texts[lang] === undefined ? [] : [lang, texts[lang]!],
    );
    const { keys } = this;
    return guard(this.redis, async () => {
      await this.redis.sadd(keys.tms(), tm);
      const now = Date.now();
      const code = await this.redis.putUnit(
        4,
        keys.unit(tm, unitId),
        keys.units(tm),
        keys.log(tm),
        keys.seq(tm),
        unitId,
        'create',
        now,
        this.logMaxLen,
        keys.changes(tm),
        '',
        ...changeArgs(now, by),
        ...fields,
      );
      return outcome(code);
    });
  }

  /**
   * Changes some texts of an existing unit (of a document or not). With `ifMatch` (tags of If-Match, or ['*']),
   * only if the unit's tag (unit-tag.ts) is one of them, checked in the same script as the write. While a large write
   * of the unit's document is being applied, waits for it first (putUnit answers WRITING): the tag is then checked
   * against the unit as that write left it. `by` as in `create`.
   */
  async patch(
    tm: string,
    unitId: string,
    texts: UnitTexts,
    ifMatch?: readonly string[],
    by?: string,
  ): Promise<UnitWriteResult> {
    const fields = (['ar', 'en', 'zh'] as const).flatMap((lang) =>
      texts[lang] === undefined ? [] : [lang, texts[lang]!],
    );
    const { keys } = this;
    const doc = await this.documentOf(tm, unitId);
    if (doc === null) return 'not-found';
    const keyList = [
      keys.unit(tm, unitId),
      keys.units(tm),
      keys.log(tm),
      keys.seq(tm),
      ...(doc ? [keys.doc(tm, doc)] : []),
    ];
    for (;;) {
      const now = Date.now();
      const code = await guard(this.redis, () =>
        this.redis.putUnit(
          keyList.length,
          ...keyList,
          unitId,
          'patch',
          now,
          this.logMaxLen,
          keys.changes(tm),
          ifMatchArg(ifMatch),
          ...changeArgs(now, by),
          ...fields,
        ),
      );
      if (code !== ScriptCode.WRITING) return outcome(code);
      await writesSettled(this.redis, keys, tm);
    }
  }

  /** Deletes a unit; a document unit also leaves its document (later rows move up). `ifMatch` as in `patch`. */
  async delete(
    tm: string,
    unitId: string,
    ifMatch?: readonly string[],
  ): Promise<'deleted' | 'not-found' | 'precondition-failed'> {
    const { keys } = this;
    // Each call under its own guard: readSettled and readRevision may wait for a large document write.
    const code = await withRevision(
      `document of unit ${unitId}`,
      async () => {
        // doc: null when there is no such unit, '' for a unit outside documents (no rev to check).
        const doc = await this.documentOf(tm, unitId);
        return { doc, ...(doc ? await readRevision(this.redis, keys, tm, doc) : { rev: null, rows: [] }) };
      },
      async ({ doc, rev, rows }) => {
        if (doc === null) return ScriptCode.NOT_FOUND;
        const base = [keys.unit(tm, unitId), keys.units(tm), keys.log(tm), keys.seq(tm)];
        const args = [unitId, Date.now(), this.logMaxLen, keys.changes(tm), ifMatchArg(ifMatch)];
        if (!doc) return guard(this.redis, () => this.redis.deleteUnit(base.length, ...base, ...args));
        const after = rows.slice(rows.indexOf(unitId) + 1);
        const keyList = [
          ...base,
          keys.doc(tm, doc),
          keys.docRows(tm, doc),
          keys.docs(tm),
          ...after.map((id) => keys.unit(tm, id)),
        ];
        return guard(this.redis, () =>
          this.redis.deleteUnit(keyList.length, ...keyList, ...args, doc, rev ?? '', ...after),
        );
      },
    );
    if (code === ScriptCode.PRECONDITION_FAILED) return 'precondition-failed';
    return code === ScriptCode.DELETED ? 'deleted' : 'not-found';
  }
}
