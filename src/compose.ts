// Typed composition of networks: append a layer, concatenate two networks, take a run of layers.
// Each result is a new network with its own parameters (copies), its layers' biases and
// activations as they were, and its sizes and head in the type. With `freeze` (a Network method)
// they make transfer learning: keep a trained body, put a new head on it, train the head only.
import type { JoinsCheck, SliceCheck, SliceSizes, SoftmaxOutputsCheck } from '../types/index.js';
import type { HiddenActivation } from './activations/index.js';
import { activationRecord } from './activations/index.js';
import { ShapeError, ValueError } from './errors.js';
import { HEAD_NAMES, headOf, type HeadName } from './heads/index.js';
import { checkMatrix, Matrix } from './matrix.js';
import { type Activation, checkNetwork, Network, parametersOf } from './network.js';
import type { WeightsOf } from './network-types.js';
import type { InputSize, OutputSize } from './network-types.js';
import { checkKeys, count, describe, keysOf, readRows } from './validate.js';

/** Options of {@link append}. */
export interface AppendOptions<H extends HeadName> {
  /** The head of the new last layer. */
  readonly head: H;
  /**
   * The activation the network's old output layer takes now that it is hidden. Default: its head,
   * when that is also a hidden activation ('sigmoid' or 'linear'); a softmax head needs one named.
   */
  readonly activation?: HiddenActivation;
  /** The new layer's bias: a 1×K row, `true` for zeros, or `false` for none (default true, as the builder). */
  readonly bias?: boolean | Matrix | readonly number[];
}

const APPEND_KEYS = keysOf<AppendOptions<HeadName>>()('head', 'activation', 'bias');

/**
 * A new network: `net`'s layers (copied, with their biases and activations), then one more layer
 * with weights `W` (n_{L+1} × K) and the head `options.head`. The old output layer becomes hidden,
 * with `options.activation` (default: its head, if that is a hidden activation too).
 *
 * @throws {ShapeError} when W's rows differ from the network's outputs, or the bias is not 1×K.
 * @throws {ValueError} when the old head cannot be a hidden activation and none is named.
 *
 * @example
 * ```ts
 * const body = network(4, { seed: 1 }).relu(8).linear(6);                          // Network<[4, 8, 6], "linear">
 * const net = append(body, zeros(6, 3), { head: 'softmax', activation: 'relu' }); // Network<[4, 8, 6, 3], "softmax">
 * append(body, zeros(5, 3), { head: 'softmax' }); // compile error: "the network gives 6 outputs, but what follows expects 5 inputs"
 * ```
 */
export function append<S extends readonly number[], H extends HeadName, K extends number, const H2 extends HeadName>(
  net: Network<S, H>,
  W: Matrix<OutputSize<S>, K> & SoftmaxOutputsCheck<H2, K>,
  options: AppendOptions<H2>,
): Network<[...S, K], H2>;
export function append<S extends readonly number[], H extends HeadName, R extends number, K extends number, const H2 extends HeadName>(
  net: Network<S, H>,
  W: Matrix<R, K> & JoinsCheck<OutputSize<S>, R> & SoftmaxOutputsCheck<H2, K>,
  options: AppendOptions<H2>,
): Network<[...S, K], H2>;
export function append(net: Network<readonly number[], HeadName>, W: Matrix, options: AppendOptions<HeadName>): Network<number[], HeadName> {
  checkNetwork(net, 'net');
  if (typeof options !== 'object' || options === null) throw new ValueError(`options must be an object with a head, got ${describe(options)}`);
  checkKeys(options, APPEND_KEYS);
  const out = net.sizes[net.depth]!;
  checkMatrix(W, 'W');
  if (W.rows !== out) throw new ShapeError(`the network gives ${count(out, 'output')}, but what follows expects ${count(W.rows, 'input')} (W is ${W.rows}×${W.cols})`);
  checkHeadName(options.head, 'options.head');
  const bias = options.bias ?? true;
  const b = bias === true ? new Matrix(1, W.cols) : bias === false ? null : bias instanceof Matrix ? bias.clone() : new Matrix(1, W.cols, readRows([bias], 'bias').data);
  const joint = jointActivation(net.head, options.activation, 'options.activation');
  const activations = [...net.activations.slice(0, -1), joint, options.head] as Activation[];
  const own = parametersOf(net);
  return build([...own.weights, W], [...own.biases, b], activations, [...net.frozen, false]);
}

/**
 * A new network: `first`'s layers, then `second`'s (all copied, with their biases, activations
 * and frozen flags). `first`'s output layer becomes hidden, with `activation` (default: its head,
 * if that is a hidden activation too); the result has `second`'s head.
 *
 * @throws {ShapeError} when `second` does not take as many inputs as `first` gives outputs.
 * @throws {ValueError} when `first`'s head cannot be a hidden activation and none is named.
 *
 * @example
 * ```ts
 * const encoder = network(8, { seed: 1 }).relu(4).linear(2);  // Network<[8, 4, 2], "linear">
 * const decoder = network(2, { seed: 2 }).relu(4).sigmoid(8); // Network<[2, 4, 8], "sigmoid">
 * const auto = concat(encoder, decoder);                      // Network<[8, 4, 2, 4, 8], "sigmoid">
 * ```
 */
