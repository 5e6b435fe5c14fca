/**
 * A query prepared once per request and TM index: tokenized once (tokens, their spans in the text, their ids in the
 * index's vocabulary), then handed to search, explain and number adaptation for every candidate and hit.
 */
import { canonical, TokenBuffer, tokenizeCodes } from '../normalize';
import type { Vocabulary } from './vocabulary';

export interface PreparedQuery {
  text: string;
  /** NFC, trimmed: equal canonical forms score 100. */
  canonical: string;
  tokens: string[];
  ids: Int32Array;
  stems: Int32Array;
  n: number;
  /** Token i is text[from[i], to[i]) (see normalize/tokenizer.ts for what a span takes in). */
  from: Int32Array;
  to: Int32Array;
  /** Tokens that are numbers (digit runs): a candidate differing only in them can be adapted. */
  numberCount: number;
  /** The vocabulary the ids are from: a query serves the index that prepared it. */
  vocabulary: Vocabulary;
}

const buffer = new TokenBuffer();

export function prepareQuery(vocabulary: Vocabulary, text: string): PreparedQuery {
  const tokens = tokenizeCodes(text, buffer);
  const looked = vocabulary.lookupCodes(tokens);
  let numberCount = 0;
  for (const token of looked.tokens) if (vocabulary.isNumber(token)) numberCount++;
  return {
    text,
    canonical: canonical(text),
    ...looked,
    n: looked.ids.length,
    from: tokens.from.slice(0, tokens.count),
    to: tokens.to.slice(0, tokens.count),
    numberCount,
    vocabulary,
  };
}
