// What every scaler is: a per-column affine map fitted on training data, its inverse, and its saved form.
import type { FittedColumnsCheck } from '../../types/index.js';
import { ShapeError, ValueError } from '../errors.js';
import { checkMatrix, Matrix } from '../matrix.js';
import { checkFinite, count } from '../validate.js';

/** A standard scaler's saved form: per column the mean and the scale (σ, or 1 for a constant column). */
export interface SavedStandardScaler {
  readonly kind: 'standard';
  readonly mean: number[];
  readonly scale: number[];
}

/** A min-max scaler's saved form: the target range and per column the training data's min and max. */
export interface SavedMinMaxScaler {
  readonly kind: 'minMax';
  readonly range: [number, number];
  readonly dataMin: number[];
  readonly dataMax: number[];
}

/** A scaler as JSON (`scaler.toJSON()`, and the `inputScaler` / `targetScaler` fields of a saved model). */
export type SavedScaler = SavedStandardScaler | SavedMinMaxScaler;

/** What both scalers share: C is the number of columns it was fitted on. */
export interface ScalerBase<C extends number = number> {
  /** Which scaler: 'standard' or 'minMax'. */
  readonly kind: SavedScaler['kind'];
  /** The number of columns it was fitted on. */
  readonly columns: C;
  /**
   * X scaled column by column with the fitted statistics: a new matrix of the same shape (X is
   * not changed). A literal column count other than C is a compile error; a run-time one is checked.
   *
   * @throws {ShapeError} X with another column count: "the scaler was fitted on 4 columns, but X has 3".
   * @throws {ValueError} a non-finite entry of X, or a result that overflows float64.
   */
  transform<R extends number, XC extends number>(x: Matrix<R, XC> & FittedColumnsCheck<XC, C>): Matrix<R, C>;
  /** The inverse of {@link transform}: scaled values (a linear head's predictions) back to the original units. */
  inverseTransform<R extends number, XC extends number>(x: Matrix<R, XC> & FittedColumnsCheck<XC, C>): Matrix<R, C>;
  /** The saved form; `loadScaler` (or `loadModel`, inside a saved model) reads it back to the same scaler, bit for bit. */
  toJSON(): SavedScaler;
}

/** A fitted standard scaler (see `standardScaler`): x ↦ (x − mean) / scale, per column. */
export interface StandardScaler<C extends number = number> extends ScalerBase<C> {
  readonly kind: 'standard';
  /** Each column's mean over the training rows (a copy; the scaler cannot be changed through it). */
  readonly mean: readonly number[];
  /** Each column's population standard deviation over the training rows, 1 for a constant column. */
  readonly scale: readonly number[];
  toJSON(): SavedStandardScaler;
}

/** A fitted min-max scaler (see `minMaxScaler`): x ↦ a + (x − dataMin)·(b − a) / (dataMax − dataMin), per column. */
export interface MinMaxScaler<C extends number = number> extends ScalerBase<C> {
  readonly kind: 'minMax';
  /** [a, b], the range the training data is mapped onto. */
  readonly range: readonly [number, number];
  /** Each column's smallest value over the training rows. */
  readonly dataMin: readonly number[];
  /** Each column's largest value over the training rows. */
  readonly dataMax: readonly number[];
  toJSON(): SavedMinMaxScaler;
}

/** A fitted scaler of either kind; narrow it by `kind` to read its statistics. */
export type Scaler<C extends number = number> = StandardScaler<C> | MinMaxScaler<C>;

/**
 * The scaler of a saved form whose numbers are already checked (by the fit, or by readScaler): both
 * fitting and loading end here, so a reloaded scaler computes exactly what the fitted one did.
 * Column j maps x to (x − shift_j) / div_j + low: shift = mean, div = scale, low = 0 for a standard
 * scaler; shift = dataMin, div = (dataMax − dataMin, or 1 when 0) / (b − a), low = a for min-max.
 */
export function makeScaler(saved: SavedStandardScaler): StandardScaler;
export function makeScaler(saved: SavedMinMaxScaler): MinMaxScaler;
export function makeScaler(saved: SavedScaler): Scaler;
export function makeScaler(saved: SavedScaler): Scaler {
  const frozen = (v: readonly number[]) => Object.freeze([...v]);
  let shift: readonly number[], div: readonly number[], low: number, stats: object;
  if (saved.kind === 'standard') {
    shift = frozen(saved.mean);
    div = frozen(saved.scale);
    low = 0;
    stats = { mean: shift, scale: div };
  } else {
    const [a, b] = saved.range;
    shift = frozen(saved.dataMin);
    div = saved.dataMin.map((min, j) => (saved.dataMax[j]! - min || 1) / (b - a));
    low = a;
    stats = { range: Object.freeze([a, b]), dataMin: shift, dataMax: frozen(saved.dataMax) };
  }
  const columns = shift.length;
  const toJSON = (): SavedScaler =>
    saved.kind === 'standard'
      ? { kind: 'standard', mean: [...shift], scale: [...div] }
      : { kind: 'minMax', range: [saved.range[0], saved.range[1]], dataMin: [...shift], dataMax: [...saved.dataMax] };
  return Object.freeze({
    kind: saved.kind,
    columns,
    ...stats,
    transform: (x: Matrix) => mapColumns(x, columns, 'transform', (v, j) => (v - shift[j]!) / div[j]! + low),
    inverseTransform: (x: Matrix) => mapColumns(x, columns, 'inverseTransform', (v, j) => (v - low) * div[j]! + shift[j]!),
    toJSON,
  }) as unknown as Scaler;
}

/** A new matrix of f(x_ij, j), after checking X's shape and entries; a non-finite result is named. */
function mapColumns(x: Matrix, columns: number, what: string, f: (v: number, j: number) => number): Matrix {
  checkMatrix(x, 'X');
  if (x.cols !== columns) throw new ShapeError(`the scaler was fitted on ${count(columns, 'column')}, but X has ${x.cols}`);
  checkFinite(x.data, x.cols, 'X');
  const out = new Matrix(x.rows, x.cols);
  for (let i = 0; i < x.data.length; i++) {
    const v = f(x.data[i]!, i % columns);
    if (!Number.isFinite(v)) throw new ValueError(`X[${Math.floor(i / columns)}][${i % columns}] is ${x.data[i]}, which ${what} maps to ${v} (beyond float64)`);
    out.data[i] = v;
  }
  return out;
}
