import type { SplitLast } from './increment.js';

/**
 * Subtracts one from a positive integer (given as a number or a numeric string), for naming the
 * layer before a 0-based index in a message. Works on the decimal digits (see Increment); 0 gives
 * `never`.
 *
 * @example
 * ```ts
 * type A = Decrement<1>;     // 0
 * type B = Decrement<'42'>;  // 41
 * type C = Decrement<2000>;  // 1999
 * ```
 */
export type Decrement<I extends number | `${number}`> = `${I}` extends '0'
  ? never
  : `${StripZero<DecrementDigits<`${I}`>>}` extends `${infer N extends number}`
    ? N
    : never;

/** The decimal string minus one: the last digit goes down, a 0 borrows from the rest. */
type DecrementDigits<S extends string> = SplitLast<S> extends [infer Init extends string, infer D extends string]
  ? D extends '0'
    ? `${DecrementDigits<Init>}9`
    : `${Init}${PreviousDigit[D & keyof PreviousDigit]}`
  : never;

type PreviousDigit = { '1': '0'; '2': '1'; '3': '2'; '4': '3'; '5': '4'; '6': '5'; '7': '6'; '8': '7'; '9': '8' };

/** "0999" → "999", "0" stays "0". */
type StripZero<S extends string> = S extends `0${infer Rest extends string}` ? (Rest extends '' ? '0' : StripZero<Rest>) : S;
