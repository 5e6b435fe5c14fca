/**
 * Sentence segmentation for Arabic, English and Chinese: ICU (Intl.Segmenter) proposes boundaries, explicit
 * SRX-like rules kept as data (rules/<lang>.json) correct them. Candidate boundaries are ICU's and every position
 * after a sentence-final mark (and any closing quotes or brackets after it); at each, the first rule whose `before`
 * regex matches the text ending there and whose `after` regex matches the text starting there decides, and ICU
 * decides when no rule matches. Sentences are trimmed; paragraphs are kept.
 */
import type { Lang } from '../types';
import { icuBreakAt, icuOnlyBreaks, isSpace } from './icu-verdict';
import { scanRuns, withClosers, type Runs } from './segment-runs';
import ar from './rules/ar.json';
import en from './rules/en.json';
import zh from './rules/zh.json';

/**
 * A rule as written in rules/<lang>.json. A regex or note too long for one line is a list of pieces, joined; `{NAME}`
 * in a regex stands for the file's `define.NAME` (a list of words several rules share).
 */
export interface RuleSpec {
  break: boolean;
  before: string | string[];
  after: string | string[];
  note?: string | string[];
  /** Characters before the candidate that `before` needs at most (default: the whole window); fewer is faster. */
  tail?: number;
}

interface Rule {
  brk: boolean;
  before: RegExp;
  after: RegExp;
  tail: number;
}

export interface Paragraph {
  sentences: string[];
}

interface RuleFile {
  define?: Record<string, string | string[]>;
  rules: RuleSpec[];
}

const FILES: Record<Lang, RuleFile> = { ar, en, zh };
/** How much text around a candidate the rules see. */
const WINDOW = 48;
/** ICU is asked this many characters at a time (see icuBreaks). */
const ICU_CHUNK = 4096;
const ICU_MARGIN = 256;

const pieces = (regex: string | string[]): string => (typeof regex === 'string' ? regex : regex.join(''));
const expand = (regex: string, define: RuleFile['define'] = {}): string =>
  regex.replace(/\{([A-Z]+)\}/g, (whole, name: string) => (define[name] ? pieces(define[name]) : whole));
export class Segmenter {
  private readonly rules: Rule[];
  private readonly icu: Intl.Segmenter;

  constructor(
    readonly lang: Lang,
    specs: RuleSpec[] = FILES[lang].rules,
  ) {
    const define = FILES[lang].define;
    this.rules = specs.map((r) => ({
      brk: r.break,
      before: new RegExp(expand(pieces(r.before), define), 'u'),
      after: new RegExp(expand(pieces(r.after), define), 'u'),
      tail: Math.min(WINDOW, r.tail ?? WINDOW),
    }));
    this.icu = new Intl.Segmenter(lang, { granularity: 'sentence' });
  }

  /**
   * Sentences of one paragraph, trimmed, none empty. `icuBreaks`: ICU's sentence ends in it (in order), when the
   * caller asked ICU for many paragraphs at once (segmentText: one ICU call costs ~30 µs however short its text);
   * given, they are used even where the paragraph could do without.
   */
  sentences(text: string, icuBreaks?: readonly number[]): string[] {
    const runs = scanRuns(text);
    if (icuBreaks) return this.decide(text, runs, icuBreaks, true)!;
    return this.local(text, runs) ?? this.decide(text, runs, this.icuBreaks(text), true)!;
  }

  /** The paragraph's sentences when what ICU would say can be read from the text (icu-verdict.ts), else undefined. */
  withoutIcu(text: string): string[] | undefined {
    return this.local(text, scanRuns(text));
  }

  private local(text: string, runs: Runs): string[] | undefined {
    const known = icuOnlyBreaks(text, runs.ends);
    return known && this.decide(text, runs, known, false);
  }

  /**
   * ICU's sentence ends (trailing spaces left out), in order, asked a chunk at a time: V8's segmenter slows down badly
   * on long strings (10k short sentences in one string took 20 s where 5k took 0.15 s), and its decisions only look
   * a few characters around a boundary. A break within ICU_MARGIN of a chunk's cut is left to the next chunk, which
   * starts at the last break kept (or, in one very long sentence, ICU_MARGIN before the cut).
   */
  icuBreaks(text: string): number[] {
    const breaks: number[] = [];
    let from = 0;
    while (from < text.length) {
      const to = Math.min(text.length, from + ICU_CHUNK);
      const final = to === text.length;
      let resume = to - ICU_MARGIN;
      for (const s of this.icu.segment(text.slice(from, to))) {
        const start = from + s.index;
        let end = start + s.segment.length;
        if (!final && end > to - ICU_MARGIN) break;
        resume = end;
        while (end > start && isSpace(text.charCodeAt(end - 1))) end--; // ICU puts trailing spaces in the sentence
        if (!(breaks.length && breaks[breaks.length - 1]! >= end)) breaks.push(end);
      }
      if (final) break;
      from = Math.max(resume, from + 1);
    }
    return breaks;
  }

