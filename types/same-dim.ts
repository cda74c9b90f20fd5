import type { IsLiteral } from './is-literal.js';

/**
 * `true` when two dimensions may be equal: both the same literal, or either one only known at run
 * time. Wrapped in tuples so a union is never distributed.
 *
 * @example
 * ```ts
 * type A = SameDim<3, 3>;      // true
 * type B = SameDim<3, 4>;      // false
 * type C = SameDim<number, 4>; // true (checked at run time instead)
 * ```
 */
export type SameDim<A extends number, B extends number> =
  IsLiteral<A> extends false ? true
  : IsLiteral<B> extends false ? true
  : [A] extends [B] ? ([B] extends [A] ? true : false)
  : false;
