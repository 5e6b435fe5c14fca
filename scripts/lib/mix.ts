/**
 * The mixed load of `npm run load` and `chaos`, driven by autocannon: matches (exact, fuzzy and novel queries of the
 * generated mix), batches of 10, concordance, document and unit reads, and a share of writes (POST /api/v1/units
 * with a new Arabic text each, `Authorization: Bearer <write key>` when one is known). Every response is counted by
 * status with its slowest latency; each acknowledged write (2xx) is remembered by unit id and text, to be read back
 * afterwards (`verifyWrites`).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { SEED_DOCUMENT } from './rig';
import { percentile } from './stats';

export interface MixOptions {
  url: string;
  /** Arabic queries (exact, fuzzy, novel). */
  queries: readonly string[];
  /** Arabic TM sentences (for concordance phrases). */
  sentences: readonly string[];
  /** Share of writes, 0–1. */
  writeShare: number;
  writeKey?: string;
  connections: number;
  seconds: number;
  random: () => number;
}

export interface Ack {
  unitId: string;
  ar: string;
  /** ms since the run started. */
  at: number;
}

export interface MixResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** Responses by status (`0`: no response: connection error or timeout). */
  byStatus: Record<string, number>;
  /** Slowest response of each status, ms. */
  maxMsByStatus: Record<string, number>;
  /** Requests by kind. */
  byKind: Record<string, number>;
  /** Latency by kind (from setting up the request to its answer), ms. */
  latencyByKind: Record<string, { p50: number; p99: number }>;
  /** Writes answered 2xx. */
  acks: Ack[];
  /** Writes answered 503 (outcome unknown: may or may not be committed). */
  unsureWrites: number;
  errors: number;
  timeouts: number;
  /** 503s during the run, by second since its start (for chaos). */
  unavailableAt: number[];
  /** Latency of each 503, ms. */
  unavailableMs: number[];
}

type Kind = 'match' | 'batch' | 'concordance' | 'document' | 'write';

