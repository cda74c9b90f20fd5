// toOnnx: the exported model is decoded back field by field, and run in onnxruntime (onnxruntime-web's
// WebAssembly backend, from the package's own files: no download, no native binary) against net.forward.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromArray, fromWeights, matrix, Matrix, mulberry32, network, sigmoid, toOnnx, ValueError } from '../src/index.js';
import type { Network } from '../src/index.js';
import { ProtoWriter } from '../src/onnx/protobuf.js';

// ---------------------------------------------------------------------------------------------
// A tiny protobuf reader, independent of the writer: enough to decode what ONNX needs.
type Field = { wire: 0; int: bigint } | { wire: 2; bytes: Uint8Array } | { wire: 5; float: number };
type Message = Map<number, Field[]>;

function decode(buf: Uint8Array): Message {
  const out: Message = new Map();
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= buf.length) throw new Error('truncated varint');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return result;
    }
  };
  while (pos < buf.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wire = key & 7;
    let value: Field;
    if (wire === 0) value = { wire, int: BigInt.asIntN(64, varint()) };
    else if (wire === 2) {
      const len = Number(varint());
      if (pos + len > buf.length) throw new Error(`field ${field}: length ${len} runs past the end`);
      value = { wire, bytes: buf.subarray(pos, pos + len) };
      pos += len;
    } else if (wire === 5) {
      value = { wire, float: new DataView(buf.buffer, buf.byteOffset + pos, 4).getFloat32(0, true) };
      pos += 4;
    } else throw new Error(`field ${field}: unexpected wire type ${wire}`);
    out.set(field, [...(out.get(field) ?? []), value]);
  }
  return out;
}
const all = (m: Message, f: number) => m.get(f) ?? [];
const bytesOf = (m: Message, f: number): Uint8Array[] => all(m, f).map((v) => (v.wire === 2 ? v.bytes : fail(`field ${f} is not length-delimited`)));
const msgs = (m: Message, f: number) => bytesOf(m, f).map(decode);
const strs = (m: Message, f: number) => bytesOf(m, f).map((b) => new TextDecoder().decode(b));
const str = (m: Message, f: number) => strs(m, f)[0];
const ints = (m: Message, f: number) => all(m, f).map((v) => (v.wire === 0 ? Number(v.int) : fail(`field ${f} is not a varint`)));
const int = (m: Message, f: number) => ints(m, f)[0];
function fail(message: string): never {
  throw new Error(message);
}

interface Decoded {
  irVersion: number | undefined;
  producer: string | undefined;
  opsets: { domain: string; version: number | undefined }[];
  metadata: Record<string, string>;
  nodes: { name: string | undefined; op: string | undefined; inputs: string[]; outputs: string[]; attrs: Record<string, number> }[];
  inits: Record<string, { dims: number[]; dataType: number | undefined; values: Float32Array }>;
  inputs: { name: string | undefined; elemType: number | undefined; dims: (string | number)[] }[];
  outputs: Decoded['inputs'];
}

/** ModelProto → the parts toOnnx writes (field numbers from onnx.proto). */
function decodeModel(bytes: Uint8Array): Decoded {
  const model = decode(bytes);
  const graph = msgs(model, 7)[0] ?? fail('no graph');
  const valueInfo = (v: Message) => {
    const tensor = msgs(msgs(v, 2)[0] ?? fail('no type'), 1)[0] ?? fail('no tensor_type');
    const shape = msgs(tensor, 2)[0] ?? fail('no shape');
    return { name: str(v, 1), elemType: int(tensor, 1), dims: msgs(shape, 1).map((d) => str(d, 2) ?? int(d, 1) ?? fail('empty dim')) };
  };
  return {
    irVersion: int(model, 1),
    producer: str(model, 2),
    opsets: msgs(model, 8).map((o) => ({ domain: str(o, 1) ?? '', version: int(o, 2) })),
    metadata: Object.fromEntries(msgs(model, 14).map((kv) => [str(kv, 1), str(kv, 2)])),
    nodes: msgs(graph, 1).map((n) => ({
      name: str(n, 3),
      op: str(n, 4),
      inputs: strs(n, 1),
      outputs: strs(n, 2),
      attrs: Object.fromEntries(
        msgs(n, 5).map((a) => {
          const type = int(a, 20);
          const f = all(a, 2)[0];
          return [str(a, 1), type === 1 && f?.wire === 5 ? f.float : type === 2 ? int(a, 3) : fail(`attribute type ${type}`)];
        }),
      ),
    })),
    inits: Object.fromEntries(
      msgs(graph, 5).map((t) => {
        const raw = bytesOf(t, 9)[0] ?? fail('no raw_data');
        const values = new Float32Array(raw.length / 4);
        const view = new DataView(raw.buffer, raw.byteOffset, raw.length);
        for (let i = 0; i < values.length; i++) values[i] = view.getFloat32(i * 4, true);
        return [str(t, 8), { dims: ints(t, 1), dataType: int(t, 2), values }];
      }),
    ),
    inputs: msgs(graph, 11).map(valueInfo),
    outputs: msgs(graph, 12).map(valueInfo),
  };
}

