/**
 * Why a match scored what it did: the token alignment between query and matched source, as spans on both
 * original texts. The spans of each side, concatenated in order, give back that side's text exactly (separators
 * before a token travel with it; text after the last token is a last op of its own), so a client can highlight by
 * slicing; each span carries its text on both sides too. Ops: `equal`; `clitic` (same word, other clitics, or
 * another English inflection); `replace`; `insert` (only in the query: new in the translator's sentence); `delete`
 * (only in the TM source).
 *
 * Chinese is read in runs: adjacent changed characters make one span (a replacement next to an insertion is one
 * replacement), and a single equal character between two changes (a 的 or 国 the edit distance happened to line up)
 * joins them, so a changed phrase is highlighted whole instead of around its repeated characters.
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
  /** The query text of the span (`query.slice(...span.query)`). */
  queryText: string;
  /** The source text of the span. */
  sourceText: string;
}

type Span = Omit<DiffSpan, 'queryText' | 'sourceText'>;

const HAN = /\p{Script=Han}/u;
/** Text made of ideographs, punctuation and spaces only (an empty side included). */
const IDEOGRAPHIC = /^[\p{Script=Han}\p{P}\p{S}\s]*$/u;
const ONE_IDEOGRAPH = /^[\p{P}\p{S}\s]*\p{Script=Han}$/u;

function changed(op: EditOp): boolean {
  return op === 'replace' || op === 'insert' || op === 'delete';
}

/** Runs of Chinese edits as one span each (see the file comment). */
function groupIdeographRuns(spans: Span[], query: string, source: string): Span[] {
  const texts = (s: Span): [string, string] => [query.slice(...s.query), source.slice(...s.source)];
  const ideographic = (s: Span): boolean => {
    const [q, c] = texts(s);
    return IDEOGRAPHIC.test(q) && IDEOGRAPHIC.test(c) && (HAN.test(q) || HAN.test(c));
  };
  const run = (s: Span | undefined): boolean => s !== undefined && changed(s.op) && ideographic(s);
  for (let i = 1; i + 1 < spans.length; i++) {
    const s = spans[i]!;
    const [q, c] = texts(s);
    if (s.op === 'equal' && ONE_IDEOGRAPH.test(q) && ONE_IDEOGRAPH.test(c) && run(spans[i - 1]) && run(spans[i + 1]))
      s.op = 'replace';
  }
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && run(last) && run(s)) {
      last.query[1] = s.query[1];
      last.source[1] = s.source[1];
      last.op = last.query[0] === last.query[1] ? 'delete' : last.source[0] === last.source[1] ? 'insert' : 'replace';
    } else out.push(s);
  }
  return out;
}

const buffer = new TokenBuffer();

/** The source is tokenized here, once; the query comes prepared. */
export function explainDiff(query: PreparedQuery, source: string, vocabulary: Vocabulary): DiffSpan[] {
  const sTokens = tokenizeCodes(source, buffer);
  const sIds = vocabulary.lookupCodes(sTokens).ids;
  const sTo = sTokens.to;
  const steps = alignTokens(query.ids, query.stems, sIds, vocabulary.stems);
  const out: Span[] = [];
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
  return groupIdeographRuns(out, query.text, source).map((s) => ({
    ...s,
    queryText: query.text.slice(...s.query),
    sourceText: source.slice(...s.source),
  }));
}
