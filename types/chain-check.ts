import type { Decrement } from './decrement.js';
import type { Increment } from './increment.js';
import type { SameDim } from './same-dim.js';
import type { Shaped } from './shaped.js';
import type { Count } from './count.js';

/**
 * The check on a list of weight matrices: layer l+1 must take as many inputs as layer l gives
 * outputs. Per position, `unknown` when it chains and a sentence when it does not; intersected with
 * the argument, the compiler reports the sentence at the offending matrix. A flat mapped type (no
 * recursion), so 100-layer chains stay cheap.
 *
 * @example
 * ```ts
 * type Ok = ChainCheck<[Shaped<2, 3>, Shaped<3, 1>]>;  // [unknown, unknown]
 * type Bad = ChainCheck<[Shaped<2, 3>, Shaped<4, 1>]>;
 * // [unknown, "layer 2 expects 4 inputs, but layer 1 gives 3 outputs (weights[1] is 4×1, weights[0] is 2×3)"]
 * ```
 */
export type ChainCheck<Ws extends readonly Shaped[]> = {
  [I in keyof Ws]: LinkCheck<Previous<Ws, I>, Ws[I], I>;
};

/** The matrix before position I (`undefined` before the first). */
type Previous<Ws extends readonly Shaped[], I> = [undefined, ...Ws][I & keyof [undefined, ...Ws]];

type LinkCheck<P, W, I> = P extends Shaped<infer PR, infer PC>
  ? W extends Shaped<infer R, infer C>
    ? SameDim<PC, R> extends true
      ? unknown
      : I extends `${infer Index extends number}`
        ? `layer ${Increment<Index>} expects ${Count<R, 'input'>}, but layer ${Index} gives ${Count<PC, 'output'>} (weights[${Index}] is ${R}×${C}, weights[${Decrement<Index>}] is ${PR}×${PC})`
        : never
    : unknown
  : unknown;
