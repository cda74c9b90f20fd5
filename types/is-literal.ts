/**
 * `true` when a dimension is a literal (known to the compiler), `false` when it is plain `number`
 * (known only at run time). Shape checks let `number` through: the runtime checks those.
 *
 * @example
 * ```ts
 * type A = IsLiteral<9>;      // true
 * type B = IsLiteral<number>; // false
 * ```
 */
export type IsLiteral<N extends number> = number extends N ? false : true;
