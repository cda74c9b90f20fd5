import type { Mutable, SizesCheck } from '../../types/index.js';
import type { HiddenActivation } from '../activations/index.js';
import { LEAKY_RELU_SLOPE } from '../activations/leaky-relu.js';
import { FormatError, TypedMlpError, ValueError } from '../errors.js';
import { type HeadName, HEAD_NAMES } from '../heads/index.js';
import { DEFAULT_MAX_BYTES } from '../io/format.js';
import { Matrix } from '../matrix.js';
import { Network } from '../network.js';
import type { WeightsOf } from '../network-types.js';
import { checkKeys, describe, keysOf, MAX_ENTRIES } from '../validate.js';
import { ProtoMessage, readReals } from './protobuf-read.js';

/** Options of {@link fromOnnx}. */
export interface FromOnnxOptions<H extends HeadName = HeadName> {
  /** The head you expect: the result is typed with it, and a model with another head is a FormatError. */
  readonly head?: H;
  /** Refuse a model of more than this many bytes before reading it (default 64 MiB, as `loadNetwork`; Infinity for no limit). */
  readonly maxBytes?: number;
}

const FROM_ONNX_KEYS = keysOf<FromOnnxOptions>()('head', 'maxBytes');

/** The operators fromOnnx reads, for error messages. */
const READS = 'fromOnnx reads Gemm, MatMul, Add, Relu, LeakyRelu, Tanh, Sigmoid, Softsign, Softmax (and Identity, Flatten, Reshape and inference-mode Dropout where they keep the rows)';

// onnx.proto enum values.
const T_FLOAT = 1;
const T_INT32 = 6;
const T_BOOL = 9;
const T_INT64 = 7;
const T_DOUBLE = 11;
const TYPE_NAMES: Record<number, string> = {
  0: 'undefined', 1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 14: 'complex64', 15: 'complex128', 16: 'bfloat16',
};
const FLOAT_TYPES = new Set([1, 10, 11, 16]);
const typeName = (t: number | undefined) => (t === undefined ? 'of no data type' : (TYPE_NAMES[t] ?? `of data type ${t}`));

/** The hidden activation of each ONNX operator (the identity, 'linear', is no node). */
const HIDDEN: Readonly<Record<string, HiddenActivation>> = { Relu: 'relu', LeakyRelu: 'leakyRelu', Tanh: 'tanh', Sigmoid: 'sigmoid', Softsign: 'softsign' };
/** The head of each ONNX operator that may end the graph (none: 'linear'). */
const HEADS: Readonly<Record<string, HeadName>> = { Sigmoid: 'sigmoid', Softmax: 'softmax' };
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

/** The longest chain of Identity/Transpose nodes read to reach a stored tensor (deeper is refused, never a stack overflow). */
const MAX_CONSTANT_DEPTH = 64;

/** How many inputs each operator takes, fewest and most (default: one). */
const INPUTS: Readonly<Record<string, readonly [number, number]>> = { Gemm: [2, 3], MatMul: [2, 2], Add: [2, 2], Dropout: [1, 3], Reshape: [2, 2] };

/** A tensor stored in the file: an initializer or a Constant node's value, as float64 (integers too). */
interface Tensor {
  readonly dims: readonly number[];
  readonly type: number;
  readonly values: Float64Array;
}

interface Node {
  readonly index: number;
  readonly op: string;
  readonly domain: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly proto: ProtoMessage;
}

interface Layer {
  weights: Matrix;
  bias: Float64Array | null;
  /** The activation that closed the layer, its operator and (first) node; none: the identity. */
  activation: { readonly op: string; readonly node: Node } | null;
}

