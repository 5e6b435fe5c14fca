/**
 * File errors as the CLIs say them: `cannot <verb> <path>: <why>` in words (`no such file`, `it is a directory`), one
 * line, never Node's errno text alone. `FileError` carries that sentence as its message, so a script's last handler
 * prints it as it is (describeError gives a plain Error's message). Standard output is written through `writeStdout`,
 * which waits until the text is handed over and turns a write error (EPIPE: the reader went away; ENOSPC) into a
 * FileError instead of an unhandled 'error' event.
 */
import fs from 'node:fs';

/** What an errno of a file a command reads or writes means, in a few words. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  EROFS: 'read-only file system',
  EEXIST: 'a file of that name exists',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EPIPE: 'the reader closed it',
  ENAMETOOLONG: 'the name is too long',
};

/** A file error worded for a person: its message names the path and what failed. */
export class FileError extends Error {
  override name = 'FileError';
}

/**
 * `cannot <verb> <path>: <why>`; `verb` as `read`, `write`, `create the folder`; `words`: a command's own wording of
 * some codes, over the common one.
 */
export function fileError(verb: string, path: string, err: unknown, words: Record<string, string> = {}): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ENOENT' && verb !== 'read'
      ? 'no such directory'
      : code === 'ENOTDIR' && verb === 'create the folder'
        ? 'a file of that name exists'
        : (words[code ?? ''] ?? FILE_ERRORS[code ?? '']);
  return `cannot ${verb} ${path}: ${why ?? (err as Error)?.message ?? String(err)}`;
}

/** Runs `work`, a file error it throws worded as {@link fileError} (FileError); other errors as they are. */
export function onFile<T>(verb: string, path: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw (err as NodeJS.ErrnoException)?.code ? new FileError(fileError(verb, path, err), { cause: err }) : err;
  }
}

export const readText = (file: string): string => onFile('read', file, () => fs.readFileSync(file, 'utf8'));
export const readBytes = (file: string): Buffer => onFile('read', file, () => fs.readFileSync(file));
export const writeText = (file: string, text: string | Uint8Array): void =>
  onFile('write', file, () => fs.writeFileSync(file, text));
export const makeFolder = (dir: string): void =>
  void onFile('create the folder', dir, () => fs.mkdirSync(dir, { recursive: true }));

/** Writes to standard output and waits until it is handed over; a write error is a FileError. */
export function writeStdout(text: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (err: unknown) => {
      // The stream may emit the error again after the callback had it: heard, it ends nothing.
      process.stdout.on('error', () => {});
      reject(new FileError(fileError('write', 'standard output', err), { cause: err }));
    };
    process.stdout.once('error', fail);
    try {
      process.stdout.write(text, (err) => {
        if (err) return fail(err);
        process.stdout.off('error', fail);
        resolve();
      });
    } catch (err) {
      fail(err);
    }
  });
}
