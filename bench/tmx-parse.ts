/**
 * node --import tsx bench/tmx-parse.ts [--units 1000000] [--seed 42] [--file PATH] [--keep]
 *
 * The TMX core alone, no Redis and no HTTP: generates a trilingual TMX of N units to a temporary file (generated
 * Arabic from bench/generate.ts, English and Chinese alongside; every 10th unit with inline codes, every unit with
 * a tuid, a creation date and a document prop), then measures, each in a fresh child process so that peak RSS is
 * the phase's own:
 *   parse — TmxStreamReader over a file stream: units/s, peak RSS;
 *   merge — the same, each unit through TuMerger (the bookkeeping of a multi-file import): units/s, peak RSS;
 *   serialize — TmxStreamWriter of N units (cycled from a pool of 10k, built before the clock starts) to a
 *               Writable that drops the bytes: the writer alone;
 *   write — the same to a file.
 * The last line is one JSON object with every figure. Targets (issue 9, end to end): import ≥ 30k units/s at
 * ≤ 512 MB peak RSS for 1M units, export ≥ 100k units/s.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { TmxStreamReader, TmxStreamWriter, TuMerger, writeTmxUnits, type TmxTu } from '../src/formats';
import { readOptions } from '../scripts/lib/cli';
import { round } from '../scripts/lib/stats';
import { rng, sentence, syntheticLexicon } from './generate';

const cli = readOptions(
  'usage: node --import tsx bench/tmx-parse.ts [--units 1000000] [--seed 42] [--phase parse|merge|write] [--file F] [--keep]',
  {
    units: { type: 'string' },
    seed: { type: 'string' },
    phase: { type: 'string' },
    file: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
);
const args = cli.values;
const units = cli.number('units', 1_000_000);
const seed = cli.number('seed', 42);
const phase = args.phase;
const log = (s: string) => process.stderr.write(`${s}\n`);
const peakMb = () => round(process.resourceUsage().maxRSS / 1024, 1);
/** CPU seconds (user + system) since `from`: on a shared machine, units per CPU second is the steadier figure. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1e6;
};

function figures(n: number, seconds: number, cpu: number): Record<string, number> {
  return {
    unitsPerSecond: Math.round(n / seconds),
    unitsPerCpuSecond: Math.round(n / cpu),
    seconds: round(seconds, 2),
    cpuSeconds: round(cpu, 2),
    peakRssMb: peakMb(),
  };
}

const LATIN = 'etaoinshrdlucmfwypvbgkqjxz';
const POOL = 10_000;

/** A pool of distinct-looking units; unit i is pool[i % POOL] with its own tuid and Arabic suffix. */
function pool(): TmxTu[] {
  const random = rng(seed);
  const lex = syntheticLexicon([], 20_000, random);
  const latinWord = () => {
    let w = '';
    for (let n = 2 + Math.floor(random() * 8); n > 0; n--) w += LATIN[Math.floor(random() * LATIN.length)];
    return w;
  };
  const hanzi = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + Math.floor(random() * 0x5000));
    return s;
  };
  const out: TmxTu[] = [];
  for (let i = 0; i < POOL; i++) {
    const ar = sentence(lex, random);
    const words = ar.split(' ').length;
    const en = Array.from({ length: Math.round(words * 1.3) }, latinWord).join(' ') + '.';
    const zh = hanzi(Math.round(words * 1.6)) + '。';
    const unit: TmxTu = {
      attrs: { creationdate: '20240101T120000Z', creationid: 'bench' },
      props: [],
      notes: [],
      langs: {
        ar: { tag: 'ar', text: ar, codes: [] },
        en: { tag: 'en', text: en, codes: [] },
        zh: { tag: 'zh', text: zh, codes: [] },
      },
      apart: [],
      document: `doc-${i % 97}`,
    };
    if (i % 10 === 0) {
      for (const lang of ['ar', 'en', 'zh'] as const) {
        const v = unit.langs[lang]!;
        v.text = `\uE000${v.text}\uE001 \uE002`;
        v.codes = [
          { kind: 'bpt', i: '1', x: '1', xml: '<bpt i="1" x="1">&lt;b&gt;</bpt>' },
          { kind: 'ept', i: '1', xml: '<ept i="1">&lt;/b&gt;</ept>' },
          { kind: 'ph', x: '2', xml: '<ph x="2">{0}</ph>' },
        ];
      }
    }
    out.push(unit);
  }
  return out;
}

function* stream(n: number, base: TmxTu[]): Generator<TmxTu> {
  for (let i = 0; i < n; i++) {
    const u = base[i % POOL]!;
    const ar = u.langs.ar!;
    yield { ...u, tuid: `u${i}`, langs: { ...u.langs, ar: { ...ar, text: `${ar.text} ${i}` } } };
  }
}

/** Writes n units (the unit pool is built before the clock starts) to a file, or to nowhere. */
async function writeFile(file: string | undefined, n: number): Promise<Record<string, number>> {
  const base = pool();
  const sink = file ? fs.createWriteStream(file) : new Writable({ write: (_chunk, _enc, done) => done() });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const writer = new TmxStreamWriter(sink, { toolVersion: 'bench' });
  for (const unit of stream(n, base)) await writer.write(unit);
  await writer.end();
  return figures(n, (performance.now() - t0) / 1000, cpuSince(cpu0));
}

async function runPhase(name: string, file: string): Promise<Record<string, number>> {
  if (name === 'write' || name === 'serialize') {
    const result = await writeFile(name === 'write' ? `${file}.out` : undefined, units);
    fs.rmSync(`${file}.out`, { force: true });
    return result;
  }
  const merger = name === 'merge' ? new TuMerger() : undefined;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const reader = new TmxStreamReader(fs.createReadStream(file, { highWaterMark: 1 << 16 }), { name: 'bench.tmx' });
  let n = 0;
  for await (const batch of reader.batches()) {
    n += batch.length;
    if (merger) for (const unit of batch) merger.add(unit);
  }
  const result = figures(n, (performance.now() - t0) / 1000, cpuSince(cpu0));
  if (n !== units) throw new Error(`read ${n} units, expected ${units}`);
  return result;
}

async function main(): Promise<void> {
  const file = args.file ?? path.join(os.tmpdir(), `mizan-bench-${units}.tmx`);
  if (phase) {
    process.stdout.write(`${JSON.stringify(await runPhase(phase, file))}\n`);
    return;
  }
  log(`generating ${units} trilingual units to ${file}`);
  const generated = await writeFile(file, units);
  const bytes = fs.statSync(file).size;
  log(`  ${round(bytes / 2 ** 20, 1)} MB in ${generated.seconds} s`);
  const sample = writeTmxUnits(stream(1, pool()), { toolVersion: 'bench' });
  log(`  first unit:\n${sample.split('<body>\n')[1]!.split('  </body>')[0]}`);
  const results: Record<string, unknown> = { units, fileMb: round(bytes / 2 ** 20, 1) };
  for (const name of ['parse', 'merge', 'serialize', 'write']) {
    const argv = [
      ...process.execArgv,
      process.argv[1]!,
      '--phase',
      name,
      '--units',
      String(units),
      '--seed',
      String(seed),
    ];
    const out = execFileSync(process.execPath, [...argv, '--file', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    results[name] = JSON.parse(out.trim().split('\n').pop()!);
    log(`${name}: ${JSON.stringify(results[name])}`);
  }
  if (!args.keep) fs.rmSync(file, { force: true });
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((err: unknown) => {
  log(String((err as Error)?.stack ?? err));
  process.exit(1);
});
