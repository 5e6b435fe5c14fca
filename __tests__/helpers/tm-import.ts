/** Helpers for the TMX import/export tests: generated files, waiting for a job, a checksum of a TM's keys. */
import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import request from 'supertest';
import { isCluster, type Keys, type RedisClient } from '../../src/store';

export const TERMINAL = ['done', 'failed', 'cancelled'];

export interface JobBody {
  id: string;
  status: string;
  units: { read: number; staged: number; written: number; unchanged: number };
  bytes: { read: number; total?: number };
  skipped: Record<string, number>;
  merge: { extended: number; conflicts: { en: number; zh: number } };
  languages: Record<string, number>;
  encoding?: string;
  error?: { code: string; message: string };
}

export interface UnitBody {
  unitId: string;
  tm: string;
  documentId: string | null;
  ar: string;
  en: string;
  zh: string;
  codes?: Record<string, { kind: string; xml: string }[]>;
  tuv?: Record<string, Record<string, unknown>>;
  tmx?: Record<string, unknown>;
  apart?: { tag: string; text: string; reason: string }[];
}

/** Polls GET /api/v1/jobs/:id until the job has ended; its last answer. */
export async function waitJob(app: RequestListener, id: string): Promise<JobBody> {
  for (;;) {
    const res = await request(app).get(`/api/v1/jobs/${id}`).expect(200);
    if (TERMINAL.includes((res.body as JobBody).status)) return res.body as JobBody;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Posts a TMX file as the body of POST /api/v1/tms/:tm/imports (202) and waits for its job to end. */
export async function importTmx(app: RequestListener, tm: string, body: string): Promise<JobBody> {
  const res = await request(app)
    .post(`/api/v1/tms/${tm}/imports`)
    .set('Content-Type', 'application/x-tmx+xml')
    .send(Buffer.from(body))
    .expect(202);
  return waitJob(app, (res.body as JobBody).id);
}

/** Imports a TMX file (importTmx) and expects its job done. */
export async function importDone(app: RequestListener, tm: string, body: string): Promise<JobBody> {
  const job = await importTmx(app, tm, body);
  expect(job.status).toBe('done');
  return job;
}

/** The TM exported as TMX (GET /api/v1/tms/:tm/export?format=tmx), as text. */
export async function exportTmx(app: RequestListener, tm: string): Promise<string> {
  return (await request(app).get(`/api/v1/tms/${tm}/export`).query({ format: 'tmx' }).expect(200)).text;
}

/** The start of a small hand-written TMX 1.4 file (declaration, header with srclang ar, `<body>`), and its end. */
export const TMX_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n';
export const TMX_FOOT = '</body></tmx>\n';

/** A bilingual tu: the Arabic and one other language's text, with a tuid when given. */
export const bilingualTu = (ar: string, lang: string, text: string, tuid = '') =>
  `<tu${tuid && ` tuid="${tuid}"`}><tuv xml:lang="ar"><seg>${ar}</seg></tuv>` +
  `<tuv xml:lang="${lang}"><seg>${text}</seg></tuv></tu>\n`;

/** A bilingual ar–en TMX of n units, the i-th of Arabic `ar(i)` and English `en(i)`. */
export const bilingualTmx = (n: number, ar: (i: number) => string, en: (i: number) => string) =>
  TMX_HEAD + Array.from({ length: n }, (_, i) => bilingualTu(ar(i), 'en', en(i))).join('') + TMX_FOOT;

/** A trilingual TMX of n generated units (Arabic i-th sentence unique), optionally cut short by `tail`. */
export function generatedTmx(n: number, options: { tail?: string; from?: number } = {}): string {
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
    'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n';
  const units: string[] = [];
  const from = options.from ?? 0;
  for (let i = from; i < from + n; i++) {
    units.push(
      `<tu tuid="g${i}"><tuv xml:lang="ar"><seg>جملة تجريبية رقم ${i} عن التعاون</seg></tuv>` +
        `<tuv xml:lang="en"><seg>Test sentence number ${i} on cooperation</seg></tuv>` +
        `<tuv xml:lang="zh"><seg>关于合作的第${i}个测试句子</seg></tuv></tu>\n`,
    );
  }
  return head + units.join('') + (options.tail ?? '</body></tmx>\n');
}

/**
 * SHA-256 over the DUMP of every key of the TM (sorted by name) and its membership in the TMs set: equal checksums
 * mean the TM is byte-identical.
 */
export async function tmChecksum(redis: RedisClient, keys: Keys, tm: string): Promise<string> {
  const pattern = keys.units(tm).replace(/units$/, '*');
  const found: string[] = [];
  for (const node of isCluster(redis) ? redis.nodes('master') : [redis]) {
    let cursor = '0';
    do {
      const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      found.push(...batch);
    } while (cursor !== '0');
  }
  const hash = createHash('sha256');
  for (const key of found.sort()) {
    const dump = await redis.dumpBuffer(key);
    hash
      .update(key)
      .update('\u0000')
      .update(dump ?? Buffer.alloc(0));
  }
  hash.update(String(await redis.sismember(keys.tms(), tm)));
  return `${found.length}:${hash.digest('hex')}`;
}

/** Every unit of a TM through the units route, as comparable records (unit ids aside: they embed the TM name). */
export async function allUnits(app: RequestListener, tm: string): Promise<Omit<UnitBody, 'unitId' | 'tm'>[]> {
  const out: UnitBody[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const res = await request(app).get(`/api/v1/tms/${tm}/units`).query({ cursor, limit: 500 }).expect(200);
    const body = res.body as { units: UnitBody[]; cursor: string | null };
    out.push(...body.units);
    cursor = body.cursor;
  }
  const seen = new Set<string>();
  return out
    .filter((u) => !seen.has(u.unitId) && seen.add(u.unitId))
    .map(({ unitId: _id, tm: _tm, ...rest }) => rest)
    .sort((a, b) => (a.ar < b.ar ? -1 : a.ar > b.ar ? 1 : 0));
}
