import type { IsLiteral } from './is-literal.js';
import type { Count } from './count.js';

/**
 * The check on the labels of a batch: `Y` must have exactly as many rows as `X` (labels are never
 * broadcast). `unknown` when they can match, otherwise a sentence with both counts.
 *
 * @example
 * ```ts
 * type Ok = RowsCheck<'Y', 4, 4>;  // unknown
 * type Bad = RowsCheck<'Y', 3, 4>; // "Y has 3 rows but X has 4"
 * ```
 */
export type RowsCheck<Name extends string, Actual extends number, Expected extends number> =
  IsLiteral<Expected> extends false ? unknown
  : IsLiteral<Actual> extends false ? unknown
  : [Actual] extends [Expected]
    ? unknown
    : `${Name} has ${Count<Actual, 'row'>} but X has ${Expected}`;
