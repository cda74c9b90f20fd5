import type { SameDim } from './same-dim.js';
import type { Count } from './count.js';

/**
 * The check on the `out` of a product `matmul(a, b, out)`, whose product is R × C and whose `out`
 * is OR × OC: `unknown` (no constraint) when out's rows and columns can equal the product's (the
 * same literals, or either one known only at run time, then checked at run time), otherwise a
 * sentence the compiler shows as the expected type, naming the rows first.
 *
 * @example
 * ```ts
 * type Ok = OutShapeCheck<2, 1, 2, 1>;       // unknown
 * type Later = OutShapeCheck<2, 1, number, 1>; // unknown (checked at run time)
 * type Rows = OutShapeCheck<2, 1, 3, 1>;     // "matmul: out has 3 rows but the product has 2"
 * type Cols = OutShapeCheck<2, 1, 2, 4>;     // "matmul: out has 4 columns but the product has 1"
 * ```
 */
export type OutShapeCheck<R extends number, C extends number, OR extends number, OC extends number> =
  SameDim<R, OR> extends true
    ? SameDim<C, OC> extends true
      ? unknown
      : `matmul: out has ${Count<OC, 'column'>} but the product has ${Bare<Count<C, 'column'>>}`
    : `matmul: out has ${Count<OR, 'row'>} but the product has ${Bare<Count<R, 'row'>>}`;

/** "2 rows" → "2": the product's count, its noun already said. */
type Bare<S extends string> = S extends `${infer N} ${string}` ? N : S;
