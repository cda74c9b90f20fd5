import type { PositiveIntCheck, SeedCheck, SoftmaxClassesCheck } from '../types/index.js';
import { ACTIVATIONS, activationRecord, HIDDEN_ACTIVATIONS, type HiddenActivation, type Initializer } from './activations/index.js';
import { ValueError } from './errors.js';
import { checkLayers, checkSeed } from './checks.js';
import { HEADS, type HeadName } from './heads/index.js';
import { Matrix } from './matrix.js';
import { type Activation, Network } from './network.js';
import type { WeightsOf } from './network-types.js';
import { glorotUniform, heNormal, mulberry32 } from './random.js';
import { checkEntries, checkKeys, checkPositiveInt, describe, keysOf } from './validate.js';

/** Options of {@link network}. */
export interface NetworkOptions {
  /** Seed of the mulberry32 stream the initial weights are drawn from, W_1 first: an integer in [0, 2³²) (default 1). */
  readonly seed?: number;
  /**
   * Initial weights of every layer: 'he' (He-normal) or 'glorot' (Glorot-uniform). Default: each
   * layer's own, from its activation: He for relu and leakyRelu, Glorot for tanh, sigmoid, linear
   * and for the head's layer (Keras's default).
   */
  readonly init?: Initializer;
  /** Give every layer a bias (zero at first) unless the layer says otherwise (default true, as Keras and PyTorch). */
  readonly bias?: boolean;
}

/** The keys {@link network} knows, checked complete against NetworkOptions at compile time. */
export const NETWORK_KEYS = keysOf<NetworkOptions>()('seed', 'init', 'bias');

/** Options of one layer of the builder. */
export interface LayerOptions {
  /** This layer has a bias (zero at first); default: the network's `bias` option. */
  readonly bias?: boolean;
}

const LAYER_KEYS = keysOf<LayerOptions>()('bias');

