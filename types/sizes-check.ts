import type { DimCheck } from './dim-check.js';

/**
 * The check on a literal list of layer sizes: per position, `unknown` for a positive integer (or a
 * `number` known only at run time), otherwise the sentence naming the entry. Intersected with the
 * argument, the compiler reports it at the offending size. A flat mapped type (no recursion).
 *
 * @example
 * ```ts
 * type Ok = SizesCheck<[9, 6, 1]>;  // [unknown, unknown, unknown]
 * type Bad = SizesCheck<[9, 0, 1]>; // [unknown, { "sizes[1] must be a positive integer, got 0": true }, unknown]
 * ```
 */
export type SizesCheck<S extends readonly number[]> = { [I in keyof S]: DimCheck<S[I], `sizes[${I & string}]`> };