/**
 * A typed network from an ONNX model (the bytes of a `.onnx` file): a feed-forward chain as
 * `torch.onnx.export` writes an `nn.Sequential` of `Linear` and `ReLU`, `LeakyReLU`, `Tanh`,
 * `Sigmoid`, `Softsign` or `Softmax` layers (any opset from 7), or as {@link toOnnx} writes one.
 * Given the sizes (and head) you expect, the result is typed with them; a model of other sizes or
 * another head is a FormatError, not a silently different network.
 *
 * The graph is followed from its one input to its one output, so the node order does not matter,
 * and it must be one chain: every tensor on the way feeds exactly one node. Layer l is
 * - [Gemm](https://onnx.ai/onnx/operators/onnx__Gemm.html) `Y = alpha·A·B′ + beta·C` with A the
 *   layer's input (transA = 0) and B a stored `[n_l, n_{l+1}]` weight, or `[n_{l+1}, n_l]` with
 *   transB = 1 (PyTorch's `Linear.weight`, which is transposed here to our W_l, n_l × n_{l+1});
 *   alpha is folded into W_l and beta into the bias C, which is `[n_{l+1}]`, `[1, n_{l+1}]` or a scalar;
 * - or [MatMul](https://onnx.ai/onnx/operators/onnx__MatMul.html) `X_l · W_l` with a stored
 *   `[n_l, n_{l+1}]` weight, then optionally [Add](https://onnx.ai/onnx/operators/onnx__Add.html)
 *   of a stored bias (either operand order: PyTorch writes `Add(bias, ·)`);
 * - then at most one activation: Relu, LeakyRelu (alpha must be 0.01, the slope of `leakyRelu`),
 *   Tanh, Sigmoid or Softsign for a hidden layer (none: `'linear'`); for the last layer Sigmoid
 *   (`'sigmoid'` head), [Softmax](https://onnx.ai/onnx/operators/onnx__Softmax.html) over the last
 *   axis (`'softmax'`) or none (`'linear'`; a model exported as logits reads as a linear head).
 *
 * Identity, Dropout in inference mode, and Flatten (at the last axis) or Reshape (to `[-1, n]`)
 * that keep each row's features are passed over. An input of more than two dims (a `Linear`
 * applied to `[B, T, n]`) is read as rows of n features, as every operator above reads the last axis. Stored tensors may be float32 or
 * float64, in `raw_data` (little-endian) or `float_data`/`double_data`, as initializers or
 * Constant nodes, and through Identity or Transpose nodes (what `do_constant_folding=False` leaves).
 * Float32 weights are widened to float64 exactly, so `fromOnnx(toOnnx(net))` has the float32-rounded
 * weights of `net`, bit for bit, and the network computes in float64 as any other.
 *
 * @param bytes the model: a `Uint8Array` (a Node `Buffer` from `readFileSync`) or an `ArrayBuffer` (from `fetch`).
 * @param sizes the layer sizes you expect, n_1 … n_{L+1}; omitted, the result is `Network<number[], HeadName>`.
 * @throws {FormatError} bytes that are not an ONNX model (truncated, garbled, over `maxBytes`); a
 *   node that is not supported, named by its index in `graph.node`, op type and name, e.g.
 *   `node 0 (Conv, name "/0/Conv") is not supported: fromOnnx reads Gemm, MatMul, …`; a graph that
 *   is not one chain; a LeakyRelu of another slope; weights that are not stored float32/float64;
 *   other sizes or another head than expected.
 * @throws {ValueError} options that are not options (an unknown key, a `maxBytes` that is not a number ≥ 0).
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * // Python: torch.onnx.export(nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10), nn.Softmax(dim=1)).eval(), x, 'mnist.onnx')
 * const net = fromOnnx(readFileSync('mnist.onnx'), [784, 128, 10], { head: 'softmax' }); // Network<[784, 128, 10], "softmax">
 * const any = fromOnnx(await (await fetch('/model.onnx')).arrayBuffer());            // Network<number[], HeadName>
 * fromOnnx(bytes, [784, 0, 10]); // compile error: sizes[1] must be a positive integer, got 0
 * ```
 */
export function fromOnnx<const H extends HeadName>(bytes: Uint8Array | ArrayBuffer, sizes: undefined, options: FromOnnxOptions<H> & { readonly head: H }): Network<number[], H>;
export function fromOnnx(bytes: Uint8Array | ArrayBuffer, sizes?: undefined, options?: FromOnnxOptions<never>): Network<number[], HeadName>;
export function fromOnnx<const S extends readonly number[], const H extends HeadName>(bytes: Uint8Array | ArrayBuffer, sizes: S & SizesCheck<S>, options: FromOnnxOptions<H> & { readonly head: H }): Network<Mutable<S>, H>;
export function fromOnnx<const S extends readonly number[]>(bytes: Uint8Array | ArrayBuffer, sizes: S & SizesCheck<S>, options?: FromOnnxOptions<never>): Network<Mutable<S>, HeadName>;
export function fromOnnx(bytes: Uint8Array | ArrayBuffer, sizes?: readonly number[], options?: FromOnnxOptions): Network<number[], HeadName> {
  checkKeys(options, FROM_ONNX_KEYS, 'fromOnnx options');
  const maxBytes = readMaxBytes(options?.maxBytes);
  const head = options?.head;
  if (head !== undefined && !HEAD_NAMES.includes(head)) throw new ValueError(`head is ${describe(head)}, but it must be one of ${HEAD_NAMES.join(', ')}`);
  if (sizes !== undefined && !Array.isArray(sizes)) throw new ValueError(`sizes must be an array of layer sizes, got ${describe(sizes)}`);
  const buf = toBytes(bytes, maxBytes);

  const net = new Reader(buf).read();
  const found = net.sizes as readonly number[];
  if (sizes !== undefined && (sizes.length !== found.length || sizes.some((n, i) => n !== found[i]))) {
    throw new FormatError(`the ONNX model has sizes [${found.join(', ')}] but [${sizes.join(', ')}] was expected`);
  }
  if (head !== undefined && net.head !== head) {
    throw new FormatError(`the ONNX model has a ${net.head} head (${headWhy(net.head)}) but a ${head} head was expected`);
  }
  return net;
}

function headWhy(head: HeadName): string {
  return head === 'linear' ? 'its last layer has no activation' : `its last layer ends in ${head === 'sigmoid' ? 'Sigmoid' : 'Softmax'}`;
}