// ---------------------------------------------------------------------------------------------
// The nets and batches.
const fixture = (name: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`fixtures/${name}.json`, import.meta.url)), 'utf8')) as { weights: number[][][]; X: number[][] };
const mats = (ws: number[][][]) => ws.map((w) => fromArray(Float64Array.from(w.flat()), w.length, w[0]!.length));
type AnyNet = Network<readonly number[]>;

const xor = fixture('xor_2_3_1');
const multi = fixture('gen_multi_output_3_4_3');
const u = mulberry32(2024);
const rnd = (n: number, scale = 1) => Array.from({ length: n }, () => (2 * u() - 1) * scale);
/** A rows×cols matrix of uniform entries in [−scale, scale]. */
const rand = (rows: number, cols: number, scale = 1) => fromArray(Float64Array.from(rnd(rows * cols, scale)), rows, cols);
const any = (net: unknown) => net as AnyNet;
const cases: { name: string; net: AnyNet; X: Matrix }[] = [
  { name: 'XOR 2-3-1 (seed weights, no biases)', net: any(fromWeights(mats(xor.weights))), X: matrix(xor.X) },
  { name: 'builder 9-6-6-1', net: any(network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1)), X: rand(7, 9, 2) },
  {
    name: '4-5-3-2 with biases (one layer without)',
    net: any(fromWeights([rand(4, 5), rand(5, 3), rand(3, 2)], { biases: [rnd(5, 0.5), null, rnd(2, 0.5)] })),
    X: rand(6, 4, 3),
  },
  { name: 'single layer 3-1 with bias', net: any(fromWeights([matrix([[0.5], [-1.25], [2]])], { biases: [[0.3]] })), X: rand(5, 3) },
  { name: '3-output 3-4-3 (gen_multi_output fixture)', net: any(fromWeights(mats(multi.weights))), X: matrix(multi.X) },
  { name: 'regression 1-8-1, tanh, linear head with bias (Y = Z_L, no output node)', net: any(network(1, { seed: 3 }).tanh(8).linear(1)), X: rand(6, 1, 1) },
  { name: 'regression 3-5-2, leakyRelu, linear head without bias', net: any(fromWeights([rand(3, 5), rand(5, 2)], { activations: ['leakyRelu', 'linear'] })), X: rand(4, 3, 2) },
  { name: 'softmax 4-6-3 from the builder', net: any(network(4, { seed: 5 }).relu(6).softmax(3)), X: rand(5, 4, 2) },
  { name: 'softsign (ONNX Softsign) after relu, linear head', net: any(network(3, { seed: 6 }).relu(5).hidden(4, 'softsign').linear(2)), X: rand(5, 3, 2) },
];

/** X with every entry rounded to float32, so ONNX and typed-mlp see the same inputs. */
const f32 = (x: Matrix) => new Matrix(x.rows, x.cols, x.data.map(Math.fround));
const firstRow = (x: Matrix) => new Matrix(1, x.cols, x.data.slice(0, x.cols));

async function runOnnx(bytes: Uint8Array, x: Matrix): Promise<{ dims: readonly number[]; data: Float32Array }> {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ X: new ort.Tensor('float32', Float32Array.from(x.data), [x.rows, x.cols]) });
    const y = result['Y'] ?? fail(`no output Y, got ${Object.keys(result).join(', ')}`);
    return { dims: y.dims, data: y.data as Float32Array };
  } finally {
    await session.release();
  }
}

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

beforeAll(() => {
  ort.env.wasm.numThreads = 1; // no worker threads: one process, deterministic
  ort.env.logLevel = 'error';
});

