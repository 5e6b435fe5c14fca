import { Writable } from 'node:stream';
import { createLogger, RateLimitedWarnings, type Logger } from '../../src/config';
import { parameterNames, requestId } from '../../src/http/access-log';

/** A pino destination that keeps each line, parsed. */
function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

/** A logger that only records warnings' messages and fields. */
function recorder(): { logger: Logger; warnings: { message: string; fields?: Record<string, unknown> }[] } {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  const none = () => undefined;
  return {
    logger: { debug: none, info: none, error: none, warn: (message, fields) => warnings.push({ message, fields }) },
    warnings,
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time, message and the given fields', () => {
    const { lines, stream } = capture();
    const logger = createLogger('info', stream);
    logger.info('request', { route: '/api/v1/match', status: 200 });
    logger.warn('redis: connection lost');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'info',
      name: 'mizan',
      msg: 'request',
      route: '/api/v1/match',
      status: 200,
    });
    expect(new Date(lines[0]!.time as string).toISOString()).toBe(lines[0]!.time);
    expect(lines[1]).toMatchObject({ level: 'warn', msg: 'redis: connection lost' });
  });

  it('leaves out lines below its level and says whether debug is on', () => {
    const { lines, stream } = capture();
    const logger = createLogger('warn', stream);
    logger.debug('d');
    logger.info('i');
    logger.error('e');
    expect(lines.map((l) => l.msg)).toEqual(['e']);
    expect(logger.debugEnabled).toBe(false);
    expect(createLogger('debug', capture().stream).debugEnabled).toBe(true);
  });
});

describe('RateLimitedWarnings', () => {
  it('writes at most N lines per kind per interval, then says how many it suppressed', () => {
    const { logger, warnings } = recorder();
    let now = 0;
    const limited = new RateLimitedWarnings(logger, { lines: 2, intervalMs: 1000, now: () => now });
    for (let i = 0; i < 10; i++) limited.warn('store-unavailable', `503 number ${i}`);
    limited.warn('other', 'another kind has its own allowance');
    expect(warnings.map((w) => w.message)).toEqual([
      '503 number 0',
      '503 number 1',
      'another kind has its own allowance',
    ]);
    now = 1000;
    limited.warn('store-unavailable', '503 after the interval');
    expect(warnings.slice(3)).toEqual([
      {
        message: '8 "store-unavailable" warning(s) suppressed',
        fields: { kind: 'store-unavailable', suppressed: 8 },
      },
      { message: '503 after the interval', fields: { kind: 'store-unavailable' } },
    ]);
  });

  it('says how many it suppressed at the end of the interval when no later warning comes', () => {
    const { logger, warnings } = recorder();
    const scheduled: { fn: () => void; ms: number }[] = [];
    let now = 0;
    const limited = new RateLimitedWarnings(logger, {
      lines: 1,
      intervalMs: 1000,
      now: () => now,
      schedule: (fn, ms) => scheduled.push({ fn, ms }),
    });
    limited.warn('store-unavailable', 'first');
    now = 400;
    limited.warn('store-unavailable', 'second');
    limited.warn('store-unavailable', 'third');
    expect(scheduled.map((s) => s.ms)).toEqual([600]);
    scheduled[0]!.fn();
    expect(warnings.map((w) => w.message)).toEqual(['first', '2 "store-unavailable" warning(s) suppressed']);
    now = 1500;
    limited.warn('store-unavailable', 'a new outage');
    expect(warnings.at(-1)!.message).toBe('a new outage');
  });

  it('writes no summary when nothing was suppressed', () => {
    const { logger, warnings } = recorder();
    let now = 0;
    const limited = new RateLimitedWarnings(logger, { lines: 5, intervalMs: 10, now: () => now });
    limited.warn('k', 'one');
    now = 20;
    limited.warn('k', 'two');
    expect(warnings.map((w) => w.message)).toEqual(['one', 'two']);
  });
});

describe('access log helpers', () => {
  it('keeps the names of query parameters, never their values, and counts names that look like text', () => {
    expect(parameterNames('/api/v1/match?q=%D9%83%D9%84%D9%85%D8%A9&tgt=en&tgt=zh&min=70')).toEqual({
      names: ['q', 'tgt', 'min'],
      other: 0,
    });
    expect(parameterNames('/api/v1/match?%D9%83%D9%84%D9%85%D8%A9=1&q=x&&=y')).toEqual({ names: ['q'], other: 2 });
    expect(parameterNames('/healthz')).toEqual({ names: [], other: 0 });
  });

  it('keeps a sane incoming request id and replaces any other', () => {
    expect(requestId('req-42.a:b_c')).toBe('req-42.a:b_c');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), ['a', 'b'], 'كلمة', 'a\nb']) {
      const id = requestId(bad);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });
});
