import type { IsLiteral } from './is-literal.js';

/**
 * The check on a network handed to a checked door with literal sizes: when both the network's
 * sizes and the sizes asked for are known to the compiler (every entry a single literal) and
 * differ, the sentence (the run-time check's); otherwise `unknown`, and the run time checks.
 *
 * @example
 * ```ts
 * type Ok = SameSizes<[9, 6, 1], readonly [9, 6, 1]>;   // unknown
 * type Dyn = SameSizes<number[], readonly [2, 4, 1]>;   // unknown
 * type Bad = SameSizes<[9, 6, 1], readonly [2, 4, 1]>;  // "the network has sizes [9, 6, 1] but [2, 4, 1] was expected"
 * ```
 */
export type SameSizes<Has extends readonly number[], Asked extends readonly number[]> = AllLiteral<Has> extends false
  ? unknown
  : AllLiteral<Asked> extends false
    ? unknown
    : [Readonly<Has>] extends [Readonly<Asked>]
      ? unknown
      : `the network has sizes [${Join<Has>}] but [${Join<Asked>}] was expected`;

/** `true` when the list's length and every entry are single literals (no `number`, no union). */
type AllLiteral<T extends readonly number[]> = number extends T['length'] ? false : false extends { [I in keyof T]: IsLiteral<T[I]> }[number] ? false : true;

/** "9, 6, 1" for [9, 6, 1]; only evaluated inside the message. */
type Join<T extends readonly number[]> = T extends readonly [infer A extends number, ...infer R extends readonly number[]]
  ? R extends readonly [] ? `${A}` : `${A}, ${Join<R>}`
  : string;
