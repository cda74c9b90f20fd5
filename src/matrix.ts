import type { DimCheck, FirstRowLength, NonEmpty, RectangularCheck, Shaped } from '../types/index.js';
import { ShapeError, ValueError } from './errors.js';
import { checkEntries, checkNumbers, checkPositiveInt, count, describe, readRows, shapeText } from './validate.js';

/**
 * A dense float64 matrix whose dimensions are type parameters: literal types when the compiler
 * knows them (`Matrix<2, 3>`), `number` when only the run time does. Storage is one row-major
 * `Float64Array`; entry (i, j) is `data[i * cols + j]`.
 *
 * @example
 * ```ts
 * const a = matrix([[1, 2, 3], [4, 5, 6]]); // Matrix<2, 3>
 * a.get(1, 2);                              // 6
 * a.toArray();                              // [[1, 2, 3], [4, 5, 6]]
 * ```
 */
export class Matrix<R extends number = number, C extends number = number> implements Shaped<R, C> {
  readonly rows: R;
  readonly cols: C;
  readonly data: Float64Array;
  // Makes the class nominal: a plain `{ rows, cols, data }` object is not a Matrix.
  declare private readonly brand: void;

  /** Wraps `data` (not copied) as a rows×cols matrix; `data` defaults to zeros. */
  constructor(rows: R, cols: C, data?: Float64Array) {
    checkPositiveInt(rows, 'rows');
    checkPositiveInt(cols, 'cols');
    checkEntries(rows, cols, 'the matrix');
    if (data !== undefined && !(data instanceof Float64Array)) {
      throw new ValueError(`data must be a Float64Array (it is used as the matrix's storage), got ${describe(data)}; for a list of numbers use fromArray(data, ${rows}, ${cols})`);
    }
    if (data !== undefined) checkLength(data, rows, cols);
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /**
   * Entry (i, j).
   *
   * @example
   * ```ts
   * matrix([[1, 2, 3], [4, 5, 6]]).get(1, 2); // 6
   * ```
   */
  get(i: number, j: number): number {
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < this.rows && j < this.cols)) {
      throw new ShapeError(`get(${describe(i)}, ${describe(j)}) is outside the ${shapeText(this.rows, this.cols)} matrix (rows 0 … ${this.rows - 1}, columns 0 … ${this.cols - 1})`);
    }
    return this.data[i * this.cols + j]!;
  }

  /** `[rows, cols]`. */
  get shape(): [R, C] {
    return [this.rows, this.cols];
  }

  /**
   * The matrix as an array of rows (what the CLI prints).
   *
   * @example
   * ```ts
   * zeros(2, 3).toArray(); // [[0, 0, 0], [0, 0, 0]]
   * ```
   */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }

  /**
   * A copy with its own storage.
   *
   * @example
   * ```ts
   * const a = zeros(2, 3);
   * const b = a.clone(); // Matrix<2, 3>
   * b.data[0] = 9;       // a is unchanged
   * ```
   */
  clone(): Matrix<R, C> {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /**
   * A one-line description with the shape and the entries.
   *
   * @example
   * ```ts
   * String(matrix([[1, 2], [3, 4]])); // 'Matrix 2×2 [[1,2],[3,4]]'
   * ```
   */
  toString(): string {
    return `Matrix ${shapeText(this.rows, this.cols)} ${JSON.stringify(this.toArray())}`;
  }
}

/**
 * A matrix from a literal array of rows. The dims are inferred as literal types, and a ragged
 * literal does not compile (the error names the row). Checked again at run time, with finite entries.
 *
 * @example
 * ```ts
 * const m = matrix([[1, 2, 3], [4, 5, 6]]); // Matrix<2, 3>
 * matrix([[1, 2, 3], [4, 5]]);              // compile error: "row 1 has 2 entries but row 0 has 3"
 * ```
 */
export function matrix<const T extends readonly (readonly number[])[]>(
  rows: T & RectangularCheck<T> & NonEmpty<T, 'rows', 'rows'> & NonEmpty<FirstRow<T>, 'rows[0]', 'entries'>,
): Matrix<T['length'], FirstRowLength<T>> {
  const { rows: r, cols: c, data } = readRows(rows, 'rows');
  return new Matrix(r as T['length'], c as FirstRowLength<T>, data);
}

/**
 * A rows×cols matrix of zeros.
 *
 * @example
 * ```ts
 * const z = zeros(2, 3); // Matrix<2, 3>
 * ```
 */
export function zeros<R extends number, C extends number>(rows: R & DimCheck<R, 'rows'>, cols: C & DimCheck<C, 'cols'>): Matrix<R, C> {
  return new Matrix<R, C>(rows, cols);
}

/**
 * Checks that `m` is a Matrix whose fields still agree (positive integer rows and cols, a
 * Float64Array of rows·cols entries): one changed through a cast would be read past its end, or
 * short, by every loop over it.
 *
 * @throws {ShapeError} naming the field and what no longer fits.
 */
export function checkMatrix(m: unknown, field: string): asserts m is Matrix {
  if (!(m instanceof Matrix)) throw new ShapeError(`${field} must be a Matrix, got ${describe(m)}`);
  const { rows, cols, data } = m;
  const ok = Number.isInteger(rows) && rows > 0 && Number.isInteger(cols) && cols > 0 && data instanceof Float64Array && data.length === rows * cols;
  if (!ok) {
    const held = data instanceof Float64Array ? count(data.length, 'entry') : `data that is not a Float64Array (${describe(data)})`;
    throw new ShapeError(`${field} says it is ${describe(rows)}×${describe(cols)} but holds ${held}; was it changed through a cast?`);
  }
}

/** Row 0 of a matrix literal (`number[]` when not known). */
type FirstRow<T extends readonly (readonly number[])[]> = T extends readonly [infer F extends readonly number[], ...unknown[]] ? F : number[];

function checkLength(data: ArrayLike<number>, rows: number, cols: number): void {
  if (data.length !== rows * cols) throw new ShapeError(`data has ${count(data.length, 'entry')} but a ${shapeText(rows, cols)} matrix needs ${rows * cols}`);
}

/**
 * A rows×cols matrix from row-major data (copied). The length must be rows·cols and every entry finite.
 *
 * @example
 * ```ts
 * const m = fromArray([1, 2, 3, 4, 5, 6], 2, 3); // Matrix<2, 3>
 * ```
 */
export function fromArray<R extends number, C extends number>(data: ArrayLike<number>, rows: R & DimCheck<R, 'rows'>, cols: C & DimCheck<C, 'cols'>): Matrix<R, C> {
  const m = new Matrix<R, C>(rows, cols); // checks the dims, and their size, before anything is copied
  checkLength(data, rows, cols);
  checkNumbers(data, cols, 'data'); // before the copy: a typed array would turn null into 0 and "0.97" into 0.97
  m.data.set(data);
  return m;
}

/**
 * An N×1 column from a flat list, e.g. binary labels. Labels are never broadcast: a length-N list
 * becomes exactly N×1.
 *
 * @example
 * ```ts
 * const y = column([0, 1, 1, 0]); // Matrix<4, 1>
 * ```
 */
export function column<const T extends readonly number[]>(values: T & NonEmpty<T, 'values', 'entries'>): Matrix<T['length'], 1> {
  if (!Array.isArray(values)) throw new ShapeError(`values must be an array of numbers, got ${describe(values)}`);
  if (values.length === 0) throw new ShapeError('values has no entries');
  const m = new Matrix(values.length as T['length'], 1 as const); // checks the size before anything is read
  checkNumbers(values, 1, 'values', true); // a null label must not become class 0
  m.data.set(values);
  return m;
}
