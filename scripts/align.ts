/**
 * npm run align -- --ar doc.ar.txt [--en doc.en.txt] [--zh doc.zh.txt] [--out aligned.tmx|aligned.tsv] [--load]
 * npm run align -- --dir folder [--out folder] [--format tmx|tsv] [--load] [--tm main]
 *
 * Segments and aligns one document triple, or every triple in a folder (NAME.ar.txt with NAME.en.txt and/or
 * NAME.zh.txt), and writes the aligned result as TMX or TSV (standard output for a single triple without --out).
 * --load also stores the documents in the TM (REDIS_URL and MIZAN_KEY_PREFIX as for the server). A folder shows a
 * progress bar on standard error.
 */
import fs from 'node:fs';
import path from 'node:path';
import { alignTexts, type AlignedRow } from '../src/align';
import { loadConfig, silentLogger } from '../src/config';
import { writeTmx, writeTsv } from '../src/formats';
import { documentIdFor, TranslationMemory } from '../src/service';
import { connectRedis, createRedis, Keys, TmStore } from '../src/store';
import type { AlignedDocument } from '../src/types';
import { parseArgs } from '../bench/args';

const USAGE = `usage: npm run align -- --ar FILE [--en FILE] [--zh FILE] [--out FILE.tmx|FILE.tsv] [--format tmx|tsv] [--load] [--tm NAME]
       npm run align -- --dir FOLDER [--out FOLDER] [--format tmx|tsv] [--load] [--tm NAME]
  A folder holds triples NAME.ar.txt with NAME.en.txt and/or NAME.zh.txt. Without --out a single triple is written
  to standard output. --load stores the documents in the TM (REDIS_URL, MIZAN_KEY_PREFIX as for the server).`;

if (process.argv.slice(2).some((a) => a === '-h' || a === '--help')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const args = parseArgs(process.argv.slice(2));
const str = (name: string) => (typeof args[name] === 'string' ? (args[name] as string) : undefined);
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Triple {
  name: string;
  ar: string;
  en?: string;
  zh?: string;
}

function triplesIn(dir: string): Triple[] {
  const files = fs.readdirSync(dir);
  return files
    .filter((f) => f.endsWith('.ar.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.ar.txt'.length);
      const read = (lang: string) =>
        files.includes(`${name}.${lang}.txt`)
          ? fs.readFileSync(path.join(dir, `${name}.${lang}.txt`), 'utf8')
          : undefined;
      return { name, ar: read('ar')!, en: read('en'), zh: read('zh') };
    });
}

function progress(done: number, total: number, label: string): void {
  if (!process.stderr.isTTY && done < total && done % Math.max(1, Math.floor(total / 20)) !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line.padEnd(80)}` : `${line}\n`);
  if (done === total && process.stderr.isTTY) process.stderr.write('\n');
}

function toDocument(t: Triple, rows: AlignedRow[]): AlignedDocument {
  return {
    meta: {
      id: documentIdFor(t.ar, t.en, t.zh),
      titles: { ar: rows[0]?.ar.slice(0, 200) ?? t.name, en: t.name, zh: '' },
      source: t.name,
      date: new Date().toISOString().slice(0, 10),
      order: 0,
    },
    segments: rows.map((r, position) => ({
      position,
      paragraph: r.paragraph,
      ar: r.ar,
      en: r.en,
      zh: r.zh,
      confidence: r.confidence,
      review: r.review,
    })),
  };
}

function write(docs: AlignedDocument[], out: string | undefined, format: string): void {
  const text =
    format === 'tsv'
      ? docs.map((d) => writeTsv(d.segments.map((s) => ({ ...s, unitId: `${d.meta.id}:${s.position}` })))).join('')
      : writeTmx(docs, { toolVersion: 'align-cli', creationDate: new Date() });
  if (out) fs.writeFileSync(out, text);
  else process.stdout.write(text);
}

async function main(): Promise<void> {
  const dir = str('dir');
  const triples: Triple[] = dir
    ? triplesIn(dir)
    : [
        {
          name: path.basename(str('ar') ?? 'document').replace(/\.ar\.txt$|\.txt$/, ''),
          ar: fs.readFileSync(str('ar') ?? usage(), 'utf8'),
          en: str('en') && fs.readFileSync(str('en')!, 'utf8'),
          zh: str('zh') && fs.readFileSync(str('zh')!, 'utf8'),
        },
      ];
  if (triples.length === 0) throw new Error(`no NAME.ar.txt files in ${dir}`);
  const out = str('out');
  const format = str('format') ?? (out?.endsWith('.tsv') ? 'tsv' : 'tmx');
  const docs: AlignedDocument[] = [];
  let review = 0;
  triples.forEach((t, k) => {
    const rows = alignTexts(t);
    review += rows.filter((r) => r.review).length;
    docs.push(toDocument(t, rows));
    if (dir) progress(k + 1, triples.length, t.name);
  });
  if (dir && out) {
    fs.mkdirSync(out, { recursive: true });
    docs.forEach((d, k) => write([d], path.join(out, `${triples[k]!.name}.${format}`), format));
  } else write(docs, out, format);
  log(
    `${docs.length} document(s), ${docs.reduce((n, d) => n + d.segments.length, 0)} rows, ${review} flagged for review`,
  );

  if (args.load) {
    const config = loadConfig(process.env);
    const redis = createRedis(config, silentLogger);
    await connectRedis(redis, config.redisTimeoutMs);
    const tm = new TranslationMemory(
      new TmStore(redis, new Keys(config.keyPrefix)),
      silentLogger,
      config.defaultTm,
      'strict',
    );
    const name = str('tm') ?? config.defaultTm;
    for (const [k, t] of triples.entries()) {
      await tm.importDocument({ tm: name, ar: t.ar, en: t.en, zh: t.zh, meta: { source: t.name } });
      if (dir) progress(k + 1, triples.length, `loaded ${t.name}`);
    }
    log(`loaded into TM "${name}" at ${config.redisUrl} (prefix ${config.keyPrefix})`);
    await tm.close();
    redis.disconnect();
  }
}

function usage(): never {
  throw new Error(USAGE);
}

main().catch((err) => {
  log(`align: ${(err as Error).message}`);
  process.exit(1);
});
