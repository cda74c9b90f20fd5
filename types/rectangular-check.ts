import type { Count } from './count.js';
/**
 * The check on a matrix literal: `unknown` per row when the row is as long as row 0, otherwise a
 * sentence. Intersected with the argument, it makes a ragged literal fail to compile at the
 * offending row.
 *
 * @example
 * ```ts
 * type Ok = RectangularCheck<[[1, 2], [3, 4]]>;   // [unknown, unknown]
 * type Bad = RectangularCheck<[[1, 2, 3], [4, 5]]>; // [unknown, "row 1 has 2 entries but row 0 has 3"]
 * ```
 */
export type RectangularCheck<T extends readonly (readonly number[])[]> = {
  [I in keyof T]: T[I] extends { readonly length: FirstRowLength<T> }
    ? unknown
    : `row ${I & string} has ${Count<LengthOf<T[I]>, 'entry'>} but row 0 has ${FirstRowLength<T>}`;
};

/** Column count of a matrix literal (`number` when it is not a tuple). */
export type FirstRowLength<T extends readonly (readonly number[])[]> =
  T extends readonly [infer F extends readonly number[], ...unknown[]] ? F['length'] : number;

type LengthOf<Row> = Row extends { readonly length: infer N extends number } ? N : number;
