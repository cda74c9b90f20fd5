import { activationRecord, HIDDEN_ACTIVATIONS } from '../activations/index.js';
import type { OnnxAttribute } from '../activations/activation.js';
import { ShapeError, ValueError } from '../errors.js';
import { HEAD_NAMES, headOf } from '../heads/index.js';
import type { Matrix } from '../matrix.js';
import type { Network } from '../network.js';
import type { HeadName } from '../heads/index.js';
import { float32LE, ProtoWriter } from './protobuf.js';
import { count } from '../validate.js';

/** The ONNX IR version written (8: ONNX 1.10+, onnxruntime 1.10+). */
export const ONNX_IR_VERSION = 8;
/**
 * The default-domain opset written. 13 is the oldest opset in which every op used here (MatMul,
 * Add, Relu, LeakyRelu, Tanh, Sigmoid, Softmax on one axis) has its current meaning, so the
 * file loads in the widest range of runtimes.
 */
export const ONNX_OPSET = 13;

/** Options of {@link toOnnx}. */
export interface OnnxOptions {
  /**
   * What output "Y" holds: `'probabilities'` (default) applies the output activation (sigmoid or
   * softmax), so Y equals `net.forward(X)`; `'logits'` leaves it out, so Y is Z_L.
   */
  readonly outputs?: 'probabilities' | 'logits';
  /** The graph's name (default `'typed-mlp'`). */
  readonly graphName?: string;
}

// ONNX enum values (onnx.proto).
const FLOAT = 1; // TensorProto.DataType.FLOAT
const ATTR_FLOAT = 1; // AttributeProto.AttributeType.FLOAT
const ATTR_INT = 2; // AttributeProto.AttributeType.INT

type Attribute = OnnxAttribute;
interface Initializer {
  readonly name: string;
  readonly dims: readonly number[];
  readonly values: Float64Array;
}
interface Node {
  readonly op: string;
  readonly name: string;
  readonly inputs: readonly string[];
  output: string;
  readonly attributes: readonly Attribute[];
}

/**
 * The ONNX node of one layer's activation, or null for none (linear), from the activation's record
 * (hidden layers) or the head's (the last layer). An unknown kind is an error rather than a
 * silently wrong model.
 */
function activationNode(kind: string, layer: number, last: boolean, input: string): Omit<Node, 'output'> | null {
  const record = last ? headOf(kind) : activationRecord(kind);
  if (!record) {
    throw new ValueError(`toOnnx: layer ${layer} has activation '${kind}', which has no ONNX export (known: ${last ? HEAD_NAMES.join(', ') : HIDDEN_ACTIVATIONS.join(', ')})`);
  }
  if (!record.onnx) return null;
  const { op, attributes = [] } = record.onnx;
  return { op, name: `layer${layer}/${op}`, inputs: [input], attributes };
}

/**
 * The network as a standard ONNX model (the bytes of a `.onnx` file), for onnxruntime or any other
 * ONNX runtime. The graph has one input `"X"`, float32 `[N, n_1]` with a symbolic batch dim `"N"`,
 * and one output `"Y"`, float32 `[N, K]`. Layer l (from 1) is
 * `MatMul(X_l, W_l)` → `Add(·, b_l)` when it has a bias → its activation, with initializers
 * `W1`, `W2`, … (dims `[n_l, n_{l+1}]`, row-major as in `.data`) and `b1`, … (dims `[n_{l+1}]`);
 * nodes are named `layer<l>/<Op>` (e.g. `layer1/MatMul`), tensors `Z<l>` and `X<l+1>`.
 * Hidden activations map to `Relu`, `LeakyRelu` (alpha 0.01), `Tanh`, `Sigmoid` or nothing (linear);
 * the output one to `Sigmoid` or `Softmax` (axis −1). IR version 8, opset 13, producer `typed-mlp`.
 *
 * ONNX runs in float32: the float64 weights are rounded to the nearest float32, so the runtime's
 * outputs differ from `net.forward` by float32 rounding (about 1e-7 relative per value).
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const net = network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1);
 * writeFileSync('model.onnx', toOnnx(net));                    // Y = σ(…), like net.forward
 * writeFileSync('logits.onnx', toOnnx(net, { outputs: 'logits' })); // Y = Z_L
 * ```
 */
