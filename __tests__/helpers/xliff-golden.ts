/**
 * The XLIFF output-bytes check (unit/xliff-output-bytes.test.ts): every fixture file, and CRLF and UTF-16
 * variants, pretranslated with a deterministic TM; the outputs are committed under fixtures/xliff/pretranslated and
 * must stay byte for byte what they are when the reader, writer or their memory use change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Candidate, Lookup, PretranslateOptions } from '../../src/formats';
import { FIXTURES } from './xliff-fixtures';

export const GOLDEN_DIR = path.join(FIXTURES, 'xliff/pretranslated');

/** A TM that answers every text: an exact, a fuzzy or no candidate by the text's length, codes kept. */
export const goldenLookup: Lookup = (text, _src, context) => {
  const n = [...text].length;
  const words = text.split(' ');
  const answers: Candidate[] = [
    { score: n % 3 === 0 ? 100 : 80 + (n % 19), targetText: `${context.tgt}: ${text}`, unitId: `a${n}` },
    { score: 76, targetText: `${context.tgt} (${words.length}): ${words.reverse().join(' ')}`, unitId: `b${n}` },
  ];
  return Promise.resolve(n % 5 === 4 ? [] : answers.filter((c) => c.score >= context.min));
};

export interface GoldenCase {
  name: string;
  input: Uint8Array;
  options: PretranslateOptions;
}

export function goldenCases(): GoldenCase[] {
  const dir = path.join(FIXTURES, 'xliff');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.xlf') && !f.startsWith('template-'));
  const cases: GoldenCase[] = [];
  for (const file of files.sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const options: PretranslateOptions = /target-language=|trgLang=/.test(text) ? {} : { tgt: 'en' };
    const bytes = new TextEncoder().encode(text);
    cases.push({ name: file, input: bytes, options });
    cases.push({
      name: file.replace(/\.xlf$/, '.overwrite.xlf'),
      input: bytes,
      options: { ...options, overwrite: true },
    });
  }
  const po = fs.readFileSync(path.join(dir, 'po2xliff-ar-en.xlf'), 'utf8');
  cases.push({
    name: 'po2xliff-ar-en.crlf.xlf',
    input: new TextEncoder().encode(po.replace(/\n/g, '\r\n')),
    options: {},
  });
  const utf16 = Buffer.from(`\uFEFF${po.replace('encoding="UTF-8"', 'encoding="UTF-16"')}`, 'utf16le');
  cases.push({ name: 'po2xliff-ar-en.utf16le.xlf', input: new Uint8Array(utf16), options: {} });
  return cases;
}
