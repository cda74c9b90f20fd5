/**
 * `true` when T is a union of two or more members (`2 | 3`), `false` for a single type, `never`
 * and `any`. A dimension typed `2 | 3` is not known to the compiler: it is one of them at run time.
 *
 * @example
 * ```ts
 * type A = IsUnion<2 | 3>;  // true
 * type B = IsUnion<3>;      // false
 * type C = IsUnion<number>; // false
 * ```
 */
export type IsUnion<T> = [T] extends [never] ? false : Distribute<T, T>;

// For each member M of T: is there anything in T besides M? (`T` is distributed, `All` is not.)
type Distribute<T, All> = T extends unknown ? ([Exclude<All, T>] extends [never] ? false : true) : never;
