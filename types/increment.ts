/**
 * Adds one to a non-negative integer (given as a number or a numeric string), for turning a 0-based
 * tuple index into the 1-based layer number a person reads. Works on the decimal digits, so it
 * costs a few instantiations per digit whatever the size, and builds no tuples (a counting tuple
 * would make TypeScript create one tuple type per length on the way, quadratic in the index).
 *
 * @example
 * ```ts
 * type A = Increment<0>;      // 1
 * type B = Increment<'41'>;   // 42
 * type C = Increment<1999>;   // 2000
 * ```
 */
export type Increment<I extends number | `${number}`> = `${IncrementDigits<`${I}`>}` extends `${infer N extends number}` ? N : never;

/** The decimal string plus one: the last digit goes up, a 9 carries into the rest. */
type IncrementDigits<S extends string> = S extends ''
  ? '1'
  : SplitLast<S> extends [infer Init extends string, infer D extends string]
    ? D extends '9'
      ? `${IncrementDigits<Init>}0`
      : `${Init}${NextDigit[D & keyof NextDigit]}`
    : never;

type NextDigit = { '0': '1'; '1': '2'; '2': '3'; '3': '4'; '4': '5'; '5': '6'; '6': '7'; '7': '8'; '8': '9' };

/** [all but the last character, the last character] of a non-empty string. */
export type SplitLast<S extends string, Init extends string = ''> = S extends `${infer C}${infer Rest}`
  ? Rest extends ''
    ? [Init, C]
    : SplitLast<Rest, `${Init}${C}`>
  : never;
