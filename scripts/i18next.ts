/**
 * npm run i18next -- pretranslate --from ar.json --to en,zh --out locales/ [--src ar] [--min 75] [--overwrite]
 *                                 [--tm main] [--interpolation-prefix __ --interpolation-suffix __]
 *                                 [--nesting-prefix '$t(' --nesting-suffix ')']
 * npm run i18next -- export --out locales/ [--document ID] [--lang en,zh] [--tm main]
 *
 * pretranslate: drafts of an i18next resource file in each target language from the TM, written as
 * OUT/<lang>.json merged with the existing file there (its values are kept, and never restructured, unless
 * --overwrite), plus OUT/report.json (score, TM unit and placeables check per key) and a short summary on standard
 * error, naming each existing value whose shape differs from the source's. ICU messages (i18next-icu) are drafted
 * branch by branch or left out; the delimiter options are i18next's interpolation/nesting prefix and suffix.
 * export: a document (keys <documentId>.<position>) or the whole TM (keys <unitId>) as OUT/<lang>.json.
 * Languages are read as every other language option (BCP 47 or POSIX, any case: en-GB, en_GB, EN); each file is named
 * by the tag as given (`--to en-GB` reads and writes OUT/en-GB.json), one tag per language.
 * The TM is read from Redis as the server reads it (REDIS_URL, MIZAN_KEY_PREFIX).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DRAFTED, type JsonKind, type ShapeConflict } from '../src/formats';
import {
  givenDelimiters,
  type I18nextKeyReport,
  i18nextSyntax,
  MAX_MIN,
  requestLanguage,
  requireMin,
} from '../src/service';
import { LANGS, type Lang } from '../src/types';
import { readOptions } from './lib/cli';
import { makeFolder, readText, writeText } from './lib/files';
import { checkTmNames, describeError, withTm } from './lib/tm';

const USAGE = `usage: npm run i18next -- pretranslate --from FILE.json --to en,zh --out FOLDER [--src ar] [--min 75]
                                   [--overwrite] [--tm NAME] [--interpolation-prefix P] [--interpolation-suffix S]
                                   [--nesting-prefix P] [--nesting-suffix S]
       npm run i18next -- export --out FOLDER [--document ID] [--lang en,zh] [--tm NAME]
  pretranslate writes FOLDER/<tag>.json, the tag as given (merged with the existing file: its values kept, and never restructured,
  unless --overwrite) and FOLDER/report.json. Placeables kept as written: {{x}}, {x} and {x, number}, \${x}, $t(key),
  Trans tags (<0>…</0>, <br/>), and the project's own delimiters (i18next's interpolation and nesting prefix and
  suffix, 1-16 characters: --interpolation-prefix __ --interpolation-suffix __ for __name__). ICU plural/select
  messages are drafted branch by branch, or left out and reported. Tags as BCP 47 or POSIX (en-GB, en_GB):
  --to en-GB reads and writes FOLDER/en-GB.json.
  The TM is read from REDIS_URL with MIZAN_KEY_PREFIX.`;

const [command, ...rest] = process.argv.slice(2);
const cli = readOptions(
  USAGE,
  {
    from: { type: 'string' },
    to: { type: 'string' },
    src: { type: 'string' },
    out: { type: 'string' },
    min: { type: 'string' },
    overwrite: { type: 'boolean' },
    tm: { type: 'string' },
    document: { type: 'string' },
    lang: { type: 'string' },
    'interpolation-prefix': { type: 'string' },
    'interpolation-suffix': { type: 'string' },
    'nesting-prefix': { type: 'string' },
    'nesting-suffix': { type: 'string' },
  },
  rest,
  {
    command,
    takes: {
      pretranslate: [
        'from',
        'to',
        'src',
        'out',
        'min',
        'overwrite',
        'tm',
        'interpolation-prefix',
        'interpolation-suffix',
        'nesting-prefix',
        'nesting-suffix',
      ],
      export: ['out', 'document', 'lang', 'tm'],
    },
  },
);
const args = cli.values;
const log = (s: string) => process.stderr.write(`${s}\n`);

/** A JSON file, a leading UTF-8 byte-order mark left out (as the HTTP route reads a body); a parse error names it. */
function readJson(file: string): unknown {
  const text = readText(file).replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

const writeJson = (file: string, value: unknown) => writeText(file, `${JSON.stringify(value, null, 2)}\n`);

/**
 * The languages a list of tags names (each read as the API reads a language: BCP 47 or POSIX, any case), each with
 * the file name it is read from and written to: the tag as given (`en-GB` → en-GB.json). Two tags of one language
 * would name two files for one bundle: refused.
 */
function tagFiles(value: string, option: string): Map<Lang, string> {
  const files = new Map<Lang, string>();
  for (const tag of value.split(',').map((t) => t.trim())) {
    const lang = requestLanguage(tag, option);
    const earlier = files.get(lang);
    if (earlier !== undefined)
      cli.fail(`--${option}: "${earlier.slice(0, -5)}" and "${tag}" both name ${lang}: give one tag per language`);
    files.set(lang, `${tag}.json`);
  }
  return files;
}

/** Statuses that leave a key untranslated although the TM had a candidate: its placeables do not fit. */
const REFUSED = new Set(['placeables-missing', 'unmappable']);

/** The file of a language (the tag as given on the command line; `<lang>.json` for one not named). */
let fileOf = (lang: string) => `${lang}.json`;

function summary(keys: readonly I18nextKeyReport[], to: readonly Lang[]): string[] {
  return to.map((lang) => {
    const counts = new Map<string, number>();
    let check = 0;
    let refused = 0;
    let unfilled = 0;
    let replaced = 0;
    let derived = 0;
    let icu = 0;
    for (const k of keys.filter((k) => k.lang === lang)) {
      if (k.derived && DRAFTED.has(k.status)) derived++;
      if (k.conflict && k.status === 'kept') unfilled++;
      if (k.replaced) replaced++;
      counts.set(k.status, (counts.get(k.status) ?? 0) + 1);
      if (k.status === 'filled' && k.placeables && k.placeables.status !== 'ok') check++;
      if (REFUSED.has(k.status)) refused++;
      if (k.status === 'icu-incomplete' || k.status === 'icu-unsupported') icu++;
    }
    const parts = [...counts].map(([status, n]) => `${n} ${status}`);
    const notes = [
      ...(unfilled ? [`${unfilled} left unfilled: ${fileOf(lang)} holds a value of another shape, see below`] : []),
      ...(replaced ? [`${replaced} replaced a value of another shape in ${fileOf(lang)}`] : []),
      ...(check ? [`${check} filled with placeables to check`] : []),
      ...(counts.has('placeables-appended')
        ? [`${counts.get('placeables-appended')} with placeables the TM lacked appended: check where they go`]
        : []),
      ...(derived ? [`${derived} plural forms the source language lacks, drafted from another form: to check`] : []),
      ...(refused ? [`${refused} left untranslated: the TM's candidates would lose or add placeables`] : []),
      ...(icu ? [`${icu} ICU messages left out: a branch could not be drafted, see report.json`] : []),
      ...(counts.has('array-incomplete')
        ? [`${counts.get('array-incomplete')} drafted but left out: their array has untranslated elements`]
        : []),
    ];
    return `${lang}: ${parts.join(', ') || 'nothing'}${notes.length ? ` (${notes.join('; ')})` : ''}`;
  });
}

const A: Record<JsonKind, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  null: 'null',
  object: 'an object',
  array: 'an array',
};

