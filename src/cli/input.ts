import { readFileSync } from 'node:fs';
import { checkChain, checkEpochs, checkInputs, checkLabels, checkLearningRate } from '../checks.js';
import { InputError, ShapeError, ValueError } from '../errors.js';
import { Matrix } from '../matrix.js';
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

/** Reads and validates a case file. Unknown keys are ignored. Throws a TypedMlpError naming the field. */
export function readCase(path: string): Case {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? String(e));
    throw new InputError(`FILE ${JSON.stringify(path)} cannot be read: ${why}`);
  }
  const json = parseStrictJson(text, (why) => new InputError(`FILE ${JSON.stringify(path)} is ${why}`));
  return parseCase(json);
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
