/** A text prepared for matching: its canonical form for identity, its token ids for the edit distance. */
import { canonical, tokenize } from '../normalize';
import type { TokenIds, Vocabulary } from './vocabulary';

export interface AnalyzedText {
  /** The text as given. */
  text: string;
  /** NFC, trimmed: equal canonical forms score 100. */
  canonical: string;
  tokens: TokenIds;
  /** Token count. */
  length: number;
}

function build(text: string, tokens: TokenIds): AnalyzedText {
  return { text, canonical: canonical(text), tokens, length: tokens.ids.length };
}

/** For a TM unit: its tokens join the vocabulary. */
export function analyzeForIndex(vocabulary: Vocabulary, text: string): AnalyzedText {
  return build(text, vocabulary.intern(tokenize(text)));
}

/** For a query: looks tokens up without adding them. */
export function analyzeQuery(vocabulary: Vocabulary, text: string): AnalyzedText {
  return build(text, vocabulary.lookup(tokenize(text)));
}
