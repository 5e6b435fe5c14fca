import { AnswerCache } from '../../src/service/answer-cache';

describe('AnswerCache', () => {
  it('keeps the most recently used answers up to its capacity', () => {
    const cache = new AnswerCache<string>(2);
    cache.set('a', '1');
    cache.set('b', '2');
    expect(cache.get('a')).toBe('1'); // a is now the most recent
    cache.set('c', '3');
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.size]).toEqual(['1', '3', 2]);
  });

  it('stores nothing when its capacity is 0', () => {
    const cache = new AnswerCache<string>(0);
    cache.set('a', '1');
    expect(cache.get('a')).toBeUndefined();
  });
});
