/**
 * A TMX unit as the fields of a unit record, and back. Texts keep their placeables (U+E000 + k) in `ar`, `en`, `zh`,
 * so the matcher sees plain text in which codes are separators; everything else a TMX says is kept beside them:
 *
 *   codes:<lang>  JSON InlineCode[] of that text's placeables (absent: none)
 *   tuv:<lang>    JSON { tag?, attrs?, props?, notes? } of the tuv (tag only when not the bare code; absent: none)
 *   tmx           JSON { tuid?, attrs?, props?, notes?, document?, position?, paragraph?, confidence?, review? }
 *   apart         JSON variants kept apart (Traditional Chinese, other languages), with the reason
 *
 * Units written by the API or aligned documents have none of these; they read back as plain units.
 */
import type {
  ApartVariant,
  InlineCode,
  RowUnitTmx,
  TmxProp,
  TmxTu,
  TmxTuInput,
  TmxVariant,
  TmxVariantInput,
  TuAttrs,
} from '../formats';
import type { RowTmx } from '../store';
import type { UnitFields } from '../store/unit-record';
import { LANGS, type Lang } from '../types';

interface TuvMeta {
  tag?: string;
  attrs?: TuAttrs;
  props?: TmxProp[];
  notes?: string[];
}

interface TuMeta {
  tuid?: string;
  attrs?: TuAttrs;
  props?: TmxProp[];
  notes?: string[];
  document?: string;
  position?: number;
  paragraph?: number;
  confidence?: number;
  review?: boolean;
}

/** The TMX fields a unit may hold besides the texts ('' in a record: the import has none; see below). */
export const META_FIELDS = ['tmx', 'apart'] as const;

const nonEmpty = <T>(list: readonly T[] | undefined): list is T[] => list !== undefined && list.length > 0;

/** A BCP 47-looking tag (letters, digits, hyphens), the only kind written back as `xml:lang`. */
const WELL_FORMED_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
/** A POSIX locale name: `ar_SA`, `zh_Hans_CN`, `en_GB.UTF-8`, `en_IE@euro` (codeset and modifier say no language). */
const POSIX_TAG = /^([A-Za-z]{2,3})((?:_[A-Za-z0-9]{2,8})*)(?:\.[A-Za-z0-9_-]*)?(?:@[A-Za-z0-9]*)?$/;

/**
 * The tag to keep for a `tuv`: as written when it is BCP 47-shaped; a POSIX locale as its BCP 47 form (`ar_SA` →
 * `ar-SA`, `zh_hans_cn` → `zh-Hans-CN`: region upper case, script title case), so an export writes a tag every TMX
 * tool reads and keeps the region; undefined for anything else, or when it says no more than the bare code.
 */
export function keptTag(tag: string, lang: Lang): string | undefined {
  if (WELL_FORMED_TAG.test(tag)) return tag === lang ? undefined : tag;
  const posix = POSIX_TAG.exec(tag);
  if (!posix) return undefined;
  let out = posix[1]!.toLowerCase();
  for (const sub of posix[2]!.split('_').slice(1)) {
    out +=
      '-' +
      (sub.length === 2
        ? sub.toUpperCase()
        : sub.length === 4
          ? sub[0]!.toUpperCase() + sub.slice(1).toLowerCase()
          : sub);
  }
  return out === lang ? undefined : out;
}

function tuvMeta(variant: TmxVariant, lang: Lang): TuvMeta | undefined {
  // Most tuvs hold nothing but their text: no object for them (an import makes a million).
  if (variant.tag === lang && !variant.attrs && !variant.props && !variant.notes) return undefined;
  const meta: TuvMeta = {};
  const tag = variant.tag === lang ? undefined : keptTag(variant.tag, lang);
  if (tag !== undefined) meta.tag = tag;
  if (variant.attrs && Object.keys(variant.attrs).length > 0) meta.attrs = variant.attrs;
  if (nonEmpty(variant.props)) meta.props = variant.props;
  if (nonEmpty(variant.notes)) meta.notes = variant.notes;
  return Object.keys(meta).length > 0 ? meta : undefined;
}

