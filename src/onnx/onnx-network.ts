// One job: the network an ONNX model holds: its chain's layers, checked against the declared input
// and output widths, with each layer's activation named (a hidden activation, or the head).
import type { HiddenActivation } from '../activations/index.js';
import { FormatError, TypedMlpError } from '../errors.js';
import type { HeadName } from '../heads/index.js';
import { Matrix } from '../matrix.js';
import { Network } from '../network.js';
import type { WeightsOf } from '../network-types.js';
import { readChain } from './onnx-chain.js';
import { OnnxGraph } from './onnx-graph.js';
import type { Layer } from './onnx-layers.js';
import { label, quote } from './onnx-node.js';

/** The hidden activation of each ONNX operator (the identity, 'linear', is no node). */
const HIDDEN: Readonly<Record<string, HiddenActivation>> = { Relu: 'relu', LeakyRelu: 'leakyRelu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softsign: 'softsign' };
/** The head of each ONNX operator that may end the graph (none: 'linear'). */
const HEADS: Readonly<Record<string, HeadName>> = { Sigmoid: 'sigmoid', Softmax: 'softmax' };

/** The network of an ONNX model's bytes (already checked to be bytes, non-empty and within the limit). */
export function readOnnxNetwork(bytes: Uint8Array): Network<number[], HeadName> {
  const graph = new OnnxGraph(bytes);
  const { input, output } = graph;
  const layers = readChain(graph);
  const weights = layers.map((l) => l.weights);
  const sizes = [weights[0]!.rows, ...weights.map((w) => w.cols)];
  const inWidth = input.dims?.at(-1);
  if (typeof inWidth === 'number' && inWidth !== sizes[0]) throw new FormatError(`the input ${quote(input.name)} has ${inWidth} features but the first layer takes ${sizes[0]}`);
  const outWidth = output.dims?.at(-1);
  if (typeof outWidth === 'number' && outWidth !== sizes.at(-1)) throw new FormatError(`the output ${quote(output.name)} has ${outWidth} features but the last layer gives ${sizes.at(-1)}`);

  const activations = layers.map((l, i) => activationName(l.activation, i === layers.length - 1));
  const biases = layers.map((l) => (l.bias ? new Matrix(1, l.bias.length, l.bias) : null));
  try {
    return new Network<number[], HeadName>(weights as WeightsOf<number[]>, biases, activations as never);
  } catch (e) {
    if (e instanceof TypedMlpError) throw new FormatError(`the ONNX model does not make a network: ${e.message}`);
    throw e;
  }
}

/** The name of a layer's activation, from the node that closed it. */
function activationName(activation: Layer['activation'], last: boolean): string {
  if (activation === null) return 'linear';
  const { op, node } = activation;
  const where = op === node.op ? label(node) : `${op} (x / (1 + |x|), from ${label(node)})`;
  if (!last) {
    const hidden = HIDDEN[op];
    if (hidden) return hidden;
    throw new FormatError(`${where} is a hidden layer's activation, but ${op} is only read at the output: a hidden layer takes Relu, LeakyRelu, Tanh, Sigmoid, Softsign or none`);
  }
  const head = HEADS[op];
  if (head) return head;
  throw new FormatError(`${where} ends the network, but ${op} is not an output head: the last layer ends in Sigmoid ('sigmoid'), Softmax ('softmax') or nothing ('linear')`);
}
