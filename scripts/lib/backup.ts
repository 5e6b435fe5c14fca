/** What `npm run backup` writes and `npm run restore` reads (scripts/backup.ts, scripts/restore.ts). */

export const MANIFEST = 'manifest.json';

/** The manifest a backup folder starts with (scripts/restore.ts reads it). */
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
}
