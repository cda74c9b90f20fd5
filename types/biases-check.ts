import type { Count } from './count.js';
import type { Shaped } from './shaped.js';

/**
 * The check on a literal list of biases for literal weights (`fromWeights`): one entry per layer,
 * and each a 1×n_{l+1} row (a matrix, or a literal list of n_{l+1} numbers) or null. `unknown`
 * when it fits or when either list's length is known only at run time (checked then), otherwise
 * the run-time check's sentence: for the count as a whole, else per entry.
 *
 * @example
 * ```ts
 * type Ok = BiasesCheck<[Shaped<2, 3>, Shaped<3, 1>], [null, Shaped<1, 1>]>; // [unknown, unknown]
 * type Count = BiasesCheck<[Shaped<2, 3>, Shaped<3, 1>], [null]>;           // "biases has 1 entry but there are 2 layers"
 * type Width = BiasesCheck<[Shaped<2, 3>, Shaped<3, 1>], [null, Shaped<2, 1>]>;
 * // [unknown, "biases[1] is 2×1 but weights[1] gives 1 output, so it must be 1×1"]
 * ```
 */
export type BiasesCheck<Ws extends readonly Shaped[], B> = B extends readonly unknown[]
  ? number extends B['length']
    ? unknown
    : number extends Ws['length']
      ? unknown
      : B['length'] extends Ws['length']
        ? { [I in keyof B]: EntryCheck<B[I], I, Ws[I & keyof Ws]> }
        : `biases has ${Count<B['length'], 'entry'>} but there ${Ws['length'] extends 1 ? 'is' : 'are'} ${Count<Ws['length'], 'layer'>}`
  : unknown;

type EntryCheck<E, I, W> = W extends Shaped<number, infer N>
  ? E extends Shaped<infer R, infer C>
    ? [R, C] extends [1, N]
      ? unknown
      : `biases[${I & string}] is ${R}×${C} but weights[${I & string}] gives ${Count<N, 'output'>}, so it must be 1×${N}`
    : E extends readonly number[]
      ? number extends E['length']
        ? unknown
        : E['length'] extends N
          ? unknown
          : `biases[${I & string}] is 1×${E['length']} but weights[${I & string}] gives ${Count<N, 'output'>}, so it must be 1×${N}`
      : unknown
  : unknown;
