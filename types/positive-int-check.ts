/**
 * The check on a layer size: `unknown` for a positive integer literal (or a `number` known only at
 * run time), otherwise an object type whose only key is the sentence. (An object, not a string:
 * a number literal intersected with a string literal would collapse to `never` and lose the text.)
 * Read off the literal's text, so it does no arithmetic on big sizes. A union is checked member by
 * member: `0 | 3` is refused for its 0 (either may be the size at run time).
 *
 * @example
 * ```ts
 * type Ok = PositiveIntCheck<6>;     // unknown
 * type Zero = PositiveIntCheck<0>;   // { "layer size must be a positive integer, got 0": true }
 * type Frac = PositiveIntCheck<1.5>; // { "layer size must be a positive integer, got 1.5": true }
 * type Some = PositiveIntCheck<0 | 3>; // { "layer size must be a positive integer, got 0": true }
 * ```
 */
export type PositiveIntCheck<N extends number> = number extends N
  ? unknown
  : [NotPositiveInts<N>] extends [never]
    ? unknown
    : { readonly [K in `layer size must be a positive integer, got ${NotPositiveInts<N>}`]: true };

/** The members of N (one literal, or each of a union such as `0 | 3`) that are not positive integers. */
type NotPositiveInts<N extends number> = N extends unknown
  ? `${N}` extends `-${string}` | `${string}.${string}` | `${string}e${string}` | '0'
    ? N
    : never
  : never;
