import { AnswerCache, ByteLru, type Parsed } from '../../src/http/answer-cache';
import { onlyKnown } from '../../src/http/match-params';

describe('ByteLru', () => {
  it('keeps the most recently used entries within its byte budget', () => {
    const lru = new ByteLru<string>(1000);
    lru.set('a', '1', 300);
    lru.set('b', '2', 300);
    expect(lru.get('a')).toBe('1'); // a is now the most recent
    lru.set('c', '3', 300);
    expect(lru.get('b')).toBeUndefined();
    expect([lru.get('a'), lru.get('c'), lru.size]).toEqual(['1', '3', 2]);
    expect(lru.bytes).toBeLessThanOrEqual(1000);
  });

  it('keeps nothing larger than its whole budget, and nothing at all with a budget of 0', () => {
    const lru = new ByteLru<string>(1000);
    lru.set('big', 'x', 5000);
    expect(lru.get('big')).toBeUndefined();
    const off = new ByteLru<string>(0);
    off.set('a', '1', 1);
    expect([off.get('a'), off.size, off.bytes]).toEqual([undefined, 0, 0]);
  });

  it('counts a replaced entry once', () => {
    const lru = new ByteLru<string>(10_000);
    lru.set('a', '1', 100);
    const once = lru.bytes;
    lru.set('a', '2', 100);
    expect([lru.bytes, lru.get('a')]).toEqual([once, '2']);
  });
});

describe('AnswerCache', () => {
  /** A cache over fake TMs whose revisions the test moves; counts parses and renders. */
  function setup(maxBytes = 1 << 20) {
    const revisions = new Map<string, number>([['main', 1]]);
    const cache = new AnswerCache(maxBytes, async (tms) => tms.map((tm) => revisions.get(tm) ?? 0));
    const counts = { parsed: 0, rendered: 0 };
    const ask = (raw: string, q: string, memo = true) =>
      cache.answer(
        raw,
        (): Parsed<string> => {
          counts.parsed++;
          return { request: q, key: `k:${q}`, tms: ['main'], bytes: q.length * 2, memo };
        },
        async (request) => {
          counts.rendered++;
          return Buffer.from(`${request}@${revisions.get('main')}`);
        },
      );
    return { cache, revisions, counts, ask };
  }

  it('answers a repeat from the stored body without parsing or rendering again', async () => {
    const { ask, counts } = setup();
    expect(String(await ask('q=a', 'a'))).toBe('a@1');
    expect(String(await ask('q=a', 'a'))).toBe('a@1');
    expect(counts).toEqual({ parsed: 1, rendered: 1 });
  });

  it('renders again once a TM the answer depends on has moved', async () => {
    const { ask, counts, revisions } = setup();
    await ask('q=a', 'a');
    revisions.set('main', 2);
    expect(String(await ask('q=a', 'a'))).toBe('a@2');
    expect(counts.rendered).toBe(2);
  });

  it('keys answers by the parsed request: other spellings share one entry, unknown parameters make none', async () => {
    const { ask, cache, counts } = setup();
    await ask('q=a', 'a');
    await ask('q=a&junk=1', 'a', false);
    await ask('q=a&junk=2', 'a', false);
    await ask('junk=3&q=a', 'a', false);
    expect(counts.rendered).toBe(1);
    expect(cache.stats()).toMatchObject({ answers: 1, parsed: 1 });
    expect(counts.parsed).toBe(4); // raw strings with unknown parameters are parsed every time, not remembered
  });

  it('stays within its byte budget however many distinct questions are asked', async () => {
    const { ask, cache } = setup(64 * 1024);
    for (let i = 0; i < 2000; i++) await ask(`q=${i}`, `question number ${i}`);
    const stats = cache.stats();
    expect(stats.answerBytes + stats.parsedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(stats.answers).toBeGreaterThan(0);
    expect(stats.answers).toBeLessThan(2000);
  });

  it('with a budget of 0 renders every time and stores nothing', async () => {
    const { ask, cache, counts } = setup(0);
    await ask('q=a', 'a');
    await ask('q=a', 'a');
    expect(counts).toEqual({ parsed: 2, rendered: 2 });
    expect(cache.stats()).toEqual({ answers: 0, answerBytes: 0, parsed: 0, parsedBytes: 0 });
  });
});

describe('onlyKnown', () => {
  it('tells a query of known parameters from one holding anything else', () => {
    const known = new Set(['q', 'src']);
    expect(onlyKnown({ q: 'a', src: 'ar' }, known)).toBe(true);
    expect(onlyKnown({ q: 'a', utm: 'x' }, known)).toBe(false);
  });
});
