import type { Decrement } from './decrement.js';
import type { SliceSizes } from './slice-sizes.js';

/**
 * The check on literal bounds of `slice(net, from, to)` for a network with sizes S: integers with
 * 0 ≤ from < to ≤ depth. `unknown` when they fit or any of them is known only at run time (checked
 * then, in the same words), otherwise an object type whose only key is the run-time check's sentence.
 *
 * @example
 * ```ts
 * type Ok = SliceCheck<[9, 6, 4, 1], 0, 2>;   // unknown
 * type Far = SliceCheck<[9, 6, 4, 1], 0, 7>;  // { "to is 7, but it must be an integer in [0, 3]": true }
 * type Empty = SliceCheck<[9, 6, 4, 1], 2, 2>; // { "from is 2 and to is 2, but a slice needs at least one layer (from < to)": true }
 * ```
 */
export type SliceCheck<S extends readonly number[], From extends number, To extends number> = Sentence<SliceProblem<S, From, To>>;

type SliceProblem<S extends readonly number[], From extends number, To extends number> = number extends S['length'] | From | To
  ? never
  : NotIndex<From, S> extends true
    ? `from is ${From}, but it must be an integer in [0, ${Decrement<S['length']>}]`
    : NotIndex<To, S> extends true
      ? `to is ${To}, but it must be an integer in [0, ${Decrement<S['length']>}]`
      : SliceSizes<S, From, To> extends readonly [number, number, ...number[]]
        ? never
        : `from is ${From} and to is ${To}, but a slice needs at least one layer (from < to)`;

/** `unknown`, or an object whose only key is the sentence (a number literal intersected with a string would collapse to never). */
type Sentence<M extends string> = [M] extends [never] ? unknown : { readonly [K in M]: true };

/** `true` unless N is one of S's indices 0 … S.length − 1 (so not negative, fractional or too large). */
type NotIndex<N extends number, S extends readonly number[]> = `${N}` extends Extract<keyof S, `${number}`> ? false : true;
