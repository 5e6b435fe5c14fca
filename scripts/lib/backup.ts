/** What `npm run backup` writes and `npm run restore` reads (scripts/backup.ts, scripts/restore.ts). */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DumpedKey } from '../../src/store';

export const MANIFEST = 'manifest.json';

/** A file's size and SHA-256 (hex), as the manifest vouches for it. */
export interface FileCheck {
  bytes: number;
  sha256: string;
}

/** The manifest a backup folder starts with (scripts/restore.ts reads it), written last: it vouches for the files. */
export interface BackupManifest {
  format: 'mizan-backup';
  version: 1;
  tm: string;
  prefix: string;
  schema: number;
  created: string;
  units: number;
  documents: number;
  /** The TM's log seq when the backup ended; `consistent`: it did not move while the backup ran. */
  seq: number;
  consistent: boolean;
  files: { tmx: string; redisDump?: string };
  /** How many keys the Redis dump holds (absent in backups made before it was recorded, or without a dump). */
  keys?: number;
  /** Each file's size and SHA-256, by file name (absent in backups made before they were recorded). */
  checks?: Record<string, FileCheck>;
}

/** The size and SHA-256 of a file, read as a stream. */
export async function fileCheck(file: string): Promise<FileCheck> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/**
 * Checks `DIR/<file>` against the manifest's size and SHA-256 of it: true when it matches, false when the manifest
 * has none (an older backup: the caller says so); throws an Error naming the file when it does not match.
 */
export async function verifyFile(dir: string, manifest: BackupManifest, file: string): Promise<boolean> {
  const expected = manifest.checks?.[file];
  if (!expected) return false;
  const where = path.join(dir, file);
  let actual: FileCheck;
  try {
    actual = await fileCheck(where);
  } catch (err) {
    throw new Error(`cannot read ${where}: ${(err as Error).message}`, { cause: err });
  }
  if (actual.bytes !== expected.bytes)
    throw new Error(
      `${where} does not match the manifest: ${actual.bytes} bytes, the manifest says ${expected.bytes} ` +
        '(a backup cut short, or the file changed since): nothing restored',
    );
  if (actual.sha256 !== expected.sha256)
    throw new Error(
      `${where} does not match the manifest: its SHA-256 differs (the file changed since the backup): nothing restored`,
    );
  return true;
}

/**
 * Every key of a Redis dump file, each line read and checked before anything is restored: an error names the file
 * and the line (a file cut mid-line, a line that is not a dumped key), and a count other than the manifest's.
 */
export function readDump(file: string, expectedKeys?: number): DumpedKey[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const keys: DumpedKey[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let key: Partial<DumpedKey>;
    try {
      key = JSON.parse(line) as Partial<DumpedKey>;
    } catch (err) {
      const cut = i === lines.length - 1 ? ' (the file ends mid-line: cut short?)' : '';
      throw new Error(`${file} line ${i + 1}: not valid JSON${cut}: ${(err as Error).message}`, { cause: err });
    }
    if (typeof key?.rest !== 'string' || typeof key.ttl !== 'number' || typeof key.dump !== 'string')
      throw new Error(`${file} line ${i + 1}: not a dumped key ({"rest", "ttl", "dump"} expected)`);
    keys.push(key as DumpedKey);
  });
  if (expectedKeys !== undefined && keys.length !== expectedKeys)
    throw new Error(`${file} holds ${keys.length} keys, the manifest says ${expectedKeys}: nothing restored`);
  return keys;
}