function readMaxBytes(maxBytes: unknown): number {
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes < 0) {
    throw new ValueError(`maxBytes is ${describe(maxBytes)}, but it must be a number ≥ 0 (Infinity for no limit)`);
  }
  return maxBytes;
}

function toBytes(bytes: unknown, maxBytes: number): Uint8Array {
  // By tag rather than instanceof, so bytes from another realm (a worker, a vm context) are bytes too.
  const tag = Object.prototype.toString.call(bytes).slice(8, -1);
  let buf: Uint8Array;
  if (ArrayBuffer.isView(bytes) && tag === 'Uint8Array') buf = bytes as Uint8Array;
  else if (tag === 'ArrayBuffer' || tag === 'SharedArrayBuffer') buf = new Uint8Array(bytes as ArrayBuffer);
  else if (typeof bytes === 'string') {
    throw new FormatError(`an ONNX model is bytes (a Uint8Array or an ArrayBuffer), got a string of ${bytes.length} characters: read the file without an encoding (readFileSync(path), not readFileSync(path, 'utf8'))`);
  } else throw new FormatError(`an ONNX model is bytes (a Uint8Array or an ArrayBuffer), got ${describe(bytes)}`);
  if (buf.length > maxBytes) throw new FormatError(`the ONNX model is ${buf.length} bytes, over the limit of ${maxBytes} bytes (pass maxBytes to raise it)`);
  if (buf.length === 0) throw new FormatError('the ONNX model is empty (0 bytes)');
  return buf;
}

/** One pass over one model. */
class Reader {
  private readonly model: ProtoMessage;
  private readonly nodes: Node[] = [];
  private readonly producer = new Map<string, Node>();
  private readonly consumers = new Map<string, Node[]>();
  private readonly initializers = new Map<string, ProtoMessage>();
  private readonly constants = new Map<string, Tensor>();
  private inputName = '';
  private opset = 0;

  constructor(bytes: Uint8Array) {
    this.model = ProtoMessage.decode(bytes, 'model');
  }

  read(): Network<number[], HeadName> {
    const model = this.model;
    // A file that is not ONNX at all most often decodes as a few stray fields: say so plainly.
    const graph = model.message(7, 'graph');
    if (graph === undefined) throw new FormatError(`the bytes are not an ONNX model: there is no graph (ModelProto field 7; fields found: ${model.numbers().join(', ') || 'none'})`);

    graph.messages(5, 'initializer').forEach((t, i) => {
      const name = t.string(8, 'name') ?? '';
      if (name === '') throw new FormatError(`graph.initializer[${i}] has no name`);
      if (this.initializers.has(name)) throw new FormatError(`graph.initializer has two tensors named ${quote(name)}`);
      this.initializers.set(name, t);
    });
    graph.messages(1, 'node').forEach((m, index) => this.addNode(m, index));
    this.opset = this.defaultOpset(); // after the nodes: bytes that do not decode say so first

    const inputs = graph.messages(11, 'input').filter((v) => !this.initializers.has(v.string(1, 'name') ?? ''));
    const outputs = graph.messages(12, 'output');
    if (inputs.length !== 1) {
      const hint = inputs.length > 1 && this.initializers.size === 0 ? ' (its weights are inputs, not stored in the file: export with export_params=True)' : '';
      throw new FormatError(`the graph has ${inputs.length} inputs${names(inputs)}, but fromOnnx reads a network with one input${hint}`);
    }
    if (outputs.length !== 1) throw new FormatError(`the graph has ${outputs.length} outputs${names(outputs)}, but fromOnnx reads a network with one output`);
    const input = valueInfo(inputs[0]!, 'input');
    this.inputName = input.name;
    const output = valueInfo(outputs[0]!, 'output');
    if (input.type !== undefined && !FLOAT_TYPES.has(input.type)) throw new FormatError(`the input ${quote(input.name)} is ${typeName(input.type)}, but a network reads floating-point numbers`);

    const layers = this.walk(input, output.name);
    const weights = layers.map((l) => l.weights);
    const sizes = [weights[0]!.rows, ...weights.map((w) => w.cols)];
    const inWidth = input.dims?.at(-1);
    if (typeof inWidth === 'number' && inWidth !== sizes[0]) throw new FormatError(`the input ${quote(input.name)} has ${inWidth} features but the first layer takes ${sizes[0]}`);
    const outWidth = output.dims?.at(-1);
    if (typeof outWidth === 'number' && outWidth !== sizes.at(-1)) throw new FormatError(`the output ${quote(output.name)} has ${outWidth} features but the last layer gives ${sizes.at(-1)}`);

    const activations = layers.map((l, i) => this.activationName(l.activation, i === layers.length - 1));
    const biases = layers.map((l) => (l.bias ? new Matrix(1, l.bias.length, l.bias) : null));
    try {
      return new Network<number[], HeadName>(weights as WeightsOf<number[]>, biases, activations as never);
    } catch (e) {
      if (e instanceof TypedMlpError) throw new FormatError(`the ONNX model does not make a network: ${e.message}`);
      throw e;
    }
  }

