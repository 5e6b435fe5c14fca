/**
 * An Arabic → English gloss lexicon from FreeDict's Arabic–English and English–Arabic dictionaries (Arabeyes word
 * lists, GPL-2.0-or-later; Debian packages `dict-freedict-ara-eng` and `dict-freedict-eng-ara`, read at run time
 * from /usr/share/dictd, not copied here). The aligner has no other word-level evidence between Arabic and English
 * (CC-CEDICT, lexicon.ts, covers Chinese–English), so a row whose Arabic and English share translated words is
 * confirmed by something the DP never looked at (lexical-check.ts).
 *
 * About half the words of news Arabic have an entry once clitics are tried off (measured on the shared corpora's
 * gold pairs: 51–55 %); of those, a quarter gloss into a word of their gold English sentence and 2–3 % into a
 * random other sentence's. Too sparse to align with, enough to tell a right pair from a shifted one.
 *
 * Both files are dictd databases: an `.index` and a `.dict.dz` (dictzip, which gunzip reads). Entries are a headword
 * line `word /ipa/` followed by its glosses, one a line, numbered when there are several.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { foldAlef, foldYaAndTaMarbuta, stripTashkeel } from '../normalize/arabic';
import { englishKey, englishKeys } from './lexicon';

/** Where Debian installs dictd databases. */
export const DICTD_DIR = '/usr/share/dictd';
const AR_EN = 'freedict-ara-eng.dict.dz';
const EN_AR = 'freedict-eng-ara.dict.dz';
/** Glosses kept per Arabic headword: the long tails of some entries (الإدارة: …, Gyrating, Looping) are noise. */
const MAX_GLOSSES = 12;
const HEADWORD = /^(.+?) \/[^/]*\/$/u;
const NUMBERED = /^\d+\. /u;
const ARABIC_WORD = /(?:[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]|[\u064B-\u065F\u0670])+/gu;

const PROCLITICS = ['وبال', 'وكال', 'فبال', 'ولل', 'وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ك', 'ل'];
const ENCLITICS = ['هما', 'كما', 'ها', 'هم', 'هن', 'كم', 'نا', 'ه', 'ك', 'ي'];
const PLURALS = ['ات', 'ون', 'ين', 'ان'];
const MIN_STEM = 3;

/** An Arabic word as the lexicon keys it: no tashkeel or tatweel, alef, ya and ta marbuta folded. */
export function foldArabicWord(word: string): string {
  return foldYaAndTaMarbuta(foldAlef(stripTashkeel(word)));
}

/**
 * The forms of a folded Arabic word worth looking up, the word first: without a proclitic (and with the article
 * instead), without an enclitic, an accusative alef or a plural ending («وحكوماتها» → حكومات, حكومه, الحكومه, …).
 */
export function lookupForms(folded: string): string[] {
  const out = [folded];
  const add = (w: string) => {
    if (w.length >= MIN_STEM && !out.includes(w)) out.push(w);
  };
  const bare = [folded];
  for (const p of PROCLITICS)
    if (folded.startsWith(p) && folded.length - p.length >= MIN_STEM) bare.push(folded.slice(p.length));
  for (const b of bare) {
    const stems = [b, ...ENCLITICS.filter((s) => b.endsWith(s)).map((s) => b.slice(0, -s.length))];
    for (const w of stems) {
      add(w);
      if (!w.startsWith('ال')) add(`ال${w}`);
      // The alef of an accusative tanween (صباحًا, جديدًا: the tanween itself is folded away).
      if (w.endsWith('ا') && w.length > MIN_STEM) add(w.slice(0, -1));
      for (const s of PLURALS)
        if (w.endsWith(s)) {
          add(w.slice(0, -s.length));
          if (s === 'ات') add(`${w.slice(0, -s.length)}ه`);
        }
    }
  }
  return out;
}

