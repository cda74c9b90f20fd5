import type { Increment } from './increment.js';

/**
 * The layer sizes of layers From … To − 1 of a network with sizes S (0-based, `To` exclusive, as
 * `Array.prototype.slice`): n_From … n_To. `number[]` when the sizes or the bounds are known only
 * at run time. Tail-recursive, evaluated once per call of `slice`.
 *
 * @example
 * ```ts
 * type A = SliceSizes<[9, 6, 4, 1], 0, 2>; // [9, 6, 4]   (layers 0 and 1)
 * type B = SliceSizes<[9, 6, 4, 1], 2, 3>; // [4, 1]      (the last layer)
 * type C = SliceSizes<number[], 0, 2>;     // number[]
 * ```
 */
export type SliceSizes<S extends readonly number[], From extends number, To extends number> = [From] extends [never]
  ? number[]
  : [To] extends [never]
    ? number[]
    : number extends S['length'] | From | To
      ? number[]
      : Drop<Take<S, Increment<To>>, From>;

/** The first N entries of S. */
type Take<S extends readonly number[], N extends number, Acc extends number[] = []> = Acc['length'] extends N
  ? Acc
  : S extends readonly [infer F extends number, ...infer R extends number[]]
    ? Take<R, N, [...Acc, F]>
    : Acc;

/** S without its first N entries. */
type Drop<S extends number[], N extends number, Gone extends unknown[] = []> = Gone['length'] extends N
  ? S
  : S extends [number, ...infer R extends number[]]
    ? Drop<R, N, [...Gone, unknown]>
    : [];
