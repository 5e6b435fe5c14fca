/**
 * Prometheus metrics of one app instance (prom-client). The registry belongs to the instance that createApp (or
 * server.ts, for a separate port) made: nothing is registered globally, so two apps in one process (tests, workers)
 * never share or clash.
 *
 * Series (all prefixed `mizan_`):
 * - `http_request_duration_seconds{method,route,status}`: per route pattern and status class (2xx…5xx, or
 *   `aborted` when the client went away before the answer).
 * - `match_duration_seconds`, `match_candidates_verified`: per query answered (single, batch, pretranslation), as
 *   the service reports them (service/observers.ts).
 * - `answer_cache_hits_total`, `answer_cache_misses_total`, `answer_cache_bytes`, `answer_cache_entries`.
 * - `index_units{tm}`, `index_rebuild_age_seconds{tm}`, `index_change_age_seconds{tm}`: each TM index held.
 * - `redis_errors_total`, `redis_reconnects_total`: the client's `error` and `reconnecting` events.
 * - `import_jobs_total{outcome}` (started, succeeded, failed, cancelled), `import_units_total` (units written).
 * - `heap_live_bytes`: the used heap right after the last full collection (http/heap-live.ts).
 * - Node's default metrics (`mizan_nodejs_*`, `mizan_process_*`), among them the event-loop delay measured by
 *   monitorEventLoopDelay (`mizan_nodejs_eventloop_lag_{p50,p90,p99,max}_seconds`, reset at each scrape: the delay
 *   since the previous one).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { JobEvent, QueryStats, TranslationMemory } from '../service';
import type { AnswerCache } from './answer-cache';
import type { RequestSummary } from './access-log';
import { heapLiveGauge } from './heap-live';

export const METRICS_PREFIX = 'mizan_';

/** What emits connection events (an ioredis client), typed structurally: http does not import the store. */
export interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

const STATUS_CLASS = ['0xx', '1xx', '2xx', '3xx', '4xx', '5xx'];
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const CANDIDATE_BUCKETS = [0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000];

