import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { loadSeed, TranslationMemory } from '../../src/service';
import { UnitStore } from '../../src/store';
import { createTestContext, TM_DIR, type TestContext } from '../helpers/context';

let ctx: TestContext;
let dir: string;

beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-seed-'));
  for (const f of fs.readdirSync(TM_DIR)) fs.copyFileSync(path.join(TM_DIR, f), path.join(dir, f));
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loading the seed folder', () => {
  it('writes every unit the first time and nothing the second time', async () => {
    const first = await loadSeed(dir, ctx.store, silentLogger);
    expect(first).toEqual({ tm: 'main', documents: 1, units: 17, changed: 17 });
    const snapshot = await ctx.redis.xlen(ctx.keys.log('main'));
    const second = await loadSeed(dir, ctx.store, silentLogger);
    expect(second).toEqual({ tm: 'main', documents: 1, units: 17, changed: 0 });
    expect(await ctx.redis.xlen(ctx.keys.log('main'))).toBe(snapshot);
    expect(await ctx.redis.scard(ctx.keys.units('main'))).toBe(17);
  });

  it('updates only the changed row when a file changes, and every instance sees it at its next query', async () => {
    const other = new TranslationMemory(ctx.store, silentLogger, 'main'); // a second instance on the same Redis
    const before = await other.match({
      q: 'وستعمل الصين مع قيرغيزستان وطاجيكستان وتركمانستان في إنشاء مراكز ثقافية.',
      src: 'ar',
      tgt: ['en'],
      min: 100,
      limit: 1,
      tms: ['main'],
    });
    expect(before).toHaveLength(1);

    const file = path.join(dir, 'ace54e57cd73f9de.tmx');
    const tmx = fs.readFileSync(file, 'utf8');
    const edited = tmx.replace('to establish cultural centers.', 'to set up cultural centres.');
    expect(edited).not.toBe(tmx);
    fs.writeFileSync(file, edited);

    const report = await loadSeed(dir, ctx.store, silentLogger);
    expect(report.changed).toBe(1);
    const after = await other.match({
      q: 'وستعمل الصين مع قيرغيزستان وطاجيكستان وتركمانستان في إنشاء مراكز ثقافية.',
      src: 'ar',
      tgt: ['en'],
      min: 100,
      limit: 1,
      tms: ['main'],
    });
    expect(after[0]!.targets.en).toBe(
      'China will work with Kyrgyzstan, Tajikistan and Turkmenistan to set up cultural centres.',
    );
    const res = await request(ctx.app).get('/api/v1/documents/ace54e57cd73f9de').expect(200);
    expect(res.body.segments[12].en).toBe(
      'China will work with Kyrgyzstan, Tajikistan and Turkmenistan to set up cultural centres.',
    );
  });

  it('keeps an edit made through the API in a row the changed file did not touch', async () => {
    const unitId = (await ctx.store.getDocument('main', 'ace54e57cd73f9de'))!.rows[9]!.unitId;
    await new UnitStore(ctx.redis, ctx.keys).patch('main', unitId, { en: 'Edited by a translator.' });
    const file = path.join(dir, 'ace54e57cd73f9de.tmx');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('to set up cultural centres.', 'to open cultural centres.'),
    );
    const report = await loadSeed(dir, ctx.store, silentLogger);
    expect(report.changed).toBe(1);
    const doc = await ctx.store.getDocument('main', 'ace54e57cd73f9de');
    expect(doc!.rows[9]!.en).toBe('Edited by a translator.');
    expect(doc!.rows[12]!.en).toBe(
      'China will work with Kyrgyzstan, Tajikistan and Turkmenistan to open cultural centres.',
    );
  });

  it('removes rows that a file no longer has', async () => {
    const file = path.join(dir, 'ace54e57cd73f9de.tmx');
    const tmx = fs.readFileSync(file, 'utf8');
    const lastTu = tmx.lastIndexOf('    <tu ');
    fs.writeFileSync(file, tmx.slice(0, lastTu) + tmx.slice(tmx.indexOf('</tu>', lastTu) + '</tu>\n'.length));
    const report = await loadSeed(dir, ctx.store, silentLogger);
    expect(report).toMatchObject({ units: 16, changed: 1 });
    expect(await ctx.redis.scard(ctx.keys.units('main'))).toBe(16);
    const res = await request(ctx.app).get('/api/v1/documents/ace54e57cd73f9de').expect(200);
    expect(res.body.segments).toHaveLength(16);
    const gone = await request(ctx.app)
      .get('/api/v1/match')
      .query({
        q:
          'وستضع الصين وتركمانستان خططا قوية لتنظيم كل منهما أنشطة ثقافية سنوية في الأخرى، ' +
          'وتسريع إنشاء مراكز الطب التقليدي في تركمانستان.',
        min: '100',
      })
      .expect(200);
    expect(gone.body.matches).toEqual([]);
  });

  it('refuses a manifest that names a missing field, saying which', () => {
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        version: 1,
        tm: 'main',
        documents: [{ id: 'x', file: 'x.tmx', order: 0, date: 'today', titles: {} }],
      }),
    );
    return expect(loadSeed(dir, ctx.store, silentLogger)).rejects.toThrow(
      /date must be YYYY-MM-DD.*titles\.ar is missing/,
    );
  });
});
