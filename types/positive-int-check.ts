import type { DimCheck } from './dim-check.js';

/**
 * The check on a layer size: {@link DimCheck} with the field "layer size". `unknown` for a positive
 * integer literal (or a `number` known only at run time), otherwise an object type whose only key
 * is the sentence.
 *
 * @example
 * ```ts
 * type Ok = PositiveIntCheck<6>;       // unknown
 * type Zero = PositiveIntCheck<0>;     // { "layer size must be a positive integer, got 0": true }
 * type Frac = PositiveIntCheck<1.5>;   // { "layer size must be a positive integer, got 1.5": true }
 * type Some = PositiveIntCheck<0 | 3>; // { "layer size must be a positive integer, got 0": true }
 * ```
 */
export type PositiveIntCheck<N extends number> = DimCheck<N, 'layer size'>;