// ---------------------------------------------------------------------------------------------
describe('toOnnx: the bytes decode to the intended model', () => {
  it('XOR 2-3-1: header, opset, input/output with a symbolic N, initializers, nodes', () => {
    const net = cases[0]!.net;
    const m = decodeModel(toOnnx(net));
    expect(m.irVersion).toBe(8);
    expect(m.producer).toBe('typed-mlp');
    expect(m.opsets).toEqual([{ domain: '', version: 13 }]);
    expect(m.metadata).toEqual({ 'typed-mlp.sizes': '2,3,1', 'typed-mlp.activations': 'relu,sigmoid', 'typed-mlp.outputs': 'probabilities' });
    expect(m.inputs).toEqual([{ name: 'X', elemType: 1, dims: ['N', 2] }]);
    expect(m.outputs).toEqual([{ name: 'Y', elemType: 1, dims: ['N', 1] }]);
    expect(m.nodes).toEqual([
      { name: 'layer1/MatMul', op: 'MatMul', inputs: ['X', 'W1'], outputs: ['Z1'], attrs: {} },
      { name: 'layer1/Relu', op: 'Relu', inputs: ['Z1'], outputs: ['X2'], attrs: {} },
      { name: 'layer2/MatMul', op: 'MatMul', inputs: ['X2', 'W2'], outputs: ['Z2'], attrs: {} },
      { name: 'layer2/Sigmoid', op: 'Sigmoid', inputs: ['Z2'], outputs: ['Y'], attrs: {} },
    ]);
    expect(Object.keys(m.inits)).toEqual(['W1', 'W2']);
    expect(m.inits['W1']!.dims).toEqual([2, 3]);
    expect(m.inits['W1']!.dataType).toBe(1);
    expect(Array.from(m.inits['W1']!.values)).toEqual(xor.weights[0]!.flat().map(Math.fround)); // row-major, rounded to float32
    expect(m.inits['W2']!.dims).toEqual([3, 1]);
    expect(Array.from(m.inits['W2']!.values)).toEqual(xor.weights[1]!.flat().map(Math.fround));
  });

  it('biases become Add nodes with [n] initializers; a layer without bias has none; logits drop the output activation', () => {
    const net = cases[2]!.net;
    const m = decodeModel(toOnnx(net, { outputs: 'logits' }));
    expect(m.nodes.map((n) => `${n.name}: ${n.inputs.join(', ')} → ${n.outputs.join(', ')}`)).toEqual([
      'layer1/MatMul: X, W1 → XW1',
      'layer1/Add: XW1, b1 → Z1',
      'layer1/Relu: Z1 → X2',
      'layer2/MatMul: X2, W2 → Z2',
      'layer2/Relu: Z2 → X3',
      'layer3/MatMul: X3, W3 → XW3',
      'layer3/Add: XW3, b3 → Y',
    ]);
    expect(m.inits['b1']!.dims).toEqual([5]);
    expect(Array.from(m.inits['b1']!.values)).toEqual(Array.from(net.biases[0]!.data, Math.fround));
    expect(m.inits['b2']).toBeUndefined();
    expect(m.metadata['typed-mlp.outputs']).toBe('logits');
  });

  it('maps every activation kind to its op (the kinds other layers will bring), and rejects an unknown one', () => {
    const net = fromWeights([matrix([[1, 2]]), matrix([[1, 0], [0, 1]]), matrix([[1, 0], [0, 1]]), matrix([[1, 0], [0, 1]]), matrix([[1, 0], [0, 1]])]);
    const as = (activations: string[]) => Object.defineProperty(net.clone(), 'activations', { value: activations }) as typeof net;
    const m = decodeModel(toOnnx(as(['leakyRelu', 'tanh', 'linear', 'sigmoid', 'softmax'])));
    expect(m.nodes.map((n) => [n.name, n.inputs[0], n.outputs[0], n.attrs])).toEqual([
      ['layer1/MatMul', 'X', 'Z1', {}],
      ['layer1/LeakyRelu', 'Z1', 'X2', { alpha: Math.fround(0.01) }],
      ['layer2/MatMul', 'X2', 'Z2', {}],
      ['layer2/Tanh', 'Z2', 'X3', {}],
      ['layer3/MatMul', 'X3', 'Z3', {}], // linear: no node, Z3 feeds layer 4
      ['layer4/MatMul', 'Z3', 'Z4', {}],
      ['layer4/Sigmoid', 'Z4', 'X5', {}],
      ['layer5/MatMul', 'X5', 'Z5', {}],
      ['layer5/Softmax', 'Z5', 'Y', { axis: -1 }],
    ]);
    expect(() => toOnnx(as(['relu', 'swish', 'linear', 'relu', 'sigmoid']))).toThrow(ValueError);
    expect(() => toOnnx(as(['relu', 'swish', 'linear', 'relu', 'sigmoid']))).toThrow(/layer 2 has activation 'swish', which has no ONNX export/);
    expect(() => toOnnx(net, { outputs: 'scores' as never })).toThrow(/outputs is 'scores'/);
  });

  it('rejects a weight that overflows float32 rather than writing Infinity', () => {
    expect(() => toOnnx(fromWeights([matrix([[1e39]])]))).toThrow(/W1 has entry 1e\+39 at index 0, which does not fit in float32/);
  });

  it('the protobuf writer: varints (incl. negative int64), floats, packed floats, nested messages', () => {
    const w = new ProtoWriter().int64(1, 300).int64(2, -1).float(3, 0.1).packedFloats(4, [1.5, -2]).message(5, (m) => m.string(1, 'é'));
    const bytes = w.finish();
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0x08, 0xac, 0x02]); // field 1, 300
    expect(Array.from(bytes.subarray(3, 14))).toEqual([0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]); // −1: ten bytes
    const m = decode(bytes);
    expect(int(m, 1)).toBe(300);
    expect(int(m, 2)).toBe(-1);
    expect(all(m, 3)[0]).toEqual({ wire: 5, float: Math.fround(0.1) });
    const packed = bytesOf(m, 4)[0]!;
    expect(Array.from(new Float32Array(packed.slice().buffer))).toEqual([1.5, -2]);
    expect(str(msgs(m, 5)[0]!, 1)).toBe('é');
  });
});

