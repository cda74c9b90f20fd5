declare const dimName: unique symbol;

/**
 * A dimension known only at run time, with a name the compiler tracks (in the spirit of
 * potatogpt's `Var<'n'>`): two matrices whose rows are both `Dim<'n'>` have the same number of
 * rows, and labels of `Dim<'m'>` rows (or of plain `number` rows) for a batch of `Dim<'n'>` rows are
 * a compile error. It is a number at run time; make one with `dim('n', value)`, which checks it.
 *
 * @example
 * ```ts
 * type N = Dim<'n'>;                 // number & { readonly [dimName]: "n" }
 * const n = dim('n', rows.length);   // Dim<'n'>
 * const X = fromArray(xs, n, 9);     // Matrix<Dim<'n'>, 9>
 * ```
 */
export type Dim<Name extends string> = number & { readonly [dimName]: Name };

/** The name of a named dim (`never` for a literal or a plain `number`). */
export type DimName<D> = D extends { readonly [dimName]: infer Name extends string } ? Name : never;
