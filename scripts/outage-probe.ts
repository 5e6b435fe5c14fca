/**
 * npm run probe:outage -- [--timeout 2000] [--burst 20] [--outage 4000]
 *
 * How long requests take when Redis fails, and what they are answered: a private redis-server (AOF on) and a mizan
 * in this process (the seed loaded, HTTP on a free port, MIZAN_REDIS_TIMEOUT_MS = --timeout), then, one at a time:
 * Redis frozen (SIGSTOP) for --outage ms, killed (SIGKILL) and started again after --outage ms, its writes held back
 * (CLIENT PAUSE WRITE), and slow but within the deadline (a script busy 500 ms). During each: a burst of --burst mixed
 * requests at once (unit and document reads, match, unit PATCH and POST), then one request every 100 ms. Prints a
 * Markdown table (statuses, elapsed p50/max, max over the timeout, log lines, recovery after Redis returns) for
 * docs/reliability.md. The figures are the machine's: run it on a quiet one.
 */
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig } from '../src/config';
import { createApp } from '../src/http/app';
import { createHttpServer } from '../src/http/server';
import { createTranslator } from '../src/i18n';
import { Access, generateKey, loadSeed, TranslationMemory } from '../src/service';
import { checkSchema, connectRedis, createRedis, Keys, TmStore } from '../src/store';
import { findOnPath, startEmbeddedRedis, type EmbeddedRedis } from '../src/store/embedded-redis';
import { readOptions } from './lib/cli';
import { percentile } from './lib/stats';

const USAGE = `usage: npm run probe:outage -- [--timeout 2000] [--burst 20] [--outage 4000]`;
const cli = readOptions(USAGE, {
  timeout: { type: 'string' },
  burst: { type: 'string' },
  outage: { type: 'string' },
});
const timeoutMs = cli.number('timeout', 2000);
const burst = cli.number('burst', 20);
const outageMs = cli.number('outage', 4000);

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Keeps Redis busy for `ms` (a script that waits on TIME): slow, not gone. */
const BUSY = `local s, u = unpack(redis.call('TIME')); local t0 = s * 1000 + u / 1000
while true do
  local s2, u2 = unpack(redis.call('TIME'))
  if s2 * 1000 + u2 / 1000 - t0 > tonumber(ARGV[1]) then break end
end
return 1`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Sample {
  status: number;
  ms: number;
}

async function timed(url: string, init?: RequestInit): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
}

