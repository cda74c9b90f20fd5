/**
 * Every error typed-mlp throws on bad input is one of these, with a stable `code` to switch on.
 * Messages name the field and the sizes involved, e.g. `weights[1] is 4×1 but weights[0] gives 3 columns`.
 * Nothing is changed when one is thrown: inputs are validated before any state is touched.
 *
 * @example
 * ```ts
 * try { withShape(m, 4, 2); } catch (e) { if (e instanceof ShapeError) console.error(e.message); }
 * ```
 */
export class TypedMlpError extends Error {
  /** A stable identifier: `E_SHAPE`, `E_VALUE`, `E_FORMAT`, `E_INPUT`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * Dimensions that do not fit: a ragged matrix, weights that do not chain, X or Y of the wrong size.
 *
 * @example
 * ```ts
 * try {
 *   withShape(zeros(2, 3), 3, 2);
 * } catch (e) {
 *   if (e instanceof ShapeError) console.error(e.message); // matrix is 2×3 but 3×2 was expected
 * }
 * ```
 */
export class ShapeError extends TypedMlpError {
  constructor(message: string) {
    super('E_SHAPE', message);
  }
}

/**
 * A value that is not allowed: NaN or ±Infinity, a label outside [0, 1], lr ≤ 0, a bad epoch count.
 *
 * @example
 * ```ts
 * net.train(X, Y, { lr: -1, epochs: 10 }); // throws ValueError (code 'E_VALUE'): lr is -1, but it must be a finite number > 0
 * ```
 */
export class ValueError extends TypedMlpError {
  constructor(message: string) {
    super('E_VALUE', message);
  }
}

/**
 * A saved network that cannot be loaded: wrong format or version, missing or inconsistent fields.
 *
 * @example
 * ```ts
 * loadNetwork('{}'); // throws FormatError (code 'E_FORMAT'): format is missing
 * ```
 */
export class FormatError extends TypedMlpError {
  constructor(message: string) {
    super('E_FORMAT', message);
  }
}

/**
 * An input file that cannot be read or is not the expected JSON (used by the CLI).
 *
 * @example
 * ```ts
 * const e = new InputError('FILE "net.json" cannot be read: no such file');
 * e.code;                    // 'E_INPUT'
 * e instanceof TypedMlpError; // true
 * ```
 */
export class InputError extends TypedMlpError {
  constructor(message: string) {
    super('E_INPUT', message);
  }
}
