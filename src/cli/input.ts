import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { checkChain, checkEpochs, checkInputs, checkLabels, checkLearningRate } from '../checks.js';
import { InputError, ShapeError, ValueError } from '../errors.js';
import { Matrix } from '../matrix.js';
import { DEFAULT_MAX_BYTES } from '../io/format.js';
import { parseStrictJson } from '../io/json.js';
import { describe, readRows, shapeText } from '../validate.js';

/** A validated input file (SPEC section 3): everything checked, shapes consistent. */
export interface Case {
  readonly weights: Matrix[];
  readonly X: Matrix;
  readonly Y: Matrix;
  /** The file's `train` block as written; validated only by `train` (eval ignores it). */
  readonly train: unknown;
}

/** The largest FILE the CLI reads (64 MiB, the limit of `loadNetwork`): a bigger one is refused before it is read. */
export const MAX_FILE_BYTES = DEFAULT_MAX_BYTES;

/** Reads and validates a case file. Unknown keys are ignored. Throws a TypedMlpError naming the field. */
export function readCase(path: string, maxBytes = MAX_FILE_BYTES): Case {
  const text = readText(path, maxBytes);
  const json = parseStrictJson(text, (why) => new InputError(`FILE ${JSON.stringify(path)} is ${why}`));
  return parseCase(json);
}

/**
 * FILE as UTF-8 text. A regular file over `maxBytes` is refused from its size, before any read;
 * anything else (a pipe, /dev/zero) is read in chunks and refused once it passes `maxBytes`, so an
 * endless source cannot fill the memory or hang us.
 */
function readText(path: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(path, e);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`FILE ${JSON.stringify(path)} cannot be read: it is a directory`);
    if (stat.size > maxBytes) throw new InputError(`FILE ${JSON.stringify(path)} is ${stat.size} bytes, over the limit of ${bytesText(maxBytes)}`);
    return readBounded(fd, path, maxBytes);
  } finally {
    closeSync(fd);
  }
}

/** Reads `fd` to its end, refusing more than `maxBytes` (one byte more is read to tell). */
function readBounded(fd: number, path: string, maxBytes: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      throw unreadable(path, e);
    }
    if (n === 0) return Buffer.concat(chunks, total).toString('utf8');
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) {
      throw new InputError(`FILE ${JSON.stringify(path)} gave more than the limit of ${bytesText(maxBytes)} when read (it is not a regular file, or it grew)`);
    }
  }
}

const CHUNK_BYTES = 1024 * 1024;

/** `67108864 bytes (64 MiB)`. */
function bytesText(n: number): string {
  return `${n} bytes${n % 2 ** 20 === 0 ? ` (${n / 2 ** 20} MiB)` : ''}`;
}

function unreadable(path: string, e: unknown): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
  return new InputError(`FILE ${JSON.stringify(path)} cannot be read: ${why}`);
}

/** Validates an already parsed case object. */
export function parseCase(json: unknown): Case {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError(`FILE must hold a JSON object with "weights", "X" and "Y", got ${describe(json)}`);
  }
  const obj = json as Record<string, unknown>;
  for (const key of ['weights', 'X', 'Y']) if (!Object.hasOwn(obj, key)) throw new InputError(`${key} is missing`);
  if (!Array.isArray(obj.weights)) throw new ShapeError(`weights must be an array of matrices, got ${describe(obj.weights)}`);
  const weights = obj.weights.map((w: unknown, l) => toMatrix(w, `weights[${l}]`));
  checkChain(weights);
  const X = toMatrix(obj.X, 'X');
  checkInputs(X, weights[0]!.rows);
  const outputs = weights[weights.length - 1]!.cols;
  const Y = readLabels(obj.Y, X.rows, outputs);
  checkLabels(Y, X.rows, outputs);
  return { weights, X, Y, train: obj.train };
}

/** Learning rate and epochs for `train`: flags override the file's `train` block; both are required somewhere. */
export function trainSettings(c: Case, flags: { lr?: unknown; epochs?: unknown }): { lr: number; epochs: number } {
  const block = c.train ?? {};
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    throw new InputError(`train must be an object like {"lr": 1, "epochs": 1000}, got ${describe(block)}`);
  }
  const file = block as { lr?: unknown; epochs?: unknown };
  const [lr, lrField] = flags.lr !== undefined ? [flags.lr, '--lr'] : [file.lr, 'train.lr'];
  const [epochs, epochsField] = flags.epochs !== undefined ? [flags.epochs, '--epochs'] : [file.epochs, 'train.epochs'];
  if (lr === undefined) throw new InputError('no learning rate: give --lr or "train": {"lr": …} in FILE');
  if (epochs === undefined) throw new InputError('no epoch count: give --epochs or "train": {"epochs": …} in FILE');
  checkLearningRate(lr, lrField);
  checkEpochs(epochs, epochsField);
  return { lr, epochs };
}

function toMatrix(value: unknown, field: string): Matrix {
  const { rows, cols, data } = readRows(value, field);
  return new Matrix(rows, cols, data);
}

/** Y as N×K: a flat list is reshaped explicitly (never broadcast); rows must already be N×K. */
function readLabels(value: unknown, rows: number, outputs: number): Matrix {
  if (Array.isArray(value) && value.length > 0 && !value.some(Array.isArray)) {
    if (value.length !== rows * outputs) {
      throw new ShapeError(
        `Y has ${value.length} entries but X has ${rows} rows and the network has ${outputs} output${outputs === 1 ? '' : 's'}, so Y must be ${shapeText(rows, outputs)} (${rows * outputs} entries)`,
      );
    }
    value.forEach((v: unknown, i) => {
      if (typeof v !== 'number') throw new ValueError(`Y[${i}] is ${describe(v)}, expected a number`);
      if (!Number.isFinite(v)) throw new ValueError(`Y[${i}] is ${describe(v)}, expected a finite number`);
    });
    return new Matrix(rows, outputs, Float64Array.from(value as number[]));
  }
  return toMatrix(value, 'Y');
}
