import type { Count } from './count.js';
import type { SameDim } from './same-dim.js';

/**
 * The check on joining a network (or a layer) after another: what comes second must take as many
 * inputs as the first gives outputs. `unknown` when they can match (or either is known only at run
 * time), otherwise the sentence.
 *
 * @example
 * ```ts
 * type Ok = JoinsCheck<4, 4>;  // unknown
 * type Bad = JoinsCheck<3, 4>; // "the network gives 3 outputs, but what follows expects 4 inputs"
 * ```
 */
export type JoinsCheck<Gives extends number, Expects extends number> = SameDim<Gives, Expects> extends true
  ? unknown
  : `the network gives ${Count<Gives, 'output'>}, but what follows expects ${Count<Expects, 'input'>}`;
