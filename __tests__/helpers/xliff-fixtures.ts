/** Fixtures and a tiny in-memory TM for the XLIFF and i18next unit tests. */
import fs from 'node:fs';
import path from 'node:path';
import type { Candidate, Lookup, LookupContext } from '../../src/formats';
import type { Lang } from '../../src/types';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Placeable k (U+E000 + k). */
export const P = (k: number): string => String.fromCharCode(0xe000 + k);

export interface Call {
  text: string;
  src: Lang;
  context: LookupContext;
}

/** A TM candidate as a lookup answers it: its score, its unit's source and target texts, and its unit id. */
export const candidate = (score: number, sourceText: string, targetText: string, unitId: string): Candidate => ({
  score,
  sourceText,
  targetText,
  unitId,
});

/** A TM keyed by the exact source text (placeables included) and target language; records every call. */
export function memoryTm(entries: Record<string, Partial<Record<Lang, Candidate[]>>>): Lookup & { calls: Call[] } {
  const calls: Call[] = [];
  const lookup = (text: string, src: Lang, context: LookupContext) => {
    calls.push({ text, src, context });
    return Promise.resolve(entries[text]?.[context.tgt] ?? []);
  };
  return Object.assign(lookup, { calls });
}

/** Lines removed from `a` and added in `b` (longest common subsequence of lines). */
export function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) removed.push(x[i++]!);
    else added.push(y[j++]!);
  }
  removed.push(...x.slice(i));
  added.push(...y.slice(j));
  return { removed, added };
}

/** A 1.2 `<file>` from `src` to `tgt` (no target-language when undefined) with one trans-unit of `source`. */
export const xliffFile = (src: string, tgt: string | undefined, source: string) =>
  `  <file original="a" source-language="${src}"${tgt === undefined ? '' : ` target-language="${tgt}"`} datatype="plaintext">
    <body>
      <trans-unit id="1"><source>${source}</source></trans-unit>
    </body>
  </file>`;

/** An XLIFF 1.2 document of these `<file>`s. */
export const xliff12 = (...files: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
${files.join('\n')}
</xliff>
`;
