import type { SameDim } from './same-dim.js';
import type { Count } from './count.js';

/**
 * The check on the right operand of a product `a · b`: `unknown` (no constraint) when a's column
 * count can equal b's row count, otherwise a sentence the compiler shows as the expected type.
 *
 * @example
 * ```ts
 * type Ok = InnerDimCheck<3, 3>;  // unknown
 * type Bad = InnerDimCheck<3, 4>; // "matmul: the left matrix has 3 columns but the right one has 4 rows"
 * ```
 */
export type InnerDimCheck<K extends number, K2 extends number> = SameDim<K, K2> extends true
  ? unknown
  : `matmul: the left matrix has ${Count<K, 'column'>} but the right one has ${Count<K2, 'row'>}`;