describe('toOnnx: onnxruntime runs the model and agrees with net.forward', () => {
  // Y in [0, 1] (sigmoid or softmax): compared in absolute terms, |Y_onnx − Y_ours| ≤ 1e-6.
  for (const { name, net, X } of cases) {
    it(`${name}: a batch of ${X.rows} rows and a batch of one, within 1e-6 absolute`, async () => {
      const bytes = toOnnx(net);
      const session = await ort.InferenceSession.create(bytes);
      expect(session.inputNames).toEqual(['X']);
      expect(session.outputNames).toEqual(['Y']);
      await session.release();
      const K = net.sizes[net.sizes.length - 1]!;
      let worst = 0;
      for (const x of [f32(X), firstRow(f32(X))]) {
        const ours = net.forward(x as never) as Matrix;
        const theirs = await runOnnx(bytes, x);
        expect(theirs.dims).toEqual([x.rows, K]);
        worst = Math.max(worst, maxAbsDiff(theirs.data, ours.data));
      }
      console.log(`onnx ${name}: max |ΔY| = ${worst.toExponential(2)}`);
      expect(worst).toBeLessThanOrEqual(1e-6);
    });
  }

  it("outputs: 'logits' gives Z_L (compared relative to max(1, |Z|), within 1e-6)", async () => {
    const { net, X } = cases[2]!;
    const x = f32(X);
    const Y = net.forward(x as never) as Matrix;
    const Z = (net.evaluate(x as never, Y as never).Zs as readonly Matrix[]).at(-1)!;
    const theirs = await runOnnx(toOnnx(net, { outputs: 'logits' }), x);
    let worst = 0;
    for (let i = 0; i < Z.data.length; i++) worst = Math.max(worst, Math.abs(theirs.data[i]! - Z.data[i]!) / Math.max(1, Math.abs(Z.data[i]!)));
    console.log(`onnx logits 4-5-3-2: max |ΔZ|/max(1,|Z|) = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('every activation kind runs in onnxruntime and matches a float64 forward computed here', async () => {
    // Reference of the other activations, written here (the library does not have them all yet).
    const sizes = [3, 4, 4, 4, 4, 3];
    const W = sizes.slice(1).map((n, l) => rand(sizes[l]!, n));
    const b = [rnd(4, 0.3), rnd(4, 0.3), null, rnd(4, 0.3), rnd(3, 0.3)];
    const kinds = ['leakyRelu', 'tanh', 'linear', 'sigmoid', 'softmax'];
    const net = Object.defineProperty(fromWeights(W as [Matrix, Matrix, Matrix, Matrix, Matrix], { biases: b }), 'activations', { value: kinds });
    const x = f32(rand(5, 3, 3));
    const fns: Record<string, (z: number[]) => number[]> = {
      leakyRelu: (z) => z.map((v) => (v > 0 ? v : 0.01 * v)),
      tanh: (z) => z.map(Math.tanh),
      linear: (z) => z,
      sigmoid: (z) => z.map(sigmoid),
      softmax: (z) => {
        const m = Math.max(...z);
        const e = z.map((v) => Math.exp(v - m));
        const s = e.reduce((p, q) => p + q, 0);
        return e.map((v) => v / s);
      },
    };
    const expected: number[] = [];
    for (let r = 0; r < x.rows; r++) {
      let a = Array.from(x.data.subarray(r * 3, r * 3 + 3));
      W.forEach((w, l) => {
        const z = Array.from({ length: w.cols }, (_, j) => a.reduce((s, v, i) => s + v * w.get(i, j), b[l]?.[j] ?? 0));
        a = fns[kinds[l]!]!(z);
      });
      expected.push(...a);
    }
    const theirs = await runOnnx(toOnnx(net), x);
    const worst = maxAbsDiff(theirs.data, expected);
    console.log(`onnx all activations 3-4-4-4-4-3: max |ΔY| = ${worst.toExponential(2)}`);
    expect(worst).toBeLessThanOrEqual(1e-6);
  });
});
