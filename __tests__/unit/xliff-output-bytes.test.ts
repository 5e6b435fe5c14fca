/**
 * Pretranslated outputs stay byte for byte: every XLIFF fixture (with and without overwrite, CRLF, UTF-16) through a
 * deterministic TM gives the file committed under fixtures/xliff/pretranslated, written by the code before the
 * reader's memory was cut (see helpers/xliff-golden.ts). A change in these bytes is a change in behaviour.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pretranslateXliffFile } from '../../src/formats';
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
});
