import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { silentLogger } from '../../src/config';
import { createApp } from '../../src/http/app';
import { SPOOL_DIR } from '../../src/http/tmx-upload';
import { createTranslator } from '../../src/i18n';
import { createTestContext, keysUnder, withKey, type TestContext } from '../helpers/context';
import { generatedTmx, tmChecksum, waitJob, type JobBody } from '../helpers/tm-import';

// Large uploads, read by a worker thread: tens of seconds on a loaded machine.
jest.setTimeout(120_000);

let ctx: TestContext;
const TM = 'cancelled';
/**
 * Large enough that reading and staging it takes seconds (200,000 units, ≈ 65 MB, 200 staged chunks), while the
 * DELETE right after the 202 takes milliseconds: the test asserts on the job's states, never on durations.
 */
let big: Buffer;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
  const res = await post(generatedTmx(20)).expect(202);
  expect((await waitJob(ctx.app, (res.body as JobBody).id)).status).toBe('done');
  big = Buffer.from(generatedTmx(200_000, { from: 1000 }));
});
afterAll(() => ctx.close());

function post(body: string | Buffer) {
  return request(ctx.app).post(`/api/v1/tms/${TM}/imports`).set('Content-Type', 'application/x-tmx+xml').send(body);
}

const checksum = () => tmChecksum(ctx.redis, ctx.keys, TM);
const stagedKeys = async () => (await keysUnder(ctx.redis, ctx.keys)).filter((key) => key.includes(':import:'));
const spooled = (id: string) => fs.existsSync(path.join(SPOOL_DIR, `${process.pid}-${id}.tmx`));

describe('an HTTP import can be followed and cancelled while it is read', () => {
  it('answers 202 once the upload is in, before reading it; DELETE cancels it and the TM stays as it was', async () => {
    const before = await checksum();
    const res = await post(big).expect(202);
    const id = (res.body as JobBody).id;
    expect(res.headers.location).toBe(`/api/v1/jobs/${id}`);
    // Answered before the file was read: nothing staged yet, nothing committed.
    expect(['queued', 'running']).toContain(res.body.status);
    expect(res.body.units).toMatchObject({ written: 0 });
    const cancel = await request(ctx.app).delete(`/api/v1/jobs/${id}`).expect(202);
    expect(cancel.body).toMatchObject({ id, cancelRequested: true });
    expect(['queued', 'running']).toContain(cancel.body.status);
    const job = await waitJob(ctx.app, id);
    expect(job).toMatchObject({ status: 'cancelled', units: { written: 0 } });
    expect(job.error).toBeUndefined();
    expect(await checksum()).toBe(before);
    expect(await stagedKeys()).toEqual([]);
    expect(spooled(id)).toBe(false);
  });

  it('shows its progress while it reads, and a shutdown cancels it, removing its file', async () => {
    const before = await checksum();
    const res = await post(big).expect(202);
    const id = (res.body as JobBody).id;
    for (;;) {
      const job = (await request(ctx.app).get(`/api/v1/jobs/${id}`).expect(200)).body as JobBody;
      expect(['queued', 'running']).toContain(job.status); // 200 chunks to stage: not all of them by now
      if (job.units.staged > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(spooled(id)).toBe(true);
    await ctx.tm.imports.close(); // what the server does on SIGTERM, before it disconnects from Redis
    expect((await request(ctx.app).get(`/api/v1/jobs/${id}`).expect(200)).body.status).toBe('cancelled');
    expect(spooled(id)).toBe(false);
    expect(await stagedKeys()).toEqual([]);
    expect(await checksum()).toBe(before);
  });

  it('removes the file of a job that ends, done or failed', async () => {
    const done = (await post(generatedTmx(30, { from: 500 })).expect(202)).body as JobBody;
    const failed = (await post(generatedTmx(30, { tail: '<tu>' })).expect(202)).body as JobBody;
    expect((await waitJob(ctx.app, done.id)).status).toBe('done');
    expect((await waitJob(ctx.app, failed.id)).status).toBe('failed');
    // Removed once read, before the job said how reading ended: no waiting for the background task.
    expect(spooled(done.id)).toBe(false);
    expect(spooled(failed.id)).toBe(false);
  });
});

describe('an upload that is not received whole leaves no file and no staged key', () => {
  /** The app on a port of its own (maxImportMb as given), for requests written by hand: chunked, cut short. */
  async function listen(maxImportMb: number): Promise<{ port: number; close: () => Promise<void> }> {
    const config = { ...ctx.config, maxImportMb };
    const app = createApp({
      tm: ctx.tm,
      translator: await createTranslator(),
      config,
      logger: silentLogger,
      version: 't',
    });
    const server = http.createServer(withKey(app, ctx.adminKey));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }
  const open = (port: number) =>
    http.request({
      port,
      host: '127.0.0.1',
      method: 'POST',
      path: `/api/v1/tms/${TM}/imports`,
      headers: { 'Content-Type': 'application/x-tmx+xml', 'Transfer-Encoding': 'chunked' },
    });
  const ours = () => fs.readdirSync(SPOOL_DIR).filter((name) => name.startsWith(`${process.pid}-`));

  it('a chunked body past the limit: 413 FILE_TOO_LARGE, the job failed, its file removed', async () => {
    const before = await checksum();
    const server = await listen(1);
    try {
      const req = open(server.port);
      const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
        req.on('response', (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
      });
      req.end(big.subarray(0, 3 * 2 ** 20)); // no Content-Length: counted as it streams
      const { status, body } = await answered;
      expect(status).toBe(413);
      const answer = JSON.parse(body) as { error: { code: string }; job: { id: string; status: string } };
      expect(answer.error.code).toBe('FILE_TOO_LARGE');
      expect(answer.job.status).toBe('failed');
      const id = answer.job.id;
      expect((await request(ctx.app).get(`/api/v1/jobs/${id}`).expect(200)).body.status).toBe('failed');
      expect(spooled(id)).toBe(false);
    } finally {
      await server.close();
    }
    expect(await checksum()).toBe(before);
  });

  it('a client gone mid-upload: the job cancelled, its file removed', async () => {
    const before = await checksum();
    const server = await listen(1024);
    try {
      const req = open(server.port);
      req.on('error', () => undefined); // the socket is destroyed below
      req.write(big.subarray(0, 2 ** 20));
      let file: string | undefined;
      while (!(file = ours()[0])) await new Promise((resolve) => setTimeout(resolve, 10));
      const id = /-(\w+)\.tmx$/.exec(file)![1]!;
      req.destroy();
      for (;;) {
        const job = (await request(ctx.app).get(`/api/v1/jobs/${id}`).expect(200)).body as JobBody;
        if (job.status === 'cancelled') break;
        expect(job.status).toBe('queued');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(spooled(id)).toBe(false);
      expect(await stagedKeys()).toEqual([]);
    } finally {
      await server.close();
    }
    expect(await checksum()).toBe(before);
  });
});