/**
 * Builds a network layer by layer; every size becomes part of the type.
 * Obtained from {@link network}; finished by a head: `.sigmoid(k)`, `.softmax(k)` or `.linear(k)`
 * (or `.output(k, head)`), which draws the initial weights.
 *
 * @example
 * ```ts
 * const hidden = network(2, { seed: 3 }).relu(8); // NetworkBuilder<[2, 8]>
 * const net = hidden.tanh(4).sigmoid(1);          // Network<[2, 8, 4, 1], "sigmoid">
 * const reg = hidden.linear(1);                   // Network<[2, 8, 1], "linear">
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
    return this.hidden<N>(units, 'relu', layer);
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
    return this.hidden<N>(units, 'leakyRelu', layer);
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
    return this.hidden<N>(units, 'tanh', layer);
  }

  /**
   * Adds a hidden layer with any hidden activation ('relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear').
   *
   * @example
   * ```ts
   * network(4).hidden(8, 'sigmoid').sigmoid(1); // Network<[4, 8, 1], "sigmoid">
   * network(4).hidden(2, 'linear').sigmoid(1);  // a linear bottleneck layer
   * ```
   */
  hidden<const N extends number>(units: N & PositiveIntCheck<N>, activation: HiddenActivation, layer: LayerOptions = {}): NetworkBuilder<[...S, N]> {
    checkPositiveInt(units, 'units');
    checkKeys(layer, LAYER_KEYS, 'layer options');
    if (!activationRecord(activation)) throw new ValueError(`activation is ${describe(activation)}, but a hidden layer takes ${HIDDEN_ACTIVATIONS.map((a) => `"${a}"`).join(', ')}`);
    const bias = layer.bias ?? this.options.bias ?? true;
    return new NetworkBuilder([...this.sizes, units as N], [...this.layers, { activation, bias }], this.options);
  }

  /**
   * Adds the sigmoid head (binary cross-entropy, the seed's) and draws the initial weights.
   *
   * @example
   * ```ts
   * const net = network(9, { seed: 7 }).relu(6).sigmoid(1); // Network<[9, 6, 1], "sigmoid">
   * net.forward(zeros(4, 9));                               // Matrix<4, 1>
   * ```
   */
  sigmoid<const N extends number>(units: N & PositiveIntCheck<N>, layer?: LayerOptions): Network<[...S, N], 'sigmoid'> {
    return this.output<N, 'sigmoid'>(units, 'sigmoid', layer);
  }

  /**
   * Adds a softmax head of `classes` ≥ 2 outputs (categorical cross-entropy; labels are one-hot
   * rows) and draws the initial weights.
   *
   * @example
   * ```ts
   * const iris = network(4, { seed: 1 }).relu(8).softmax(3); // Network<[4, 8, 3], "softmax">
   * ```
   */
  softmax<const N extends number>(classes: N & PositiveIntCheck<N> & SoftmaxClassesCheck<N>, layer?: LayerOptions): Network<[...S, N], 'softmax'> {
    return this.output<N, 'softmax'>(classes, 'softmax', layer);
  }

  /**
   * Adds a linear head of `outputs` values (regression: Ŷ = Z_L, mean squared error, any finite
   * labels) and draws the initial weights.
   *
   * @example
   * ```ts
   * const reg = network(1, { seed: 1 }).tanh(16).linear(1); // Network<[1, 16, 1], "linear">
   * ```
   */
  linear<const N extends number>(outputs: N & PositiveIntCheck<N>, layer?: LayerOptions): Network<[...S, N], 'linear'> {
    return this.output<N, 'linear'>(outputs, 'linear', layer);
  }

  /**
   * Adds the output layer with any head (see heads/) and draws the initial weights, each layer's
   * from its activation's initialiser unless the `init` option names one for all.
   *
   * @throws {ShapeError} a softmax head with fewer than 2 outputs.
   *
   * @example
   * ```ts
   * network(3).relu(4).output(2, 'softmax'); // Network<[3, 4, 2], "softmax">
   * ```
   */
  output<const N extends number, const H extends HeadName>(
    units: N & PositiveIntCheck<N> & ('softmax' extends H ? SoftmaxClassesCheck<N> : unknown),
    head: H,
    layer: LayerOptions = {},
  ): Network<[...S, N], H> {
    checkPositiveInt(units, 'units');
    checkKeys(layer, LAYER_KEYS, 'layer options');
    const layers = [...this.layers, { activation: head as Activation, bias: layer.bias ?? this.options.bias ?? true }];
    const sizes: number[] = [...this.sizes, units];
    const names = layers.map((x) => x.activation);
    checkLayers(names, sizes.slice(1));
    // A size too large for memory is a named ShapeError here, before any weights are drawn.
    sizes.slice(1).forEach((out, l) => checkEntries(sizes[l]!, out, `weights[${l}]`));
    const uniform = mulberry32(this.options.seed ?? 1);
    const weights = sizes.slice(1).map((out, l) => {
      const init = this.options.init ?? (l === layers.length - 1 ? HEADS[head].init : ACTIVATIONS[names[l] as HiddenActivation].init);
      return new Matrix(sizes[l]!, out, (init === 'glorot' ? glorotUniform : heNormal)(sizes[l]!, out, uniform));
    });
    const biases = layers.map((layer, l) => (layer.bias ? new Matrix(1, sizes[l + 1]!) : null));
    return new Network<[...S, N], H>(weights as WeightsOf<[...S, N]>, biases, names as never);
  }
}

/**
 * Starts a network with `inputs` input features. Every layer gets a bias (zero at first) unless
 * `bias: false`; weights are drawn from a seeded mulberry32 stream (He-normal for ReLU layers,
 * Glorot-uniform for the others), so the same code gives the same network every time.
 *
 * @example
 * ```ts
 * const net = network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1); // Network<[9, 6, 6, 1], "sigmoid">
 * const seed = network(9, { bias: false }).relu(6).relu(6).sigmoid(1); // the seed's bias-free layers
 * network(9).relu(0);                                              // compile error: "layer size must be a positive integer, got 0"
 * ```
 */
export function network<const N extends number, const Seed extends number = number>(
  inputs: N & PositiveIntCheck<N>,
  options: NetworkOptions & { readonly seed?: Seed & SeedCheck<Seed> } = {},
): NetworkBuilder<[N]> {
  checkPositiveInt(inputs, 'inputs');
  checkKeys(options, NETWORK_KEYS);
  if (options.seed !== undefined) checkSeed(options.seed);
  return new NetworkBuilder([inputs as N], [], options);
}
