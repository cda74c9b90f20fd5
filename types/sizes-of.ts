import type { Shaped } from './shaped.js';

/**
 * The layer sizes of a chain of weight matrices: the first one's rows, then every matrix's columns.
 * A list whose length is known only at run time gives `number[]`.
 *
 * @example
 * ```ts
 * type S = SizesOf<[Shaped<9, 6>, Shaped<6, 6>, Shaped<6, 1>]>; // [9, 6, 6, 1]
 * type D = SizesOf<Shaped[]>;                                   // number[]
 * ```
 */
export type SizesOf<Ws extends readonly Shaped[]> = number extends Ws['length']
  ? number[]
  : Ws extends readonly [Shaped<infer In, number>, ...Shaped[]]
    ? [In, ...ColumnsOf<Ws>]
    : number[];

type ColumnsOf<Ws extends readonly Shaped[]> = { -readonly [I in keyof Ws]: Ws[I] extends Shaped<number, infer C> ? C : never };
