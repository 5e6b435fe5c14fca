/** A query prepared once for scoring against many candidates. */
import { canonical } from '../normalize';
import { fastTokenize } from '../normalize/fast-tokenize';
import type { Vocabulary } from './vocabulary';

export interface PreparedQuery {
  text: string;
  /** NFC, trimmed: equal canonical forms score 100. */
  canonical: string;
  tokens: string[];
  ids: Int32Array;
  stems: Int32Array;
  n: number;
  /** Tokens that are numbers (digit runs): a candidate differing only in them can be adapted. */
  numberCount: number;
}

export function prepareQuery(vocabulary: Vocabulary, text: string): PreparedQuery {
  const looked = vocabulary.lookup(fastTokenize(text));
  let numberCount = 0;
  for (const token of looked.tokens) if (vocabulary.isNumber(token)) numberCount++;
  return { text, canonical: canonical(text), ...looked, n: looked.ids.length, numberCount };
}
