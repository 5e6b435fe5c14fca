/**
 * Behaviours a user walkthrough found inconsistent between routes, or between a route and its CLI: languages in
 * `langs` read as everywhere else, error messages with every placeholder filled, pages of exactly `limit` units,
 * MyMemory dates and counts from a unit's TMX metadata, and the CLI export's file and tool version.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import pkg from '../../package.json';
import { createTestContext, runScript, type TestContext } from '../helpers/context';
import { generatedTmx, waitJob, type JobBody } from '../helpers/tm-import';

jest.setTimeout(30_000);

let ctx: TestContext;
let dir: string;
const prefix = `mizan-test:${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-consistency-'));
  ctx = await createTestContext({ prefix });
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const exportOf = (query: Record<string, string>) => request(ctx.app).get('/api/v1/tms/main/export').query(query);
const languagesIn = (tsvHeader: string) => tsvHeader.split('\t').filter((c) => ['ar', 'en', 'zh'].includes(c));

describe('the languages of a whole-TM export', () => {
  it('are read as every other route reads languages: BCP 47 or POSIX, any case', async () => {
    const res = await exportOf({ format: 'tsv', langs: 'AR,en_GB' }).expect(200);
    expect(languagesIn(res.text.split('\n')[0]!)).toEqual(['ar', 'en']);
    const zh = await exportOf({ format: 'tsv', langs: 'zh-Hans-CN' }).expect(200);
    expect(languagesIn(zh.text.split('\n')[0]!)).toEqual(['ar', 'zh']);
  });

  it('always include Arabic, the source: en,zh is ar, en and zh', async () => {
    const res = await exportOf({ format: 'tsv', langs: 'en,zh' }).expect(200);
    expect(languagesIn(res.text.split('\n')[0]!)).toEqual(['ar', 'en', 'zh']);
  });

  it('refuse other languages with UNSUPPORTED_LANGUAGE, as /match does, and a list without a target', async () => {
    for (const langs of ['ar,fr', 'ar,zh-TW']) {
      const res = await exportOf({ langs }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'UNSUPPORTED_LANGUAGE', param: 'langs' });
      const match = await request(ctx.app)
        .get('/api/v1/match')
        .query({ q: 'x', tgt: langs.split(',')[1] });
      expect(match.body.error.code).toBe(res.body.error.code);
    }
    const alone = await exportOf({ langs: 'AR' }).expect(400);
    expect(alone.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'langs' });
  });

  it('are read by the CLI by the same rule', () => {
    const out = path.join(dir, 'pair.tsv');
    const ok = runScript('tmx', prefix, 'export', '--tm', 'main', '--out', out, '--langs', 'en_GB');
    expect(ok.status).toBe(0);
    expect(languagesIn(fs.readFileSync(out, 'utf8').split('\n')[0]!)).toEqual(['ar', 'en']);
    const both = runScript('tmx', prefix, 'export', '--tm', 'main', '--out', out, '--langs', 'en,zh');
    expect(both.status).toBe(0);
    expect(languagesIn(fs.readFileSync(out, 'utf8').split('\n')[0]!)).toEqual(['ar', 'en', 'zh']);
    const bad = runScript('tmx', prefix, 'export', '--tm', 'main', '--out', out, '--langs', 'ar,fr');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('UNSUPPORTED_LANGUAGE');
  }, 60_000);
});

describe('the CLI export', () => {
  it('leaves no file behind when it fails, and names the package version, as the server does', () => {
    const missing = path.join(dir, 'nope.tmx');
    const failed = runScript('tmx', prefix, 'export', '--tm', 'nope', '--out', missing);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('UNKNOWN_TM');
    expect(fs.existsSync(missing)).toBe(false);
    const out = path.join(dir, 'main.tmx');
    expect(runScript('tmx', prefix, 'export', '--tm', 'main', '--out', out).status).toBe(0);
    // The server writes the version it was started with (src/server.ts: package.json's); the CLI the same one.
    expect(fs.readFileSync(out, 'utf8')).toContain(`creationtoolversion="${pkg.version}"`);
  }, 60_000);
});

describe('error messages', () => {
  it("name the formats a TM export takes, in every language, joined with that language's own 'or'", async () => {
    const lists = { en: 'tmx or tsv', ar: 'tmx أو tsv', zh: 'tmx或tsv' };
    for (const [lang, list] of Object.entries(lists)) {
      const res = await exportOf({ format: 'xyz' }).set('Accept-Language', lang).expect(400);
      expect(res.body.error.code).toBe('UNKNOWN_FORMAT');
      expect(res.body.error.message).toContain(list);
      expect(res.body.error.message).not.toContain('{{');
    }
  });

  it('name the parameter a tmserver lookup without text misses', async () => {
    const res = await request(ctx.app).get('/tmserver/ar/en/unit/').expect(404);
    expect(res.body.error).toMatchObject({ code: 'QUERY_MISSING', param: 'source' });
    expect(res.body.error.message).toContain('"source"');
    const match = await request(ctx.app).get('/api/v1/match').expect(400);
    expect(match.body.error.message).toContain('"q"');
  });

  it('show an unknown path whole characters at a time, however long', async () => {
    const long = `/api/v1/${'س'.repeat(300)}`;
    const res = await request(ctx.app).get(encodeURI(long)).expect(404);
    expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    expect(res.body.error.message).toContain(`/api/v1/${'س'.repeat(192)}.`);
    expect(res.body.error.message).not.toMatch(/%/);
  });
});

describe("pages of a TM's units", () => {
  it('hold at most `limit` units, and every unit comes once', async () => {
    const total = (await request(ctx.app).get('/api/v1/tms').expect(200)).body.tms.find(
      (t: { name: string }) => t.name === 'main',
    ).units as number;
    const seen: string[] = [];
    let cursor: string | null = '0';
    while (cursor !== null) {
      const res: request.Response = await request(ctx.app)
        .get('/api/v1/tms/main/units')
        .query({ cursor, limit: 1 })
        .expect(200);
      expect(res.body.units.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.units.map((u: { unitId: string }) => u.unitId));
      cursor = res.body.cursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('hold exactly `limit` units but the last on a TM large enough for SSCAN to answer bucket by bucket', async () => {
    const started = await request(ctx.app)
      .post('/api/v1/tms/big/imports')
      .set('Content-Type', 'application/x-tmx+xml')
      .send(Buffer.from(generatedTmx(300)))
      .expect(202);
    expect((await waitJob(ctx.app, (started.body as JobBody).id)).status).toBe('done');
    const sizes: number[] = [];
    const seen = new Set<string>();
    let cursor: string | null = '0';
    while (cursor !== null) {
      const res: request.Response = await request(ctx.app)
        .get('/api/v1/tms/big/units')
        .query({ cursor, limit: 7 })
        .expect(200);
      sizes.push(res.body.units.length);
      for (const u of res.body.units as { unitId: string }[]) seen.add(u.unitId);
      cursor = res.body.cursor;
    }
    expect(seen.size).toBe(300);
    expect(sizes.slice(0, -1).every((n) => n === 7)).toBe(true);
    expect(sizes.reduce((a, b) => a + b)).toBe(300);
  });

  it('refuse a cursor that is not one', async () => {
    const res = await request(ctx.app).get('/api/v1/tms/main/units').query({ cursor: '12.x' }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'cursor' });
  });

  it('refuse a cursor past what SSCAN takes as a bad parameter, not a server error', async () => {
    const first = await request(ctx.app).get('/api/v1/tms/main/units').query({ limit: 1 }).expect(200);
    const tag = String(first.body.cursor).split('.')[0];
    for (const cursor of ['18446744073709551616', `${tag}.18446744073709551616`, `${tag}.99999999999999999999`]) {
      const res = await request(ctx.app).get('/api/v1/tms/main/units').query({ cursor }).expect(400);
      expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'cursor' });
    }
  });

  it('refuse a cursor another TM gave, rather than answer a page of this one from it', async () => {
    for (const [ar, en] of [
      ['وحدة أولى في ذاكرة أخرى', 'A first unit in another memory'],
      ['وحدة ثانية في ذاكرة أخرى', 'A second unit in another memory'],
    ])
      await request(ctx.app).post('/api/v1/units').send({ tm: 'other', ar, en }).expect(201);
    const ofOther = await request(ctx.app).get('/api/v1/tms/other/units').query({ limit: 1 }).expect(200);
    expect(ofOther.body.cursor).toEqual(expect.any(String));
    const res = await request(ctx.app).get('/api/v1/tms/main/units').query({ cursor: ofOther.body.cursor }).expect(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PARAMETER', param: 'cursor' });
    await request(ctx.app).get('/api/v1/tms/other/units').query({ cursor: ofOther.body.cursor }).expect(200);
  });
});

describe('MyMemory matches', () => {
  const ar = 'اتفق الطرفان على عقد الاجتماع القادم في القاهرة';
  const tmx =
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
    'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>' +
    '<tu creationdate="20230204T093947Z" changedate="20240101T120000Z" usagecount="95" creationid="MateCat">' +
    `<tuv xml:lang="ar"><seg>${ar}</seg></tuv>` +
    '<tuv xml:lang="en"><seg>The two sides agreed to hold the next meeting in Cairo.</seg></tuv></tu></body></tmx>';

  it("carry the dates, author and usage count the unit's TMX gave it", async () => {
    const started = await request(ctx.app)
      .post('/api/v1/tms/main/imports')
      .set('Content-Type', 'application/x-tmx+xml')
      .send(Buffer.from(tmx))
      .expect(202);
    expect((await waitJob(ctx.app, (started.body as JobBody).id)).status).toBe('done');
    const res = await request(ctx.app).get('/get').query({ q: ar, langpair: 'ar|en' }).expect(200);
    expect(res.body.matches[0]).toMatchObject({
      'usage-count': 95,
      'created-by': 'MateCat',
      'last-updated-by': 'mizan',
      'create-date': '2023-02-04 09:39:47',
      'last-update-date': '2024-01-01 12:00:00',
    });
  });
});
