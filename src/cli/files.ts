/**
 * The files `fit` and `predict` write (--save, --plot, --out): checked before any work, so a typo in
 * a path fails in a second and not after training, and written all-or-nothing at the end, so a
 * failure leaves no half-written or partial set of files.
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** A file to write: the flag that named it, its path and its text. */
export interface Output {
  readonly flag: string;
  readonly path: string;
  readonly text: string;
}

/**
 * Checks that `path` (given by `flag`) can be a new or replaced file: a name, in a directory that
 * exists, not a directory itself, and not one of `inputs` (the files the command reads) or another
 * output. Throws an InputError naming the flag.
 */
export function checkOutputPath(flag: string, path: string, inputs: readonly string[] = [], others: readonly { flag: string; path: string }[] = []): void {
  if (path === '') throw new InputError(`${flag} needs a file name`);
  const target = resolve(path);
  for (const input of inputs) {
    if (resolve(input) === target) throw new InputError(`${flag} ${JSON.stringify(path)} is a file this command reads: writing it would destroy it`);
  }
  for (const other of others) {
    if (resolve(other.path) === target) throw new InputError(`${flag} ${JSON.stringify(path)} is also given to ${other.flag}: give each its own file`);
  }
  const dir = statOrUndefined(dirname(target));
  if (dir === undefined) throw cannotWrite(flag, path, 'no such directory');
  if (!dir.isDirectory()) throw cannotWrite(flag, path, `${JSON.stringify(dirname(path))} is not a directory`);
  if (statOrUndefined(target)?.isDirectory()) throw cannotWrite(flag, path, 'it is a directory');
}

/**
 * Writes every output, or none: each goes to a temporary file beside its target first, and only
 * when all are written are they renamed into place. A write that fails removes the temporary files
 * and throws an InputError naming the flag; the targets are then as they were.
 */
export function writeAll(outputs: readonly Output[]): void {
  const staged: string[] = [];
  try {
    for (const o of outputs) {
      const tmp = `${o.path}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, o.text, { flag: 'wx' });
      } catch (e) {
        throw cannotWrite(o.flag, o.path, reason(e));
      }
      staged.push(tmp);
    }
    outputs.forEach((o, i) => {
      try {
        renameSync(staged[i]!, o.path);
      } catch (e) {
        throw cannotWrite(o.flag, o.path, reason(e));
      }
    });
  } finally {
    for (const tmp of staged) rmSync(tmp, { force: true });
  }
}

function statOrUndefined(path: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such directory' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code === 'EEXIST' ? 'a temporary file of the same name exists' : (code ?? String(e));
}

function cannotWrite(flag: string, path: string, why: string): InputError {
  return new InputError(`${flag} ${JSON.stringify(path)} cannot be written: ${why}`);
}
