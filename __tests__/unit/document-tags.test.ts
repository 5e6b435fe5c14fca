/** If-Match tags of a document as the writes read them (http/etag.ts, documentTagsOf). */
import { documentTag, documentTagsOf, parseIfMatch } from '../../src/http/etag';

describe('documentTagsOf', () => {
  it('reads the rev and the TM seq of the tags documentTag makes, in every format', () => {
    expect(documentTagsOf([documentTag(4, 'json', 17), documentTag(5, 'i18nexten', 0)])).toEqual([
      { rev: 4, seq: 17 },
      { rev: 5, seq: 0 },
    ]);
  });

  it('reads the rev alone of the shorter tags of earlier versions, keeps * and leaves out tags of no rev', () => {
    expect(documentTagsOf(parseIfMatch('"rev-3", "rev-3.tmx", *, "abc", W/"rev-2.json.s1", "rev-x"')!)).toEqual([
      { rev: 3 },
      { rev: 3 },
      '*',
    ]);
  });
});
