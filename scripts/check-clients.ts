/**
 * npm run check:clients
 *
 * mizan's TMX against real clients (Debian packages omegat, python3-translate, libxml-tmx-perl): starts a private
 * redis-server and mizan (seed loaded), imports a generated TM beside the seed, exports it, and checks that
 *   - OmegaT (console mode, the export in tm/auto/) inserts the exact matches for ar→en and ar→zh-CN;
 *   - Translate Toolkit's TMX reader (/usr/bin/python3) and Perl XML::TMX::Reader read every unit, Arabic first;
 *   - TMX written by each of them (OmegaT's project TMX, Translate Toolkit's tmxfile, XML::TMX::Writer) imports
 *     back into mizan with the texts they hold.
 * Exits 1 naming what failed.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, silentLogger } from '../src/config';
import { createApp } from '../src/http/app';
import { createTranslator } from '../src/i18n';
import { Access, loadSeed, TranslationMemory } from '../src/service';
import { checkSchema, connectRedis, createRedis, Keys, TmStore } from '../src/store';
import { findOnPath, startEmbeddedRedis } from '../src/store/embedded-redis';

const log = (s: string) => process.stderr.write(`${s}\n`);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-clients-'));
const OMEGAT = '/usr/share/omegat/OmegaT.jar';

interface Row {
  ar: string;
  en: string;
  zh: string;
}

/** A small generated TM: distinct Arabic sentences with English and Chinese. */
function generatedRows(): Row[] {
  const subjects = ['الوزير', 'الوفد', 'الرئيس', 'السفير', 'المتحدث'];
  const verbs = ['زار', 'استقبل', 'التقى'];
  const zhS = ['部长', '代表团', '主席', '大使', '发言人'];
  const zhV = ['访问了', '接待了', '会见了'];
  const enS = ['The minister', 'The delegation', 'The president', 'The ambassador', 'The spokesman'];
  const enV = ['visited', 'received', 'met'];
  return subjects.flatMap((s, i) =>
    verbs.map((v, j) => ({
      ar: `${s} ${v} ممثلي الشركات في العاصمة يوم ${i * 3 + j + 1}`,
      en: `${enS[i]} ${enV[j]} company representatives in the capital on day ${i * 3 + j + 1}`,
      zh: `${zhS[i]}于第${i * 3 + j + 1}天在首都${zhV[j]}企业代表`,
    })),
  );
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const tmxOf = (rows: Row[]) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  'segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="plaintext"/><body>\n' +
  rows
    .map(
      (r) =>
        `<tu><tuv xml:lang="ar"><seg>${escape(r.ar)}</seg></tuv><tuv xml:lang="en"><seg>${escape(r.en)}</seg></tuv>` +
        `<tuv xml:lang="zh"><seg>${escape(r.zh)}</seg></tuv></tu>\n`,
    )
    .join('') +
  '</body></tmx>\n';

function omegat(tmx: string, rows: Row[], target: 'en' | 'zh'): string {
  const dir = path.join(work, `omegat-${target}`);
  for (const sub of ['source', 'target', 'tm/auto', 'omegat', 'glossary', 'dictionary', 'cfg'])
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  const [lang, tok] = target === 'en' ? ['en', 'LuceneEnglishTokenizer'] : ['zh-CN', 'LuceneSmartChineseTokenizer'];
  fs.writeFileSync(
    path.join(dir, 'omegat.project'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<omegat><project version="1.0"><source_dir>__DEFAULT__</source_dir>' +
      '<target_dir>__DEFAULT__</target_dir><tm_dir>__DEFAULT__</tm_dir><glossary_dir>__DEFAULT__</glossary_dir>' +
      '<glossary_file>__DEFAULT__</glossary_file><dictionary_dir>__DEFAULT__</dictionary_dir>' +
      `<source_lang>ar</source_lang><target_lang>${lang}</target_lang>` +
      '<source_tok>org.omegat.tokenizer.LuceneArabicTokenizer</source_tok>' +
      `<target_tok>org.omegat.tokenizer.${tok}</target_tok><sentence_seg>false</sentence_seg>` +
      '<support_default_translations>true</support_default_translations><remove_tags>false</remove_tags>' +
      '</project></omegat>\n',
  );
  fs.writeFileSync(path.join(dir, 'source/a.txt'), rows.map((r) => r.ar).join('\n\n') + '\n');
  fs.writeFileSync(path.join(dir, 'tm/auto/mizan.tmx'), tmx);
  execFileSync(
    'java',
    ['-Djava.awt.headless=true', '-jar', OMEGAT, '--mode=console-translate', '--no-team'].concat([
      '--disable-project-locking',
      `--config-dir=${path.join(dir, 'cfg')}`,
      dir,
    ]),
    { stdio: 'ignore', timeout: 120_000 },
  );
  const out = fs
    .readFileSync(path.join(dir, 'target/a.txt'), 'utf8')
    .split(/\n\s*\n/)
    .map((p) => p.trim());
  const inserted = rows.filter((r, i) => out[i] === r[target]).length;
  check(inserted === rows.length, `OmegaT ar→${lang}: ${inserted}/${rows.length} exact matches inserted`);
  return path.join(dir, `omegat-${target}-omegat.tmx`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function python(code: string, ...args: string[]): string {
  return execFileSync('/usr/bin/python3', ['-c', code, ...args], { encoding: 'utf8' });
}

function perl(code: string, ...args: string[]): string {
  return execFileSync(
    'perl',
    ['-CSDA', '-MJSON::PP', '-MXML::TMX::Reader', '-MXML::TMX::Writer', '-e', code, ...args],
    {
      encoding: 'utf8',
    },
  );
}

async function main(): Promise<void> {
  const binary = findOnPath('redis-server');
  if (!binary) throw new Error('check:clients needs redis-server on PATH');
  if (!fs.existsSync(OMEGAT)) throw new Error(`no ${OMEGAT}: apt-get install omegat`);
  const port = await freePort();
  const server = await startEmbeddedRedis({ binary, port, dataDir: work, appendOnly: false, logger: silentLogger });
  const config = loadConfig(
    {},
    { redisUrl: `redis://127.0.0.1:${port}`, keyPrefix: 'clients:', rateReadPerMin: 0, rateWritePerMin: 0 },
  );
  const redis = createRedis(config, silentLogger);
  await connectRedis(redis, 5000);
  const keys = new Keys(config.keyPrefix);
  await checkSchema(redis, keys, silentLogger);
  const store = new TmStore(redis, keys);
  await loadSeed(path.resolve('tm'), store, silentLogger);
  const tm = new TranslationMemory(store, silentLogger, config.defaultTm);
  const app = createApp({ tm, translator: await createTranslator(), config, logger: silentLogger, version: 'clients' });
  const writeKey = (await new Access(store).create('write', 'check:clients')).key;
  const http = app.listen(0, '127.0.0.1');
  http.keepAliveTimeout = 120_000; // OmegaT runs take seconds: keep the client's pooled connection open meanwhile
  await new Promise((resolve) => http.once('listening', resolve));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/v1`;

  const importFile = async (
    name: string,
    body: Buffer | string,
  ): Promise<{ status: string; units: { staged: number } }> => {
    const res = await fetch(`${base}/tms/${name}/imports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-tmx+xml', Authorization: `Bearer ${writeKey}` },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const job = (await res.json()) as { id: string; status: string; units: { staged: number } };
    if (res.status !== 202) return job;
    for (;;) {
      const now = (await (await fetch(`${base}/jobs/${job.id}`)).json()) as typeof job;
      if (['done', 'failed', 'cancelled'].includes(now.status)) return now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const units = async (name: string) =>
    ((await (await fetch(`${base}/tms/${name}/units?limit=1000`)).json()) as { units: Row[] }).units;

  try {
    const seed = await (await fetch(`${base}/tms/main/export`)).text();
    const generated = generatedRows();
    await importFile('clients', seed);
    await importFile('clients', tmxOf(generated));
    const tmx = await (await fetch(`${base}/tms/clients/export`)).text();
    const exportFile = path.join(work, 'clients.tmx');
    fs.writeFileSync(exportFile, tmx);
    const stored = await units('clients');
    const trilingual = stored.filter((u) => u.en && u.zh && !/[\uE000-\uF8FF]/.test(u.ar + u.en + u.zh));
    log(`exported ${stored.length} units (${trilingual.length} trilingual without codes) to ${exportFile}`);

    const sample = [...trilingual.slice(0, 5), ...trilingual.slice(-5)];
    const omegatFiles = [omegat(tmx, sample, 'en'), omegat(tmx, sample, 'zh')];

    const tt = JSON.parse(
      python(
        'import json,sys\nfrom translate.storage import tmx\nf=tmx.tmxfile.parsefile(sys.argv[1])\n' +
          'print(json.dumps([u.source for u in f.units]))',
        exportFile,
      ),
    ) as string[];
    const arabic = new Set(stored.map((u) => u.ar));
    check(
      tt.length === stored.length && tt.every((s) => arabic.has(s) || /[<{]/.test(s)),
      `Translate Toolkit reads ${tt.length}/${stored.length} units, Arabic as source`,
    );
    const pl = perl(
      'my $r = XML::TMX::Reader->new(shift); my ($n, $ar) = (0, 0);' +
        ' $r->for_tu(sub { my $tu = shift; $n++; $ar++ if exists $tu->{ar} }); print "$n $ar\\n";',
      exportFile,
    ).trim();
    check(
      pl === `${stored.length} ${stored.length}`,
      `Perl XML::TMX::Reader reads ${pl.split(' ')[0]} units, each with ar`,
    );

    // Files the clients write, imported back.
    const rows = generated.slice(0, 4);
    const rowsFile = path.join(work, 'rows.json');
    fs.writeFileSync(rowsFile, JSON.stringify(rows));
    const ttFile = path.join(work, 'tt.tmx');
    python(
      'import json,sys\nfrom translate.storage import tmx\nf=tmx.tmxfile(sourcelanguage="ar",targetlanguage="en")\n' +
        'for r in json.load(open(sys.argv[1],encoding="utf-8")): f.addtranslation(r["ar"],"ar",r["en"],"en")\n' +
        'f.savefile(sys.argv[2])',
      rowsFile,
      ttFile,
    );
    const perlFile = path.join(work, 'perl.tmx');
    perl(
      'open my $in, "<:raw", shift; local $/; my $rows = decode_json(<$in>); my $out = shift;' +
        ' my $w = XML::TMX::Writer->new(); $w->start_tmx(-output => $out, srclang => "ar", id => "mizan");' +
        ' $w->add_tu(-verbatim => 0, ar => $_->{ar}, zh => $_->{zh}) for @$rows; $w->end_tmx;',
      rowsFile,
      perlFile,
    );
    const written: [string, string, keyof Row | 'both'][] = [
      ['tt', ttFile, 'en'],
      ['perl', perlFile, 'zh'],
      ['omegat-en', omegatFiles[0]!, 'en'],
      ['omegat-zh', omegatFiles[1]!, 'zh'],
    ];
    for (const [name, file, lang] of written) {
      const job = await importFile(name, fs.readFileSync(file));
      const back = await units(name);
      const expected = name.startsWith('omegat') ? sample : rows;
      const same = expected.every((r) =>
        back.some((u) => u.ar === r.ar && u[lang as keyof Row] === r[lang as keyof Row]),
      );
      check(job.status === 'done' && same, `${name}: its TMX imports back (${back.length} units, ${lang} texts kept)`);
    }
  } finally {
    http.close();
    await tm.close();
    redis.disconnect();
    await server.stop();
  }
  if (failures.length > 0) throw new Error(`failed: ${failures.join('; ')}`);
  fs.rmSync(work, { recursive: true, force: true });
  log('every client accepted mizan’s TMX and mizan read theirs');
}

main().catch((err: unknown) => {
  log(String((err as Error)?.message ?? err) + ((err as Error)?.cause ? ` (${String((err as Error).cause)})` : ''));
  log(`files kept in ${work}`);
  process.exit(1);
});
