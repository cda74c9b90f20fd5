// One job: one node of the chain, read into the layers: Gemm or MatMul opens a layer, Add gives it
// its bias, an activation closes it, and Identity, Dropout, Flatten and Reshape are passed over
// where they keep each row's features. Anything else is refused, naming the node.
import { LEAKY_RELU_SLOPE } from '../activations/leaky-relu.js';
import { FormatError } from '../errors.js';
import { Matrix } from '../matrix.js';
import type { OnnxGraph } from './onnx-graph.js';
import { attributes, floatAttr, intAttr, label, type Node, quote } from './onnx-node.js';
import { checkFiniteValues, readBias, T_DOUBLE, T_FLOAT, transpose, typeName } from './onnx-tensors.js';
import type { ProtoMessage } from './protobuf-read.js';

/** The operators fromOnnx reads, for error messages. */
export const READS = 'fromOnnx reads Gemm, MatMul, Add, Relu, LeakyRelu, Tanh, Sigmoid, Softsign, Softmax (and Identity, Flatten, Reshape and inference-mode Dropout where they keep the rows)';

/** The attributes each operator may carry (anything else is refused rather than ignored). */
const ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  Gemm: ['alpha', 'beta', 'transA', 'transB', 'broadcast'],
  MatMul: [],
  Add: ['broadcast'],
  Relu: ['consumed_inputs'],
  LeakyRelu: ['alpha', 'consumed_inputs'],
  Tanh: ['consumed_inputs'],
  Sigmoid: ['consumed_inputs'],
  Softsign: [],
  Softmax: ['axis'],
  Identity: [],
  Flatten: ['axis'],
  Reshape: ['allowzero'],
  Dropout: ['ratio', 'seed', 'is_test', 'consumed_inputs'],
};

/** Whether fromOnnx reads operator `op` of the default domain (own keys only: "toString" is none). */
export function isRead(op: string): boolean {
  return Object.hasOwn(ATTRIBUTES, op);
}

/** Whether `node` is of the default ONNX domain ("" or "ai.onnx"). */
export function isDefaultDomain(node: Node): boolean {
  return node.domain === '' || node.domain === 'ai.onnx';
}

/**
 * The error for a node whose operator fromOnnx does not read: of another domain (a function of the
 * model, or a runtime's own operator), or of the default domain but not among {@link READS}.
 */
export function unsupported(graph: OnnxGraph, node: Node): FormatError {
  if (!isDefaultDomain(node)) {
    const local = graph.hasFunctions() ? ', a function of the model (export without export_modules_as_functions)' : '';
    return new FormatError(`${label(node)} is not supported: it is in domain ${quote(node.domain)}${local}, and ${READS} of the default domain`);
  }
  return new FormatError(`${label(node)} is not supported: ${READS}`);
}

/** How many inputs each operator takes, fewest and most (default: one). */
const INPUTS: Readonly<Record<string, readonly [number, number]>> = { Gemm: [2, 3], MatMul: [2, 2], Add: [2, 2], Dropout: [1, 3], Reshape: [2, 2] };

export interface Layer {
  weights: Matrix;
  bias: Float64Array | null;
  /** The activation that closed the layer, its operator and (first) node; none: the identity. */
  activation: { readonly op: string; readonly node: Node } | null;
}

/** What the walk has read so far: the layers closed, the one still open, and what is known of the data's dims. */
export class Chain {
  readonly layers: Layer[] = [];
  /** The layer whose Gemm/MatMul was read but not yet its activation. */
  open: Layer | null = null;
  /** The data's number of dims; undefined: not declared. */
  rank: number | undefined;
  /** The data's last dim (its features); undefined: not declared, or symbolic (a dim_param such as "F"). */
  width: number | undefined;

  constructor(dims: readonly (number | string)[] | undefined) {
    this.rank = dims?.length;
    const last = dims?.at(-1);
    this.width = typeof last === 'number' ? last : undefined;
  }

  /** Ends the open layer (if any) with this activation. */
  close(activation: Layer['activation']): void {
    if (this.open) this.layers.push({ ...this.open, activation });
    this.open = null;
  }
}

