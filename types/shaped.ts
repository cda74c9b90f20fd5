/**
 * Anything that carries its dimensions as literal types: a `Matrix<R, C>` is one.
 * The type-level helpers in `types/` work on this shape only, so they never import runtime code.
 *
 * @example
 * ```ts
 * type M = Shaped<2, 3>; // { readonly rows: 2; readonly cols: 3 }
 * ```
 */
export interface Shaped<R extends number = number, C extends number = number> {
  readonly rows: R;
  readonly cols: C;
}
