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
import { writeTmx, writeTsv } from '../src/formats';
import { documentIdFor } from '../src/service';
import type { AlignedDocument } from '../src/types';
import { readOptions } from './lib/cli';
import { makeFolder, onFile, readText, writeStdout, writeText } from './lib/files';
import { openTm, redisAddress } from './lib/tm';

const USAGE = `usage: npm run align -- --ar FILE [--en FILE] [--zh FILE] [--out FILE.tmx|FILE.tsv] [--format tmx|tsv]
                            [--load] [--tm NAME]
       npm run align -- --dir FOLDER [--out FOLDER] [--format tmx|tsv] [--load] [--tm NAME]
  A folder holds triples NAME.ar.txt with NAME.en.txt and/or NAME.zh.txt. Without --out a single triple is written
  to standard output. --load stores the documents in the TM (REDIS_URL, MIZAN_KEY_PREFIX as for the server).`;

const cli = readOptions(USAGE, {
  ar: { type: 'string' },
  en: { type: 'string' },
  zh: { type: 'string' },
  dir: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  load: { type: 'boolean' },
  tm: { type: 'string' },
});
const args = cli.values;
const log = (s: string) => process.stderr.write(`${s}\n`);

interface Triple {
  name: string;
  ar: string;
  en?: string;
  zh?: string;
}

function triplesIn(dir: string): Triple[] {
  const files = onFile('read', dir, () => fs.readdirSync(dir));
  return files
    .filter((f) => f.endsWith('.ar.txt'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.ar.txt'.length);
      const read = (lang: string) =>
        files.includes(`${name}.${lang}.txt`) ? readText(path.join(dir, `${name}.${lang}.txt`)) : undefined;
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

async function write(docs: AlignedDocument[], out: string | undefined, format: string): Promise<void> {
  const text =
    format === 'tsv'
      ? docs.map((d) => writeTsv(d.segments.map((s) => ({ ...s, unitId: `${d.meta.id}:${s.position}` })))).join('')
      : writeTmx(docs, { toolVersion: 'align-cli', creationDate: new Date() });
  if (out) writeText(out, text);
  else await writeStdout(text);
}

/** The triples named on the command line: every one in --dir, or the one of --ar, --en, --zh. */
function readTriples(): Triple[] {
  if (args.dir) {
    const triples = triplesIn(args.dir);
    return triples.length ? triples : cli.fail(`no NAME.ar.txt files in ${args.dir}`);
  }
  if (!args.ar) return cli.fail('give --ar FILE (with --en and/or --zh) or --dir FOLDER');
  const read = (file: string | undefined) => (file ? readText(file) : undefined);
  return [
    {
      name: path.basename(args.ar).replace(/\.ar\.txt$|\.txt$/, ''),
      ar: read(args.ar)!,
      en: read(args.en),
      zh: read(args.zh),
    },
  ];
}

/** Stores the triples in the TM (REDIS_URL and MIZAN_KEY_PREFIX as for the server). */
async function load(triples: Triple[], showProgress: boolean): Promise<void> {
  const { tm, config, close } = await openTm();
  const name = args.tm ?? config.defaultTm;
  for (const [k, t] of triples.entries()) {
    await tm.importDocument({ tm: name, ar: t.ar, en: t.en, zh: t.zh, meta: { source: t.name } });
    if (showProgress) progress(k + 1, triples.length, `loaded ${t.name}`);
  }
  log(`loaded into TM "${name}" at ${redisAddress(config)} (prefix ${config.keyPrefix})`);
  await close();
}

async function main(): Promise<void> {
  const triples = readTriples();
  const dir = args.dir;
  const out = args.out;
  const format = args.format ?? (out?.endsWith('.tsv') ? 'tsv' : 'tmx');
  if (format !== 'tmx' && format !== 'tsv') cli.fail(`--format is tmx or tsv, not "${format}"`);
  const docs: AlignedDocument[] = [];
  let review = 0;
  triples.forEach((t, k) => {
    const rows = alignTexts(t);
    review += rows.filter((r) => r.review).length;
    docs.push(toDocument(t, rows));
    if (dir) progress(k + 1, triples.length, t.name);
  });
  if (dir && out) {
    makeFolder(out);
    for (const [k, d] of docs.entries()) await write([d], path.join(out, `${triples[k]!.name}.${format}`), format);
  } else await write(docs, out, format);
  const rows = docs.reduce((n, d) => n + d.segments.length, 0);
  log(`${docs.length} document(s), ${rows} rows, ${review} flagged for review`);
  if (args.load) await load(triples, Boolean(dir));
}

main().catch((err) => {
  log(`align: ${(err as Error).message}`);
  process.exit(1);
});
