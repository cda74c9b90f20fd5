import type { Count } from './count.js';

/**
 * The check on a literal list of activations for `Layers` layers: one per layer (the head last).
 * `unknown` when the counts agree or either is known only at run time, otherwise the run-time
 * check's sentence.
 *
 * @example
 * ```ts
 * type Ok = ActivationsCheck<2, ['tanh', 'sigmoid']>; // unknown
 * type Bad = ActivationsCheck<2, ['sigmoid']>;        // "activations has 1 entry but there are 2 layers"
 * ```
 */
export type ActivationsCheck<Layers extends number, A extends readonly unknown[]> = number extends Layers
  ? unknown
  : number extends A['length']
    ? unknown
    : A['length'] extends Layers
      ? unknown
      : `activations has ${Count<A['length'], 'entry'>} but there ${Layers extends 1 ? 'is' : 'are'} ${Count<Layers, 'layer'>}`;