  /**
   * The sentences, cut where a rule says so at a candidate, or where ICU does when no rule decides. Candidates are
   * the ends of the runs and ICU's breaks outside the runs. `all`: `icu` holds all of ICU's breaks; else only those
   * that are not ends of runs, ICU's verdict at the others is read from the text (icuBreakAt), and undefined is
   * returned when it cannot be.
   */
  private decide(text: string, runs: Runs, icu: readonly number[], all: boolean): string[] | undefined {
    const { starts, ends } = runs;
    const seen = runs.closerAt.length ? withClosers(text, runs.closerAt) : text;
    const out: string[] = [];
    let start = 0;
    let r = 0;
    let b = 0;
    while (r < ends.length || b < icu.length) {
      const end = r < ends.length ? ends[r]! : Infinity;
      const brk = b < icu.length ? icu[b]! : Infinity;
      const at = Math.min(end, brk);
      if (brk <= end) b++;
      if (end <= brk) r++;
      else if (r < starts.length && brk > starts[r]!) continue; // ICU's break inside a run: the run ends it
      if (at <= start || at >= text.length) continue;
      const verdict = this.ruleAt(seen, at) ?? (brk === at || (all ? false : icuBreakAt(text, at)));
      if (verdict === undefined) return undefined;
      if (!verdict) continue;
      const sentence = text.slice(start, at).trim();
      if (sentence) out.push(sentence);
      start = at;
    }
    const last = text.slice(start).trim();
    if (last) out.push(last);
    return out;
  }

  /** The first matching rule's decision at `at`, undefined when none matches. */
  private ruleAt(text: string, at: number): boolean | undefined {
    const before = text.slice(Math.max(0, at - WINDOW), at);
    const after = text.slice(at, at + WINDOW);
    // `after` first: its regexes are anchored at the start and fail at once; `before` regexes end in $, which V8
    // tries from every position of the window.
    for (const rule of this.rules)
      if (rule.after.test(after) && rule.before.test(rule.tail < WINDOW ? before.slice(-rule.tail) : before))
        return rule.brk;
    return undefined;
  }
}

/**
 * Paragraphs of a plain text: separated by blank lines, where a single newline is a soft wrap; a text without any
 * blank line has one paragraph per line.
 */
export function paragraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const blocks = /\n[ \t]*\n/.test(normalized) ? normalized.split(/\n[ \t]*\n+/).map(unwrap) : normalized.split('\n');
  return blocks.map((b) => b.trim()).filter(Boolean);
}

/**
 * A block's soft-wrapped lines joined by single spaces (the spaces around each newline folded into one). Done line
 * by line: a regex (whitespace, newline, whitespace) would retry from every space of a long run of spaces,
 * quadratic in its length.
 */
function unwrap(block: string): string {
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** ICU never carries a sentence across a paragraph separator (UAX #29, SB4), so paragraphs can be asked together. */
const PARAGRAPH_SEPARATOR = '\u2029';

/**
 * Paragraphs, each split into sentences. Most paragraphs need nothing from ICU (icu-verdict.ts); the others are asked
 * about all at once, joined by U+2029: ICU's breaks inside a paragraph are the ones it gives for the paragraph alone,
 * and a text of 200k one-character lines costs one pass instead of 200k calls of ~30 µs each.
 */
export function segmentText(text: string, segmenter: Segmenter): Paragraph[] {
  const blocks = paragraphs(text);
  const sentences = blocks.map((block) => segmenter.withoutIcu(block));
  const asked = blocks.filter((_, k) => !sentences[k]);
  if (asked.length) {
    const breaks = segmenter.icuBreaks(asked.join(PARAGRAPH_SEPARATOR));
    let at = 0;
    let start = 0;
    blocks.forEach((block, k) => {
      if (sentences[k]) return;
      const end = start + block.length;
      const own: number[] = [];
      for (; at < breaks.length && breaks[at]! <= end; at++) if (breaks[at]! > start) own.push(breaks[at]! - start);
      start = end + PARAGRAPH_SEPARATOR.length;
      sentences[k] = segmenter.sentences(block, own);
    });
  }
  return sentences.map((s) => ({ sentences: s! }));
}