export function concat<SA extends readonly number[], HA extends HeadName, SB extends readonly [OutputSize<SA>, ...number[]], HB extends HeadName>(
  first: Network<SA, HA>,
  second: Network<SB, HB>,
  activation?: HiddenActivation,
): Network<[...SA, ...Tail<SB>], HB>;
export function concat<SA extends readonly number[], HA extends HeadName, SB extends readonly number[], HB extends HeadName>(
  first: Network<SA, HA>,
  second: Network<SB, HB> & JoinsCheck<OutputSize<SA>, InputSize<SB>>,
  activation?: HiddenActivation,
): Network<[...SA, ...Tail<SB>], HB>;
export function concat(first: Network<readonly number[], HeadName>, second: Network<readonly number[], HeadName>, activation?: HiddenActivation): Network<number[], HeadName> {
  checkNetwork(first, 'first');
  checkNetwork(second, 'second');
  const gives = first.sizes[first.depth]!;
  const expects = second.sizes[0]!;
  if (gives !== expects) throw new ShapeError(`the network gives ${count(gives, 'output')}, but what follows expects ${count(expects, 'input')}`);
  const joint = jointActivation(first.head, activation, 'activation');
  const activations = [...first.activations.slice(0, -1), joint, ...second.activations] as Activation[];
  const [a, b] = [parametersOf(first), parametersOf(second)];
  return build([...a.weights, ...b.weights], [...a.biases, ...b.biases], activations, [...first.frozen, ...second.frozen]);
}

/** Options of {@link slice}. */
export interface SliceOptions<H extends HeadName> {
  /** The head of the last layer kept, when that is not the network's own output layer. */
  readonly head?: H;
}

const SLICE_KEYS = keysOf<SliceOptions<HeadName>>()('head');

/**
 * A new network of layers `from` … `to − 1` of `net` (0-based, `to` exclusive, as Array.slice),
 * copied with their biases, activations and frozen flags. When the last layer kept is not the
 * output layer, its activation becomes the head `options.head` (default: the activation it had,
 * if that is a head too: 'sigmoid' or 'linear').
 *
 * @throws {ValueError} bounds that are not integers with 0 ≤ from < to ≤ depth; a last layer with no head.
 *
 * @example
 * ```ts
 * const net = network(9, { seed: 1 }).relu(6).relu(4).sigmoid(1); // Network<[9, 6, 4, 1], "sigmoid">
 * const body = slice(net, 0, 2, { head: 'linear' });               // Network<[9, 6, 4], "linear">
 * const last = slice(net, 2, 3);                                   // Network<[4, 1], "sigmoid">
 * ```
 */
export function slice<S extends readonly number[], H extends HeadName, const From extends number, const To extends number, const H2 extends HeadName = never>(
  net: Network<S, H>,
  from: From,
  to: To & SliceCheck<S, From, To>,
  options: SliceOptions<H2> = {},
): Network<SliceSizes<S, From, To>, [H2] extends [never] ? (IsLast<S, To> extends true ? H : HeadName) : H2> {
  checkNetwork(net, 'net');
  checkKeys(options, SLICE_KEYS);
  const L = net.depth;
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > L) throw new ValueError(`${name} is ${describe(v)}, but it must be an integer in [0, ${L}]`);
  }
  if (from >= to) throw new ValueError(`from is ${from} and to is ${to}, but a slice needs at least one layer (from < to)`);
  const activations = net.activations.slice(from, to) as Activation[];
  const last = activations.length - 1;
  if (options.head !== undefined) checkHeadName(options.head, 'options.head');
  if (to < L || options.head !== undefined) {
    const head = options.head ?? activations[last]!;
    if (head !== 'sigmoid' && head !== 'linear' && head !== 'softmax') {
      throw new ValueError(`layer ${to - 1} has the hidden activation "${head}", which is not a head; name one with options.head ('sigmoid', 'softmax' or 'linear')`);
    }
    activations[last] = head;
  }
  const own = parametersOf(net);
  return build(own.weights.slice(from, to), own.biases.slice(from, to), activations, net.frozen.slice(from, to));
}

/** All but the first entry of a list of sizes. */
type Tail<S extends readonly number[]> = S extends readonly [number, ...infer R extends number[]] ? R : number[];

/** `true` when layer To − 1 is the output layer of a network with sizes S (To = depth). */
type IsLast<S extends readonly number[], To extends number> = number extends S['length'] | To
  ? false
  : S extends readonly [number, ...infer R]
    ? [To] extends [R['length']]
      ? true
      : false
    : false;

/** A head named by the caller must be one. */
function checkHeadName(head: unknown, field: string): void {
  if (!headOf(head as string)) throw new ValueError(`${field} is ${describe(head)}, but a head is ${HEAD_NAMES.map((h) => `"${h}"`).join(', ')}`);
}

/** The hidden activation of a layer that was an output layer with head `head`. */
function jointActivation(head: HeadName, named: HiddenActivation | undefined, field: string): HiddenActivation {
  const joint = named ?? head;
  if (!activationRecord(joint)) {
    throw new ValueError(`the ${head} head of the first network cannot be a hidden activation; name one with ${field} (e.g. 'relu')`);
  }
  return joint as HiddenActivation;
}

/**
 * A network from copies of the given parameters (read without handing the source networks'
 * matrices out: see parametersOf), with the frozen flags carried over.
 */
function build<S extends readonly number[], H extends HeadName>(
  weights: readonly Matrix[],
  biases: readonly (Matrix | null)[],
  activations: readonly Activation[],
  frozen: readonly boolean[],
): Network<S, H> {
  // Wraps the given matrices, then copies once: freeze returns a copy, clone otherwise.
  const net = new Network<S, H>(weights as WeightsOf<S>, biases, activations as never);
  const layers = frozen.flatMap((f, l) => (f ? [l] : []));
  return layers.length ? net.freeze(...layers) : net.clone();
}
