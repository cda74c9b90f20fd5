import type { DimName } from './dim.js';

/**
 * A count with its noun, singular for exactly 1: what every shape sentence says ("1 row",
 * "3 rows", "0 columns"). `number` (a count known only at run time) reads "a number of rows",
 * and a named run-time dim reads by its name: `Count<Dim<'n'>, 'row'>` is "n rows".
 * Distributes over a union, so `Count<1 | 2, 'row'>` is `"1 row" | "2 rows"`.
 *
 * @example
 * ```ts
 * type A = Count<1, 'row'>;      // "1 row"
 * type B = Count<3, 'column'>;   // "3 columns"
 * type C = Count<0, 'entry'>;    // "0 entries"
 * type D = Count<number, 'row'>; // "a number of rows"
 * ```
 */
export type Count<N extends number, Noun extends string> = number extends N
  ? `a number of ${Plural<Noun>}`
  : [DimName<N>] extends [never]
    ? Literal<N, Noun>
    : `${DimName<N>} ${Plural<Noun>}`;

type Literal<N extends number, Noun extends string> = N extends 1
    ? `1 ${Noun}`
    : `${N} ${Plural<Noun>}`;

/** The plural of the nouns shape messages use: "entry" → "entries", otherwise + "s". */
type Plural<Noun extends string> = Noun extends `${infer Stem}y` ? `${Stem}ies` : `${Noun}s`;