export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly matchSeconds: Histogram;
  private readonly verified: Histogram;
  private readonly redisErrors: Counter;
  private readonly redisReconnects: Counter;
  private readonly jobs: Counter<'outcome'>;
  private readonly importUnits: Counter;
  private readonly detach: (() => void)[] = [];
  private readonly httpSeries = new Map<string, { observe(seconds: number): void }>();

  constructor(private readonly prefix = METRICS_PREFIX) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix });
    this.detach.push(heapLiveGauge(this.registry, prefix));
    this.http = new Histogram({
      name: `${prefix}http_request_duration_seconds`,
      help: 'HTTP requests by route pattern and status class',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.matchSeconds = new Histogram({
      name: `${prefix}match_duration_seconds`,
      help: 'Searching time of each match query (TMs already up to date)',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.verified = new Histogram({
      name: `${prefix}match_candidates_verified`,
      help: 'Candidates verified (edit distance computed) per match query',
      buckets: CANDIDATE_BUCKETS,
      registers,
    });
    this.redisErrors = new Counter({ name: `${prefix}redis_errors_total`, help: 'Redis client errors', registers });
    this.redisReconnects = new Counter({
      name: `${prefix}redis_reconnects_total`,
      help: 'Redis client reconnection attempts',
      registers,
    });
    this.jobs = new Counter({
      name: `${prefix}import_jobs_total`,
      help: 'TMX import jobs started and ended, by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.importUnits = new Counter({
      name: `${prefix}import_units_total`,
      help: 'Units written by import jobs',
      registers,
    });
    for (const outcome of ['started', 'succeeded', 'failed', 'cancelled']) this.jobs.inc({ outcome }, 0);
  }

  /** One HTTP request ended (from the access log): observed in its series, found once per method, route and status. */
  request(s: RequestSummary): void {
    const status = s.aborted
      ? 'aborted'
      : (STATUS_CLASS[Math.floor(s.status / 100)] ?? `${Math.floor(s.status / 100)}xx`);
    const name = `${s.method} ${status} ${s.route}`;
    let series = this.httpSeries.get(name);
    if (series === undefined) {
      series = this.http.labels({ method: s.method, route: s.route, status });
      // Routes are patterns and methods few; the bound only guards against a method flood.
      if (this.httpSeries.size < 10_000) this.httpSeries.set(name, series);
    }
    series.observe(s.ms / 1000);
  }

  query(s: QueryStats): void {
    this.matchSeconds.observe(s.ms / 1000);
    this.verified.observe(s.verified);
  }

  job(e: JobEvent): void {
    this.jobs.inc({ outcome: e.kind });
    if (e.kind === 'succeeded') this.importUnits.inc(e.units);
  }

  /** Watches the service (queries, jobs, indexes), the answer cache and the Redis client. */
  watch(sources: { tm: TranslationMemory; answers?: AnswerCache; redis?: EventSource }): void {
    const { tm, answers, redis } = sources;
    this.detach.push(tm.observe({ query: (s) => this.query(s), job: (e) => this.job(e) }));
    if (redis) {
      const error = () => this.redisErrors.inc();
      const reconnecting = () => this.redisReconnects.inc();
      redis.on('error', error);
      redis.on('reconnecting', reconnecting);
      this.detach.push(() => (redis.off('error', error), redis.off('reconnecting', reconnecting)));
    }
    this.indexGauges(tm);
    if (answers) this.cacheSeries(answers);
  }

  /** Stops watching (tests that make many apps on one Redis client). */
  close(): void {
    for (const undo of this.detach.splice(0)) undo();
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private indexGauges(tm: TranslationMemory): void {
    const registers = [this.registry];
    const perTm = (name: string, help: string, value: (s: ReturnType<TranslationMemory['indexStats']>[0]) => number) =>
      new Gauge({
        name: `${this.prefix}${name}`,
        help,
        labelNames: ['tm'],
        registers,
        collect() {
          this.reset();
          for (const s of tm.indexStats()) if (s.rebuiltAt > 0) this.set({ tm: s.tm }, value(s));
        },
      });
    perTm('index_units', 'Units in the TM index this process holds', (s) => s.units);
    perTm('index_rebuild_age_seconds', 'Seconds since the TM index was last rebuilt', (s) => age(s.rebuiltAt));
    perTm('index_change_age_seconds', 'Seconds since a change was last applied to the index', (s) => age(s.changedAt));
    perTm('index_text_memory_bytes', 'Bytes of the index texts held in memory', (s) => s.textBytes.memory);
    perTm('index_text_file_bytes', 'Bytes of the index texts kept in its file', (s) => s.textBytes.file);
  }

  private cacheSeries(answers: AnswerCache): void {
    const registers = [this.registry];
    const counted = (name: string, help: string, read: () => number) => {
      let seen = 0;
      new Counter({
        name: `${this.prefix}${name}`,
        help,
        registers,
        collect() {
          const now = read();
          this.inc(now - seen);
          seen = now;
        },
      });
    };
    counted('answer_cache_hits_total', 'Match answers served from the answer cache', () => answers.hits);
    counted('answer_cache_misses_total', 'Match answers computed (not in the cache, or stale)', () => answers.misses);
    new Gauge({
      name: `${this.prefix}answer_cache_bytes`,
      help: 'Bytes held by the answer cache (answers and parsed requests)',
      registers,
      collect() {
        const s = answers.stats();
        this.set(s.answerBytes + s.parsedBytes);
      },
    });
    new Gauge({
      name: `${this.prefix}answer_cache_entries`,
      help: 'Answers held by the answer cache',
      registers,
      collect() {
        this.set(answers.stats().answers);
      },
    });
  }
}

const age = (at: number) => (Date.now() - at) / 1000;
