/**
 * Writes a large XLIFF 1.2 file for measuring the pretranslation CLI's memory and time (docs/benchmarks.md, "XLIFF
 * pretranslation of a large file"): Arabic sources drawn from the seed TM (tm/*.tmx: exact matches), the same with
 * one word dropped (fuzzy matches), and sentences of words from it in another order (mostly no match); a third of
 * the units carry a `<g>` code, a tenth a confirmed target, as translators' tools write them. Deterministic.
 *
 *   node --import tsx bench/xliff-large.ts --mb 20 --out /tmp/large.xlf
 *   MIZAN_KEY_PREFIX=bench-xliff: npm run tmx -- import tm/ace54e57cd73f9de.tmx --tm main
 *   MIZAN_KEY_PREFIX=bench-xliff: /usr/bin/time -v npm run xliff -- pretranslate /tmp/large.xlf --out /tmp/out.xlf
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '20' }, out: { type: 'string' } } });
if (!values.out) throw new Error('usage: node --import tsx bench/xliff-large.ts --mb 20 --out FILE');
const targetBytes = Number(values.mb) * 1024 * 1024;

const seed = fs.readFileSync(path.join(__dirname, '../tm/ace54e57cd73f9de.tmx'), 'utf8');
const arabic = [...seed.matchAll(/<tuv xml:lang="ar"><seg>([^<]+)<\/seg><\/tuv>/g)].map((m) => m[1]!);
const words = arabic.flatMap((s) => s.split(/\s+/)).filter((w) => /\p{L}/u.test(w));

// xorshift32: the same file on every run.
let state = 0x9e3779b9;
const random = (n: number): number => {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) % n;
};

function source(i: number): string {
  const kind = i % 3;
  const sentence = arabic[random(arabic.length)]!;
  if (kind === 0) return sentence;
  if (kind === 1) {
    const w = sentence.split(' ');
    w.splice(random(w.length), 1);
    return w.join(' ');
  }
  return Array.from({ length: 8 + random(12) }, () => words[random(words.length)]!).join(' ');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function unit(i: number): string {
  const text = escape(source(i));
  const coded = i % 3 === 2 ? text.replace(/^(\S+) /, '<g id="1">$1</g> ') : text;
  const target = i % 10 === 9 ? `\n        <target state="translated">Done by a translator ${i}</target>` : '';
  return `      <trans-unit id="u${i}" resname="key.${i}">
        <source>${coded}</source>${target}
        <note>Unit ${i} of the generated file.</note>
      </trans-unit>
`;
}

const out = fs.openSync(values.out, 'w');
fs.writeSync(
  out,
  `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="large.po" source-language="ar" target-language="en" datatype="po">
    <body>
`,
);
let bytes = 0;
let units = 0;
while (bytes < targetBytes) {
  const chunk = Array.from({ length: 1000 }, (_, k) => unit(units + k)).join('');
  units += 1000;
  bytes += fs.writeSync(out, chunk);
}
fs.writeSync(out, '    </body>\n  </file>\n</xliff>\n');
fs.closeSync(out);
process.stderr.write(`${values.out}: ${units} units, ${(bytes / 1024 / 1024).toFixed(1)} MB\n`);
