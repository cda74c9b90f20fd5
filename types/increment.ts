/**
 * Adds one to a small non-negative integer (given as a number or a numeric string), for turning a
 * 0-based tuple index into the 1-based layer number a person reads. Tail-recursive, so it stays
 * cheap up to ~999; it is only evaluated inside error messages.
 *
 * @example
 * ```ts
 * type A = Increment<0>;   // 1
 * type B = Increment<'41'>; // 42
 * ```
 */
export type Increment<I extends number | `${number}`> = CountUp<`${I}`, []>;

type CountUp<S extends string, Acc extends unknown[]> = `${Acc['length']}` extends S
  ? [...Acc, unknown]['length']
  : Acc['length'] extends 1000
    ? number
    : CountUp<S, [...Acc, unknown]>;
