import type { Count } from './count.js';
import type { IsLiteral } from './is-literal.js';

/**
 * The check on a matrix handed to a fitted scaler: `unknown` when its column count is the one the
 * scaler was fitted on, or when either is known only at run time (the scaler checks it then, in the
 * same words); otherwise the sentence.
 *
 * @example
 * ```ts
 * type Ok = FittedColumnsCheck<5, 5>;       // unknown
 * type Dyn = FittedColumnsCheck<number, 5>; // unknown (checked at run time)
 * type Bad = FittedColumnsCheck<3, 4>;      // "the scaler was fitted on 4 columns, but X has 3"
 * ```
 */
export type FittedColumnsCheck<Actual extends number, Fitted extends number> = IsLiteral<Actual> extends false
  ? unknown
  : IsLiteral<Fitted> extends false
    ? unknown
    : [Actual] extends [Fitted]
      ? unknown
      : `the scaler was fitted on ${Count<Fitted, 'column'>}, but X has ${Actual}`;