/** Reads `node`, which takes tensor `current`, into the chain; its output, the next tensor. */
export function readNode(graph: OnnxGraph, chain: Chain, node: Node, current: string, output: string): string {
  if (!isRead(node.op)) throw unsupported(graph, node);
  const known = ATTRIBUTES[node.op]!;
  const attrs = attributes(node, known);
  const next = node.outputs[0] ?? '';
  if (next === '') throw new FormatError(`${label(node)} has no output`);
  for (const extra of node.outputs.slice(1)) {
    if (extra !== '' && (graph.consumers.has(extra) || extra === output)) throw new FormatError(`${label(node)}'s output ${quote(extra)} is read, but fromOnnx follows only its first output`);
  }
  const dataAt = node.inputs.indexOf(current);
  const [fewest, most] = INPUTS[node.op] ?? [1, 1];
  const given = node.inputs.length;
  if (given < fewest || given > most) throw new FormatError(`${label(node)} has ${given} inputs, but ${node.op} takes ${fewest === most ? fewest : `${fewest} to ${most}`}`);
  const expectFirst = () => {
    if (dataAt !== 0) throw new FormatError(`${label(node)} takes ${quote(current)} as input ${dataAt + 1}, not as its data input (input 1)`);
  };

  switch (node.op) {
    case 'Gemm':
    case 'MatMul':
      expectFirst();
      readProduct(graph, chain, node, attrs);
      break;
    case 'Add': {
      if (!chain.open) throw new FormatError(`${label(node)} adds to a tensor that is not a layer's product: an Add is read as the bias of the Gemm or MatMul right before it`);
      const layer: Layer = chain.open;
      const c = readBias(node, graph.constant(node, 1 - dataAt, 'the bias'), layer.weights.cols, chain.rank);
      if (layer.bias) for (let i = 0; i < c.length; i++) layer.bias[i] = layer.bias[i]! + c[i]!;
      else layer.bias = c;
      break;
    }
    case 'Relu':
    case 'LeakyRelu':
    case 'Tanh':
    case 'Sigmoid':
    case 'Softsign':
    case 'Softmax':
      expectFirst();
      readActivation(graph, chain, node, attrs);
      break;
    case 'Identity':
      expectFirst();
      break;
    case 'Dropout': {
      expectFirst();
      if (graph.opset < 7 && (intAttr(attrs, 'is_test') ?? 0) === 0) throw new FormatError(`${label(node)} is in training mode (is_test = 0): export the model in inference mode (model.eval())`);
      if (node.inputs[2]) {
        const mode = graph.constant(node, 2, 'training_mode');
        if (mode.values.some((v) => v !== 0)) throw new FormatError(`${label(node)} is in training mode (training_mode is true), so it drops units at random: export the model in inference mode (model.eval(), and no training=TrainingMode.TRAINING)`);
      }
      break;
    }
    case 'Flatten':
      expectFirst();
      readFlatten(chain, node, attrs);
      break;
    case 'Reshape':
      expectFirst();
      readReshape(graph, chain, node, attrs);
      break;
    default:
      throw unsupported(graph, node);
  }
  return next;
}

/** Gemm (alpha and beta folded in, B transposed if transB) or MatMul by a stored weight: a new open layer. */
function readProduct(graph: OnnxGraph, chain: Chain, node: Node, attrs: Map<string, ProtoMessage>): void {
  const gemm = node.op === 'Gemm';
  if (gemm && chain.rank !== undefined && chain.rank !== 2) throw new FormatError(`${label(node)} reads a tensor of ${chain.rank} dims, but Gemm takes 2`);
  if (gemm && (intAttr(attrs, 'transA') ?? 0) !== 0) throw new FormatError(`${label(node)} has transA = 1: it transposes the data (A), which is not a layer`);
  const B = graph.constant(node, 1, 'the weight');
  if (B.type !== T_FLOAT && B.type !== T_DOUBLE) throw new FormatError(`${label(node)}'s weight ${quote(node.inputs[1]!)} is ${typeName(B.type)}, but weights are float32 or float64`);
  if (B.dims.length !== 2) throw new FormatError(`${label(node)}'s weight ${quote(node.inputs[1]!)} has dims [${B.dims.join(', ')}], but a layer's weight is a matrix (2 dims)`);
  const transB = gemm ? (intAttr(attrs, 'transB') ?? 0) !== 0 : false;
  const [fanIn, fanOut] = transB ? [B.dims[1]!, B.dims[0]!] : [B.dims[0]!, B.dims[1]!];
  if (chain.width !== undefined && chain.width !== fanIn) {
    throw new FormatError(`${label(node)} multiplies a tensor of ${chain.width} features by a weight of ${fanIn} rows (${quote(node.inputs[1]!)}, dims [${B.dims.join(', ')}]${transB ? ', transB = 1' : ''})`);
  }
  const W = transB ? transpose(B.values, fanOut, fanIn) : B.values.slice();
  let bias: Float64Array | null = null;
  if (gemm) {
    const alpha = floatAttr(attrs, 'alpha') ?? 1;
    const beta = floatAttr(attrs, 'beta') ?? 1;
    if (alpha !== 1) for (let i = 0; i < W.length; i++) W[i] = alpha * W[i]!;
    if (node.inputs[2]) {
      bias = readBias(node, graph.constant(node, 2, 'the bias C'), fanOut, 2);
      if (beta !== 1) for (let i = 0; i < bias.length; i++) bias[i] = beta * bias[i]!;
    }
    chain.rank = 2;
  }
  if (fanIn < 1 || fanOut < 1) throw new FormatError(`${label(node)}'s weight ${quote(node.inputs[1]!)} has dims [${B.dims.join(', ')}]: a layer has at least one input and one output`);
  checkFiniteValues(W, `${label(node)}'s weight ${quote(node.inputs[1]!)}`);
  chain.close(null); // two linear layers in a row: the first has no activation ('linear')
  chain.open = { weights: new Matrix(fanIn, fanOut, W), bias, activation: null };
  chain.width = fanOut;
}

