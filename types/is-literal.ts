import type { IsUnion } from './is-union.js';

/**
 * `true` when a dimension is one literal (known to the compiler), `false` when it is plain
 * `number` or a union such as `2 | 3` (known only at run time: it is one of them, which one the
 * compiler cannot say). Shape checks let those through, and the run-time checks catch them with
 * the same wording; a check never compares a union as if it were one size.
 *
 * @example
 * ```ts
 * type A = IsLiteral<9>;      // true
 * type B = IsLiteral<number>; // false
 * type C = IsLiteral<2 | 3>;  // false
 * ```
 */
export type IsLiteral<N extends number> = number extends N ? false : IsUnion<N> extends true ? false : true;
