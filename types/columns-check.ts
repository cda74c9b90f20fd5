import type { IsLiteral } from './is-literal.js';
import type { SameDim } from './same-dim.js';
import type { Count } from './count.js';

/**
 * The check on a batch handed to a network: `unknown` when its column count fits, otherwise a
 * sentence naming the argument, what it has and what the network expects. A batch whose width is
 * only known at run time must first pass the checked door (`assertCols` / `withShape`).
 *
 * @example
 * ```ts
 * type Ok = ColumnsCheck<'x', 9, 9>;       // unknown
 * type Bad = ColumnsCheck<'x', 8, 9>;      // "x has 8 columns but the network expects 9"
 * type Dyn = ColumnsCheck<'x', number, 9>; // "x has a column count known only at run time; check it with assertCols(x, 9) first"
 * ```
 */
export type ColumnsCheck<Name extends string, Actual extends number, Expected extends number> =
  IsLiteral<Expected> extends false ? unknown
  : IsLiteral<Actual> extends false
    ? `${Name} has a column count known only at run time; check it with assertCols(${Name}, ${Expected}) first`
    : SameDim<Actual, Expected> extends true
      ? unknown
      : `${Name} has ${Count<Actual, 'column'>} but the network expects ${Expected}`;
