import type { ActivationsCheck, BiasesCheck, ChainCheck, Mutable, OutputSize, SameSizes, SizesCheck, SizesOf, SoftmaxOutputsCheck } from '../types/index.js';
import type { HiddenActivation } from './activations/index.js';
import { checkChain } from './checks.js';
import { ShapeError } from './errors.js';
import type { HeadName } from './heads/index.js';
import { Matrix } from './matrix.js';
import { checkNetwork, Network } from './network.js';
import type { WeightsOf } from './network-types.js';
import { checkKeys, count, describe, keysOf, readRows } from './validate.js';

/** Options of {@link fromWeights}. */
export interface FromWeightsOptions<H extends HeadName = HeadName> {
  /**
   * Biases: `true` gives every layer a zero bias, an array gives layer l the row `biases[l]`
   * (a 1×n matrix or a list of n numbers) or none (`null`). Default: no biases (the seed's net).
   */
  readonly biases?: boolean | BiasList;
  /** One activation per layer, the head last (default: the seed's, 'relu' hidden and a 'sigmoid' head). */
  readonly activations?: readonly [...(readonly HiddenActivation[]), H];
}

const FROM_WEIGHTS_KEYS = keysOf<FromWeightsOptions>()('biases', 'activations');

/** An empty literal list of weights is refused with the run-time sentence. */
type NotEmpty<Ws extends readonly Matrix[]> = Ws extends readonly [] ? 'weights is empty: a network needs at least one layer' : unknown;

/** A list of bias entries, one per layer. */
type BiasList = readonly (Matrix | readonly number[] | null)[];

/** The last element of a non-empty list (the head of a list of activations). */
type Last<A extends readonly unknown[]> = A extends readonly [...unknown[], infer L] ? L : never;

/**
 * A network from its weight matrices (copied), W_1 first. The chain is checked at compile time:
 * a mismatch fails on the offending matrix with a sentence such as
 * `layer 2 expects 4 inputs, but layer 1 gives 3 outputs (weights[1] is 4×1, weights[0] is 2×3)`,
 * and again at run time for matrices whose dims are only known then. The head is the last
 * activation (a 'sigmoid' head by default) and part of the type.
 *
 * @throws {ShapeError} weights that do not chain, biases of the wrong length or shape.
 * @throws {ValueError} a non-finite entry, an unknown activation.
 *
 * @example
 * ```ts
 * const net = fromWeights([zeros(9, 6), zeros(6, 6), zeros(6, 1)]); // Network<[9, 6, 6, 1], "sigmoid">
 * const xor = fromWeights([zeros(2, 3), zeros(3, 1)], { biases: true }); // with zero biases
 * const reg = fromWeights([zeros(1, 8), zeros(8, 1)], { activations: ['tanh', 'linear'] }); // Network<[1, 8, 1], "linear">
 * fromWeights([zeros(2, 3), zeros(4, 1)]);                          // compile error
 * ```
 */
export function fromWeights<const Ws extends readonly Matrix[], const B extends boolean | BiasList = false>(
  weights: Ws & ChainCheck<Ws> & NotEmpty<Ws>,
  options?: { readonly biases?: B & BiasesCheck<Ws, B> },
): Network<SizesOf<Ws>, 'sigmoid'>;
export function fromWeights<
  const Ws extends readonly Matrix[],
  const A extends readonly [...(readonly HiddenActivation[]), HeadName],
  const B extends boolean | BiasList = false,
>(
  weights: Ws & ChainCheck<Ws> & NotEmpty<Ws>,
  options: {
    readonly activations: A & ActivationsCheck<Ws['length'], A> & SoftmaxOutputsCheck<Last<A>, OutputSize<SizesOf<Ws>>>;
    readonly biases?: B & BiasesCheck<Ws, B>;
  },
): Network<SizesOf<Ws>, Last<A>>;
export function fromWeights<const Ws extends readonly Matrix[], const H extends HeadName>(
  weights: Ws & ChainCheck<Ws> & NotEmpty<Ws>,
  options: FromWeightsOptions<H> = {},
): Network<SizesOf<Ws>, H> {
  if (!Array.isArray(weights)) throw new ShapeError('weights must be an array of matrices');
  checkKeys(options, FROM_WEIGHTS_KEYS);
  const Ws = (weights as readonly Matrix[]).map((w) => w.clone());
  checkChain(Ws);
  const spec = options.biases ?? false;
  if (typeof spec !== 'boolean' && !Array.isArray(spec)) throw new ShapeError(`biases must be true, false or a list with one entry per layer, got ${describe(spec)}`);
  const biases = Ws.map((w, l) => {
    const b = spec === true ? new Matrix(1, w.cols) : spec === false ? null : spec[l];
    if (b === undefined || b === null) return null;
    return b instanceof Matrix ? b.clone() : new Matrix(1, b.length, readRows([b], `biases[${l}]`).data); // checked like any literal
  });
  if (Array.isArray(spec) && spec.length !== Ws.length) {
    throw new ShapeError(`biases has ${count(spec.length, 'entry')} but there ${Ws.length === 1 ? 'is' : 'are'} ${count(Ws.length, 'layer')}`);
  }
  return new Network<SizesOf<Ws>, H>(Ws as WeightsOf<SizesOf<Ws>>, biases, options.activations);
}

/**
 * The checked door for networks whose sizes are only known at run time (read from a file): checks
 * the sizes and returns the same network typed `Network<S, H>`.
 *
 * @throws {ShapeError} when the sizes differ (when both are literal, a compile error with the same sentence).
 *
 * @example
 * ```ts
 * const net = withSizes(fromWeights(weightsFromFile), [9, 6, 6, 1]); // Network<[9, 6, 6, 1], "sigmoid">
 * ```
 */
export function withSizes<NS extends readonly number[], const S extends readonly number[], H extends HeadName>(
  net: Network<NS, H> & SameSizes<NS, S>,
  sizes: S & SizesCheck<S>,
): Network<Mutable<S>, H> {
  checkNetwork(net, 'net');
  if (!Array.isArray(sizes)) throw new ShapeError(`sizes must be an array of layer sizes, got ${describe(sizes)}`);
  const same = net.sizes.length === sizes.length && net.sizes.every((n, i) => n === sizes[i]);
  if (!same) throw new ShapeError(`the network has sizes [${net.sizes.join(', ')}] but [${sizes.join(', ')}] was expected`);
  return net as unknown as Network<Mutable<S>, H>;
}

/**
 * The checked door for a network whose head is only known at run time (a loaded file): checks the
 * head and returns the same network typed with it, so that a classifier's accuracy, or a
 * regression net's mae and r2, become reachable.
 *
 * @throws {ShapeError} when the network has another head.
 *
 * @example
 * ```ts
 * const reg = withHead(loadNetwork(text), 'linear'); // Network<number[], "linear">
 * reg.evaluate(X, Y).r2;
 * ```
 */
export function withHead<S extends readonly number[], const H extends HeadName>(net: Network<S, HeadName>, head: H): Network<S, H> {
  if (net.head !== head) throw new ShapeError(`the network has a ${net.head} head but a ${head} head was expected`);
  return net as unknown as Network<S, H>;
}
