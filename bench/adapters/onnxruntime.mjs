// onnxruntime-web on its wasm backend, one thread (env.wasm.numThreads = 1: no worker threads, no
// proxy worker), for workload D. The model is typed-mlp's own `toOnnx(net)` of the network with the
// same weights: float32, MatMul → Relu → MatMul → Relu → MatMul → Sigmoid, input "X" [N, 64],
// output "Y" [N, 1]. One InferenceSession per row count, made outside the clock; inside it,
// `await session.run({ X })` with an ort.Tensor made before the clock (a view of a Float32Array),
// and the output's `.data` read. session.run is async: the await is part of every call's cost, as
// it is for anyone who uses it.
//
// onnxruntime-web is a devDependency of the repository root (the ONNX tests use it), so it is
// resolved from there; bench/package.json does not list it again.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const DIST = process.env.TYPED_MLP_DIST ? new URL(`file://${process.env.TYPED_MLP_DIST}/src/index.js`) : new URL('../../dist/src/index.js', import.meta.url);

export function onnxRuntime() {
  let ort;
  let lib;
  const self = {
    name: 'onnxruntime-web (wasm, 1 thread)',
    short: 'onnxruntime-web',
    note: '',
    async init() {
      ort = await import('onnxruntime-web');
      lib = await import(DIST.href);
      ort.env.wasm.numThreads = 1;
      ort.env.wasm.proxy = false;
      ort.env.logLevel = 'error';
      let version = '?';
      try {
        version = require('onnxruntime-web/package.json').version;
      } catch {
        version = ort.env.versions?.web ?? '?';
      }
      self.name = `onnxruntime-web ${version} (wasm, 1 thread)`;
    },
    D: {
      async prepare({ n, X, sizes, weights }) {
        const ws = weights.map((a, l) => lib.fromArray(a, sizes[l], sizes[l + 1]));
        const net = lib.fromWeights(ws, { biases: false });
        const session = await ort.InferenceSession.create(toOnnxBytes(lib, net), {
          executionProviders: ['wasm'],
          graphOptimizationLevel: 'all',
          intraOpNumThreads: 1,
          interOpNumThreads: 1,
        });
        const input = session.inputNames[0];
        const outName = session.outputNames[0];
        const x = new ort.Tensor('float32', Float32Array.from(X), [n, sizes[0]]);
        let last = null;
        return {
          async run() {
            const out = await session.run({ [input]: x });
            last = out[outName].data;
            out[outName].dispose?.();
          },
          output: () => last,
          dispose: () => session.release(),
        };
      },
    },
  };
  return self;
}

function toOnnxBytes(lib, net) {
  if (typeof lib.toOnnx !== 'function') throw new Error('this build of typed-mlp has no toOnnx');
  return lib.toOnnx(net);
}