/**
 * One line per value of an existing file whose shape differs from the source's (`news` a string where the source has
 * `news.consensus`): kept and the keys under it left unfilled, or replaced with --overwrite.
 */
function conflicts(keys: readonly I18nextKeyReport[]): string[] {
  const byPath = new Map<string, { lang: string; conflict: ShapeConflict; keys: string[]; replaced: boolean }>();
  for (const k of keys) {
    if (!k.conflict) continue;
    const id = `${k.lang}\0${k.conflict.path}`;
    const entry = byPath.get(id) ?? { lang: k.lang, conflict: k.conflict, keys: [], replaced: false };
    entry.keys.push(k.key);
    entry.replaced ||= k.replaced === true;
    byPath.set(id, entry);
  }
  return [...byPath.values()].map(({ lang, conflict, keys, replaced }) => {
    const shapes = `${A[conflict.existing]} where the source has ${A[conflict.source]}`;
    if (replaced)
      return `${fileOf(lang)}: "${conflict.path}" held ${shapes}: replaced (--overwrite) by ${keys.join(', ')}`;
    const hint = args.overwrite ? '' : ' (--overwrite replaces it)';
    return `${fileOf(lang)}: "${conflict.path}" holds ${shapes}: kept, ${keys.join(', ')} left unfilled${hint}`;
  });
}

