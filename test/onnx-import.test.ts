// fromOnnx: models exported by PyTorch (test/fixtures/onnx, made by scripts/onnx-fixtures.py with torch
// 1.13.1 and onnx 1.12.0) load as typed networks that agree with PyTorch's own outputs; our toOnnx
// round-trips bit for bit; every graph fromOnnx cannot represent is a FormatError naming the node; and
// truncated, garbled or random bytes are a FormatError, never another exception or a hang.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FormatError, fromOnnx, fromWeights, type HeadName, type HiddenActivation, matrix, Matrix, mulberry32, network, type Network, toOnnx, ValueError,
} from '../src/index.js';
import { ProtoWriter } from '../src/onnx/protobuf.js';
import { ProtoMessage } from '../src/onnx/protobuf-read.js';

const DIR = fileURLToPath(new URL('fixtures/onnx/', import.meta.url));
const bytesOf = (name: string) => readFileSync(`${DIR}${name}.onnx`);
type AnyNet = Network<number[], HeadName>;

interface Fixture {
  name: string;
  sizes: number[];
  head: HeadName;
  activations: string[];
  source: string;
  inputs: number[][];
  outputs: number[][];
}
const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f.slice(0, -'.json'.length), ...(JSON.parse(readFileSync(DIR + f, 'utf8')) as Omit<Fixture, 'name'>) }));

/** float32 fixtures: 16 units of float32 rounding (2⁻²⁰ ≈ 9.5e-7) relative to max(1, |y|); float64 ones: 16 units of 2⁻⁵³. */
const tolerance = (name: string) => (/float64|double/.test(name) ? 16 * 2 ** -53 : 16 * 2 ** -24);

/** The largest |a − b| / max(1, |b|). */
function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

/** Whether two float64 arrays hold the same bits (−0 and NaN payloads included). */
const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && new Uint8Array(a.buffer, a.byteOffset, a.byteLength).every((x, i) => x === new Uint8Array(b.buffer, b.byteOffset, b.byteLength)[i]);