  private defaultOpset(): number {
    for (const [i, o] of this.model.messages(8, 'opset_import').entries()) {
      const domain = o.string(1, 'domain') ?? '';
      if (domain === '' || domain === 'ai.onnx') {
        const v = o.int(2, 'version');
        if (v === undefined || v < 1) throw new FormatError(`model.opset_import[${i}] has version ${v ?? 'missing'}`);
        return v;
      }
    }
    throw new FormatError('the model imports no opset of the default ONNX domain (opset_import), so its operators have no defined meaning');
  }

  private addNode(m: ProtoMessage, index: number): void {
    const node: Node = {
      index,
      op: m.string(4, 'op_type') ?? '',
      domain: m.string(7, 'domain') ?? '',
      name: m.string(3, 'name') ?? '',
      inputs: m.strings(1, 'input'),
      outputs: m.strings(2, 'output'),
      proto: m,
    };
    this.nodes.push(node);
    for (const out of node.outputs) {
      if (out === '') continue; // an optional output left out
      const other = this.producer.get(out);
      if (other || this.initializers.has(out)) throw new FormatError(`${label(node)} writes tensor ${quote(out)}, which ${other ? `${label(other)} writes too` : 'is an initializer'}`);
      this.producer.set(out, node);
    }
    for (const inp of new Set(node.inputs)) {
      if (inp === '') continue; // an optional input left out
      const list = this.consumers.get(inp);
      if (list) list.push(node);
      else this.consumers.set(inp, [node]);
    }
  }

