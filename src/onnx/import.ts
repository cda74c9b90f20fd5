// One job: fromOnnx, the public entry of ONNX import: its options and overloads (the sizes and head
// you expect type the result), the checks of its arguments, and the model's sizes and head against
// what was expected. Reading the model itself is onnx-network.ts (graph, chain, layers, tensors).
import type { Mutable, SizesCheck } from '../../types/index.js';
import { FormatError, ValueError } from '../errors.js';
import { type HeadName, HEAD_NAMES } from '../heads/index.js';
import { DEFAULT_MAX_BYTES } from '../io/format.js';
import type { Network } from '../network.js';
import { checkKeys, describe, keysOf } from '../validate.js';
import { readOnnxNetwork } from './onnx-network.js';

/** Options of {@link fromOnnx}. */
export interface FromOnnxOptions<H extends HeadName = HeadName> {
  /** The head you expect: the result is typed with it, and a model with another head is a FormatError. */
  readonly head?: H;
  /** Refuse a model of more than this many bytes before reading it (default 64 MiB, as `loadNetwork`; Infinity for no limit). */
  readonly maxBytes?: number;
}

const FROM_ONNX_KEYS = keysOf<FromOnnxOptions>()('head', 'maxBytes');

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
export function fromOnnx<const S extends readonly number[]>(bytes: Uint8Array | ArrayBuffer, sizes: S & SizesCheck<S>, options?: FromOnnxOptions<never>): Network<Mutable<S>, HeadName>;
// Last, so a call that matches none (a head that is not one) is reported against it: the message names the heads.
export function fromOnnx<const S extends readonly number[], const H extends HeadName>(bytes: Uint8Array | ArrayBuffer, sizes: S & SizesCheck<S>, options: FromOnnxOptions<H> & { readonly head: H }): Network<Mutable<S>, H>;
export function fromOnnx(bytes: Uint8Array | ArrayBuffer, sizes?: readonly number[], options?: FromOnnxOptions): Network<number[], HeadName> {
  checkKeys(options, FROM_ONNX_KEYS, 'fromOnnx options');
  const maxBytes = readMaxBytes(options?.maxBytes);
  const head = options?.head;
  if (head !== undefined && !HEAD_NAMES.includes(head)) throw new ValueError(`head is ${describe(head)}, but it must be one of ${HEAD_NAMES.join(', ')}`);
  if (sizes !== undefined && !Array.isArray(sizes)) throw new ValueError(`sizes must be an array of layer sizes, got ${describe(sizes)}`);
  const buf = toBytes(bytes, maxBytes);

  const net = readOnnxNetwork(buf);
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
