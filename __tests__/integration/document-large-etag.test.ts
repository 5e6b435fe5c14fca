/**
 * A document of more than 1,000 rows is written to the client in slices (http/json-stream.ts) rather than by
 * res.json: its JSON still carries the document's ETag, and If-None-Match with that tag is 304 without a body, on GET
 * and on HEAD, as it is for a small document. The tag names the rev, the format and the TM's seq, not the body, so it
 * is known before the first byte is written.
 */
import request from 'supertest';
import { withUnitIds } from '../../src/service';
import type { AlignedDocument } from '../../src/types';
import { createTestContext, type TestContext } from '../helpers/context';

jest.setTimeout(60_000);

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false, config: { redisTimeoutMs: 10_000 } });
});
afterAll(() => ctx.close());

const TM = 'doc-large-etag';
const ROWS = 1_001;
const URL = '/api/v1/documents/dlargetag';

function document(): AlignedDocument {
  return {
    meta: {
      id: 'dlargetag',
      titles: { ar: 'وثيقة طويلة', en: '', zh: '' },
      source: 'test',
      date: '2026-12-06',
      order: 1,
    },
    segments: Array.from({ length: ROWS }, (_, i) => ({
      position: i,
      paragraph: i,
      ar: `الجملة رقم ${i} في وثيقة طويلة.`,
      en: `Sentence ${i} of a long document.`,
      zh: '',
    })),
  };
}

const read = (method: 'get' | 'head', etag?: string, format?: string) => {
  const agent = request(ctx.app);
  const req = (method === 'get' ? agent.get(URL) : agent.head(URL)).query({ tm: TM, ...(format && { format }) });
  return etag ? req.set('If-None-Match', etag) : req;
};

describe('the ETag of a document of more than 1,000 rows', () => {
  it('is sent with its JSON, and If-None-Match with it is 304 on GET and HEAD until a row changes', async () => {
    await ctx.store.putDocument(TM, withUnitIds(TM, document()));
    const first = await read('get').expect(200);
    expect(first.body.segments).toHaveLength(ROWS);
    const tag = first.headers.etag!;
    expect(tag).toMatch(new RegExp(`^"rev-${first.body.rev as number}\\.json\\.s\\d+"$`));

    const unchanged = await read('get', tag).expect(304);
    expect(unchanged.headers.etag).toBe(tag);
    expect(unchanged.text ?? '').toBe('');
    expect((await read('head').expect(200)).headers.etag).toBe(tag);
    expect((await read('head', tag).expect(304)).headers.etag).toBe(tag);

    // Every other format of the same document answers 304 to its own tag too.
    for (const format of ['tmx', 'tsv', 'html']) {
      const exported = (await read('get', undefined, format).expect(200)).headers.etag!;
      expect(exported).toMatch(new RegExp(`\\.${format}\\.s\\d+"$`));
      expect([format, (await read('get', exported, format)).status]).toEqual([format, 304]);
    }

    // An edit of one row's unit: the old tag gets the new rows, the new tag a 304.
    const unitId = first.body.segments[1000].unitId as string;
    await request(ctx.app).patch(`/api/v1/units/${unitId}`).query({ tm: TM }).send({ en: 'The last row.' }).expect(200);
    const changed = await read('get', tag).expect(200);
    expect(changed.body.segments[1000].en).toBe('The last row.');
    expect(changed.headers.etag).not.toBe(tag);
    await read('get', changed.headers.etag).expect(304);
  });
});
