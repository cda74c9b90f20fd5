import type { PositiveIntCheck } from '../types/index.js';
import type { Activation, HiddenActivation, OutputActivation } from './layers/kinds.js';
import { Matrix } from './matrix.js';
import { Network } from './network.js';
import type { WeightsOf } from './network-types.js';
import { glorotUniform, heNormal, mulberry32 } from './random.js';
import { checkPositiveInt } from './validate.js';

/** Options of {@link network}. */
export interface NetworkOptions {
  /** Seed of the mulberry32 stream the initial weights are drawn from, W_1 first (default 1). */
  readonly seed?: number;
  /** Initial weights: 'he' (He-normal, the default; for ReLU) or 'glorot' (Glorot-uniform; for tanh, sigmoid). */
  readonly init?: 'he' | 'glorot';
  /** Give every layer a bias (zero at first) unless the layer says otherwise (default false, as the seed). */
  readonly bias?: boolean;
}

/** Options of one layer of the builder. */
export interface LayerOptions {
  /** This layer has a bias (zero at first); default: the network's `bias` option. */
  readonly bias?: boolean;
}

/**
 * Builds a network layer by layer; every size becomes part of the type.
 * Obtained from {@link network}; finished by `.sigmoid(k)` or `.softmax(k)`.
 *
 * @example
 * ```ts
 * const hidden = network(2, { seed: 3 }).relu(8); // NetworkBuilder<[2, 8]>
 * const net = hidden.tanh(4).sigmoid(1);          // Network<[2, 8, 4, 1]>
 * ```
 */
export class NetworkBuilder<S extends number[]> {
  /** @internal */
  constructor(
    private readonly sizes: S,
    private readonly layers: readonly { activation: Activation; bias: boolean }[],
    private readonly options: NetworkOptions,
  ) {}

  /**
   * Adds a ReLU hidden layer of `units` units (the seed's).
   *
   * @example
   * ```ts
   * network(9).relu(6).relu(6); // NetworkBuilder<[9, 6, 6]>
   * network(9).relu(2.5);       // compile error: "layer size must be a positive integer, got 2.5"
   * ```
   */
  relu<const N extends number>(units: N & PositiveIntCheck<N>, layer?: LayerOptions): NetworkBuilder<[...S, N]> {
    return this.hidden(units, 'relu', layer);
  }

  /**
   * Adds a leaky-ReLU hidden layer (slope 0.01 below zero).
   *
   * @example
   * ```ts
   * network(4).leakyRelu(8).sigmoid(1); // Network<[4, 8, 1]>
   * ```
   */
  leakyRelu<const N extends number>(units: N & PositiveIntCheck<N>, layer?: LayerOptions): NetworkBuilder<[...S, N]> {
    return this.hidden(units, 'leakyRelu', layer);
  }

  /**
   * Adds a tanh hidden layer.
   *
   * @example
   * ```ts
   * network(4, { init: 'glorot' }).tanh(8).sigmoid(1); // Network<[4, 8, 1]>
   * ```
   */
  tanh<const N extends number>(units: N & PositiveIntCheck<N>, layer?: LayerOptions): NetworkBuilder<[...S, N]> {
    return this.hidden(units, 'tanh', layer);
  }

  /**
   * Adds a linear (identity) hidden layer.
   *
   * @example
   * ```ts
   * network(4).linear(2).sigmoid(1); // Network<[4, 2, 1]>
   * ```
   */
  linear<const N extends number>(units: N & PositiveIntCheck<N>, layer?: LayerOptions): NetworkBuilder<[...S, N]> {
    return this.hidden(units, 'linear', layer);
  }

  /**
   * Adds a hidden layer with any hidden activation ('relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear').
   *
   * @example
   * ```ts
   * network(4).hidden(8, 'sigmoid').sigmoid(1); // Network<[4, 8, 1]>
   * ```
   */
  hidden<const N extends number>(units: N & PositiveIntCheck<N>, activation: HiddenActivation, layer: LayerOptions = {}): NetworkBuilder<[...S, N]> {
    checkPositiveInt(units, 'units');
    const bias = layer.bias ?? this.options.bias ?? false;
    return new NetworkBuilder([...this.sizes, units as N], [...this.layers, { activation, bias }], this.options);
  }

  /**
   * Adds the sigmoid output layer (binary cross-entropy, the seed's) and draws the initial weights.
   *
   * @example
   * ```ts
   * const net = network(9, { seed: 7 }).relu(6).sigmoid(1); // Network<[9, 6, 1]>
   * net.forward(zeros(4, 9));                               // Matrix<4, 1>
   * ```
   */
  sigmoid<const N extends number>(units: N & PositiveIntCheck<N>, layer?: LayerOptions): Network<[...S, N]> {
    return this.output(units, 'sigmoid', layer);
  }

  /**
   * Adds a softmax output layer of `classes` ≥ 2 outputs (categorical cross-entropy; labels are
   * one-hot rows) and draws the initial weights.
   *
   * @example
   * ```ts
   * const iris = network(4, { seed: 1, bias: true }).relu(8).softmax(3); // Network<[4, 8, 3]>
   * ```
   */
  softmax<const N extends number>(classes: N & PositiveIntCheck<N>, layer?: LayerOptions): Network<[...S, N]> {
    return this.output(classes, 'softmax', layer);
  }

  private output<N extends number>(units: N, activation: OutputActivation, layer: LayerOptions = {}): Network<[...S, N]> {
    checkPositiveInt(units, 'units');
    const layers = [...this.layers, { activation, bias: layer.bias ?? this.options.bias ?? false }];
    const sizes: number[] = [...this.sizes, units];
    const uniform = mulberry32(this.options.seed ?? 1);
    const draw = this.options.init === 'glorot' ? glorotUniform : heNormal;
    const weights = sizes.slice(1).map((out, l) => new Matrix(sizes[l]!, out, draw(sizes[l]!, out, uniform)));
    const biases = layers.map((layer, l) => (layer.bias ? new Matrix(1, sizes[l + 1]!) : null));
    return new Network(weights as WeightsOf<[...S, N]>, biases, layers.map((x) => x.activation));
  }
}

/**
 * Starts a network with `inputs` input features. Weights are He-normal (or Glorot-uniform), drawn
 * from a seeded mulberry32 stream, so the same code gives the same network every time.
 *
 * @example
 * ```ts
 * const net = network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1); // Network<[9, 6, 6, 1]>
 * network(9).relu(0);                                              // compile error: "layer size must be a positive integer, got 0"
 * ```
 */
export function network<const N extends number>(inputs: N & PositiveIntCheck<N>, options: NetworkOptions = {}): NetworkBuilder<[N]> {
  checkPositiveInt(inputs, 'inputs');
  return new NetworkBuilder([inputs as N], [], options);
}
