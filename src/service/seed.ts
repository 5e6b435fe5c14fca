/**
 * Loads the seed folder (tm/manifest.json + TMX files) into the store. Idempotent: the store skips documents whose
 * content is unchanged and rewrites only changed rows. The manifest is the authority for document metadata.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TM_NAME, type Logger } from '../config';
import { readTmx, tmxToDocuments } from '../formats';
import type { TmStore } from '../store';
import { LANGS, type AlignedDocument, type DocumentMeta } from '../types';
import { DOCUMENT_ID, withUnitIds } from './ids';

interface ManifestDocument {
  id: string;
  file: string;
  order: number;
  source: string;
  date: string;
  url?: string;
  titles: Record<string, string>;
}

export interface Manifest {
  version: 1;
  tm: string;
  documents: ManifestDocument[];
}

export interface SeedReport {
  tm: string;
  documents: number;
  units: number;
  /** Units written or deleted by this load (0 when the TM already held the seed exactly). */
  changed: number;
}

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
  } catch (err) {
    throw new SeedError(`cannot read ${file}: ${(err as Error).message}`);
  }
  const problems: string[] = [];
  if (manifest.version !== 1) problems.push('version must be 1');
  if (typeof manifest.tm !== 'string' || !TM_NAME.test(manifest.tm)) problems.push(`tm must match ${TM_NAME}`);
  if (!Array.isArray(manifest.documents)) problems.push('documents must be a list');
  const ids = new Set<string>();
  (manifest.documents ?? []).forEach((d, i) => {
    const where = `documents[${i}]`;
    if (typeof d.id !== 'string' || !DOCUMENT_ID.test(d.id))
      problems.push(`${where}.id must be 1–128 of A-Z a-z 0-9 _ . -`);
    if (ids.has(d.id)) problems.push(`${where}.id "${d.id}" is repeated`);
    ids.add(d.id);
    if (typeof d.file !== 'string' || d.file.includes('..') || path.isAbsolute(d.file))
      problems.push(`${where}.file must be a file name in the folder`);
    if (!Number.isFinite(d.order)) problems.push(`${where}.order must be a number`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.date ?? '')) problems.push(`${where}.date must be YYYY-MM-DD`);
    for (const lang of LANGS)
      if (typeof d.titles?.[lang] !== 'string') problems.push(`${where}.titles.${lang} is missing`);
  });
  if (problems.length > 0) throw new SeedError(`${file}: ${problems.join('; ')}`);
  return manifest;
}

/** Reads one manifest entry's TMX file into an aligned document with the manifest's metadata. */
export function readSeedDocument(dir: string, entry: ManifestDocument): AlignedDocument {
  const file = path.join(dir, entry.file);
  const docs = tmxToDocuments(readTmx(fs.readFileSync(file)));
  const found = docs.find((d) => d.meta.id === entry.id);
  if (!found || docs.length !== 1) {
    const ids = docs.map((d) => d.meta.id).join(', ') || 'none';
    throw new SeedError(`${file} must hold exactly the rows of document ${entry.id} (found: ${ids})`);
  }
  const meta: DocumentMeta = {
    id: entry.id,
    titles: { ar: entry.titles.ar!, en: entry.titles.en!, zh: entry.titles.zh! },
    source: entry.source,
    date: entry.date,
    order: entry.order,
  };
  if (entry.url) meta.url = entry.url;
  return { meta, segments: found.segments };
}

export async function loadSeed(dir: string, store: TmStore, logger: Logger): Promise<SeedReport> {
  const manifest = readManifest(dir);
  const report: SeedReport = { tm: manifest.tm, documents: 0, units: 0, changed: 0 };
  for (const entry of manifest.documents) {
    const doc = readSeedDocument(dir, entry);
    const result = await store.putDocument(manifest.tm, withUnitIds(manifest.tm, doc));
    report.documents++;
    report.units += result.units;
    report.changed += result.changed;
  }
  logger.info(
    `seed: ${report.documents} document(s), ${report.units} units in TM "${report.tm}" (${report.changed} changed)`,
  );
  return report;
}