export function toOnnx<S extends readonly number[]>(net: Network<S, HeadName>, options: OnnxOptions = {}): Uint8Array {
  const outputs = options.outputs ?? 'probabilities';
  if (outputs !== 'probabilities' && outputs !== 'logits') {
    throw new ValueError(`toOnnx: outputs is '${String(outputs)}', but it must be 'probabilities' or 'logits'`);
  }
  const sizes = net.sizes as readonly number[];
  const weights = net.weights as readonly Matrix[];
  const biases = net.biases as readonly (Matrix | null)[];
  const activations = net.activations as readonly string[];
  const depth = weights.length;
  if (activations.length !== depth || biases.length !== depth || sizes.length !== depth + 1) {
    throw new ShapeError(`toOnnx: the network has ${depth} weight matrices, ${biases.length} biases, ${activations.length} activations and ${sizes.length} sizes`);
  }

  const nodes: Node[] = [];
  const initializers: Initializer[] = [];
  let current = 'X';
  for (let i = 0; i < depth; i++) {
    const l = i + 1;
    const w = weights[i]!;
    const b = biases[i];
    if (w.rows !== sizes[i] || w.cols !== sizes[l]) {
      throw new ShapeError(`toOnnx: W${l} is ${w.rows}×${w.cols} but the sizes say ${sizes[i]}×${sizes[l]}`);
    }
    initializers.push({ name: `W${l}`, dims: [w.rows, w.cols], values: w.data });
    // Tensor names follow the README: X_l → Z_l = X_l·W_l (+ b_l) → X_{l+1}.
    nodes.push({ op: 'MatMul', name: `layer${l}/MatMul`, inputs: [current, `W${l}`], output: b ? `XW${l}` : `Z${l}`, attributes: [] });
    current = nodes[nodes.length - 1]!.output;
    if (b) {
      if (b.data.length !== w.cols) throw new ShapeError(`toOnnx: b${l} has ${count(b.data.length, 'entry')} but W${l} has ${count(w.cols, 'column')}`);
      initializers.push({ name: `b${l}`, dims: [w.cols], values: b.data });
      nodes.push({ op: 'Add', name: `layer${l}/Add`, inputs: [current, `b${l}`], output: `Z${l}`, attributes: [] });
      current = `Z${l}`;
    }
    const kind = activations[i]!;
    const act = activationNode(kind, l, l === depth, current); // validates the kind even when it is left out
    if (act && !(l === depth && outputs === 'logits')) {
      nodes.push({ ...act, output: `X${l + 1}` });
      current = `X${l + 1}`;
    }
  }
  nodes[nodes.length - 1]!.output = 'Y';

  const w = new ProtoWriter();
  w.int64(1, ONNX_IR_VERSION); // ir_version
  w.string(2, 'typed-mlp'); // producer_name
  w.string(6, `typed-mlp MLP ${sizes.join('-')} (${activations.join(', ')}), Y = ${outputs}; float64 weights rounded to float32`); // doc_string
  w.message(7, (g) => graph(g, options.graphName ?? 'typed-mlp', nodes, initializers, sizes[0]!, sizes[depth]!)); // graph
  w.message(8, (op) => op.string(1, '').int64(2, ONNX_OPSET)); // opset_import: the default domain
  w.message(14, (kv) => kv.string(1, 'typed-mlp.sizes').string(2, sizes.join(','))); // metadata_props
  w.message(14, (kv) => kv.string(1, 'typed-mlp.activations').string(2, activations.join(',')));
  w.message(14, (kv) => kv.string(1, 'typed-mlp.outputs').string(2, outputs));
  return w.finish();
}

/** GraphProto. */
function graph(g: ProtoWriter, name: string, nodes: readonly Node[], inits: readonly Initializer[], inputs: number, outputs: number): void {
  for (const n of nodes) {
    g.message(1, (m) => {
      for (const input of n.inputs) m.string(1, input);
      m.string(2, n.output).string(3, n.name).string(4, n.op);
      for (const a of n.attributes) {
        m.message(5, (at) => {
          at.string(1, a.name);
          if ('float' in a) at.float(2, a.float).int32(20, ATTR_FLOAT);
          else at.int64(3, a.int).int32(20, ATTR_INT);
        });
      }
    });
  }
  g.string(2, name);
  for (const t of inits) {
    g.message(5, (m) => {
      for (const d of t.dims) m.int64(1, d); // dims
      m.int32(2, FLOAT); // data_type
      m.string(8, t.name); // name
      const bytes = float32LE(t.values);
      const back = new DataView(bytes.buffer);
      for (let i = 0; i < t.values.length; i++) {
        if (!Number.isFinite(back.getFloat32(i * 4, true))) {
          throw new ValueError(`toOnnx: ${t.name} has entry ${t.values[i]} at index ${i}, which does not fit in float32`);
        }
      }
      m.bytes(9, bytes); // raw_data
    });
  }
  g.message(11, (v) => valueInfo(v, 'X', inputs)); // input
  g.message(12, (v) => valueInfo(v, 'Y', outputs)); // output
}

/** ValueInfoProto of a float32 [N, cols] tensor, N symbolic. */
function valueInfo(v: ProtoWriter, name: string, cols: number): void {
  v.string(1, name);
  v.message(2, (type) =>
    type.message(1, (tensor) => {
      tensor.int32(1, FLOAT); // elem_type
      tensor.message(2, (shape) => {
        shape.message(1, (d) => d.string(2, 'N')); // dim_param
        shape.message(1, (d) => d.int64(1, cols)); // dim_value
      });
    }),
  );
}
