/**
 * The pg_trgm peer, run on the same TM and queries as mizan: PostgreSQL's trigram index with GiST KNN
 * (`ORDER BY ar <-> $1 LIMIT k`), as in ../shared/bench/peer_pgtrgm.py. Needs a database whose LC_CTYPE
 * extracts trigrams from Arabic (C.UTF-8 does); the tables are kept between runs and reused when they match.
 */
import { Client } from 'pg';
import { percentile } from '../scripts/lib/stats';

export interface PgResult {
  load_s: number;
  index_s: number;
  p50_ms: number;
  p95_ms: number;
  queries: number;
  /** Top ids per query (TM row numbers), for recall against the exhaustive reference. */
  top: number[][];
  reused: boolean;
}

export async function connectPg(): Promise<Client | undefined> {
  const client = new Client({
    host: process.env.PGHOST ?? '127.0.0.1',
    port: Number(process.env.PGPORT ?? 5432),
    user: process.env.PGUSER ?? 'postgres',
    database: process.env.PGDATABASE ?? 'test',
    connectionTimeoutMillis: 2000,
  });
  try {
    await client.connect();
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    const { rows } = await client.query<{ t: string }>("SELECT show_trgm('وزير')::text AS t");
    if (!rows[0] || rows[0].t === '{}')
      throw new Error('pg_trgm extracts no trigrams from Arabic in this database (LC_CTYPE); use a C.UTF-8 database');
    return client;
  } catch (err) {
    process.stderr.write(`pg_trgm peer skipped: ${(err as Error).message}\n`);
    await client.end().catch(() => {});
    return undefined;
  }
}

export async function runPgTrgm(
  client: Client,
  table: string,
  tm: string[],
  queries: string[],
  k: number,
  progress: (s: string) => void,
): Promise<PgResult> {
  const exists = await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_class WHERE relname = $1`, [table]);
  let reused = false;
  let load_s = 0;
  let index_s = 0;
  if (Number(exists.rows[0]!.n) > 0) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    reused = Number(rows[0]!.n) === tm.length;
  }
  if (!reused) {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (id integer PRIMARY KEY, ar text NOT NULL)`);
    let t = performance.now();
    const chunk = 20_000;
    for (let i = 0; i < tm.length; i += chunk) {
      const ids = tm.slice(i, i + chunk).map((_, j) => i + j);
      await client.query(`INSERT INTO ${table} SELECT * FROM unnest($1::int[], $2::text[])`, [
        ids,
        tm.slice(i, i + chunk),
      ]);
      if ((i / chunk) % 10 === 9 || i + chunk >= tm.length)
        progress(`pg_trgm: loaded ${Math.min(i + chunk, tm.length)}/${tm.length}`);
    }
    load_s = (performance.now() - t) / 1000;
    t = performance.now();
    progress('pg_trgm: building the GiST index');
    await client.query(`CREATE INDEX ${table}_gist ON ${table} USING gist (ar gist_trgm_ops)`);
    await client.query(`VACUUM ANALYZE ${table}`);
    index_s = (performance.now() - t) / 1000;
  }
  const sql = `SELECT id FROM ${table} ORDER BY ar <-> $1 LIMIT ${k}`;
  for (const q of queries.slice(0, 5)) await client.query(sql, [q]); // warm up
  const latencies: number[] = [];
  const top: number[][] = [];
  for (const [i, q] of queries.entries()) {
    const t = performance.now();
    const { rows } = await client.query<{ id: number }>(sql, [q]);
    latencies.push(performance.now() - t);
    top.push(rows.map((r) => r.id));
    if (i % 100 === 99 || i === queries.length - 1) progress(`pg_trgm: ${i + 1}/${queries.length} queries`);
  }
  latencies.sort((a, b) => a - b);
  return {
    load_s,
    index_s,
    p50_ms: percentile(latencies, 0.5),
    p95_ms: percentile(latencies, 0.95),
    queries: queries.length,
    top,
    reused,
  };
}
