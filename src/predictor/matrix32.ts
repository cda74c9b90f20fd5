import type { Shaped } from '../../types/index.js';
import { ShapeError } from '../errors.js';
import { Matrix } from '../matrix.js';
import { shapeText } from '../validate.js';

/**
 * A rows×cols float32 matrix: what a {@link Float32Predictor} returns. Storage is one row-major
 * `Float32Array`; entry (i, j) is `data[i * cols + j]`. The dims are type parameters, as a
 * Matrix's: `Matrix32<N, 1>` for N rows of a one-output network.
 *
 * @example
 * ```ts
 * const p = float32Predictor(net); // net: Network<[2, 3, 1], "sigmoid">
 * const y = p.forward(X);          // Matrix32<4, 1>
 * y.data;                          // Float32Array(4) of probabilities
 * y.get(3, 0);                     // the last row's probability, as a number
 * ```
 */
export class Matrix32<R extends number = number, C extends number = number> implements Shaped<R, C> {
  readonly rows: R;
  readonly cols: C;
  readonly data: Float32Array;
  declare private readonly brand32: void;

  /** Wraps `data` (not copied; rows·cols floats) as a rows×cols matrix. For the library's own use: a predictor makes these. */
  constructor(rows: R, cols: C, data: Float32Array) {
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /**
   * Entry (i, j), as a number.
   *
   * @throws {ShapeError} an index outside the matrix.
   *
   * @example
   * ```ts
   * float32Predictor(net).forward(X).get(0, 0); // row 0's first output
   * ```
   */
  get(i: number, j: number): number {
    if (!(Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < this.rows && j < this.cols)) {
      throw new ShapeError(`get(${i}, ${j}) is outside the ${shapeText(this.rows, this.cols)} matrix (rows 0 … ${this.rows - 1}, columns 0 … ${this.cols - 1})`);
    }
    return this.data[i * this.cols + j]!;
  }

  /** `[rows, cols]`. */
  get shape(): [R, C] {
    return [this.rows, this.cols];
  }

  /**
   * The same entries as a float64 {@link Matrix}<R, C> (a copy; each float32 is exact in float64),
   * so the library's metrics, `argmax` and anything else that takes a Matrix take the predictions.
   *
   * @example
   * ```ts
   * const p = float32Predictor(net);
   * f1(Y, p.predict(X).toMatrix()); // Matrix<N, 1> of 0s and 1s, as net.predict(X) gives
   * ```
   */
  toMatrix(): Matrix<R, C> {
    return new Matrix(this.rows, this.cols, Float64Array.from(this.data));
  }

  /**
   * The matrix as an array of rows of numbers (each float32 entry read exactly as a float64).
   *
   * @example
   * ```ts
   * p.forward(X).toArray(); // [[0.13…], [0.87…], …]
   * ```
   */
  toArray(): number[][] {
    const out: number[][] = [];
    for (let i = 0; i < this.rows; i++) out.push(Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)));
    return out;
  }
}