  /** Follows the chain from the input to the output, one node at a time, building the layers. */
  private walk(input: ValueInfo, output: string): Layer[] {
    const layers: Layer[] = [];
    let open: Layer | null = null; // the layer whose Gemm/MatMul was read but not yet its activation
    let current = input.name;
    let rank = input.dims?.length; // undefined: not declared
    let width = input.dims?.at(-1);
    const close = (activation: Layer['activation']) => {
      if (open) layers.push({ ...open, activation });
      open = null;
    };
    const visited = new Set<number>();
    while (current !== output) {
      const readers = this.consumers.get(current) ?? [];
      const from = this.producer.get(current);
      const what = `tensor ${quote(current)} (${from ? `the output of ${label(from)}` : 'the input'})`;
      if (readers.length === 0) throw new FormatError(`${what} reaches no node and is not the graph's output ${quote(output)}`);
      const softsign = readers.length === 2 && open ? this.softsign(current, readers) : null;
      if (softsign) {
        for (const n of softsign.nodes) {
          if (visited.has(n.index)) throw new FormatError(`${label(n)} is reached twice: the graph has a cycle`);
          visited.add(n.index);
        }
        close({ op: 'Softsign', node: softsign.nodes[0]! });
        current = softsign.output;
        continue;
      }
      if (readers.length > 1) throw new FormatError(`${what} feeds ${readers.length} nodes, ${readers.map(label).join(' and ')}: fromOnnx reads a single chain from the input to the output`);
      const node = readers[0]!;
      if (visited.has(node.index)) throw new FormatError(`${label(node)} is reached twice: the graph has a cycle`);
      visited.add(node.index);
      if (node.domain !== '' && node.domain !== 'ai.onnx') {
        const local = this.model.has(25) ? ', a function of the model (export without export_modules_as_functions)' : '';
        throw new FormatError(`${label(node)} is not supported: it is in domain ${quote(node.domain)}${local}, and ${READS} of the default domain`);
      }
      const known = ATTRIBUTES[node.op];
      if (!known) throw new FormatError(`${label(node)} is not supported: ${READS}`);
      const attrs = this.attributes(node, known);
      const next = node.outputs[0] ?? '';
      if (next === '') throw new FormatError(`${label(node)} has no output`);
      for (const extra of node.outputs.slice(1)) {
        if (extra !== '' && (this.consumers.has(extra) || extra === output)) throw new FormatError(`${label(node)}'s output ${quote(extra)} is read, but fromOnnx follows only its first output`);
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
        case 'MatMul': {
          expectFirst();
          const gemm = node.op === 'Gemm';
          if (gemm && rank !== undefined && rank !== 2) throw new FormatError(`${label(node)} reads a tensor of ${rank} dims, but Gemm takes 2`);
          if (gemm && (intAttr(attrs, 'transA') ?? 0) !== 0) throw new FormatError(`${label(node)} has transA = 1: it transposes the data (A), which is not a layer`);
          const B = this.constant(node, 1, 'the weight');
          if (B.type !== T_FLOAT && B.type !== T_DOUBLE) throw new FormatError(`${label(node)}'s weight ${quote(node.inputs[1]!)} is ${typeName(B.type)}, but weights are float32 or float64`);
          if (B.dims.length !== 2) throw new FormatError(`${label(node)}'s weight ${quote(node.inputs[1]!)} has dims [${B.dims.join(', ')}], but a layer's weight is a matrix (2 dims)`);
          const transB = gemm ? (intAttr(attrs, 'transB') ?? 0) !== 0 : false;
          const [fanIn, fanOut] = transB ? [B.dims[1]!, B.dims[0]!] : [B.dims[0]!, B.dims[1]!];
          if (width !== undefined && width !== fanIn) {
            throw new FormatError(`${label(node)} multiplies a tensor of ${width} features by a weight of ${fanIn} rows (${quote(node.inputs[1]!)}, dims [${B.dims.join(', ')}]${transB ? ', transB = 1' : ''})`);
          }
          const W = transB ? transpose(B.values, fanOut, fanIn) : B.values.slice();
          let bias: Float64Array | null = null;
          if (gemm) {
            const alpha = floatAttr(attrs, 'alpha') ?? 1;
            const beta = floatAttr(attrs, 'beta') ?? 1;
            if (alpha !== 1) for (let i = 0; i < W.length; i++) W[i] = alpha * W[i]!;
            if (node.inputs[2]) {
              bias = this.bias(node, this.constant(node, 2, 'the bias C'), fanOut, 2);
              if (beta !== 1) for (let i = 0; i < bias.length; i++) bias[i] = beta * bias[i]!;
            }
            rank = 2;
          }
          if (fanIn < 1 || fanOut < 1) throw new FormatError(`${label(node)}'s weight ${quote(node.inputs[1]!)} has dims [${B.dims.join(', ')}]: a layer has at least one input and one output`);
          checkFiniteValues(W, `${label(node)}'s weight ${quote(node.inputs[1]!)}`);
          close(null); // two linear layers in a row: the first has no activation ('linear')
          open = { weights: new Matrix(fanIn, fanOut, W), bias, activation: null };
          width = fanOut;
          break;
        }
        case 'Add': {
          if (!open) throw new FormatError(`${label(node)} adds to a tensor that is not a layer's product: an Add is read as the bias of the Gemm or MatMul right before it`);
          const layer: Layer = open;
          const c = this.bias(node, this.constant(node, 1 - dataAt, 'the bias'), layer.weights.cols, rank);
          if (layer.bias) for (let i = 0; i < c.length; i++) layer.bias[i] = layer.bias[i]! + c[i]!;
          else layer.bias = c;
          break;
        }
        case 'Relu':
        case 'LeakyRelu':
        case 'Tanh':
        case 'Sigmoid':
        case 'Softsign':
        case 'Softmax': {
          expectFirst();
          if (!open) throw new FormatError(`${label(node)} follows no Gemm or MatMul: a layer is Gemm, or MatMul and Add, then at most one activation`);
          if (node.op === 'LeakyRelu') {
            const alpha = floatAttr(attrs, 'alpha') ?? 0.01;
            if (alpha !== Math.fround(LEAKY_RELU_SLOPE) && alpha !== LEAKY_RELU_SLOPE) {
              throw new FormatError(`${label(node)} has slope alpha = ${alpha}, but leakyRelu's slope is ${LEAKY_RELU_SLOPE} (PyTorch's default, nn.LeakyReLU(0.01))`);
            }
          }
          if (node.op === 'Softmax') {
            const axis = intAttr(attrs, 'axis') ?? (this.opset >= 13 ? -1 : 1);
            const last = axis === -1 || (rank !== undefined && axis === rank - 1);
            if (!last) {
              throw new FormatError(`${label(node)} is over axis ${axis}${rank === undefined ? ' of a tensor whose dims are not declared' : ` of a tensor of ${rank} dims`}, but a softmax output is over the last axis (the features of each row)`);
            }
          }
          close({ op: node.op, node });
          break;
        }
        case 'Identity':
          expectFirst();
          break;
        case 'Dropout': {
          expectFirst();
          if (this.opset < 7 && (intAttr(attrs, 'is_test') ?? 0) === 0) throw new FormatError(`${label(node)} is in training mode (is_test = 0): export the model in inference mode (model.eval())`);
          if (node.inputs[2]) {
            const mode = this.constant(node, 2, 'training_mode');
            if (mode.values.some((v) => v !== 0)) throw new FormatError(`${label(node)} is in training mode (training_mode is true), so it drops units at random: export the model in inference mode (model.eval(), and no training=TrainingMode.TRAINING)`);
          }
          break;
        }
        case 'Flatten': {
          // [d_0, …, d_{r−1}] → [d_0·…·d_{a−1}, d_a·…·d_{r−1}]: at the last axis it keeps every row's features.
          expectFirst();
          const axis = intAttr(attrs, 'axis') ?? 1;
          if (rank === undefined || rank < 2 || (axis !== rank - 1 && axis !== -1)) {
            throw new FormatError(`${label(node)} flattens at axis ${axis} a tensor of ${rank ?? 'undeclared'} dims, which changes its rows: fromOnnx passes over a Flatten only at the last axis (axis 1 of 2 dims), where it keeps each row's features`);
          }
          rank = 2;
          break;
        }
        case 'Reshape': {
          expectFirst();
          const shape = node.inputs[1] ? this.constant(node, 1, 'the shape').values : undefined;
          const zeroCopies = (intAttr(attrs, 'allowzero') ?? 0) === 0;
          // [-1, n] keeps each row's n features from any rank ≥ 2; [0, n] and [0, -1] keep a 2-dim tensor as it is.
          const rows = shape !== undefined && shape.length === 2 && width !== undefined && rank !== undefined && rank >= 2;
          const keeps =
            rows && ((shape[0] === -1 && shape[1] === width) || (rank === 2 && shape[0] === 0 && zeroCopies && (shape[1] === width || shape[1] === -1)));
          if (!keeps) {
            throw new FormatError(`${label(node)} reshapes a tensor of ${rank ?? 'undeclared'} dims to [${shape ? Array.from(shape).join(', ') : '?'}], which may change its rows: fromOnnx passes over a Reshape only to [-1, ${width ?? 'n'}], which keeps each row's features`);
          }
          rank = 2;
          break;
        }
        default:
          throw new FormatError(`${label(node)} is not supported: ${READS}`);
      }
      current = next;
    }
    const extra = this.consumers.get(output);
    if (extra) throw new FormatError(`the output ${quote(output)} is also read by ${extra.map(label).join(' and ')}, which leads nowhere: fromOnnx reads a single chain from the input to the output`);
    close(null);
    if (layers.length === 0) throw new FormatError(`the graph has no Gemm or MatMul between the input ${quote(input.name)} and the output ${quote(output)}: there is no layer to read`);
    return layers;
  }

