import type { ColumnsCheck } from './columns-check.js';
import type { Count } from './count.js';
import type { IsLiteral } from './is-literal.js';
import type { Shaped } from './shaped.js';

/**
 * The check on what is handed to `net.forward` / `net.predict` for a network whose input size is
 * W: a Matrix (its column count, as {@link ColumnsCheck} says it), one plain row (`[1, 0]`), or
 * plain rows (`[[0, 1], [1, 1]]`). `unknown` when it fits or when a width is known only at run
 * time (a `number[]` is checked then, in the same words); otherwise the sentence, per row for
 * rows, so the compiler points at the offending row. An empty list is refused.
 *
 * @example
 * ```ts
 * type Ok = InputCheck<readonly [1, 0], 2>;                       // unknown
 * type Row = InputCheck<readonly [1, 0, 1], 2>;                   // "row has 3 entries but the network's input size is 2"
 * type Rows = InputCheck<readonly [readonly [1, 0], readonly [1]], 2>; // readonly [unknown, "row 1 has 1 entry but the network's input size is 2"]
 * type Dyn = InputCheck<number[], 2>;                             // unknown (checked at run time)
 * type Mat = InputCheck<Matrix<5, 8>, 9>;                         // "X has 8 columns but the network expects 9"
 * ```
 */
export type InputCheck<X, W extends number> = X extends Shaped<number, infer C>
  ? ColumnsCheck<'X', C, W>
  : X extends readonly []
    ? 'the input has no rows'
    : X extends readonly number[]
      ? WidthCheck<X['length'], W, 'row'>
      : X extends readonly (readonly number[])[]
        ? { [I in keyof X]: X[I] extends readonly number[] ? WidthCheck<X[I]['length'], W, `row ${I & string}`> : unknown }
        : 'the input must be a Matrix, a row of numbers or a list of rows of numbers';

/** `unknown` when a row of length L fits input size W (or either is known only at run time), else the sentence. */
type WidthCheck<L extends number, W extends number, Row extends string> = number extends L
  ? unknown
  : IsLiteral<W> extends false
    ? unknown
    : L extends W
      ? unknown
      : `${Row} has ${Count<L, 'entry'>} but the network's input size is ${W}`;
