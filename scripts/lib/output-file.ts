/**
 * A file a script writes whole or not at all (`tmx export --out F`): it is written to a temporary file beside it,
 * `.F.<pid>.tmp`, created exclusively (never an existing file, never through a link), and renamed over F only once
 * it is complete and synced. A failure, or a signal, removes the temporary file and nothing else: whatever was at F
 * before is left as it was. F itself is checked before anything is created: a directory, a device or any other file
 * that is not a regular one is refused, never written to or removed. A symbolic link at F is followed (to the end of
 * its chain) and the file it leads to is replaced the same way, beside it: the link stays a link.
 */
import fs from 'node:fs';
import path from 'node:path';

/** An errno-like error, as node:fs throws them, for the checks made here. */
function problem(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/**
 * Where writing `out` lands: `out` itself, or the file at the end of its links; its folder must exist. Creates
 * nothing; throws (with an errno code: ENOENT for a missing folder, EISDIR, ENOTREG, ELOOP…) when it cannot be.
 */
export function outputTarget(out: string): string {
  let target = path.resolve(out);
  for (let hops = 0; hops <= 40; hops++) {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (!fs.statSync(path.dirname(target)).isDirectory()) throw problem('ENOTDIR', 'not a directory');
      return target; // a new file, in a folder that exists (statSync threw ENOENT otherwise)
    }
    if (stat.isSymbolicLink()) target = path.resolve(path.dirname(target), fs.readlinkSync(target));
    else if (stat.isDirectory()) throw problem('EISDIR', 'a directory');
    else if (!stat.isFile()) throw problem('ENOTREG', 'not a regular file');
    else return target;
  }
  throw problem('ELOOP', 'too many levels of symbolic links');
}

export interface PendingOutput {
  /** The file the output replaces once it is done (outputTarget). */
  target: string;
  /** The temporary file being written, beside the target. */
  temp: string;
  stream: fs.WriteStream;
  /** Syncs the written (and ended) temporary file and renames it over the target. */
  commit(): void;
  /** Stops writing and removes the temporary file, if it is still there; synchronous, for a signal's handler. */
  discard(): void;
}

/** Creates the temporary file for `target` (exclusively, with the mode of the file it replaces, if any). */
export function openOutput(target: string): PendingOutput {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const mode = fs.statSync(target, { throwIfNoEntry: false })?.mode;
  const fd = fs.openSync(temp, 'wx', 0o666);
  try {
    if (mode !== undefined) fs.fchmodSync(fd, mode & 0o7777);
  } catch {
    // another owner's file: the new one keeps the default mode
  }
  const stream = fs.createWriteStream('', { fd });
  let done = false;
  return {
    target,
    temp,
    stream,
    commit() {
      const synced = fs.openSync(temp, 'r');
      try {
        fs.fsyncSync(synced);
      } finally {
        fs.closeSync(synced);
      }
      fs.renameSync(temp, target);
      done = true;
    },
    discard() {
      if (done) return;
      done = true;
      stream.destroy();
      fs.rmSync(temp, { force: true });
    },
  };
}