  /** The name of a layer's activation, from the node that closed it. */
  private activationName(activation: Layer['activation'], last: boolean): string {
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

  /**
   * Softsign as PyTorch's exporter writes it, x / (1 + |x|): x feeds Abs and Div, Abs feeds Add
   * of a stored 1, and that Add feeds the Div's divisor. The nodes (Abs first) and the Div's output,
   * or null for anything else.
   */
  private softsign(x: string, readers: readonly Node[]): { nodes: Node[]; output: string } | null {
    const plain = (n: Node | undefined, op: string): n is Node =>
      n !== undefined && n.op === op && (n.domain === '' || n.domain === 'ai.onnx') && !n.proto.has(5) && n.outputs.length === 1;
    const abs = readers.find((n) => n.op === 'Abs');
    const div = readers.find((n) => n.op === 'Div');
    if (!plain(abs, 'Abs') || !plain(div, 'Div') || abs.inputs.length !== 1 || div.inputs.length !== 2 || div.inputs[0] !== x) return null;
    const absReaders = this.consumers.get(abs.outputs[0]!) ?? [];
    const add = absReaders[0];
    if (absReaders.length !== 1 || !plain(add, 'Add') || add.inputs.length !== 2) return null;
    const one = add.inputs[0] === abs.outputs[0] ? add.inputs[1]! : add.inputs[0]!;
    const addReaders = this.consumers.get(add.outputs[0]!) ?? [];
    if (addReaders.length !== 1 || addReaders[0] !== div || div.inputs[1] !== add.outputs[0]) return null;
    let c: Tensor;
    try {
      c = this.resolve(one, add, 'the constant', 0);
    } catch {
      return null;
    }
    if (c.values.length !== 1 || c.values[0] !== 1 || c.dims.some((d) => d !== 1)) return null;
    return { nodes: [abs, add, div], output: div.outputs[0]! };
  }

  /** The attributes of a node by name, refusing any the operator is not read with. */
  private attributes(node: Node, known: readonly string[]): Map<string, ProtoMessage> {
    const out = new Map<string, ProtoMessage>();
    for (const a of node.proto.messages(5, 'attribute')) {
      const name = a.string(1, 'name') ?? '';
      if (a.has(21)) throw new FormatError(`${label(node)}'s attribute ${quote(name)} refers to a function's attribute, which is not supported`);
      if (!known.includes(name)) throw new FormatError(`${label(node)} has attribute ${quote(name)}, which fromOnnx does not read for ${node.op}${known.length ? ` (it reads ${known.join(', ')})` : ''}`);
      if (out.has(name)) throw new FormatError(`${label(node)} has attribute ${quote(name)} twice`);
      out.set(name, a);
    }
    return out;
  }

  /** Input `at` of `node` as a stored tensor (an initializer, or a Constant, Identity or Transpose of one). */
  private constant(node: Node, at: number, what: string): Tensor {
    const name = node.inputs[at];
    if (name === undefined || name === '') throw new FormatError(`${label(node)} has no ${what} (input ${at + 1})`);
    return this.resolve(name, node, what, 0);
  }

  private resolve(name: string, user: Node, what: string, depth: number): Tensor {
    const cached = this.constants.get(name);
    if (cached) return cached;
    const t = this.initializers.get(name);
    let result: Tensor;
    if (t) result = readTensor(t, `initializer ${quote(name)}`);
    else {
      const p = this.producer.get(name);
      if (!p) {
        const is = name === this.inputName ? 'the graph\'s input' : 'neither stored in the file nor written by any node';
        throw new FormatError(`${label(user)} reads ${what} from ${quote(name)}, which is ${is}: fromOnnx reads weights stored in the file`);
      }
      if (depth > MAX_CONSTANT_DEPTH) throw new FormatError(`${label(p)} is part of a cycle of constants, or of a chain of more than ${MAX_CONSTANT_DEPTH} Identity and Transpose nodes`);
      if (p.domain !== '' && p.domain !== 'ai.onnx') throw new FormatError(`${label(user)} reads ${what} from ${label(p)}, which is not in the default domain`);
      if (p.op === 'Constant') result = this.constantNode(p);
      else if (p.op === 'Identity' && p.inputs[0]) result = this.resolve(p.inputs[0], p, 'its input', depth + 1);
      else if (p.op === 'Transpose' && p.inputs[0]) result = transposeTensor(p, this.resolve(p.inputs[0], p, 'its input', depth + 1), this.attributes(p, ['perm']));
      else {
        throw new FormatError(`${label(user)} reads ${what} from ${label(p)}, which is not a stored tensor: fromOnnx reads weights stored as initializers or Constant nodes (possibly through Identity or Transpose)`);
      }
    }
    this.constants.set(name, result);
    return result;
  }

  private constantNode(node: Node): Tensor {
    const attrs = this.attributes(node, ['value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'sparse_value', 'value_string', 'value_strings']);
    if (attrs.size !== 1) throw new FormatError(`${label(node)} has ${attrs.size} attributes, but a Constant has exactly one`);
    const [key, a] = [...attrs][0]!;
    const where = `${label(node)}'s ${key}`;
    switch (key) {
      case 'value': {
        const t = a.message(5, 't');
        if (!t) throw new FormatError(`${where} holds no tensor`);
        return readTensor(t, where);
      }
      case 'value_float':
        return { dims: [], type: T_FLOAT, values: Float64Array.of(a.float(2, 'f') ?? fail(`${where} holds no float`)) };
      case 'value_floats': {
        const values = new Float64Array(a.reals(7, 'floats', 4));
        a.reals(7, 'floats', 4, values);
        return { dims: [values.length], type: T_FLOAT, values };
      }
      case 'value_int':
        return { dims: [], type: T_INT64, values: Float64Array.of(a.int(3, 'i') ?? fail(`${where} holds no int`)) };
      case 'value_ints': {
        const values = Float64Array.from(a.ints(8, 'ints'));
        return { dims: [values.length], type: T_INT64, values };
      }
      default:
        throw new FormatError(`${where} is a ${key === 'sparse_value' ? 'sparse tensor' : 'string'}, which fromOnnx does not read`);
    }
  }

  /**
   * A bias as n numbers, from a stored tensor that broadcasts along the rows: [n], [1, n], [1] or
   * a scalar (leading 1s allowed up to the data's rank), never one that depends on the row.
   */
  private bias(node: Node, c: Tensor, n: number, rank: number | undefined): Float64Array {
    const dims = c.dims;
    const lead = dims.slice(0, -1);
    const last = dims.at(-1) ?? 1;
    const fits = lead.every((d) => d === 1) && (last === n || last === 1) && dims.length <= Math.max(rank ?? 2, 1);
    if (!fits) {
      throw new FormatError(`${label(node)}'s bias has dims [${dims.join(', ')}], but a layer of ${n} outputs takes [${n}], [1, ${n}] or a scalar (the same for every row)`);
    }
    if (!FLOAT_TYPES.has(c.type)) throw new FormatError(`${label(node)}'s bias is ${typeName(c.type)}, but weights are float32 or float64`);
    const out = c.values.length === n ? c.values.slice() : new Float64Array(n).fill(c.values[0] ?? 0);
    checkFiniteValues(out, `${label(node)}'s bias`);
    return out;
  }
}

interface ValueInfo {
  readonly name: string;
  readonly type: number | undefined;
  /** The declared dims (a number, or a string for a symbolic one), or undefined when no shape is given. */
  readonly dims: (number | string)[] | undefined;
}

function valueInfo(v: ProtoMessage, what: string): ValueInfo {
  const name = v.string(1, 'name') ?? '';
  if (name === '') throw new FormatError(`the graph's ${what} has no name`);
  const tensor = v.message(2, 'type')?.message(1, 'tensor_type');
  const shape = tensor?.message(2, 'shape');
  const dims = shape?.messages(1, 'dim').map((d) => d.int(1, 'dim_value') ?? d.string(2, 'dim_param') ?? '?');
  return { name, type: tensor?.int(1, 'elem_type'), dims };
}

/** A TensorProto as float64 values, checking its dims against what it holds. */
function readTensor(t: ProtoMessage, where: string): Tensor {
  const dims = t.ints(1, 'dims');
  let size = 1;
  for (const d of dims) {
    if (d < 0) throw new FormatError(`${where} has dims [${dims.join(', ')}]: a dim cannot be negative`);
    size *= d;
  }
  if (size > MAX_ENTRIES) throw new FormatError(`${where} has dims [${dims.join(', ')}], ${size} values, over the limit of ${MAX_ENTRIES}`);
  const type = t.int(2, 'data_type') ?? 0;
  if ((t.int(14, 'data_location') ?? 0) !== 0 || t.has(13)) throw new FormatError(`${where} is stored outside the model file (external data), which fromOnnx does not read: save the model with its tensors inside`);
  if (t.has(3)) throw new FormatError(`${where} is a segment of a tensor, which fromOnnx does not read`);
  const width = type === T_FLOAT || type === T_INT32 ? 4 : type === T_DOUBLE || type === T_INT64 ? 8 : type === T_BOOL ? 1 : 0;
  if (width === 0) throw new FormatError(`${where} is ${typeName(type)}, but fromOnnx reads float32 and float64 weights (and int64 shapes, bool flags); convert the model with model.float() before exporting`);
  // What the tensor holds is counted before anything is allocated: dims alone may claim 2²⁷ values.
  const held = (count: number) => {
    if (count !== size) throw new FormatError(`${where} has dims [${dims.join(', ')}] (${size} values) but holds ${count}`);
    return new Float64Array(size);
  };
  const raw = t.bytes(9, 'raw_data');
  if (raw !== undefined) {
    if (raw.length % width !== 0) throw new FormatError(`${where} has ${raw.length} bytes of raw_data, not a whole number of ${typeName(type)} values`);
    const values = held(raw.length / width);
    if (type === T_FLOAT || type === T_DOUBLE) readReals(raw, width as 4 | 8, values, 0);
    else readIntegers(raw, width, values);
    return { dims, type, values };
  }
  if (type === T_FLOAT || type === T_DOUBLE) {
    const field = type === T_FLOAT ? 4 : 10;
    const fieldName = type === T_FLOAT ? 'float_data' : 'double_data';
    const values = held(t.reals(field, fieldName, width as 4 | 8));
    t.reals(field, fieldName, width as 4 | 8, values);
    return { dims, type, values };
  }
  const ints = type === T_INT64 ? t.ints(7, 'int64_data') : t.ints(5, 'int32_data'); // bool is stored as int32_data
  const values = held(ints.length);
  values.set(ints);
  return { dims, type, values };
}

function readIntegers(raw: Uint8Array, width: number, out: Float64Array): void {
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = width === 1 ? v.getUint8(i) : width === 4 ? v.getInt32(i * 4, true) : Number(v.getBigInt64(i * 8, true));
}

/** The Transpose of a stored matrix (perm [1, 0], or none); a vector or scalar is left as it is. */
function transposeTensor(node: Node, t: Tensor, attrs: Map<string, ProtoMessage>): Tensor {
  const perm = attrs.get('perm')?.ints(8, 'ints');
  const rank = t.dims.length;
  if (rank <= 1) return t;
  const reverse = perm === undefined || perm.every((p, i) => p === rank - 1 - i);
  if (rank !== 2 || !reverse) throw new FormatError(`${label(node)} transposes a tensor of dims [${t.dims.join(', ')}] with perm [${perm?.join(', ') ?? ''}]: fromOnnx folds a Transpose of a stored matrix only`);
  const [r, c] = t.dims as [number, number];
  return { dims: [c, r], type: t.type, values: transpose(t.values, r, c) };
}

/** The transpose of a row-major r×c matrix. */
function transpose(values: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = values[i * c + j]!;
  return out;
}

function intAttr(attrs: Map<string, ProtoMessage>, name: string): number | undefined {
  const a = attrs.get(name);
  return a === undefined ? undefined : (a.int(3, 'i') ?? fail(`attribute ${quote(name)} holds no int`));
}

function floatAttr(attrs: Map<string, ProtoMessage>, name: string): number | undefined {
  const a = attrs.get(name);
  return a === undefined ? undefined : (a.float(2, 'f') ?? fail(`attribute ${quote(name)} holds no float`));
}

function checkFiniteValues(values: Float64Array, where: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) throw new FormatError(`${where} has entry ${values[i]} at index ${i}: weights must be finite`);
  }
}

/** `node 3 (Conv, name "/0/Conv")`: the index in graph.node, the op type (with its domain if not the default) and the name. */
function label(node: Node): string {
  const op = node.domain && node.domain !== 'ai.onnx' ? `${node.domain}.${node.op}` : node.op || 'no op type';
  return `node ${node.index} (${op}${node.name ? `, name ${quote(node.name)}` : ', no name'})`;
}

/** A name from the file, quoted and escaped, and cut at 80 characters. */
function quote(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

function names(values: ProtoMessage[]): string {
  return values.length === 0 ? '' : ` (${values.map((v) => quote(v.string(1, 'name') ?? '')).join(', ')})`;
}

function fail(message: string): never {
  throw new FormatError(message);
}