async function pretranslate(out: string): Promise<void> {
  const from = args.from ?? cli.fail('give the source resources: --from FILE.json');
  const resources = readJson(from);
  const files = tagFiles(args.to ?? cli.fail('give the target languages: --to en,zh'), 'to');
  // Checked before the TM is opened, each named by its option; an empty one is not given, as in the route.
  const delimiters = givenDelimiters({
    interpolationPrefix: args['interpolation-prefix'],
    interpolationSuffix: args['interpolation-suffix'],
    nestingPrefix: args['nesting-prefix'],
    nestingSuffix: args['nesting-suffix'],
  });
  i18nextSyntax(delimiters, (key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  fileOf = (lang) => files.get(lang as Lang) ?? `${lang}.json`;
  const to = [...files.keys()];
  const existing: Record<string, unknown> = {};
  for (const [lang, name] of files) {
    const file = path.join(out, name);
    if (fs.existsSync(file)) existing[lang] = readJson(file);
  }
  await withTm(async (tm, config) => {
    const { bundles, report } = await tm.pretranslateI18next(resources, {
      ...delimiters,
      tms: (args.tm ?? config.defaultTm).split(','),
      maxQueryChars: config.maxQueryChars,
      ...(args.src && { from: args.src }),
      to,
      min: requireMin(cli.number('min', 75), config.minFloor, MAX_MIN.i18next),
      overwrite: Boolean(args.overwrite),
      existing,
    });
    makeFolder(out);
    for (const lang of report.to) writeJson(path.join(out, fileOf(lang)), bundles[lang] ?? {});
    writeJson(path.join(out, 'report.json'), report);
    for (const line of [...summary(report.keys, report.to), ...conflicts(report.keys)]) log(line);
    log(`wrote ${report.to.map(fileOf).join(', ')} and report.json to ${out}`);
  });
}

async function exportBundles(out: string): Promise<void> {
  const files = tagFiles(args.lang ?? LANGS.join(','), 'lang');
  const langs = [...files.keys()];
  await withTm(async (tm, config) => {
    const name = args.tm ?? config.defaultTm;
    const bundles = args.document
      ? await tm.documentI18next(name, args.document, langs)
      : await tm.exportI18next(name, langs);
    makeFolder(out);
    for (const [lang, name] of files) writeJson(path.join(out, name), bundles[lang] ?? {});
    log(`wrote ${[...files.values()].join(', ')} to ${out}`);
  });
}

async function main(): Promise<void> {
  if (command !== 'pretranslate' && command !== 'export') cli.fail('give a command: pretranslate or export');
  const out = args.out ?? cli.fail('give the output folder: --out FOLDER');
  if (args.tm !== undefined) await checkTmNames(command === 'export' ? [args.tm] : args.tm.split(','), cli.fail);
  await (command === 'pretranslate' ? pretranslate(out) : exportBundles(out));
}

main().catch(async (err) => {
  log(`i18next: ${await describeError(err)}`);
  process.exit(1);
});
