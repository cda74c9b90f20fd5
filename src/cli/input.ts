import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { checkChain, checkEpochs, checkInputs, checkLabels, checkLayers, checkLearningRate } from '../checks.js';
import { InputError, ShapeError, ValueError } from '../errors.js';
import { type Head, headOf } from '../heads/index.js';
import { Matrix } from '../matrix.js';
import { DEFAULT_MAX_BYTES } from '../io/format.js';
import { parseStrictJson } from '../io/json.js';
import { readWeightDecay } from '../train/options.js';
import { count, describe, readRows, shapeText } from '../validate.js';

/** A validated input file: everything checked, shapes consistent. */
export interface Case {
  readonly weights: Matrix[];
  /**
   * The file's `biases`, one 1×n_{l+1} row or null per layer; undefined when the file has none
   * (no key, or `"biases": null`), and then the output has no biasGrads / finalBiases.
   */
  readonly biases: (Matrix | null)[] | undefined;
  /** One activation per layer, the head last: the file's `activations`, or relu … relu, sigmoid. */
  readonly activations: string[];
  /** The output head the activations end in, resolved once. */
  readonly head: Head;
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
 * A file the CLI reads (FILE, DATA or MODEL, named so in the messages) as UTF-8 text. A regular
 * file over `maxBytes` is refused from its size, before any read; anything else (a pipe,
 * /dev/zero) is read in chunks and refused once it passes `maxBytes`, so an endless source cannot
 * fill the memory or hang us.
 */
export function readTextFile(path: string, what: string, maxBytes = MAX_FILE_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw unreadable(path, e, what);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`${what} ${JSON.stringify(path)} cannot be read: it is a directory`);
    if (stat.size > maxBytes) throw new InputError(`${what} ${JSON.stringify(path)} is ${stat.size} bytes, over the limit of ${bytesText(maxBytes)}`);
    return readBounded(fd, path, maxBytes, what);
  } finally {
    closeSync(fd);
  }
}

function readText(path: string, maxBytes: number): string {
  return readTextFile(path, 'FILE', maxBytes);
}

/** Reads `fd` to its end, refusing more than `maxBytes` (one byte more is read to tell). */
function readBounded(fd: number, path: string, maxBytes: number, what: string): string {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      throw unreadable(path, e, what);
    }
    if (n === 0) return Buffer.concat(chunks, total).toString('utf8');
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > maxBytes) {
      throw new InputError(`${what} ${JSON.stringify(path)} gave more than the limit of ${bytesText(maxBytes)} when read (it is not a regular file, or it grew)`);
    }
  }
}

const CHUNK_BYTES = 1024 * 1024;

/** `67108864 bytes (64 MiB)`. */
function bytesText(n: number): string {
  return `${n} bytes${n % 2 ** 20 === 0 ? ` (${n / 2 ** 20} MiB)` : ''}`;
}

function unreadable(path: string, e: unknown, what: string): InputError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(e));
  return new InputError(`${what} ${JSON.stringify(path)} cannot be read: ${why}`);
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
  const biases = readBiases(obj.biases, weights);
  const { activations, head } = readActivations(obj.activations, weights);
  const X = toMatrix(obj.X, 'X');
  checkInputs(X, weights[0]!.rows);
  const outputs = weights[weights.length - 1]!.cols;
  const Y = readLabels(obj.Y, X.rows, outputs);
  checkLabels(Y, X.rows, outputs, 'Y', head);
  return { weights, biases, activations, head, X, Y, train: obj.train };
}

/**
 * `biases`: absent or null for none, else one entry per layer, each a flat row of
 * n_{l+1} finite numbers or null for a layer without bias.
 */