export class ArEnLexicon {
  /** English key → id (the keys of lexicon.ts's englishKey). */
  private readonly keyIds = new Map<string, number>();
  /** Folded Arabic headword → English key ids. */
  private readonly glosses = new Map<string, number[]>();
  /** Per Arabic word as written: its gloss ids (null: no entry), memoized across calls (bounded). */
  private readonly seen = new Map<string, readonly number[] | null>();

  get size(): number {
    return this.glosses.size;
  }

  /** Adds the words of an English text (their keys, lexicon.ts) as glosses of an Arabic headword (folded here). */
  add(arabic: string, english: string): void {
    const head = foldArabicWord(arabic.trim());
    if (!head || /\s/u.test(head)) return;
    const ids = this.glosses.get(head) ?? [];
    for (const key of englishKeys(english)) {
      if (ids.length >= MAX_GLOSSES) break;
      let id = this.keyIds.get(key);
      if (id === undefined) this.keyIds.set(key, (id = this.keyIds.size));
      if (!ids.includes(id)) ids.push(id);
    }
    if (ids.length > 0) this.glosses.set(head, ids);
  }

  /** The English key ids of a text (words the lexicon knows only: an unknown word can never be a gloss). */
  englishIds(text: string): Set<number> {
    const out = new Set<number>();
    for (const key of englishKeys(text)) {
      const id = this.keyIds.get(key);
      if (id !== undefined) out.add(id);
    }
    return out;
  }

  /** The gloss ids of each Arabic word of the text that has an entry (in any of its lookup forms). */
  arabicGlosses(text: string): (readonly number[])[] {
    const out: (readonly number[])[] = [];
    for (const [word] of text.matchAll(ARABIC_WORD)) {
      let ids = this.seen.get(word);
      if (ids === undefined) {
        const union = new Set<number>();
        for (const form of lookupForms(foldArabicWord(word)))
          for (const id of this.glosses.get(form) ?? []) union.add(id);
        ids = union.size > 0 ? [...union] : null;
        if (this.seen.size > 200_000) this.seen.clear();
        this.seen.set(word, ids);
      }
      if (ids) out.push(ids);
    }
    return out;
  }
}

/** The entries of a dictd text: each headword line with the gloss lines under it. */
function* entries(text: string): Generator<[head: string, glosses: string[]]> {
  let head: string | undefined;
  let glosses: string[] = [];
  for (const line of text.split('\n')) {
    const m = HEADWORD.exec(line);
    if (m) {
      if (head) yield [head, glosses];
      head = m[1]!;
      glosses = [];
    } else if (head && line.trim()) {
      glosses.push(line.replace(NUMBERED, '').trim());
    }
  }
  if (head) yield [head, glosses];
}

/**
 * Reads the two dictionaries from a dictd folder; null when the Arabic–English one is not there. Arabic–English
 * entries give each single-word headword its glosses' English keys; English–Arabic ones give each single-word Arabic
 * gloss the English headword's keys.
 */
export function loadArEnLexicon(dir: string): ArEnLexicon | null {
  const arEn = path.join(dir, AR_EN);
  if (!fs.existsSync(arEn)) return null;
  const lexicon = new ArEnLexicon();
  for (const [head, glosses] of entries(gunzipSync(fs.readFileSync(arEn)).toString('utf8')))
    for (const word of head.split(/[،,]/u)) lexicon.add(word, glosses.join(' ')); // «لادغ، شائك»: two headwords
  const enAr = path.join(dir, EN_AR);
  if (fs.existsSync(enAr))
    for (const [head, glosses] of entries(gunzipSync(fs.readFileSync(enAr)).toString('utf8'))) {
      if (!/\s/u.test(head.trim()) && englishKey(head))
        for (const gloss of glosses) for (const word of gloss.split(/[،,]/u)) lexicon.add(word, head);
    }
  return lexicon.size > 0 ? lexicon : null;
}

let cached: ArEnLexicon | null | undefined;

/** The lexicon of Debian's dictd folder, loaded once; null when the packages are not installed. */
export function arEnLexicon(): ArEnLexicon | null {
  if (cached === undefined) cached = loadArEnLexicon(DICTD_DIR);
  return cached;
}
