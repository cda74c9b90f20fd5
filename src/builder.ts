import type { PositiveIntCheck } from '../types/index.js';
import { Matrix } from './matrix.js';
import { Network } from './network.js';
import type { WeightsOf } from './network-types.js';
import { heNormal, mulberry32 } from './random.js';
import { checkPositiveInt } from './validate.js';

/** Options of {@link network}. */
export interface NetworkOptions {
  /** Seed of the mulberry32 stream the He-normal initial weights are drawn from (default 1). */
  readonly seed?: number;
}

/**
 * Builds a network layer by layer; every size becomes part of the type.
 * Obtained from {@link network}; finished by `.sigmoid(k)`.
 *
 * @example
 * ```ts
 * const hidden = network(2, { seed: 3 }).relu(8); // NetworkBuilder<[2, 8]>
 * const net = hidden.relu(4).sigmoid(1);          // Network<[2, 8, 4, 1]>
 * ```
 */
export class NetworkBuilder<S extends number[]> {
  /** @internal */
  constructor(
    private readonly sizes: S,
    private readonly options: NetworkOptions,
  ) {}

  /**
   * Adds a ReLU hidden layer of `units` units.
   *
   * @example
   * ```ts
   * network(9).relu(6).relu(6); // NetworkBuilder<[9, 6, 6]>
   * network(9).relu(2.5);       // compile error: "layer size must be a positive integer, got 2.5"
   * ```
   */
  relu<const N extends number>(units: N & PositiveIntCheck<N>): NetworkBuilder<[...S, N]> {
    checkPositiveInt(units, 'units');
    return new NetworkBuilder([...this.sizes, units as N], this.options);
  }

  /**
   * Adds the sigmoid output layer of `units` outputs and draws the initial weights.
   *
   * @example
   * ```ts
   * const net = network(9, { seed: 7 }).relu(6).sigmoid(1); // Network<[9, 6, 1]>
   * net.forward(zeros(4, 9));                               // Matrix<4, 1>
   * ```
   */
  sigmoid<const N extends number>(units: N & PositiveIntCheck<N>): Network<[...S, N]> {
    checkPositiveInt(units, 'units');
    const sizes: number[] = [...this.sizes, units];
    const uniform = mulberry32(this.options.seed ?? 1);
    const weights = sizes.slice(1).map((out, l) => new Matrix(sizes[l]!, out, heNormal(sizes[l]!, out, uniform)));
    return new Network(weights as WeightsOf<[...S, N]>);
  }
}

/**
 * Starts a network with `inputs` input features. Weights are He-normal, drawn from a seeded
 * mulberry32 stream, so the same code gives the same network every time.
 *
 * @example
 * ```ts
 * const net = network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1); // Network<[9, 6, 6, 1]>
 * network(9).relu(0);                                              // compile error: "layer size must be a positive integer, got 0"
 * ```
 */
export function network<const N extends number>(inputs: N & PositiveIntCheck<N>, options: NetworkOptions = {}): NetworkBuilder<[N]> {
  checkPositiveInt(inputs, 'inputs');
  return new NetworkBuilder([inputs as N], options);
}
