// (e) brain.js 2.0 beta, NeuralNetwork (the CPU one; NeuralNetworkGPU is not used), trained by its
// own train() loop, set as close to the workload as its API allows:
//   - hiddenLayers [128, 128] (C: [3]), activation 'relu', iterations = epochs (C: steps),
//     the workload's He-normal weights copied into net.weights (brain.js stores them [out][in],
//     as Float32Arrays) and its biases set to 0.
// What it really does, and cannot be told not to:
//   - activation 'relu' applies ReLU to EVERY layer, the output layer included: no sigmoid.
//   - its loss is squared error (δ_out = y − ŷ), not BCE; the "loss" column shows its MSE.
//   - it updates after EVERY sample (no mini-batches); we pass learningRate = lr / batchSize
//     (B: 0.1/32, C: 0.5/4), so one pass over a batch moves the weights about as far as one
//     mini-batch step of the others.
//   - it always has and trains biases (B has none elsewhere); it always uses momentum, and its
//     validation rejects 0, so we pass momentum 1e-9 (≈ plain SGD; the work per update is the same).
//   - with the default errorCheckInterval 1, every iteration also computes the training MSE while
//     it trains (one forward/backward per sample either way).
//   - train() converts the {input, output} arrays to Float32Arrays inside the timed call.
// Its samples/s is therefore "samples trained per second by brain.js's own loop on this net".
// Its accuracy is from its own run() (output > 0.5), over all samples.
import { createRequire } from 'node:module';
import { evaluateOutputs } from '../workloads.mjs';

const require = createRequire(import.meta.url);

export function brainJs() {
  let brain;
  const build = (w, hidden) => {
    const net = new brain.NeuralNetwork({ inputSize: w.sizes[0], hiddenLayers: hidden, outputSize: w.sizes.at(-1), activation: 'relu' });
    net.initialize(); // allocate with the sizes; then overwrite brain's random init with the workload's
    const ws = w.weights();
    for (let l = 1; l < w.sizes.length; l++) {
      const nin = w.sizes[l - 1];
      const nout = w.sizes[l];
      const W = ws[l - 1];
      for (let j = 0; j < nout; j++) for (let k = 0; k < nin; k++) net.weights[l][j][k] = W[k * nout + j];
      net.biases[l].fill(0);
    }
    return net;
  };
  const data = (w) => {
    const out = [];
    for (let i = 0; i < w.N; i++) out.push({ input: Array.from(w.X.subarray(i * w.D, (i + 1) * w.D)), output: [w.Y[i]] });
    return out;
  };
  const evaluate = (net, w) => {
    const out = new Float64Array(w.N);
    for (let i = 0; i < w.N; i++) out[i] = net.run(Array.from(w.X.subarray(i * w.D, (i + 1) * w.D)))[0];
    return { ...evaluateOutputs(out, w.Y), lossKind: 'MSE' };
  };
  const train = (w, hidden, iterations) => {
    const net = build(w, hidden);
    const d = data(w);
    const opts = { iterations, learningRate: w.lr / w.batchSize, momentum: 1e-9, errorThresh: 1e-12, log: false };
    const t0 = performance.now();
    const status = net.train(d, opts);
    const ms = performance.now() - t0;
    if (status.iterations !== iterations) throw new Error(`brain.js stopped after ${status.iterations} of ${iterations} iterations`);
    return { ms, ...evaluate(net, w), model: net };
  };
  return {
    name: 'brain.js 2.0.0-beta.24 NeuralNetwork',
    short: 'brain.js',
    note: '',
    async init() {
      brain = require('brain.js');
      const v = require('brain.js/package.json').version;
      this.name = `brain.js ${v} NeuralNetwork`;
    },
    async activate() {},
    B: async (w) => train(w, w.sizes.slice(1, -1), w.epochs),
    C: async (w) => train(w, w.sizes.slice(1, -1), w.steps),
  };
}
