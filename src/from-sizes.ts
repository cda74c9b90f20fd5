import type { Count, Mutable, SizesCheck, SoftmaxClassesCheck } from '../types/index.js';
import type { HiddenActivation } from './activations/index.js';
import { network, NETWORK_KEYS, type NetworkBuilder, type NetworkOptions } from './builder.js';
import { ShapeError } from './errors.js';
import type { HeadName } from './heads/index.js';
import type { Network } from './network.js';
import { checkKeys, checkPositiveInt, count, keysOf } from './validate.js';

/** Options of {@link fromSizes}: the builder's, plus the activations. */
export interface FromSizesOptions<H extends HeadName> extends NetworkOptions {
  /** The hidden layers' activation, one for all or one per hidden layer (default 'relu'). */
  readonly hidden?: HiddenActivation | readonly HiddenActivation[];
  /** The head (default 'sigmoid'). */
  readonly head?: H;
}

/** Inputs and outputs at least: a shorter literal list is a compile error with the run-time sentence. */
type AtLeastTwo<S extends readonly number[]> = number extends S['length'] ? unknown : S extends readonly [number, number, ...number[]] ? unknown : `sizes has ${Count<S['length'], 'entry'>}, but a network needs at least 2 (inputs and outputs)`;

/** A softmax head needs at least 2 outputs: the last size. */
type SoftmaxSizes<S extends readonly number[]> = S extends readonly [...number[], infer K extends number] ? (SoftmaxClassesCheck<K> extends { readonly [k: string]: true } ? 'a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)' : unknown) : unknown;

const FROM_SIZES_KEYS = keysOf<FromSizesOptions<HeadName>>()(...NETWORK_KEYS, 'hidden', 'head');

/**
 * A network from its list of layer sizes, as the builder makes it (seeded weights, biases on by
 * default), typed `Network<S, H>` from the literal list. The form for very deep nets: the
 * builder's chain makes the compiler create one tuple type per length on the way (about n²/2 types
 * for n layers, and TypeScript 5.9 overflows its stack on a chain of ~600 calls), while one literal
 * list costs it one tuple.
 *
 * @throws {ShapeError} fewer than two sizes, a size that is not a positive integer, a list of
 *   hidden activations of the wrong length.
 * @throws {ValueError} an unknown activation or head, a bad seed.
 *
 * @example
 * ```ts
 * const net = fromSizes([9, 6, 6, 1], { hidden: 'tanh', seed: 7 });  // Network<[9, 6, 6, 1], "sigmoid">
 * const reg = fromSizes([1, 16, 1], { hidden: 'tanh', head: 'linear' }); // Network<[1, 16, 1], "linear">
 * fromSizes([9, 0, 1]);                                               // compile error: "sizes[1] must be a positive integer, got 0"
 * ```
 */
export function fromSizes<const S extends readonly number[], const H extends HeadName = 'sigmoid'>(
  sizes: S & SizesCheck<S> & AtLeastTwo<S> & ([H] extends ['softmax'] ? SoftmaxSizes<S> : unknown),
  options: FromSizesOptions<H> = {},
): Network<Mutable<S>, H> {
  checkKeys(options, FROM_SIZES_KEYS);
  const list = sizes as readonly number[];
  if (!Array.isArray(list) || list.length < 2) throw new ShapeError(`sizes has ${count(Array.isArray(list) ? list.length : 0, 'entry')}, but a network needs at least 2 (inputs and outputs)`);
  list.forEach((n, l) => checkPositiveInt(n, `sizes[${l}]`));
  const L = list.length - 1;
  const hidden = options.hidden ?? 'relu';
  if (Array.isArray(hidden) && hidden.length !== L - 1) {
    throw new ShapeError(`hidden has ${count(hidden.length, 'entry')} but there ${L - 1 === 1 ? 'is' : 'are'} ${count(L - 1, 'hidden layer')}`);
  }
  const { hidden: _h, head = 'sigmoid', ...builderOptions } = options;
  let builder = network(list[0]!, builderOptions) as unknown as NetworkBuilder<number[]>;
  for (let l = 1; l < L; l++) builder = builder.hidden(list[l]!, typeof hidden === 'string' ? hidden : hidden[l - 1]!);
  return builder.output(list[L]!, head) as unknown as Network<Mutable<S>, H>;
}
