import { parseXliff, resolveLanguages } from '../../src/formats';
import { writtenLanguage } from '../../src/formats/source-script';

const xliff = (srcLang: string, sources: string[]) =>
  parseXliff(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">` +
        `<file original="f" source-language="${srcLang}" datatype="plaintext"><body>` +
        sources.map((s, i) => `<trans-unit id="${i}"><source>${s}</source></trans-unit>`).join('') +
        `</body></file></xliff>`,
    ),
  );

describe("the sources' script against the declared source language", () => {
  it('names the script that holds most of the letters', () => {
    expect(writtenLanguage(['أكد الجانبان على تعزيز التعاون العملي', 'Xinhua'])).toBe('ar');
    expect(writtenLanguage(['双方就加强务实合作达成广泛共识。中国愿同中亚国家一道努力'])).toBe('zh');
    expect(writtenLanguage(['The two sides agreed to deepen practical cooperation.'])).toBe('en');
  });

  it('says nothing for too few letters or for mixed scripts', () => {
    expect(writtenLanguage(['مرحبا', 'OK'])).toBeUndefined();
    expect(writtenLanguage(['أكد الجانبان على التعاون', 'The two sides agreed to cooperate'])).toBeUndefined();
  });

  it('lets Arabic sources in a file that declares en-US be read as Arabic, and reports the declaration', () => {
    const doc = xliff('en-US', ['أكد الجانبان على تعزيز التعاون العملي.', 'وصل %s إلى شيان يوم %d أبريل.']);
    expect(resolveLanguages(doc, { tgt: 'en' })).toEqual({ src: 'ar', tgt: 'en', declaredSrc: 'en-US' });
    // The request's own source is never second-guessed.
    expect(resolveLanguages(doc, { src: 'en', tgt: 'zh' })).toEqual({ src: 'en', tgt: 'zh' });
  });

  it('keeps a declaration the sources agree with, or cannot speak against', () => {
    expect(resolveLanguages(xliff('ar', ['أكد الجانبان على تعزيز التعاون العملي.']), { tgt: 'en' })).toEqual({
      src: 'ar',
      tgt: 'en',
    });
    expect(resolveLanguages(xliff('zh-CN', ['OK']), { tgt: 'en' })).toEqual({ src: 'zh', tgt: 'en' });
  });

  it('still refuses a target that is the language the sources are written in', () => {
    const doc = xliff('en-US', ['أكد الجانبان على تعزيز التعاون العملي.']);
    expect(() => resolveLanguages(doc, { tgt: 'ar' })).toThrow(expect.objectContaining({ code: 'SAME_LANGUAGE' }));
  });
});