function readBiases(value: unknown, weights: readonly Matrix[]): (Matrix | null)[] | undefined {
  if (value === undefined || value === null) return undefined;
  const L = weights.length;
  if (!Array.isArray(value)) {
    throw new InputError(`biases must be an array with one entry per layer (a row of numbers, or null for a layer without bias), got ${describe(value)}`);
  }
  if (value.length !== L) throw new ShapeError(`biases has ${count(value.length, 'entry')} but weights has ${count(L, 'layer')}: give one per layer (null for a layer without bias)`);
  return value.map((row: unknown, l) => {
    if (row === null) return null;
    const n = weights[l]!.cols;
    if (!Array.isArray(row)) throw new ShapeError(`biases[${l}] is ${describe(row)}, but it must be a row of ${count(n, 'number')} or null`);
    if (row.some(Array.isArray)) throw new ShapeError(`biases[${l}] holds an array, but it must be one flat row of ${count(n, 'number')} (or null)`);
    if (row.length !== n) throw new ShapeError(`biases[${l}] has ${count(row.length, 'entry')} but weights[${l}] gives ${count(n, 'output')}`);
    const data = new Float64Array(n);
    row.forEach((v: unknown, j) => {
      if (typeof v !== 'number') throw new ValueError(`biases[${l}][${j}] is ${describe(v)}, expected a number`);
      if (!Number.isFinite(v)) throw new ValueError(`biases[${l}][${j}] is ${describe(v)}, expected a finite number`);
      data[j] = v;
    });
    return new Matrix(1, n, data);
  });
}

/**
 * `activations`: absent or null for the seed's relu … relu, sigmoid; else one known
 * name per layer, hidden ones first and a head last, through the library's checkLayers.
 */
function readActivations(value: unknown, weights: readonly Matrix[]): { activations: string[]; head: Head } {
  const L = weights.length;
  const outputs = weights.map((w) => w.cols);
  if (value === undefined || value === null) {
    const activations = weights.map((_, l) => (l === L - 1 ? 'sigmoid' : 'relu'));
    return { activations, head: checkLayers(activations, outputs) };
  }
  if (!Array.isArray(value)) {
    throw new InputError(`activations must be an array of names, one per layer (hidden ones, then the head), got ${describe(value)}`);
  }
  // Named here, before checkLayers, so the line names the field ("activations[1]") and not only weights[1].
  const last: unknown = value.length === L ? value[L - 1] : undefined;
  const head = headOf(last);
  if (head !== undefined && outputs[L - 1]! < head.minOutputs) {
    const k = outputs[L - 1]!;
    throw new ShapeError(
      `activations[${L - 1}] is ${describe(last)}, but a ${head.name} head needs at least ${count(head.minOutputs, 'output')} and weights[${L - 1}] gives ${k}${head.name === 'softmax' ? ' (for one output, use "sigmoid")' : ''}`,
    );
  }
  const activations = value as string[];
  return { activations: [...activations], head: checkLayers(activations, outputs) };
}

/** What `train` runs with: flags override the file's `train` block. */
export interface TrainSettings {
  readonly lr: number;
  readonly epochs: number;
  /** λ ≥ 0; 0 when neither the file nor --weight-decay gives one. */
  readonly weightDecay: number;
  /** Whether the file or the flag gave a weight decay (it is then echoed in the output). */
  readonly weightDecayGiven: boolean;
}

/**
 * Learning rate, epochs and weight decay for `train`: flags override the file's `train` block; lr
 * and epochs are required somewhere, weightDecay defaults to 0.
 */
export function trainSettings(c: Case, flags: { lr?: unknown; epochs?: unknown; weightDecay?: unknown }): TrainSettings {
  const block = c.train ?? {};
  if (typeof block !== 'object' || block === null || Array.isArray(block)) {
    throw new InputError(`train must be an object like {"lr": 1, "epochs": 1000}, got ${describe(block)}`);
  }
  const file = block as { lr?: unknown; epochs?: unknown; weightDecay?: unknown };
  const [lr, lrField] = flags.lr !== undefined ? [flags.lr, '--lr'] : [file.lr, 'train.lr'];
  const [epochs, epochsField] = flags.epochs !== undefined ? [flags.epochs, '--epochs'] : [file.epochs, 'train.epochs'];
  const [decay, decayField] = flags.weightDecay !== undefined ? [flags.weightDecay, '--weight-decay'] : [file.weightDecay, 'train.weightDecay'];
  if (lr === undefined) throw new InputError('no learning rate: give --lr or "train": {"lr": …} in FILE');
  if (epochs === undefined) throw new InputError('no epoch count: give --epochs or "train": {"epochs": …} in FILE');
  checkLearningRate(lr, lrField);
  checkEpochs(epochs, epochsField);
  const weightDecay = readWeightDecay(decay, decayField);
  return { lr, epochs, weightDecay, weightDecayGiven: decay !== undefined };
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
        `Y has ${count(value.length, 'entry')} but X has ${count(rows, 'row')} and the network has ${count(outputs, 'output')}, so Y must be ${shapeText(rows, outputs)} (${count(rows * outputs, 'entry')})`,
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
