import type { IsLiteral } from './is-literal.js';

/**
 * The check on a layer size: `unknown` for a positive integer literal (or a `number` known only at
 * run time), otherwise an object type whose only key is the sentence. (An object, not a string:
 * a number literal intersected with a string literal would collapse to `never` and lose the text.)
 * Read off the literal's text, so it does no arithmetic on big sizes.
 *
 * @example
 * ```ts
 * type Ok = PositiveIntCheck<6>;     // unknown
 * type Zero = PositiveIntCheck<0>;   // { "layer size must be a positive integer, got 0": true }
 * type Frac = PositiveIntCheck<1.5>; // { "layer size must be a positive integer, got 1.5": true }
 * ```
 */
export type PositiveIntCheck<N extends number> = IsLiteral<N> extends false
  ? unknown
  : `${N}` extends `-${string}` | `${string}.${string}` | `${string}e${string}` | '0'
    ? { readonly [K in `layer size must be a positive integer, got ${N}`]: true }
    : unknown;
