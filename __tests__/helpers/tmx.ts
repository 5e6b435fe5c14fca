/** Helpers for the TMX tests: fixtures on disk and validation against the TMX 1.4b DTD with xmllint. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../fixtures/tmx');
export const DTD = path.resolve(__dirname, '../fixtures/tmx14.dtd');

export const fixture = (name: string): Buffer => fs.readFileSync(path.join(FIXTURES, name));

/** xmllint's complaints about a TMX against the DTD ('' when valid). xmllint is Debian's libxml2-utils. */
export function dtdErrors(xml: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mizan-tmx-'));
  const file = path.join(dir, 'export.tmx');
  try {
    fs.writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--nonet', '--dtdvalid', DTD, file], { stdio: 'pipe' });
    return '';
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    return e.stderr?.toString() || e.message;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A small hand-written TMX 1.4 file (header with srclang ar, datatype html) around `tus`. */
export const tmx = (tus: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header creationtool="t" creationtoolversion="1" ' +
  `segtype="sentence" o-tmf="t" adminlang="en" srclang="ar" datatype="html"/><body>${tus}</body></tmx>`;

/** An ar–en `tu`, its segments as written (inline markup included). */
export const tu = (ar: string, en: string) =>
  `<tu><tuv xml:lang="ar"><seg>${ar}</seg></tuv><tuv xml:lang="en"><seg>${en}</seg></tuv></tu>`;
