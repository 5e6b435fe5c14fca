/**
 * Sentence segmentation for Arabic, English and Chinese: ICU (Intl.Segmenter) proposes boundaries, explicit
 * SRX-like rules kept as data (rules/<lang>.json) correct them. Candidate boundaries are ICU's and every position
 * after a sentence-final mark (and any closing quotes or brackets after it); at each, the first rule whose `before`
 * regex matches the text ending there and whose `after` regex matches the text starting there decides, and ICU
 * decides when no rule matches. Sentences are trimmed; paragraphs are kept.
 */
import type { Lang } from '../types';
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
const FINAL = /[.!?؟。！？；…]/u;
const CLOSER = /[»"”’')\]」』）》〉]/u;

const pieces = (regex: string | string[]): string => (typeof regex === 'string' ? regex : regex.join(''));
const expand = (regex: string, define: RuleFile['define'] = {}): string =>
  regex.replace(/\{([A-Z]+)\}/g, (whole, name: string) => (define[name] ? pieces(define[name]) : whole));
/** Opening and closing quotes: an opening one right after a final mark, while one is open, is a mistyped closer. */
const QUOTES: Record<string, string> = { '“': '”', '«': '»' };

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
   * Sentences of one paragraph, trimmed, none empty. `icuBreaks`: ICU's sentence ends in it, when the caller asked ICU
   * for many paragraphs at once (segmentText: one ICU call costs ~30 µs however short its text).
   */
  sentences(text: string, icuBreaks: Set<number> = this.icuBreaks(text)): string[] {
    const candidates = new Set(icuBreaks);
    // A run of final marks and closers ends a sentence at its end, never inside it (no sentence starts with "？" or
    // "!"): ICU's breaks inside a run are dropped and the run's end is a candidate. One pass, each run scanned once
    // (a run of 24k dots must not be walked again from each of its dots). An opening quote right after a run, while
    // the same kind of quote is open (他说：“我们准备好了。“双方…), is a mistyped closer: it joins the run, and the
    // rules see it as the closer it stands for.
    const open: Record<string, boolean> = {};
    const closerAt: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (QUOTES[c]) open[c] = true;
      else if (c === '”') open['“'] = false;
      else if (c === '»') open['«'] = false;
      if (!FINAL.test(c)) continue;
      let end = i + 1;
      for (; end < text.length; end++) {
        const d = text[end]!;
        if (FINAL.test(d)) continue;
        if (CLOSER.test(d)) {
          if (d === '”') open['“'] = false;
          else if (d === '»') open['«'] = false;
          continue;
        }
        if (QUOTES[d] && open[d]) {
          open[d] = false;
          closerAt.push(end);
          continue;
        }
        break;
      }
      for (let inside = i + 1; inside < end; inside++) {
        icuBreaks.delete(inside);
        candidates.delete(inside);
      }
      candidates.add(end);
      i = end - 1;
    }
    const seen = closerAt.length ? withClosers(text, closerAt) : text;
    const out: string[] = [];
    let start = 0;
    for (const at of [...candidates].sort((a, b) => a - b)) {
      if (at <= start || at >= text.length) continue;
      if (!this.breaksAt(seen, at, icuBreaks.has(at))) continue;
      const sentence = text.slice(start, at).trim();
      if (sentence) out.push(sentence);
      start = at;
    }
    const last = text.slice(start).trim();
    if (last) out.push(last);
    return out;
  }

  /**
   * ICU's sentence ends (trailing spaces left out), asked a chunk at a time: V8's segmenter slows down badly on long
   * strings (10k short sentences in one string took 20 s where 5k took 0.15 s), and its decisions only look a few
   * characters around a boundary. A break within ICU_MARGIN of a chunk's cut is left to the next chunk, which starts
   * at the last break kept (or, in one very long sentence, ICU_MARGIN before the cut).
   */
  icuBreaks(text: string): Set<number> {
    const breaks = new Set<number>();
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
        while (end > start && /\s/u.test(text[end - 1]!)) end--; // ICU puts trailing spaces in the sentence
        breaks.add(end);
      }
      if (final) break;
      from = Math.max(resume, from + 1);
    }
    return breaks;
  }

  private breaksAt(text: string, at: number, icu: boolean): boolean {
    const before = text.slice(Math.max(0, at - WINDOW), at);
    const after = text.slice(at, at + WINDOW);
    // `after` first: its regexes are anchored at the start and fail at once; `before` regexes end in $, which V8
    // tries from every position of the window.
    for (const rule of this.rules)
      if (rule.after.test(after) && rule.before.test(rule.tail < WINDOW ? before.slice(-rule.tail) : before))
        return rule.brk;
    return icu;
  }
}

/** The text with the opening quotes at `at` (mistyped closers) written as the closers they stand for. */
function withClosers(text: string, at: readonly number[]): string {
  let out = '';
  let from = 0;
  for (const k of at) {
    out += text.slice(from, k) + QUOTES[text[k]!]!;
    from = k + 1;
  }
  return out + text.slice(from);
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
 * Paragraphs, each split into sentences. ICU is asked about all paragraphs at once, joined by U+2029: its breaks
 * inside a paragraph are the ones it gives for the paragraph alone, and a text of 200k one-character lines costs one
 * pass instead of 200k calls of ~30 µs each.
 */
export function segmentText(text: string, segmenter: Segmenter): Paragraph[] {
  const blocks = paragraphs(text);
  const breaks = [...segmenter.icuBreaks(blocks.join(PARAGRAPH_SEPARATOR))].sort((a, b) => a - b);
  let at = 0;
  let start = 0;
  return blocks.map((block) => {
    const end = start + block.length;
    const own = new Set<number>();
    while (at < breaks.length && breaks[at]! <= end) {
      if (breaks[at]! > start) own.add(breaks[at]! - start);
      at++;
    }
    start = end + PARAGRAPH_SEPARATOR.length;
    return { sentences: segmenter.sentences(block, own) };
  });
}
