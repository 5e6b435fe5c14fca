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

/** A rule as written in rules/<lang>.json. A regex or note too long for one line is a list of pieces, joined. */
export interface RuleSpec {
  break: boolean;
  before: string | string[];
  after: string | string[];
  note?: string | string[];
}

interface Rule {
  brk: boolean;
  before: RegExp;
  after: RegExp;
}

export interface Paragraph {
  sentences: string[];
}

const SPECS: Record<Lang, RuleSpec[]> = { ar: ar.rules, en: en.rules, zh: zh.rules };
/** How much text around a candidate the rules see. */
const WINDOW = 48;
const FINAL = /[.!?؟。！？；…]/u;
const CLOSER = /[»"”’')\]」』）》〉]/u;

const pieces = (regex: string | string[]): string => (typeof regex === 'string' ? regex : regex.join(''));

export class Segmenter {
  private readonly rules: Rule[];
  private readonly icu: Intl.Segmenter;

  constructor(
    readonly lang: Lang,
    specs: RuleSpec[] = SPECS[lang],
  ) {
    this.rules = specs.map((r) => ({
      brk: r.break,
      before: new RegExp(pieces(r.before), 'u'),
      after: new RegExp(pieces(r.after), 'u'),
    }));
    this.icu = new Intl.Segmenter(lang, { granularity: 'sentence' });
  }

  /** Sentences of one paragraph, trimmed, none empty. */
  sentences(text: string): string[] {
    const icuBreaks = new Set<number>();
    for (const s of this.icu.segment(text)) {
      let end = s.index + s.segment.length;
      while (end > s.index && /\s/u.test(text[end - 1]!)) end--; // ICU puts trailing spaces in the sentence
      icuBreaks.add(end);
    }
    const candidates = new Set(icuBreaks);
    for (let i = 0; i < text.length; i++) {
      if (!FINAL.test(text[i]!)) continue;
      let end = i + 1;
      while (end < text.length && (FINAL.test(text[end]!) || CLOSER.test(text[end]!))) end++;
      candidates.add(end);
      candidates.add(i + 1);
    }
    const out: string[] = [];
    let start = 0;
    for (const at of [...candidates].sort((a, b) => a - b)) {
      if (at <= start || at >= text.length) continue;
      if (!this.breaksAt(text, at, icuBreaks.has(at))) continue;
      const sentence = text.slice(start, at).trim();
      if (sentence) out.push(sentence);
      start = at;
    }
    const last = text.slice(start).trim();
    if (last) out.push(last);
    return out;
  }

  private breaksAt(text: string, at: number, icu: boolean): boolean {
    const before = text.slice(Math.max(0, at - WINDOW), at);
    const after = text.slice(at, at + WINDOW);
    for (const rule of this.rules) if (rule.before.test(before) && rule.after.test(after)) return rule.brk;
    return icu;
  }
}

/**
 * Paragraphs of a plain text: separated by blank lines, where a single newline is a soft wrap; a text without any
 * blank line has one paragraph per line.
 */
export function paragraphs(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const blocks = /\n[ \t]*\n/.test(normalized)
    ? normalized.split(/\n[ \t]*\n+/).map((b) => b.replace(/\s*\n\s*/g, ' '))
    : normalized.split('\n');
  return blocks.map((b) => b.trim()).filter(Boolean);
}

/** Paragraphs, each split into sentences. */
export function segmentText(text: string, segmenter: Segmenter): Paragraph[] {
  return paragraphs(text).map((p) => ({ sentences: segmenter.sentences(p) }));
}