/** Runs `f` and returns what it threw (or 'ok'), failing on anything but a FormatError. */
function outcome(f: () => unknown): 'ok' | FormatError {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) throw new Error(`expected a FormatError, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    return e;
  }
}

beforeAll(() => {
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
});

// ---------------------------------------------------------------------------------------------
describe("PyTorch's exports load and agree with PyTorch's outputs", () => {
  it('the fixtures are all here (17 supported models, 13 refused ones, under 200 kB in all)', () => {
    expect(fixtures.length).toBe(17);
    const files = readdirSync(DIR);
    expect(files.filter((f) => f.startsWith('bad_')).length).toBe(13);
    expect(files.reduce((s, f) => s + readFileSync(DIR + f).length, 0)).toBeLessThan(200_000);
  });

  // Tolerance. PyTorch computed in float32 (24-bit significand, unit roundoff u = 2⁻²⁴ ≈ 6e-8), rounding
  // every product and partial sum; fromOnnx widens the same float32 weights to float64 exactly and
  // computes in float64. So the difference is PyTorch's own rounding: a few u per layer, growing about
  // like √n over a dot product of length n (n ≤ 196 here). Measured: at most 1.5 u (9.2e-8) over every
  // fixture. The bound, 16 u relative to max(1, |y|), leaves room for that and is still 10⁴ times below
  // what any mistake in reading a model gives (a transposed weight or a wrong activation moves outputs
  // by 1e-2 or more). The .double() models are held to 16 units of float64 rounding the same way.
  for (const fx of fixtures) {
    it(`${fx.name}: sizes [${fx.sizes.join(', ')}], ${fx.head} head, within ${tolerance(fx.name).toExponential(1)} of PyTorch`, () => {
      const net = fromOnnx(bytesOf(fx.name), fx.sizes as number[], { head: fx.head });
      expect(net.sizes).toEqual(fx.sizes);
      expect(net.head).toBe(fx.head);
      expect(net.activations).toEqual(fx.activations);
      const y = net.forward(matrix(fx.inputs) as never) as Matrix;
      expect(y.rows).toBe(fx.outputs.length);
      const worst = worstRelative(y.data, fx.outputs.flat());
      console.log(`fromOnnx ${fx.name}: max |Δy|/max(1,|y|) = ${worst.toExponential(2)} (${(worst / 2 ** -24).toFixed(2)} float32 units)`);
      expect(worst).toBeLessThanOrEqual(tolerance(fx.name));
    });
  }

  it('a second reader agrees: onnxruntime runs every fixture and matches PyTorch (so the rewritten ones compute what PyTorch did)', async () => {
    for (const fx of fixtures) {
      const session = await ort.InferenceSession.create(bytesOf(fx.name), { logSeverityLevel: 3 }); // no warning about IR 3's initializers listed as inputs
      try {
        const f64 = /float64|double/.test(fx.name);
        const dims = fx.name.includes('_3d_') ? [1, fx.inputs.length, fx.sizes[0]!] : [fx.inputs.length, fx.sizes[0]!];
        const x = new ort.Tensor(f64 ? 'float64' : 'float32', (f64 ? Float64Array : Float32Array).from(fx.inputs.flat()), dims);
        const result = await session.run({ [session.inputNames[0]!]: x });
        const y = result[session.outputNames[0]!]!.data as Float32Array | Float64Array;
        expect(worstRelative(y, fx.outputs.flat()), fx.name).toBeLessThanOrEqual(tolerance(fx.name));
      } finally {
        await session.release();
      }
    }
  });

  it('the sizes and the head are checked: another list or head is a FormatError saying both', () => {
    const bytes = bytesOf('relu_softmax_196_64_10');
    expect(() => fromOnnx(bytes, [196, 64, 9])).toThrow(FormatError);
    expect(() => fromOnnx(bytes, [196, 64, 9])).toThrow('the ONNX model has sizes [196, 64, 10] but [196, 64, 9] was expected');
    expect(() => fromOnnx(bytes, [196, 10])).toThrow('the ONNX model has sizes [196, 64, 10] but [196, 10] was expected');
    expect(() => fromOnnx(bytes, [196, 64, 10], { head: 'sigmoid' })).toThrow('the ONNX model has a softmax head (its last layer ends in Softmax) but a sigmoid head was expected');
    expect(() => fromOnnx(bytesOf('leakyrelu_linear_3_16_16_2_opset17'), undefined, { head: 'softmax' })).toThrow('has a linear head (its last layer has no activation) but a softmax head was expected');
    const any = fromOnnx(bytes); // no sizes: Network<number[], HeadName>
    expect(any.sizes).toEqual([196, 64, 10]);
  });

  it('reads a Uint8Array at an offset in a larger buffer, an ArrayBuffer, and a Node Buffer alike', () => {
    const bytes = new Uint8Array(bytesOf('float64_relu_sigmoid_3_6_1'));
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    const nets = [fromOnnx(bytes, [3, 6, 1]), fromOnnx(padded.subarray(3, 3 + bytes.length), [3, 6, 1]), fromOnnx(bytes.slice().buffer, [3, 6, 1]), fromOnnx(bytesOf('float64_relu_sigmoid_3_6_1'), [3, 6, 1])];
    for (const net of nets.slice(1)) {
      net.weights.forEach((w, l) => expect(sameBits(w.data, nets[0]!.weights[l]!.data)).toBe(true));
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe('toOnnx → fromOnnx round trip', () => {
  const f32 = (m: Matrix) => new Matrix(m.rows, m.cols, m.data.map(Math.fround));
  const heads: [HeadName, number][] = [['sigmoid', 1], ['softmax', 3], ['linear', 2]];
  const hidden: HiddenActivation[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear', 'softsign'];
  const u = mulberry32(77);
  const X = new Matrix(6, 4, Float64Array.from({ length: 24 }, () => 4 * u() - 2));

  const cases: { name: string; net: AnyNet }[] = [];
  hidden.forEach((act, i) => {
    for (const [head, k] of heads) {
      cases.push({ name: `${act} hidden, ${head} head, biases`, net: network(4, { seed: 10 + i }).hidden(5, act).hidden(3, 'tanh').output(k, head) as unknown as AnyNet });
    }
  });
  cases.push({ name: 'no biases (the seed form)', net: network(4, { seed: 3, bias: false }).relu(5).sigmoid(1) as unknown as AnyNet });
  cases.push({
    name: 'one layer without a bias, weights that are not float32 (rounded on export)',
    net: fromWeights([matrix([[0.1, -0.2], [0.3, 1 / 3], [1e-3, 2], [-0, 5]]), matrix([[Math.PI, 1], [Math.E, -1]])], { biases: [null, [0.1, 1e-40]], activations: ['leakyRelu', 'softmax'] }) as unknown as AnyNet,
  });

  for (const { name, net } of cases) {
    it(`${name}: the float32-rounded weights, bit for bit, the same forward, and the same bytes again`, () => {
      const bytes = toOnnx(net);
      const back = fromOnnx(bytes, net.sizes, { head: net.head });
      expect(back.sizes).toEqual(net.sizes);
      expect(back.activations).toEqual(net.activations);
      net.weights.forEach((w, l) => expect(sameBits(back.weights[l]!.data, f32(w).data), `W${l + 1}`).toBe(true));
      net.biases.forEach((b, l) => {
        const got = back.biases[l];
        if (b === null) expect(got).toBeNull();
        else expect(sameBits(got!.data, f32(b).data), `b${l + 1}`).toBe(true);
      });
      // The same network made directly from the rounded parameters computes the same bits.
      const direct = fromWeights(net.weights.map(f32) as never, { biases: net.biases.map((b) => (b ? f32(b) : null)) as never, activations: net.activations as never }) as unknown as AnyNet;
      expect(sameBits((back.forward(X as never) as Matrix).data, (direct.forward(X as never) as Matrix).data)).toBe(true);
      // Reading and writing again changes nothing: the second export is the first one's bytes.
      expect(Buffer.from(toOnnx(back)).equals(Buffer.from(bytes))).toBe(true);
    });
  }

  it("a model exported as logits (outputs: 'logits') reads as the same layers with a linear head", () => {
    const net = network(4, { seed: 2 }).relu(5).softmax(3);
    const back = fromOnnx(toOnnx(net, { outputs: 'logits' }), [4, 5, 3], { head: 'linear' });
    expect(back.activations).toEqual(['relu', 'linear']);
    expect(() => fromOnnx(toOnnx(net, { outputs: 'logits' }), [4, 5, 3], { head: 'softmax' })).toThrow('has a linear head (its last layer has no activation) but a softmax head was expected');
  });
});

// ---------------------------------------------------------------------------------------------
describe('graphs fromOnnx cannot represent: a FormatError naming the node', () => {
  const refused: [string, string][] = [
    ['conv', 'node 0 (Conv, name "/0/Conv") is not supported: fromOnnx reads Gemm, MatMul, Add, Relu, LeakyRelu, Tanh, Sigmoid, Softsign, Softmax'],
    ['batchnorm', 'node 3 (BatchNormalization, name "/1/BatchNormalization") is not supported: fromOnnx reads Gemm'],
    ['elu', 'node 1 (Elu, name "/1/Elu") is not supported'],
    ['logsoftmax', 'node 1 (LogSoftmax, name "/1/LogSoftmax") is not supported'],
    // GELU is x·(1 + erf(x/√2))/2: the Gemm's output feeds a Div and a Mul. The operator it does not read
    // is named first (it used to be the branch, which never said what was unsupported).
    ['gelu', 'node 2 (Div, name "/1/Div") is not supported: fromOnnx reads Gemm, MatMul, Add, Relu, LeakyRelu, Tanh, Sigmoid, Softsign, Softmax'],
    ['residual', 'tensor "input" (the input) feeds 2 nodes, node 0 (Gemm, name "/a/Gemm") and node 2 (Add, name "/Add"): fromOnnx reads a single chain from the input to the output'],
    ['leakyrelu_0.2', "node 1 (LeakyRelu, name \"/1/LeakyRelu\") has slope alpha = 0.20000000298023224, but leakyRelu's slope is 0.01"],
    ['relu_output', "node 1 (Relu, name \"/1/Relu\") ends the network, but Relu is not an output head: the last layer ends in Sigmoid ('sigmoid'), Softmax ('softmax') or nothing ('linear')"],
    ['softmax_dim0', 'node 1 (Softmax, name "/1/Softmax") is over axis 0 of a tensor of 2 dims, but a softmax output is over the last axis'],
    ['softmax_3d_dim1', 'node 2 (Softmax, name "/1/Softmax") is over axis 1 of a tensor of 3 dims, but a softmax output is over the last axis'],
    ['dropout_training', 'node 3 (Dropout, name "/1/Dropout") is in training mode (training_mode is true)'],
    ['functions', 'node 0 (torch.nn.modules.container.Sequential, name "/2/Sequential") is not supported: it is in domain "torch.nn.modules.container", a function of the model (export without export_modules_as_functions)'],
    ['no_params', 'the graph has 5 inputs ("input", "0.weight", "0.bias", "2.weight", "2.bias"), but fromOnnx reads a network with one input (its weights are inputs, not stored in the file: export with export_params=True)'],
  ];
  for (const [name, message] of refused) {
    it(`bad_${name}.onnx (a real PyTorch export)`, () => {
      const e = outcome(() => fromOnnx(bytesOf(`bad_${name}`)));
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).message).toContain(message);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Hand-built models for what no exporter writes by default.
interface NodeSpec {
  op: string;
  inputs: string[];
  outputs?: string[];
  name?: string;
  domain?: string;
  attrs?: ({ name: string } & ({ f: number } | { i: number } | { ints: number[] } | { floats: number[] } | { t: TensorSpec }))[];
}
interface TensorSpec {
  name?: string;
  dims: number[];
  type?: number;
  values?: number[];
  raw?: Uint8Array;
  floatData?: number[];
  external?: boolean;
}
interface GraphSpec {
  nodes: NodeSpec[];
  inits?: TensorSpec[];
  inputs?: { name: string; dims?: (number | string)[]; type?: number }[];
  outputs?: string[];
  opset?: number | null;
}

function tensor(w: ProtoWriter, t: TensorSpec): void {
  for (const d of t.dims) w.int64(1, d);
  const type = t.type ?? 1;
  w.int32(2, type);
  if (t.name !== undefined) w.string(8, t.name);
  if (t.floatData) w.packedFloats(4, t.floatData);
  else if (t.raw) w.bytes(9, t.raw);
  else if (t.values) {
    const width = type === 11 || type === 7 ? 8 : type === 9 ? 1 : type === 10 ? 2 : 4;
    const raw = new Uint8Array(t.values.length * width);
    const v = new DataView(raw.buffer);
    t.values.forEach((x, i) => {
      if (type === 1) v.setFloat32(i * 4, x, true);
      else if (type === 11) v.setFloat64(i * 8, x, true);
      else if (type === 7) v.setBigInt64(i * 8, BigInt(x), true);
      else if (type === 9) v.setUint8(i, x);
      else if (type === 10) v.setUint16(i * 2, x, true);
      else v.setInt32(i * 4, x, true);
    });
    w.bytes(9, raw);
  }
  if (t.external) w.int32(14, 1);
}

function build(g: GraphSpec): Uint8Array {
  const w = new ProtoWriter().int64(1, 8).string(2, 'test');
  w.message(7, (gw) => {
    g.nodes.forEach((n, i) =>
      gw.message(1, (nw) => {
        for (const x of n.inputs) nw.string(1, x);
        for (const x of n.outputs ?? [`t${i}`]) nw.string(2, x);
        nw.string(3, n.name ?? `n${i}`).string(4, n.op);
        if (n.domain) nw.string(7, n.domain);
        for (const a of n.attrs ?? []) {
          nw.message(5, (aw) => {
            aw.string(1, a.name);
            if ('f' in a) aw.float(2, a.f).int32(20, 1);
            else if ('i' in a) aw.int64(3, a.i).int32(20, 2);
            else if ('ints' in a) aw.packedInt64s(8, a.ints).int32(20, 7);
            else if ('floats' in a) aw.packedFloats(7, a.floats).int32(20, 6);
            else aw.message(5, (tw) => tensor(tw, a.t)).int32(20, 4);
          });
        }
      }),
    );
    gw.string(2, 'g');
    for (const t of g.inits ?? []) gw.message(5, (tw) => tensor(tw, t));
    for (const inp of g.inputs ?? [{ name: 'X', dims: ['N', 2] }]) {
      gw.message(11, (v) => {
        v.string(1, inp.name);
        v.message(2, (ty) => ty.message(1, (tt) => {
          tt.int32(1, inp.type ?? 1);
          if (inp.dims) tt.message(2, (s) => inp.dims!.forEach((d) => s.message(1, (dm) => (typeof d === 'number' ? dm.int64(1, d) : dm.string(2, d)))));
        }));
      });
    }
    for (const out of g.outputs ?? ['Y']) gw.message(12, (v) => v.string(1, out));
  });
  if (g.opset !== null) w.message(8, (o) => o.string(1, '').int64(2, g.opset ?? 13));
  return w.finish();
}

const W23 = { name: 'W', dims: [2, 3], values: [1, 2, 3, 4, 5, 6] };
const W32 = { name: 'W', dims: [3, 2], values: [1, 4, 2, 5, 3, 6] }; // W23 transposed
const b3 = { name: 'b', dims: [3], values: [0.5, -1, 2] };
const X = matrix([[1, -2], [0.25, 3]]);
const forwardOf = (bytes: Uint8Array) => (fromOnnx(bytes).forward(X as never) as Matrix).toArray();
/** XW + b for W23 and b3, by hand. */
const XWb = [[1 - 8 + 0.5, 2 - 10 - 1, 3 - 12 + 2], [0.25 + 12 + 0.5, 0.5 + 15 - 1, 0.75 + 18 + 2]];

describe('hand-built models: what fromOnnx reads', () => {
  it('Gemm transB = 0 and 1 give the same layer; MatMul + Add and Add(b, ·) too', () => {
    const gemm0 = build({ nodes: [{ op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['Y'] }], inits: [W23, b3] });
    const gemm1 = build({ nodes: [{ op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['Y'], attrs: [{ name: 'transB', i: 1 }] }], inits: [W32, b3] });
    const matmulAdd = build({ nodes: [{ op: 'MatMul', inputs: ['X', 'W'] }, { op: 'Add', inputs: ['b', 't0'], outputs: ['Y'] }], inits: [W23, b3] });
    for (const bytes of [gemm0, gemm1, matmulAdd]) expect(forwardOf(bytes)).toEqual(XWb);
    expect(fromOnnx(gemm1).weights[0]!.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]); // n_l × n_{l+1}, our convention
  });

  it('an input whose feature dim is symbolic (a dim_param) or not given takes its width from the first weight', () => {
    for (const dims of [['N', 'F'], ['N', '']] as (number | string)[][]) {
      const bytes = build({ nodes: [{ op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['Y'] }], inits: [W23, b3], inputs: [{ name: 'X', dims }] });
      expect(forwardOf(bytes)).toEqual(XWb);
    }
  });

  it('Gemm alpha and beta are folded into W and b (alpha·W, beta·C)', () => {
    const bytes = build({ nodes: [{ op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['Y'], attrs: [{ name: 'alpha', f: 3 }, { name: 'beta', f: 0.5 }] }], inits: [W23, b3] });
    const net = fromOnnx(bytes);
    expect(net.weights[0]!.toArray()).toEqual([[3, 6, 9], [12, 15, 18]]);
    expect(net.biases[0]!.toArray()).toEqual([[0.25, -0.5, 1]]);
  });

  it('a bias of [1, n] or a scalar broadcasts; float_data, float64 and Constant nodes (value, value_floats) hold weights', () => {
    const row = build({ nodes: [{ op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['Y'] }], inits: [W23, { name: 'b', dims: [1, 3], values: [0.5, -1, 2] }] });
    expect(forwardOf(row)).toEqual(XWb);
    const scalar = build({ nodes: [{ op: 'MatMul', inputs: ['X', 'W'] }, { op: 'Add', inputs: ['t0', 'b'], outputs: ['Y'] }], inits: [W23, { name: 'b', dims: [], values: [1] }] });
    expect(fromOnnx(scalar).biases[0]!.toArray()).toEqual([[1, 1, 1]]);
    const floatData = build({ nodes: [{ op: 'MatMul', inputs: ['X', 'W'], outputs: ['Y'] }], inits: [{ name: 'W', dims: [2, 3], floatData: [1, 2, 3, 4, 5, 6] }] });
    expect(fromOnnx(floatData).weights[0]!.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    const f64 = build({ nodes: [{ op: 'MatMul', inputs: ['X', 'W'], outputs: ['Y'] }], inits: [{ name: 'W', dims: [2, 3], type: 11, values: [0.1, 0.2, 0.3, 0.4, 0.5, 1 / 3] }] });
    expect(fromOnnx(f64).weights[0]!.toArray()).toEqual([[0.1, 0.2, 0.3], [0.4, 0.5, 1 / 3]]); // float64 exactly, not rounded
    const constant = build({
      nodes: [
        { op: 'Constant', inputs: [], outputs: ['W'], attrs: [{ name: 'value', t: { dims: [2, 3], values: [1, 2, 3, 4, 5, 6] } }] },
        { op: 'Constant', inputs: [], outputs: ['b'], attrs: [{ name: 'value_floats', floats: [0.5, -1, 2] }] },
        { op: 'Constant', inputs: [], outputs: ['unused'], attrs: [{ name: 'value_float', f: 1 }] }, // dead constants are harmless
        { op: 'MatMul', inputs: ['X', 'W'] },
        { op: 'Add', inputs: ['t3', 'b'], outputs: ['Y'] },
      ],
    });
    expect(forwardOf(constant)).toEqual(XWb);
  });

  it('Identity, Flatten (2 dims, axis 1), Reshape to [-1, n] or [0, -1], inference Dropout and Transpose of a stored weight; LeakyRelu without alpha is 0.01', () => {
    const bytes = build({
      nodes: [
        { op: 'Flatten', inputs: ['X'], attrs: [{ name: 'axis', i: 1 }] },
        { op: 'Gemm', inputs: ['t0', 'W', 'b'] },
        { op: 'Identity', inputs: ['t1'] },
        { op: 'Reshape', inputs: ['t2', 's1'] },
        { op: 'Reshape', inputs: ['t3', 's2'] },
        { op: 'Dropout', inputs: ['t4', 'ratio', 'mode'], outputs: ['t5', ''] },
        { op: 'LeakyRelu', inputs: ['t5'] },
        { op: 'Transpose', inputs: ['V'], outputs: ['Vt'], attrs: [{ name: 'perm', ints: [1, 0] }] },
        { op: 'MatMul', inputs: ['t6', 'Vt'], outputs: ['Y'] },
      ],
      inits: [
        W23, b3, { name: 's1', dims: [2], type: 7, values: [-1, 3] }, { name: 's2', dims: [2], type: 7, values: [0, -1] },
        { name: 'ratio', dims: [], values: [0.5] }, { name: 'mode', dims: [], type: 9, values: [0] }, { name: 'V', dims: [1, 3], values: [1, 10, 100] },
      ],
    });
    const net = fromOnnx(bytes, [2, 3, 1], { head: 'linear' });
    expect(net.activations).toEqual(['leakyRelu', 'linear']);
    expect(net.weights[1]!.toArray()).toEqual([[1], [10], [100]]);
    const lrelu = (z: number) => (z > 0 ? z : 0.01 * z);
    expect((net.forward(X as never) as Matrix).toArray()).toEqual(XWb.map((r) => [lrelu(r[0]!) + 10 * lrelu(r[1]!) + 100 * lrelu(r[2]!)]));
  });

  it('a 3-dim input through MatMul, then Reshape [-1, n] or Flatten at the last axis to 2 dims: the rows are kept, and Gemm may follow', () => {
    for (const noop of [{ op: 'Reshape', inputs: ['t0', 's'] }, { op: 'Flatten', inputs: ['t0'], attrs: [{ name: 'axis', i: 2 }] }] as NodeSpec[]) {
      const bytes = build({
        nodes: [{ op: 'MatMul', inputs: ['X', 'W'] }, noop, { op: 'Gemm', inputs: ['t1', 'V'], outputs: ['Y'] }],
        inits: [W23, { name: 's', dims: [2], type: 7, values: [-1, 3] }, { name: 'V', dims: [3, 1], values: [1, 1, 1] }],
        inputs: [{ name: 'X', dims: [1, 'N', 2] }],
      });
      expect((fromOnnx(bytes, [2, 3, 1], { head: 'linear' }).forward(X as never) as Matrix).toArray()).toEqual([[1 - 8 + 2 - 10 + 3 - 12], [0.25 + 12 + 0.5 + 15 + 0.75 + 18]]); // X·W summed
    }
  });
});

/** GELU as PyTorch writes it at opset 13, between two layers: Gemm, then x·(1 + erf(x/√2))·0.5, then MatMul. */
const GELU: NodeSpec[] = [
  { op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['z'], name: '/0/Gemm' },
  { op: 'Constant', inputs: [], outputs: ['sqrt2'], name: '/1/Constant', attrs: [{ name: 'value', t: { dims: [], values: [Math.SQRT2] } }] },
  { op: 'Div', inputs: ['z', 'sqrt2'], outputs: ['d'], name: '/1/Div' },
  { op: 'Erf', inputs: ['d'], outputs: ['e'], name: '/1/Erf' },
  { op: 'Add', inputs: ['e', 'one'], outputs: ['a'], name: '/1/Add' },
  { op: 'Mul', inputs: ['z', 'a'], outputs: ['m'], name: '/1/Mul' },
  { op: 'Mul', inputs: ['m', 'half'], outputs: ['h'], name: '/1/Mul_1' },
  { op: 'MatMul', inputs: ['h', 'V'], outputs: ['Y'], name: '/2/MatMul' },
];
const GELU_INITS: TensorSpec[] = [W23, b3, { name: 'one', dims: [], values: [1] }, { name: 'half', dims: [], values: [0.5] }, { name: 'V', dims: [3, 1], values: [1, 2, 3] }];
/** relu(XW + b) + X, then a MatMul: a skip connection made of operators fromOnnx reads. */
const RESIDUAL: NodeSpec[] = [
  { op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['z'] },
  { op: 'Relu', inputs: ['z'], outputs: ['r'] },
  { op: 'Add', inputs: ['r', 'X'], outputs: ['s'] },
  { op: 'MatMul', inputs: ['s', 'V'], outputs: ['Y'] },
];
const RESIDUAL_INITS: TensorSpec[] = [
  { name: 'W', dims: [2, 2], values: [1, 0, 0, 1] }, { name: 'b', dims: [2], values: [0, 0] }, { name: 'V', dims: [2, 1], values: [1, 1] },
];

describe('hand-built models: what fromOnnx refuses, by name', () => {
  const gemm = (extra: Partial<NodeSpec> = {}): NodeSpec => ({ op: 'Gemm', inputs: ['X', 'W', 'b'], outputs: ['Y'], name: 'dense', ...extra });
  const refused: [string, GraphSpec, string | RegExp][] = [
    ['Gemm with transA = 1', { nodes: [gemm({ attrs: [{ name: 'transA', i: 1 }] })], inits: [W23, b3] }, 'node 0 (Gemm, name "dense") has transA = 1: it transposes the data (A), which is not a layer'],
    ['a bias that differs by row', { nodes: [gemm()], inits: [W23, { name: 'b', dims: [2, 3], values: [1, 2, 3, 4, 5, 6] }] }, `node 0 (Gemm, name "dense")'s bias has dims [2, 3], but a layer of 3 outputs takes [3], [1, 3] or a scalar`],
    ['MatMul(W, X)', { nodes: [{ op: 'MatMul', inputs: ['W', 'X'], outputs: ['Y'] }], inits: [{ name: 'W', dims: [3, 3], values: [1, 2, 3, 4, 5, 6, 7, 8, 9] }], inputs: [{ name: 'X', dims: ['N', 3] }] }, 'node 0 (MatMul, name "n0") takes "X" as input 2, not as its data input (input 1)'],
    ['a weight that is not stored', { nodes: [{ op: 'Relu', inputs: ['X'], outputs: ['r'] }, { op: 'MatMul', inputs: ['X', 'r'], outputs: ['Y'] }] }, /feeds 2 nodes/],
    ['a weight computed from the input', { nodes: [{ op: 'MatMul', inputs: ['X', 'X'], outputs: ['Y'] }] }, `node 0 (MatMul, name "n0") reads the weight from "X", which is the graph's input`],
    ['a weight read from a Relu of a stored tensor', { nodes: [{ op: 'Relu', inputs: ['W'], outputs: ['rw'] }, { op: 'MatMul', inputs: ['X', 'rw'], outputs: ['Y'] }], inits: [W23] }, 'node 1 (MatMul, name "n1") reads the weight from node 0 (Relu, name "n0"), which is not a stored tensor'],
    ['two inputs', { nodes: [gemm()], inits: [W23, b3], inputs: [{ name: 'X' }, { name: 'X2' }] }, 'the graph has 2 inputs ("X", "X2"), but fromOnnx reads a network with one input'],
    ['two outputs', { nodes: [gemm()], inits: [W23, b3], outputs: ['Y', 'Z'] }, 'the graph has 2 outputs ("Y", "Z"), but fromOnnx reads a network with one output'],
    ['an integer input', { nodes: [gemm()], inits: [W23, b3], inputs: [{ name: 'X', dims: ['N', 2], type: 7 }] }, 'the input "X" is int64, but a network reads floating-point numbers'],
    ['a node of another domain', { nodes: [gemm({ domain: 'com.microsoft', op: 'FusedGemm' })], inits: [W23, b3] }, 'node 0 (com.microsoft.FusedGemm, name "dense") is not supported: it is in domain "com.microsoft"'],
    ['int64 weights', { nodes: [gemm()], inits: [{ ...W23, type: 7 }, b3] }, `node 0 (Gemm, name "dense")'s weight "W" is int64, but weights are float32 or float64`],
    ['float16 weights', { nodes: [gemm()], inits: [{ ...W23, type: 10, values: [15360, 0, 0, 0, 0, 0] }, b3] }, 'initializer "W" is float16, but fromOnnx reads float32 and float64 weights'],
    ['external data', { nodes: [gemm()], inits: [{ name: 'W', dims: [2, 3], external: true }, b3] }, 'initializer "W" is stored outside the model file (external data)'],
    ['a NaN weight', { nodes: [gemm()], inits: [{ ...W23, values: [1, NaN, 3, 4, 5, 6] }, b3] }, `node 0 (Gemm, name "dense")'s weight "W" has entry NaN at index 1: weights must be finite`],
    ['too few values', { nodes: [gemm()], inits: [{ ...W23, values: [1, 2, 3, 4, 5] }, b3] }, 'initializer "W" has dims [2, 3] (6 values) but holds 5'],
    ['dims of 2⁴⁰ entries over 24 bytes', { nodes: [gemm()], inits: [{ ...W23, dims: [2 ** 20, 2 ** 20] }, b3] }, /initializer "W" has dims \[1048576, 1048576\], 1099511627776 values, over the limit/],
    ['a weight of 3 dims', { nodes: [{ op: 'MatMul', inputs: ['X', 'W'], outputs: ['Y'] }], inits: [{ name: 'W', dims: [1, 2, 3], values: [1, 2, 3, 4, 5, 6] }] }, `'s weight "W" has dims [1, 2, 3], but a layer's weight is a matrix (2 dims)`],
    ['a weight of another width than the input', { nodes: [gemm()], inits: [W23, b3], inputs: [{ name: 'X', dims: ['N', 5] }] }, 'node 0 (Gemm, name "dense") multiplies a tensor of 5 features by a weight of 2 rows ("W", dims [2, 3])'],
    ['Softmax in a hidden layer', { nodes: [gemm({ outputs: ['z'] }), { op: 'Softmax', inputs: ['z'], outputs: ['s'] }, { op: 'MatMul', inputs: ['s', 'V'], outputs: ['Y'] }], inits: [W23, b3, { name: 'V', dims: [3, 1], values: [1, 2, 3] }] }, "node 1 (Softmax, name \"n1\") is a hidden layer's activation, but Softmax is only read at the output"],
    ['an Add before any layer', { nodes: [{ op: 'Add', inputs: ['X', 'c'], outputs: ['x1'] }, gemm({ inputs: ['x1', 'W', 'b'] })], inits: [W23, b3, { name: 'c', dims: [2], values: [1, 1] }] }, "node 0 (Add, name \"n0\") adds to a tensor that is not a layer's product"],
    ['two activations in a row', { nodes: [gemm({ outputs: ['z'] }), { op: 'Relu', inputs: ['z'], outputs: ['r'] }, { op: 'Sigmoid', inputs: ['r'], outputs: ['Y'] }], inits: [W23, b3] }, 'node 2 (Sigmoid, name "n2") follows no Gemm or MatMul'],
    ['a Reshape that changes the rows', { nodes: [gemm({ outputs: ['z'] }), { op: 'Reshape', inputs: ['z', 's'], outputs: ['Y'] }], inits: [W23, b3, { name: 's', dims: [2], type: 7, values: [-1, 1] }] }, 'node 1 (Reshape, name "n1") reshapes a tensor of 2 dims to [-1, 1], which may change its rows: fromOnnx passes over a Reshape only to [-1, 3]'],
    ['a Reshape [0, -1] of 3 dims', { nodes: [{ op: 'Reshape', inputs: ['X', 's'], outputs: ['f'] }, gemm({ inputs: ['f', 'W', 'b'] })], inits: [W23, b3, { name: 's', dims: [2], type: 7, values: [0, -1] }], inputs: [{ name: 'X', dims: [1, 'N', 2] }] }, 'node 0 (Reshape, name "n0") reshapes a tensor of 3 dims to [0, -1], which may change its rows'],
    ['a Flatten at axis 1 of 3 dims', { nodes: [{ op: 'Flatten', inputs: ['X'], outputs: ['f'] }, gemm({ inputs: ['f', 'W', 'b'] })], inits: [W23, b3], inputs: [{ name: 'X', dims: ['N', 1, 2] }] }, 'node 0 (Flatten, name "n0") flattens at axis 1 a tensor of 3 dims, which changes its rows'],
    ['an attribute it does not know', { nodes: [gemm({ attrs: [{ name: 'fused_activation', i: 1 }] })], inits: [W23, b3] }, 'node 0 (Gemm, name "dense") has attribute "fused_activation", which fromOnnx does not read for Gemm (it reads alpha, beta, transA, transB, broadcast)'],
    ["Dropout's mask used", { nodes: [gemm({ outputs: ['z'] }), { op: 'Dropout', inputs: ['z'], outputs: ['d', 'mask'] }, { op: 'Identity', inputs: ['mask'], outputs: ['Y'] }], inits: [W23, b3] }, `node 1 (Dropout, name "n1")'s output "mask" is read, but fromOnnx follows only its first output`],
    ['a softmax of one output', { nodes: [{ op: 'MatMul', inputs: ['X', 'W'], outputs: ['z'] }, { op: 'Softmax', inputs: ['z'], outputs: ['Y'] }], inits: [{ name: 'W', dims: [2, 1], values: [1, 2] }] }, 'the ONNX model does not make a network: a softmax output needs at least 2 outputs'],
    ['a dead end', { nodes: [gemm({ outputs: ['z'] })], inits: [W23, b3] }, 'tensor "z" (the output of node 0 (Gemm, name "dense")) reaches no node and is not the graph\'s output "Y"'],
    ['the output read again', { nodes: [gemm(), { op: 'Relu', inputs: ['Y'], outputs: ['r'] }], inits: [W23, b3] }, 'the output "Y" is also read by node 1 (Relu, name "n1"), which leads nowhere'],
    ['no layer at all', { nodes: [{ op: 'Identity', inputs: ['X'], outputs: ['Y'] }] }, 'the graph has no Gemm or MatMul between the input "X" and the output "Y"'],
    ['a cycle', { nodes: [{ op: 'Dropout', inputs: ['X', 'back'], outputs: ['a'] }, { op: 'Identity', inputs: ['a'], outputs: ['back'] }] }, 'node 0 (Dropout, name "n0") is reached twice: the graph has a cycle'],
    ['a cycle of constants', { nodes: [{ op: 'Identity', inputs: ['c2'], outputs: ['c1'] }, { op: 'Identity', inputs: ['c1'], outputs: ['c2'] }, { op: 'MatMul', inputs: ['X', 'c1'], outputs: ['Y'] }] }, /is part of a cycle of constants/],
    ['10 000 Identity nodes between a weight and its MatMul', { nodes: [...Array.from({ length: 10_000 }, (_, i) => ({ op: 'Identity', inputs: [i === 0 ? 'W' : `c${i - 1}`], outputs: [`c${i}`] })), { op: 'MatMul', inputs: ['X', 'c9999'], outputs: ['Y'] }], inits: [W23] }, /node 9934 \(Identity, name "n9934"\) is part of a cycle of constants, or of a chain of more than 64 Identity and Transpose nodes/],
    ['dims claiming 2²⁷ values with none stored', { nodes: [gemm()], inits: [{ name: 'W', dims: [2, 2 ** 26] }, b3] }, 'initializer "W" has dims [2, 67108864] (134217728 values) but holds 0'],
    ['a tensor written twice', { nodes: [gemm(), { op: 'Relu', inputs: ['X'], outputs: ['Y'] }], inits: [W23, b3] }, 'node 1 (Relu, name "n1") writes tensor "Y", which node 0 (Gemm, name "dense") writes too'],
    ['no default opset', { nodes: [gemm()], inits: [W23, b3], opset: null }, 'the model imports no opset of the default ONNX domain'],
    ['a GELU written out, x·(1 + erf(x/√2))/2: the first operator it does not read is named, not the branch', { nodes: GELU, inits: GELU_INITS }, 'node 2 (Div, name "/1/Div") is not supported: fromOnnx reads Gemm, MatMul, Add'],
    ['the same GELU with its nodes listed in reverse: the first unsupported one in graph order', { nodes: [...GELU].reverse(), inits: GELU_INITS }, 'node 1 (Mul, name "/1/Mul_1") is not supported: fromOnnx reads Gemm'],
    ['a residual branch of operators it reads (Gemm, Relu, Add): the single-chain message', { nodes: RESIDUAL, inits: RESIDUAL_INITS }, 'tensor "X" (the input) feeds 2 nodes, node 0 (Gemm, name "n0") and node 2 (Add, name "n2"): fromOnnx reads a single chain from the input to the output'],
    ['a residual branch, then an operator it does not read: the operator first', { nodes: [...RESIDUAL.slice(0, -1), { op: 'Elu', inputs: ['s'], outputs: ['e'] }, { op: 'MatMul', inputs: ['e', 'V'], outputs: ['Y'] }], inits: RESIDUAL_INITS }, 'node 3 (Elu, name "n3") is not supported'],
    ['an operator named like an Object method', { nodes: [{ op: 'constructor', inputs: ['X'], outputs: ['c'] }, gemm({ inputs: ['c', 'W', 'b'] })], inits: [W23, b3] }, 'node 0 (constructor, name "n0") is not supported: fromOnnx reads Gemm'],
  ];
  for (const [what, graph, message] of refused) {
    it(what, () => {
      const e = outcome(() => fromOnnx(build(graph)));
      expect(e).toBeInstanceOf(FormatError);
      if (typeof message === 'string') expect((e as FormatError).message).toContain(message);
      else expect((e as FormatError).message).toMatch(message);
    });
  }
});

