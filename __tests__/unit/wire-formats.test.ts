import { languageFromHeader } from '../../src/http/language';
import { amagamaBody, pythonFloat } from '../../src/http/routes/amagama';
import { myMemoryBody } from '../../src/http/routes/mymemory';
import type { Match } from '../../src/service';

const match = (score: number, targets: Match['targets'], text = `source ${score}`): Match => ({
  unitId: `u${score}`,
  score,
  source: { lang: 'ar', text },
  targets,
  documentId: null,
  position: null,
  tm: 'main',
});

describe('amaGama answers', () => {
  it('write whole numbers as Python floats', () => {
    expect([pythonFloat(100), pythonFloat(88), pythonFloat(88.5), pythonFloat(0)]).toEqual([
      '100.0',
      '88.0',
      '88.5',
      '0.0',
    ]);
  });

  it('list suggestions best first with sorted keys, leaving out units without the target', () => {
    const body = amagamaBody([match(80, { en: 'b' }), match(100, { en: 'a "q"' }), match(90, { zh: '中' })], 'en');
    expect(body).toBe(
      '[{"quality":100.0,"rank":100.0,"source":"source 100","target":"a \\"q\\""},' +
        '{"quality":80.0,"rank":80.0,"source":"source 80","target":"b"}]',
    );
    expect(JSON.parse(body)).toHaveLength(2);
  });
});

describe('MyMemory answers', () => {
  const request = {
    match: { q: 'x', src: 'ar' as const, tgt: ['en' as const], min: 70, limit: 5, tms: ['main'] },
    srcTag: 'ar-SA',
    tgtTag: 'en-GB',
  };

  it('give match as a fraction (a context match counts as 1) and quality as a string', () => {
    const body = JSON.parse(myMemoryBody([match(101, { en: 'a' }), match(74, { en: 'b' })], request));
    expect(body.responseData).toEqual({ translatedText: 'a', match: 1 });
    expect(body.matches.map((m: { match: number; quality: string }) => [m.match, m.quality])).toEqual([
      [1, '100'],
      [0.74, '74'],
    ]);
  });
});

describe('Accept-Language', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['*', 'en'],
    ['ar', 'ar'],
    ['AR_eg', 'ar'],
    ['zh_CN.UTF-8', 'zh'],
    ['zh-Hans-CN, en;q=0.8', 'zh'],
    ['en;q=0.2, ar;q=0.9', 'ar'],
    ['zh-TW, en;q=0.9', 'zh'], // Traditional asks for Chinese messages
    ['zh_HK', 'zh'],
    ['fr-FR, de;q=0.8, ar;q=0.1', 'ar'],
    ['ar;q=0, zh;q=0.5', 'zh'],
    ['ar;q=abc', 'en'],
  ])('%s → %s', (header, lang) => {
    expect(languageFromHeader(header)).toBe(lang);
  });
});
