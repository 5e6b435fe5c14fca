/**
 * npm run xliff -- pretranslate FILE [--tgt en] [--src ar] [--min 75] [--overwrite] [--tm main] [--out OUT]
 * npm run xliff -- analyze FILE [--tgt en] [--src ar] [--tm main] [--json]
 *
 * Pretranslates an XLIFF 1.2 or 2.x file from the TM (the file back with targets filled, to OUT or standard output,
 * a summary on standard error), or prints its analysis per match band (a text table, or JSON with --json). The TM
 * is read from Redis as the server reads it (REDIS_URL, MIZAN_KEY_PREFIX).
 */
import { formatAnalysis, MAX_MIN, requireMin } from '../src/service';
import { readOptions } from './lib/cli';
import { readBytes, writeStdout, writeText } from './lib/files';
import { checkTmNames, describeError, withTm } from './lib/tm';

const USAGE = `usage: npm run xliff -- pretranslate FILE [--tgt LANG] [--src LANG] [--min 75] [--overwrite] [--tm NAME]
                                 [--out FILE]
       npm run xliff -- analyze FILE [--tgt LANG] [--src LANG] [--tm NAME] [--json]
  Languages default to the file's (source-language/target-language, srcLang/trgLang). Without --out the
  pretranslated file goes to standard output. The TM is read from REDIS_URL with MIZAN_KEY_PREFIX.`;

const [command, file, ...rest] = process.argv.slice(2);
const cli = readOptions(
  USAGE,
  {
    tgt: { type: 'string' },
    src: { type: 'string' },
    min: { type: 'string' },
    overwrite: { type: 'boolean' },
    tm: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  rest,
  {
    command,
    takes: { pretranslate: ['tgt', 'src', 'min', 'overwrite', 'tm', 'out'], analyze: ['tgt', 'src', 'tm', 'json'] },
  },
);
const args = cli.values;
const log = (s: string) => process.stderr.write(`${s}\n`);

async function main(): Promise<void> {
  if (command !== 'pretranslate' && command !== 'analyze') cli.fail('give a command: pretranslate or analyze');
  const input = readBytes(!file || file.startsWith('-') ? cli.fail(`give the XLIFF file to ${command}`) : file);
  if (args.tm !== undefined) await checkTmNames(args.tm.split(','), cli.fail);
  await withTm(async (tm, config) => {
    const request = {
      tms: (args.tm ?? config.defaultTm).split(','),
      maxQueryChars: config.maxQueryChars,
      ...(args.src && { src: args.src }),
      ...(args.tgt && { tgt: args.tgt }),
    };
    if (command === 'analyze') {
      const analysis = await tm.analyzeXliff(input, request);
      await writeStdout(args.json ? `${JSON.stringify(analysis, null, 2)}\n` : formatAnalysis(analysis));
      return;
    }
    const min = requireMin(cli.number('min', 75), config.minFloor, MAX_MIN.xliff);
    const { output, report } = await tm.pretranslateXliff(input, {
      ...request,
      min,
      overwrite: Boolean(args.overwrite),
    });
    // Written (or the error said) before the summary: a summary is never printed for an output not written.
    if (args.out) writeText(args.out, output);
    else await writeStdout(output);
    const totals = Object.entries(report.totals).flatMap(([status, n]) => {
      // Filled too, but not as the TM wrote it: say so, the translator has to look at them.
      if (status === 'placeables' && n > 0)
        return [`${n} placeables (filled with codes or placeholders put in: to review)`];
      // Rare (left empty: the TM's candidates would lose something of the source): named only when it happened.
      if (status === 'unmappable')
        return n > 0
          ? [`${n} unmappable (left empty: the TM's unit has a code or placeholder where the source has text)`]
          : [];
      return [`${n} ${status}`];
    });
    if (report.declaredSrc !== undefined)
      log(`the file declares ${report.declaredSrc}, its sources are written in ${report.src}: read as ${report.src}`);
    const targets = (report.targets ?? [report.tgt]).join(', ');
    log(`${report.src} -> ${targets}, min ${report.min}: ${report.segments.length} segment(s): ${totals.join(', ')}`);
  });
}

main().catch(async (err) => {
  log(`xliff: ${await describeError(err)}`);
  process.exit(1);
});
