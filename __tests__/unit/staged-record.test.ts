import type { TmxTu } from '../../src/formats';
import { stagedRecordJson, toTmxUnit } from '../../src/service/unit-fields';

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

/** A staged record as the hash stageImport writes from it: '' values left out. */
function hashOf(json: string): { id: string; fields: string[]; h: Record<string, string> } {
  const [id, ...pairs] = JSON.parse(json) as string[];
  const h: Record<string, string> = {};
  const fields: string[] = [];
  for (let i = 0; i < pairs.length; i += 2) {
    fields.push(pairs[i]!);
    if (pairs[i + 1] !== '') h[pairs[i]!] = pairs[i + 1]!;
  }
  return { id: id!, fields, h };
}

describe('the record a TMX unit stages', () => {
  it('names every field of a new unit and reads back as the same unit', () => {
    const { id, fields, h } = hashOf(stagedRecordJson('u1', TU, 'all'));
    expect(id).toBe('u1');
    expect(fields).toEqual([
      ...['ar', 'codes:ar', 'tuv:ar', 'en', 'codes:en', 'tuv:en', 'zh', 'codes:zh', 'tuv:zh'],
      ...['tmx', 'apart'],
    ]);
    const unit = toTmxUnit('u1', h);
    expect(unit).toMatchObject({ tuid: TU.tuid, attrs: TU.attrs, props: TU.props, notes: TU.notes, apart: TU.apart });
    expect(unit.langs.ar).toEqual({ text: TU.langs.ar!.text, codes: TU.langs.ar!.codes, tag: 'ar-SA' });
    expect(unit.langs.en).toEqual({ text: TU.langs.en!.text, codes: [], notes: ['en note'] });
    expect(unit.langs.zh).toEqual({ text: '文本', codes: [] });
  });

  it('of a later tu of the same Arabic names only the languages it adds, and clears what they lack', () => {
    const { fields, h } = hashOf(stagedRecordJson('u1', TU, ['zh']));
    expect(fields).toEqual(['zh', 'codes:zh', 'tuv:zh']);
    expect(h).toEqual({ zh: '文本' });
  });
});
