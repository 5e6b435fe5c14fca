/**
 * Pretranslated outputs stay byte for byte: every XLIFF fixture (with and without overwrite, CRLF, UTF-16) through a
 * deterministic TM gives the file committed under fixtures/xliff/pretranslated, written by the code before the
 * reader's memory was cut (see helpers/xliff-golden.ts). A change in these bytes is a change in behaviour.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Lookups, pretranslateXliffFile } from '../../src/formats';
import { GOLDEN_DIR, goldenCases, goldenLookup } from '../helpers/xliff-golden';

describe('a pretranslated XLIFF file', () => {
  const cases = goldenCases();

  it('covers every fixture, 1.2 seg-source records and 2.x matches among them', () => {
    expect(cases.length).toBeGreaterThanOrEqual(24);
    const outputs = cases.map((c) => fs.readFileSync(path.join(GOLDEN_DIR, c.name), 'latin1')).join('');
    expect(outputs).toContain('alttranstype="accepted"');
    expect(outputs).toContain('<mtc:match ');
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s is the committed output, byte for byte', async (_, c) => {
    const { output } = await pretranslateXliffFile(c.input, goldenLookup, c.options);
    const expected = fs.readFileSync(path.join(GOLDEN_DIR, c.name));
    expect(Buffer.from(output).equals(expected)).toBe(true);
    expect(output.length).toBe(expected.length);
  });

  // The same TM asked in batches (as the service asks it: a large file's lookups a batch at a time), of a size that
  // cuts the files' segments at odd places: the same bytes.
  const batched: Lookups = {
    size: 3,
    batch: (queries) => Promise.all(queries.map((q) => goldenLookup(q.text, q.src, q.context))),
  };
  it.each(cases.map((c) => [c.name, c] as const))('%s is the same looked up in batches', async (_, c) => {
    const { output } = await pretranslateXliffFile(c.input, batched, c.options);
    expect(Buffer.from(output).equals(fs.readFileSync(path.join(GOLDEN_DIR, c.name)))).toBe(true);
  });
});