/** An activation closes the open layer: LeakyRelu only of leakyRelu's slope, Softmax only over the last axis. */
function readActivation(graph: OnnxGraph, chain: Chain, node: Node, attrs: Map<string, ProtoMessage>): void {
  if (!chain.open) throw new FormatError(`${label(node)} follows no Gemm or MatMul: a layer is Gemm, or MatMul and Add, then at most one activation`);
  if (node.op === 'LeakyRelu') {
    const alpha = floatAttr(attrs, 'alpha') ?? 0.01;
    if (alpha !== Math.fround(LEAKY_RELU_SLOPE) && alpha !== LEAKY_RELU_SLOPE) {
      throw new FormatError(`${label(node)} has slope alpha = ${alpha}, but leakyRelu's slope is ${LEAKY_RELU_SLOPE} (PyTorch's default, nn.LeakyReLU(0.01))`);
    }
  }
  if (node.op === 'Softmax') {
    const rank = chain.rank;
    const axis = intAttr(attrs, 'axis') ?? (graph.opset >= 13 ? -1 : 1);
    const last = axis === -1 || (rank !== undefined && axis === rank - 1);
    if (!last) {
      throw new FormatError(`${label(node)} is over axis ${axis}${rank === undefined ? ' of a tensor whose dims are not declared' : ` of a tensor of ${rank} dims`}, but a softmax output is over the last axis (the features of each row)`);
    }
  }
  chain.close({ op: node.op, node });
}

/** [d_0, …, d_{r−1}] → [d_0·…·d_{a−1}, d_a·…·d_{r−1}]: at the last axis it keeps every row's features. */
function readFlatten(chain: Chain, node: Node, attrs: Map<string, ProtoMessage>): void {
  const rank = chain.rank;
  const axis = intAttr(attrs, 'axis') ?? 1;
  if (rank === undefined || rank < 2 || (axis !== rank - 1 && axis !== -1)) {
    throw new FormatError(`${label(node)} flattens at axis ${axis} a tensor of ${rank ?? 'undeclared'} dims, which changes its rows: fromOnnx passes over a Flatten only at the last axis (axis 1 of 2 dims), where it keeps each row's features`);
  }
  chain.rank = 2;
}

/** [-1, n] keeps each row's n features from any rank ≥ 2; [0, n] and [0, -1] keep a 2-dim tensor as it is. */
function readReshape(graph: OnnxGraph, chain: Chain, node: Node, attrs: Map<string, ProtoMessage>): void {
  const { rank, width } = chain;
  const shape = node.inputs[1] ? graph.constant(node, 1, 'the shape').values : undefined;
  const zeroCopies = (intAttr(attrs, 'allowzero') ?? 0) === 0;
  const rows = shape !== undefined && shape.length === 2 && width !== undefined && rank !== undefined && rank >= 2;
  const keeps =
    rows && ((shape[0] === -1 && shape[1] === width) || (rank === 2 && shape[0] === 0 && zeroCopies && (shape[1] === width || shape[1] === -1)));
  if (!keeps) {
    throw new FormatError(`${label(node)} reshapes a tensor of ${rank ?? 'undeclared'} dims to [${shape ? Array.from(shape).join(', ') : '?'}], which may change its rows: fromOnnx passes over a Reshape only to [-1, ${width ?? 'n'}], which keeps each row's features`);
  }
  chain.rank = 2;
}