async function main(): Promise<void> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('redis-server must be on PATH');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-outage-probe-'));
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line) => lines.push(line) });
  const port = await freePort();
  let redisServer: EmbeddedRedis = await startEmbeddedRedis({ binary, port, dataDir, logger });
  const config = loadConfig(
    {},
    { redisUrl: `redis://127.0.0.1:${port}`, redisTimeoutMs: timeoutMs, keyPrefix: 'probe:' },
  );
  const redis = createRedis(config, logger);
  await connectRedis(redis, 5000);
  const keys = new Keys(config.keyPrefix);
  await checkSchema(redis, keys, logger);
  const store = new TmStore(redis, keys);
  await loadSeed(config.tmDir, store, logger);
  const tm = new TranslationMemory(store, logger, config.defaultTm, config.freshness);
  // Writes need a key: the probe makes an admin key of its own in its private Redis.
  const { key: adminKey } = generateKey();
  await new Access(store).ensureAdmin(adminKey);
  const translator = await createTranslator();
  const server = createHttpServer(createApp({ tm, translator, config, logger, version: 'probe' }), translator, config);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const json = (method: string, body: unknown): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify(body),
  });
  const created = await (await fetch(`${base}/api/v1/units`, json('POST', { ar: 'وحدة لقياس الأعطال' }))).json();
  const unit = `${base}/api/v1/units/${(created as { unitId: string }).unitId}`;
  const q = encodeURIComponent('وقد توصل الجانبان إلى توافق واسع حول تعزيز التعاون العملي.');
  let n = 0;
  const kinds = [
    () => timed(unit),
    () => timed(`${base}/api/v1/documents`),
    () => timed(`${base}/api/v1/match?q=${q}&limit=${1 + (n++ % 40)}`),
    () => timed(unit, json('PATCH', { en: `probe ${n++}` })),
    () => timed(`${base}/api/v1/units`, json('POST', { ar: `جملة القياس رقم ${n++}` })),
  ];
  const mixed = (i: number) => kinds[i % kinds.length]!();

  /** A burst at once, then one request every 100 ms for `ms`. */
  async function load(ms: number): Promise<Sample[]> {
    const samples = await Promise.all(Array.from({ length: burst }, (_, i) => mixed(i)));
    const until = Date.now() + ms;
    for (let i = 0; Date.now() < until; i++) {
      samples.push(await mixed(i));
      await sleep(100);
    }
    return samples;
  }

  async function recovery(): Promise<number> {
    const started = performance.now();
    while ((await timed(unit)).status !== 200 || (await timed(`${base}/readyz`)).status !== 200) await sleep(20);
    return performance.now() - started;
  }

  const rows: string[] = [];
  async function scenario(name: string, fault: () => Promise<void>, heal: () => Promise<void>, ms: number) {
    await recovery();
    lines.length = 0;
    await fault();
    const samples = await load(ms);
    await heal();
    const back = await recovery();
    const elapsed = samples.map((s) => s.ms).sort((a, b) => a - b);
    const statuses = new Map<number, number>();
    for (const s of samples) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    const max = elapsed.at(-1)!;
    const logged = lines.map((l) => JSON.parse(l) as { level: string; msg: string });
    const warn = logged.filter((l) => l.level === 'warn' || l.level === 'error').length;
    const outage = logged.filter((l) => /^redis: (unavailable|available again)/.test(l.msg)).length;
    rows.push(
      `| ${name} | ${samples.length} | ${[...statuses].map(([s, c]) => `${s}×${c}`).join(', ')} | ` +
        `${percentile(elapsed, 0.5).toFixed(0)} | ${max.toFixed(0)} | ${Math.max(0, max - timeoutMs).toFixed(0)} | ` +
        `${warn} | ${outage} | ${back.toFixed(0)} |`,
    );
  }

  const pid = () => redisServer.pid;
  await scenario(
    `SIGSTOP ${outageMs} ms`,
    async () => void process.kill(pid(), 'SIGSTOP'),
    async () => void process.kill(pid(), 'SIGCONT'),
    outageMs,
  );
  await scenario(
    `SIGKILL, restarted after ${outageMs} ms`,
    async () => {
      process.kill(pid(), 'SIGKILL');
      await redisServer.stop();
    },
    async () => {
      redisServer = await startEmbeddedRedis({ binary, port, dataDir, logger });
    },
    outageMs,
  );
  await scenario(
    `CLIENT PAUSE ${outageMs} WRITE`,
    async () => void (await redis.call('CLIENT', 'PAUSE', String(outageMs), 'WRITE')),
    async () => void (await sleep(100)),
    outageMs,
  );
  await scenario(
    'a script busy 500 ms (slow, within the deadline)',
    async () => void redis.eval(BUSY, 0, '500').catch(() => undefined),
    async () => undefined,
    1000,
  );

  process.stdout.write(
    `MIZAN_REDIS_TIMEOUT_MS=${timeoutMs}, burst ${burst}, then one request every 100 ms; ` +
      `${os.cpus().length} cores\n\n` +
      '| fault | requests | statuses | p50 ms | max ms | max − timeout ms | warn lines | outage lines | recovery ms |\n' +
      '|---|---|---|---|---|---|---|---|---|\n' +
      `${rows.join('\n')}\n`,
  );
  server.close();
  await tm.close();
  redis.disconnect();
  await redisServer.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`probe failed: ${String((err as Error)?.stack ?? err)}\n`);
    process.exit(1);
  },
);
