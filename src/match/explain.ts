/**
 * Why a match scored what it did: the token alignment between query and matched source, as spans on both
 * original texts. The spans of each side, concatenated in order, give back that side's text exactly (separators
 * before a token travel with it; text after the last token is a last op of its own), so a client can highlight by
 * slicing. Ops: `equal`; `clitic` (same word, other clitics); `replace`; `insert` (only in the query: new in the
 * translator's sentence); `delete` (only in the TM source).
 */
import { TokenBuffer, tokenizeCodes } from '../normalize';
import { alignTokens, type EditOp } from './levenshtein';
import type { PreparedQuery } from './query';
import type { Vocabulary } from './vocabulary';

export interface DiffSpan {
  op: EditOp;
  /** [start, end) in the query text. */
  query: [number, number];
  /** [start, end) in the matched source text. */
  source: [number, number];
}

const buffer = new TokenBuffer();

/** The source is tokenized here, once; the query comes prepared. */
export function explainDiff(query: PreparedQuery, source: string, vocabulary: Vocabulary): DiffSpan[] {
  const sTokens = tokenizeCodes(source, buffer);
  const sIds = vocabulary.lookupCodes(sTokens).ids;
  const sTo = sTokens.to;
  const steps = alignTokens(query.ids, query.stems, sIds, vocabulary.stems);
  const out: DiffSpan[] = [];
  let qAt = 0;
  let sAt = 0;
  for (const step of steps) {
    const qEnd = step.q >= 0 ? query.to[step.q]! : qAt;
    const sEnd = step.c >= 0 ? sTo[step.c]! : sAt;
    const last = out[out.length - 1];
    if (last && last.op === step.op) {
      last.query[1] = qEnd;
      last.source[1] = sEnd;
    } else {
      out.push({ op: step.op, query: [qAt, qEnd], source: [sAt, sEnd] });
    }
    qAt = qEnd;
    sAt = sEnd;
  }
  // Text after the last token (a full stop, say) is an op of its own, so it never stretches a word's highlight.
  const qTail = query.text.slice(qAt);
  const sTail = source.slice(sAt);
  if (qTail || sTail || out.length === 0) {
    const op: EditOp = qTail === sTail ? 'equal' : !sTail ? 'insert' : !qTail ? 'delete' : 'replace';
    out.push({ op, query: [qAt, query.text.length], source: [sAt, source.length] });
  }
  return out;
}
