/**
 * T, at a place that does not take part in inferring T: `y: Matrix<Fixed<N>, K>` beside
 * `x: Matrix<N, D>` makes N what x says, so a y of another row count is an error rather than
 * widening N to both (`4 | 3`). It is TypeScript's own `NoInfer` (5.4 and later; every supported
 * compiler has it), under the name this library's signatures and README have used since before it
 * relied on that: write either.
 *
 * @example
 * ```ts
 * declare function pair<N extends number>(x: Matrix<N, 2>, y: Matrix<Fixed<N>, 1>): void;
 * pair(zeros(4, 2), zeros(3, 1)); // error: Matrix<3, 1> is not Matrix<4, 1> (N is 4, from x)
 * type A = Fixed<4>;              // 4
 * ```
 */
export type Fixed<T> = NoInfer<T>;