/** The `tmx` field. Placement comes last, `document` first of it: lua/commitImport cuts it off over a document row. */
function tuMeta(tu: TmxTu): TuMeta | undefined {
  const meta: TuMeta = {};
  if (tu.tuid !== undefined) meta.tuid = tu.tuid;
  if (Object.keys(tu.attrs).length > 0) meta.attrs = tu.attrs;
  if (nonEmpty(tu.props)) meta.props = tu.props;
  if (nonEmpty(tu.notes)) meta.notes = tu.notes;
  if (tu.document !== undefined) meta.document = tu.document;
  if (tu.position !== undefined) meta.position = tu.position;
  if (tu.paragraph !== undefined) meta.paragraph = tu.paragraph;
  if (tu.confidence !== undefined) meta.confidence = tu.confidence;
  if (tu.review) meta.review = true;
  return Object.keys(meta).length > 0 ? meta : undefined;
}

const json = (value: object | undefined) => (value === undefined ? '' : JSON.stringify(value));

/**
 * Field names as constants: a name made per unit (`codes:${lang}`) would be looked up in V8's string table each
 * time.
 */
const CODES_FIELD = { ar: 'codes:ar', en: 'codes:en', zh: 'codes:zh' } as const;
const TUV_FIELD = { ar: 'tuv:ar', en: 'tuv:en', zh: 'tuv:zh' } as const;

/**
 * The fields a `tu` stages ('' or absent: the `tu` has none), encoded as a unit record (store/unit-record.ts) by the
 * caller. For a unit new to the import, every language it has (text, `codes:<lang>`, `tuv:<lang>`), its unit-level
 * metadata (`tmx`, `apart`) and the placement of a new unit (`pos`, `para` 0); for a later `tu` of the same Arabic (a
 * bilingual file merged), only the languages it adds, and its variants kept apart when `apart` (the unit had none).
 * Over a unit already stored, what the record holds wins and
 * metadata it lacks is kept (lua/commitImport.lua); a language's codes go with its text.
 */
export function stagedFields(tu: TmxTu, added: readonly Lang[] | 'all', apart = false): UnitFields {
  const fields: UnitFields = {};
  for (const lang of added === 'all' ? LANGS : added) {
    const variant = tu.langs[lang];
    if (!variant) continue;
    fields[lang] = variant.text;
    if (nonEmpty(variant.codes)) fields[CODES_FIELD[lang]] = JSON.stringify(variant.codes);
    const tuv = json(tuvMeta(variant, lang));
    if (tuv) fields[TUV_FIELD[lang]] = tuv;
  }
  if (added === 'all') {
    fields.pos = '0';
    fields.para = '0';
    const tmx = json(tuMeta(tu));
    if (tmx) fields.tmx = tmx;
    if (nonEmpty(tu.apart)) fields.apart = JSON.stringify(tu.apart);
  } else if (apart && nonEmpty(tu.apart)) {
    fields.apart = JSON.stringify(tu.apart);
  }
  return fields;
}

const parse = <T>(text: string | undefined): T | undefined => (text ? (JSON.parse(text) as T) : undefined);

/** A `tuv`'s kept tag and metadata and its text's codes, as a unit's fields hold them (tuv:<lang>, codes:<lang>). */
function variantOf(h: Record<string, string | undefined>, lang: Lang): Omit<TmxVariantInput, 'text'> {
  const tuv = parse<TuvMeta>(h[TUV_FIELD[lang]]) ?? {};
  return { codes: parse<InlineCode[]>(h[CODES_FIELD[lang]]) ?? [], ...tuv };
}

