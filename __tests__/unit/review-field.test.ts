import { reviewReasons } from '../../src/store/document-writer';

describe("a unit's stored review field", () => {
  it('reads the reasons it holds, in order', () => {
    expect(reviewReasons('counts,neighbour')).toEqual(['counts', 'neighbour']);
  });

  it('has no reasons for an unflagged row, a row flagged before reasons were kept, or no field', () => {
    expect([reviewReasons('0'), reviewReasons('1'), reviewReasons(''), reviewReasons(null)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('drops a reason it does not know (written by a later version)', () => {
    expect(reviewReasons('missing,something-new')).toEqual(['missing']);
  });
});