// ---------------------------------------------------------------------------------------------
describe('bytes that are not a model: a FormatError, never another exception or a hang', () => {
  const small = toOnnx(network(2, { seed: 1 }).relu(3).sigmoid(1));
  const torchFile = new Uint8Array(bytesOf('matmul_nobias_leakyrelu_sigmoid_3_5_1'));

  it('every prefix of a toOnnx model and of a PyTorch one: a FormatError, or the whole network when only trailing fields are cut', () => {
    for (const bytes of [small, torchFile]) {
      const full = fromOnnx(bytes);
      let loaded = 0;
      for (let n = 0; n < bytes.length; n++) {
        const r = outcome(() => {
          const net = fromOnnx(bytes.subarray(0, n));
          net.weights.forEach((w, l) => expect(sameBits(w.data, full.weights[l]!.data)).toBe(true)); // cut after the opset: metadata only
          loaded++;
        });
        if (r !== 'ok') expect(r.message.length).toBeGreaterThan(0);
      }
      // toOnnx writes graph, opset, then three metadata fields: the prefixes that end after one of them load.
      expect(loaded).toBe(bytes === small ? 3 : 0);
    }
  });

  it('2000 random byte strings (seeded), from 1 to 400 bytes', () => {
    const u = mulberry32(1234);
    for (let k = 0; k < 2000; k++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(u() * 400) }, () => Math.floor(u() * 256));
      expect(outcome(() => fromOnnx(bytes))).not.toBe('ok');
    }
  });

  it('3000 models with 1 to 4 random bytes changed (seeded): a FormatError, or a network that loads', () => {
    const u = mulberry32(99);
    let loaded = 0;
    const t0 = performance.now();
    for (let k = 0; k < 3000; k++) {
      const base = k % 2 === 0 ? small : torchFile;
      const bytes = base.slice();
      for (let j = 1 + Math.floor(u() * 4); j > 0; j--) bytes[Math.floor(u() * bytes.length)] = Math.floor(u() * 256);
      if (outcome(() => fromOnnx(bytes)) === 'ok') loaded++;
    }
    console.log(`fromOnnx mutations: ${loaded} of 3000 still load (a changed weight or name), the rest are FormatErrors; ${(performance.now() - t0).toFixed(0)} ms`);
    expect(loaded).toBeLessThan(3000);
  });

  it('hostile wire data: an 11-byte varint, a length of 2⁶⁰, a group, field 0, a tensor claiming 2⁴⁰ values', () => {
    const cases: [number[], RegExp][] = [
      [[0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], /varint of more than 10 bytes/],
      [[0x3a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10], /says it has 1152921504606846976 bytes but 0 are left/],
      [[0x0b, 0x0c], /wire type 3, which is a group/],
      [[0x00, 0x01], /field number 0 is out of range/],
      [[0x3a, 0x03, 0x0a, 0x03, 0x0a], /^model\.graph: field 1 says it has 3 bytes but 1 are left/],
      [[0x3a, 0x04, 0x0a, 0x02, 0x0a, 0x05], /^model\.graph\.node\[0\]: field 1 says it has 5 bytes but 0 are left/],
      [[0x08], /cut off/],
      [[0x3a, 0x00], /imports no opset/],
      [[0x42, 0x02, 0x10, 0x0d], /there is no graph \(ModelProto field 7; fields found: 8\)/],
      [[0x7a], /wire type 2|cut off/],
    ];
    for (const [bytes, message] of cases) {
      const e = outcome(() => fromOnnx(Uint8Array.from(bytes)));
      expect(e).toBeInstanceOf(FormatError);
      expect((e as FormatError).message).toMatch(message);
    }
  });

  it('10 000 Identity nodes on the data path are followed without recursion', () => {
    const nodes: NodeSpec[] = [{ op: 'MatMul', inputs: ['X', 'W'], outputs: ['i0'] }, ...Array.from({ length: 10_000 }, (_, i) => ({ op: 'Identity', inputs: [`i${i}`], outputs: [i === 9_999 ? 'Y' : `i${i + 1}`] }))];
    expect(fromOnnx(build({ nodes, inits: [W23] }), [2, 3], { head: 'linear' }).weights[0]!.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('bytes from another realm (a vm context, a worker) are bytes too', async () => {
    const { runInNewContext } = await import('node:vm');
    const foreign = runInNewContext('new Uint8Array(n)', { n: torchFile.length }) as Uint8Array;
    foreign.set(torchFile);
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(fromOnnx(foreign, [3, 5, 1]).sizes).toEqual([3, 5, 1]);
    expect(fromOnnx(foreign.buffer as ArrayBuffer, [3, 5, 1]).sizes).toEqual([3, 5, 1]);
  });

  it('not bytes, empty, or over maxBytes: a FormatError; options that are not options: a ValueError', () => {
    expect(() => fromOnnx('model.onnx' as never)).toThrow("got a string of 10 characters: read the file without an encoding (readFileSync(path), not readFileSync(path, 'utf8'))");
    expect(() => fromOnnx({} as never)).toThrow(FormatError);
    expect(() => fromOnnx(new Float32Array(4) as never)).toThrow('an ONNX model is bytes (a Uint8Array or an ArrayBuffer), got a Float32Array');
    expect(() => fromOnnx(new Uint8Array(0))).toThrow('the ONNX model is empty (0 bytes)');
    expect(() => fromOnnx(torchFile, undefined, { maxBytes: 100 })).toThrow(`the ONNX model is ${torchFile.length} bytes, over the limit of 100 bytes (pass maxBytes to raise it)`);
    expect(fromOnnx(torchFile, undefined, { maxBytes: torchFile.length }).sizes).toEqual([3, 5, 1]);
    expect(() => fromOnnx(torchFile, undefined, { maxBytes: NaN })).toThrow(ValueError);
    expect(() => fromOnnx(torchFile, undefined, { maxBytes: -1 })).toThrow('maxBytes is -1, but it must be a number ≥ 0 (Infinity for no limit)');
    expect(() => fromOnnx(torchFile, undefined, { headName: 'sigmoid' } as never)).toThrow('fromOnnx options has an unknown key "headName"; the known keys are head, maxBytes');
    expect(() => fromOnnx(torchFile, undefined, { head: 'tanh' as never })).toThrow('head is "tanh", but it must be one of sigmoid, softmax, linear');
    expect(() => fromOnnx(torchFile, 3 as never)).toThrow('sizes must be an array of layer sizes, got 3');
  });
});

describe('the protobuf reader (the writer\'s counterpart)', () => {
  it("reads what ProtoWriter writes: varints (negative int64 too), floats, strings, packed and unpacked repeats, nested messages", () => {
    const w = new ProtoWriter().int64(1, 300).int64(2, -1).float(3, 0.1).packedFloats(4, [1.5, -2]).float(4, 3).message(5, (m) => m.string(1, 'é')).packedInt64s(6, [1, -2]).int64(6, 7);
    const m = ProtoMessage.decode(w.finish(), 'm');
    expect(m.int(1, 'a')).toBe(300);
    expect(m.int(2, 'b')).toBe(-1);
    expect(m.float(3, 'c')).toBe(Math.fround(0.1));
    const out = new Float64Array(3);
    expect(m.reals(4, 'd', 4, out)).toBe(3);
    expect(Array.from(out)).toEqual([1.5, -2, 3]);
    expect(m.message(5, 'e')!.string(1, 'f')).toBe('é');
    expect(m.ints(6, 'g')).toEqual([1, -2, 7]);
    expect(m.int(9, 'absent')).toBeUndefined();
    expect(() => m.string(1, 'a')).toThrow('m.a (field 1) is varint, but it must be length-delimited');
    expect(() => m.int(5, 'e')).toThrow('m.e (field 5) is length-delimited, but it must be varint');
    expect(ProtoMessage.decode(new ProtoWriter().int64(1, 2 ** 53 - 1).int64(2, -(2 ** 53 - 1)).finish(), 'm').int(2, 'small')).toBe(-(2 ** 53 - 1));
    expect(() => ProtoMessage.decode(Uint8Array.from([0x08, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), 'm').int(1, 'big')).toThrow('m.big is 72057594037927936, beyond the integers this reader takes (±2^53)');
  });
});