/** A `tu`'s tuid, attributes, props and notes as its `tmx` field holds them (its placement aside). */
function tuOf(meta: TuMeta): Pick<TmxTuInput, 'tuid' | 'attrs' | 'props' | 'notes'> {
  const tu: Pick<TmxTuInput, 'tuid' | 'attrs' | 'props' | 'notes'> = {};
  if (meta.tuid !== undefined) tu.tuid = meta.tuid;
  if (meta.attrs) tu.attrs = meta.attrs;
  if (meta.props) tu.props = meta.props;
  if (meta.notes) tu.notes = meta.notes;
  return tu;
}

/** A stored unit (every field of its hash) as the TMX writer takes it; placement from its document when it has one. */
export function toTmxUnit(unitId: string, h: Record<string, string>): TmxTuInput & { unitId: string } {
  const meta = parse<TuMeta>(h.tmx) ?? {};
  const unit: TmxTuInput & { unitId: string } = { unitId, langs: {}, ...tuOf(meta) };
  for (const lang of LANGS) {
    const text = h[lang];
    if (text) unit.langs[lang] = { text, ...variantOf(h, lang) };
  }
  if (h.doc) {
    unit.document = h.doc;
    unit.position = Number(h.pos ?? 0);
    unit.paragraph = Number(h.para ?? 0);
    if (h.conf && h.conf !== '1') unit.confidence = Number(h.conf);
    if (h.review && h.review !== '0') unit.review = true;
  } else {
    if (meta.document !== undefined) unit.document = meta.document;
    if (meta.position !== undefined) unit.position = meta.position;
    if (meta.paragraph !== undefined) unit.paragraph = meta.paragraph;
    if (meta.confidence !== undefined) unit.confidence = meta.confidence;
    if (meta.review) unit.review = true;
  }
  const apart = parse<ApartVariant[]>(h.apart);
  if (apart) unit.apart = apart;
  return unit;
}

/**
 * What a document's TMX writes of a row's unit besides the row's texts and placement (formats/tmx-write.ts): what the
 * unit keeps of a TMX it came from (its stored TMX fields, store/unit-read.ts; none for a unit no TMX brought), read
 * as toTmxUnit reads it for the whole-TM export. Its tuid is the unit's own; a unit without one is named by its
 * unit id, which an import into the same TM takes for the row's name, not for a tuid (service/import-records.ts),
 * so the file imported back leaves the unit as it was.
 */
export function rowTmx(unitId: string, fields: RowTmx | undefined): RowUnitTmx {
  if (!fields) return { tuid: unitId };
  const unit: RowUnitTmx = tuOf(parse<TuMeta>(fields.tmx) ?? {});
  unit.tuid ??= unitId;
  for (const lang of LANGS) {
    if (fields[CODES_FIELD[lang]] || fields[TUV_FIELD[lang]]) (unit.langs ??= {})[lang] = variantOf(fields, lang);
  }
  return unit;
}

/** A stored unit as the units listing answers it: texts, document placement, and the TMX metadata it keeps. */
export function unitRecordJson(tm: string, unitId: string, h: Record<string, string>) {
  const codes = Object.fromEntries(
    LANGS.flatMap((lang) => (h[`codes:${lang}`] ? [[lang, JSON.parse(h[`codes:${lang}`]!) as InlineCode[]]] : [])),
  );
  const tuv = Object.fromEntries(
    LANGS.flatMap((lang) => (h[`tuv:${lang}`] ? [[lang, JSON.parse(h[`tuv:${lang}`]!) as TuvMeta]] : [])),
  );
  return {
    unitId,
    tm,
    documentId: h.doc || null,
    position: h.doc ? Number(h.pos ?? 0) : null,
    ar: h.ar ?? '',
    en: h.en ?? '',
    zh: h.zh ?? '',
    ...(Object.keys(codes).length > 0 ? { codes } : {}),
    ...(Object.keys(tuv).length > 0 ? { tuv } : {}),
    ...(h.tmx ? { tmx: JSON.parse(h.tmx) as TuMeta } : {}),
    ...(h.apart ? { apart: JSON.parse(h.apart) as ApartVariant[] } : {}),
  };
}
