import type { TmxTu } from '../../src/formats';
import { stagedFields, toTmxUnit } from '../../src/service/unit-fields';
import { decodeRecord, encodeRecord, type UnitFields } from '../../src/store/unit-record';

const TU: TmxTu = {
  tuid: 't"1',
  attrs: { creationdate: '20240101T120000Z', usagecount: '3' },
  props: [['x-domain', 'law & "order"']],
  notes: ['a note\non two lines'],
  langs: {
    ar: { tag: 'ar-SA', text: '\uE000نص\uE001', codes: [{ kind: 'ph', x: '1', xml: '<ph x="1">{0}</ph>' }] },
    en: { tag: 'en', text: 'text "quoted" \\ back', codes: [], notes: ['en note'] },
    zh: { tag: 'zh', text: '文本', codes: [] },
  },
  apart: [{ tag: 'zh-TW', text: '文本', codes: [], reason: 'traditional' } as TmxTu['apart'][number]],
};

/** A staged record as stageImport stores it: encoded, then read back (empty values left out). */
function stored(fields: UnitFields): Record<string, string> {
  const h: Record<string, string> = {};
  for (const [name, value] of Object.entries(decodeRecord(encodeRecord(fields)))) if (value !== '') h[name] = value;
  return h;
}

describe('the record a TMX unit stages', () => {
  it('holds every field of a new unit and reads back as the same unit', () => {
    const h = stored(stagedFields(TU, 'all'));
    expect(Object.keys(h).sort()).toEqual(
      ['ar', 'codes:ar', 'tuv:ar', 'en', 'tuv:en', 'zh', 'tmx', 'apart', 'pos', 'para'].sort(),
    );
    const unit = toTmxUnit('u1', h);
    expect(unit).toMatchObject({ tuid: TU.tuid, attrs: TU.attrs, props: TU.props, notes: TU.notes, apart: TU.apart });
    expect(unit.langs.ar).toEqual({ text: TU.langs.ar!.text, codes: TU.langs.ar!.codes, tag: 'ar-SA' });
    expect(unit.langs.en).toEqual({ text: TU.langs.en!.text, codes: [], notes: ['en note'] });
    expect(unit.langs.zh).toEqual({ text: '文本', codes: [] });
  });

  it('of a later tu of the same Arabic holds only the languages it adds', () => {
    expect(stored(stagedFields(TU, ['zh']))).toEqual({ zh: '文本' });
  });
});