interface Shot {
  kind: Kind;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  ar?: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Picks the next request. */
function shooter(o: MixOptions): () => Shot {
  const run = randomBytes(4).toString('hex');
  let written = 0;
  const pick = <T>(list: readonly T[]) => list[Math.floor(o.random() * list.length)]!;
  const reads = (1 - o.writeShare) / 100;
  return () => {
    const r = o.random();
    if (r < o.writeShare) {
      const n = ++written;
      const ar = `وحدة الحمل ${run} رقم ${n} ${pick(o.sentences).split(' ').slice(0, 6).join(' ')}`;
      const headers = { ...JSON_TYPE, ...(o.writeKey ? { authorization: `Bearer ${o.writeKey}` } : {}) };
      const body = JSON.stringify({ ar, en: `load unit ${run} ${n}`, zh: `负载单元 ${run} ${n}`, tm: 'main' });
      return { kind: 'write', method: 'POST', path: '/api/v1/units', body, headers, ar };
    }
    const x = (r - o.writeShare) / reads; // 0–100 over the reads
    if (x < 50) {
      const q = encodeURIComponent(pick(o.queries));
      return { kind: 'match', method: 'GET', path: `/api/v1/match?q=${q}&tgt=en,zh` };
    }
    if (x < 60) {
      const queries = Array.from({ length: 10 }, () => ({ q: pick(o.queries) }));
      return {
        kind: 'batch',
        method: 'POST',
        path: '/api/v1/match/batch',
        body: JSON.stringify({ queries }),
        headers: JSON_TYPE,
      };
    }
    if (x < 78) {
      const words = pick(o.sentences).split(' ');
      const at = Math.floor(o.random() * Math.max(1, words.length - 2));
      const q = encodeURIComponent(
        words
          .slice(at, at + 2)
          .join(' ')
          .replace(/\.$/, ''),
      );
      return { kind: 'concordance', method: 'GET', path: `/api/v1/concordance?q=${q}&lang=ar&limit=20` };
    }
    const paths = [
      '/api/v1/documents',
      `/api/v1/documents/${SEED_DOCUMENT}`,
      `/api/v1/documents/${SEED_DOCUMENT}?format=tmx`,
      `/api/v1/documents/${SEED_DOCUMENT}?format=tsv`,
      `/api/v1/units/${'u680b568acb78611d0e8d'}`,
      '/api/v1/tms',
    ];
    return { kind: 'document', method: 'GET', path: pick(paths) };
  };
}

export async function runMix(o: MixOptions): Promise<MixResult> {
  const next = shooter(o);
  const started = Date.now();
  const acks: Ack[] = [];
  const byStatus: Record<string, number> = {};
  const maxMsByStatus: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const unavailableAt: number[] = [];
  const unavailableMs: number[] = [];
  const times: Record<string, number[]> = {};
  let unsureWrites = 0;
  let finish: (result: autocannon.Result) => void = () => undefined;
  let fail: (err: unknown) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => ((finish = resolve), (fail = reject)));
  const instance = autocannon(
    {
      url: o.url,
      connections: o.connections,
      duration: o.seconds,
      timeout: 30,
      requests: [
        {
          setupRequest: (req, context: object) => {
            const shot = next();
            byKind[shot.kind] = (byKind[shot.kind] ?? 0) + 1;
            Object.assign(context, { shot, t0: performance.now() });
            return {
              ...req,
              method: shot.method as 'GET',
              path: shot.path,
              body: shot.body,
              headers: shot.headers ?? {},
            };
          },
          onResponse: (status, body, context: object) => {
            const { shot, t0 } = context as { shot: Shot; t0: number };
            (times[shot.kind] ??= []).push(performance.now() - t0);
            if (status === 503) unavailableAt.push(Math.floor((Date.now() - started) / 1000));
            if (shot.kind !== 'write') return;
            if (status >= 200 && status < 300) {
              const unitId = (JSON.parse(body) as { unitId?: string }).unitId;
              if (unitId) acks.push({ unitId, ar: shot.ar!, at: Date.now() - started });
            } else if (status === 503) unsureWrites++;
          },
        },
      ],
    },
    (err, result) => (err ? fail(err) : finish(result)),
  );
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    const key = String(status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    maxMsByStatus[key] = Math.max(maxMsByStatus[key] ?? 0, Math.round(ms));
    if (status === 503) unavailableMs.push(ms);
  });
  const result = await done;
  const noAnswer = result.errors + result.timeouts;
  if (noAnswer > 0) byStatus['0'] = noAnswer;
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    byStatus,
    maxMsByStatus,
    byKind,
    latencyByKind: Object.fromEntries(
      Object.entries(times).map(([kind, list]) => {
        const sorted = list.sort((a, b) => a - b);
        return [kind, { p50: Math.round(percentile(sorted, 0.5)), p99: Math.round(percentile(sorted, 0.99)) }];
      }),
    ),
    acks,
    unsureWrites,
    errors: result.errors,
    timeouts: result.timeouts,
    unavailableAt,
    unavailableMs,
  };
}

/** Reads every acknowledged write back: the ones missing or changed. */
export async function verifyWrites(url: string, acks: readonly Ack[]): Promise<{ checked: number; lost: Ack[] }> {
  const lost: Ack[] = [];
  for (let i = 0; i < acks.length; i += 32) {
    await Promise.all(
      acks.slice(i, i + 32).map(async (ack) => {
        const res = await fetch(`${url}/api/v1/units/${ack.unitId}?tm=main`);
        const unit = res.ok ? ((await res.json()) as { ar?: string }) : undefined;
        if (unit?.ar !== ack.ar) lost.push(ack);
      }),
    );
  }
  return { checked: acks.length, lost };
}

/** 2xx, 429 (rate limits are intended), and the rest. */
export function split(byStatus: Record<string, number>): {
  ok: number;
  limited: number;
  other: Record<string, number>;
} {
  let ok = 0;
  let limited = 0;
  const other: Record<string, number> = {};
  for (const [status, n] of Object.entries(byStatus)) {
    if (status.startsWith('2')) ok += n;
    else if (status === '429') limited += n;
    else other[status] = n;
  }
  return { ok, limited, other };
}
