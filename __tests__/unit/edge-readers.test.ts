import { shownPath } from '../../src/http/errors';
import { exportLanguages } from '../../src/service';
import { tmxDate, unitHistory } from '../../src/service/unit-history';
import { HISTORY_FIELDS } from '../../src/store';

describe('the languages of a TM export', () => {
  it.each([
    ['ar,en,zh', ['ar', 'en', 'zh']],
    ['en,zh', ['ar', 'en', 'zh']],
    ['zh, AR', ['ar', 'zh']],
    ['en_GB', ['ar', 'en']],
    ['ar-SA,zh_Hans_CN,en-US', ['ar', 'en', 'zh']],
  ])('read %s as %j', (value, langs) => {
    expect(exportLanguages(value, 'langs')).toEqual(langs);
  });

  it.each([
    ['ar,fr', 'UNSUPPORTED_LANGUAGE'],
    ['ar,zh-TW', 'UNSUPPORTED_LANGUAGE'],
    ['ar,', 'UNSUPPORTED_LANGUAGE'],
    ['ar', 'INVALID_PARAMETER'],
    ['AR_eg,ar', 'INVALID_PARAMETER'],
  ])('refuse %s with %s', (value, code) => {
    expect(() => exportLanguages(value, 'langs')).toThrow(expect.objectContaining({ code }));
  });
});

describe('a path as an error message shows it', () => {
  it('is decoded and cut between characters, never inside one', () => {
    expect(shownPath('/a%20b')).toBe('/a b');
    const arabic = encodeURI(`/${'س'.repeat(10)}`);
    expect(shownPath(arabic, 5)).toBe('/سسسس');
    expect(shownPath(encodeURI('/😀😀'), 2)).toBe('/');
  });

  it('is cut before an escape it would leave incomplete when it does not decode', () => {
    expect(shownPath('/%FF%D8%B3%D8', 10)).toBe('/%FF%D8%B3');
    expect(shownPath('/%FF%D8%B3%D8', 9)).toBe('/%FF%D8');
    expect(shownPath('/%FF%D8%B3%D8', 8)).toBe('/%FF%D8');
  });
});

describe("a unit's history", () => {
  const values = (fields: Partial<Record<(typeof HISTORY_FIELDS)[number], string>>) =>
    HISTORY_FIELDS.map((f) => fields[f] ?? null);

  it('reads TMX dates, and refuses dates that do not exist', () => {
    expect(tmxDate('20230204T093947Z')).toEqual(new Date('2023-02-04T09:39:47Z'));
    expect(tmxDate('20230231T000000Z')).toBeUndefined();
    expect(tmxDate('2023-02-04')).toBeUndefined();
  });

  it('comes from the tu, then the source tuv, then when mizan last wrote the unit', () => {
    const tmx = JSON.stringify({ attrs: { creationdate: '20230204T093947Z', usagecount: '95', changeid: 'amira' } });
    const tuv = JSON.stringify({ attrs: { changedate: '20240101T120000Z', usagecount: '3', creationid: 'omar' } });
    expect(unitHistory(values({ tmx, 'tuv:ar': tuv, updated: '1700000000000' }), 'ar')).toEqual({
      created: new Date('2023-02-04T09:39:47Z'),
      updated: new Date('2024-01-01T12:00:00Z'),
      usageCount: 95,
      createdBy: 'omar',
      updatedBy: 'amira',
    });
    expect(unitHistory(values({ 'tuv:ar': tuv, updated: '1700000000000' }), 'en')).toEqual({
      updated: new Date(1700000000000),
    });
    expect(unitHistory(values({ tmx: 'not json', updated: 'x' }), 'ar')).toEqual({});
  });

  it("answers for a target with that target tuv's attributes first, attribute by attribute", () => {
    const tmx = JSON.stringify({ attrs: { creationid: 'alice', changedate: '20220102T030405Z', changeid: 'bob' } });
    const zh = JSON.stringify({ attrs: { creationid: 'carol', changedate: '20230101T000000Z' } });
    const history = values({ tmx, 'tuv:zh': zh, updated: '1700000000000' });
    expect(unitHistory(history, 'ar', 'zh')).toEqual({
      updated: new Date('2023-01-01T00:00:00Z'),
      createdBy: 'carol',
      updatedBy: 'bob',
    });
    expect(unitHistory(history, 'ar', 'en')).toEqual({
      updated: new Date('2022-01-02T03:04:05Z'),
      createdBy: 'alice',
      updatedBy: 'bob',
    });
  });
});
