// (d) tfjs-layers model.fit on the cpu backend: tf.sequential of dense layers (relu, relu, sigmoid;
// useBias false for B, true for C), loss 'binaryCrossentropy', tf.train.sgd, batchSize, shuffle
// false, verbose 0. What fit really does differently: it is async (awaits between batches and
// epochs, runs its callback machinery and a History), it clips ŷ to [ε, 1−ε] and computes the BCE
// from that (not from the logits), it computes and keeps the loss of every batch, and it copies
// each batch out of the full tensors inside the timed call. Float32 throughout.
import { evalSet, evaluateWeights } from '../workloads.mjs';
import { loadTf, toF64, useBackend } from './tf.mjs';

export function tfjsLayers() {
  let tf;
  let tfl;
  const build = (w) => {
    const model = tfl.sequential();
    for (let l = 0; l + 1 < w.sizes.length; l++) {
      model.add(
        tfl.layers.dense({
          units: w.sizes[l + 1],
          activation: l + 2 < w.sizes.length ? 'relu' : 'sigmoid',
          useBias: w.biases,
          ...(l === 0 ? { inputShape: [w.sizes[0]] } : {}),
        }),
      );
    }
    const ws = w.weights();
    const init = [];
    for (let l = 0; l < ws.length; l++) {
      init.push(tf.tensor2d(Float32Array.from(ws[l]), [w.sizes[l], w.sizes[l + 1]]));
      if (w.biases) init.push(tf.zeros([w.sizes[l + 1]]));
    }
    model.setWeights(init);
    tf.dispose(init);
    const optimizer = tf.train.sgd(w.lr);
    model.compile({ optimizer, loss: 'binaryCrossentropy' });
    return { model, optimizer };
  };
  const evaluate = (model, w) => {
    const vals = model.getWeights().map(toF64);
    const W = w.biases ? vals.filter((_, i) => i % 2 === 0) : vals;
    const b = w.biases ? vals.filter((_, i) => i % 2 === 1) : null;
    return evaluateWeights(W, b, ...evalSet(w), w.sizes);
  };
  const fit = async (w, epochs, batchSize) => {
    const { model, optimizer } = build(w);
    const x = tf.tensor2d(Float32Array.from(w.X), [w.N, w.D]);
    const y = tf.tensor2d(Float32Array.from(w.Y), [w.N, 1]);
    const t0 = performance.now();
    await model.fit(x, y, { batchSize, epochs, shuffle: false, verbose: 0 });
    const ms = performance.now() - t0;
    const r = evaluate(model, w);
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose(); // a user-supplied optimizer is not disposed with the model
    return { ms, ...r, model: { model, optimizer } };
  };
  return {
    name: 'tfjs-layers 4.22 model.fit (cpu)',
    short: 'tfjs-layers',
    note: '',
    async init() {
      const t = await loadTf();
      tf = t.tf;
      tfl = t.tfl;
      this.name = this.name.replace('4.22', t.layersVersion);
      await useBackend(tf, 'cpu');
    },
    async activate() {
      await useBackend(tf, 'cpu');
    },
    B: (w) => fit(w, w.epochs, w.batchSize),
    // C: one epoch = one full batch of 4 = one step, so 10,000 epochs.
    C: (w) => fit(w, w.steps, w.N),
  };
}

/**
 * Workload D with tfjs-layers on the wasm backend (SIMD, 1 thread): a tf.sequential of the same
 * dense layers (relu, relu, sigmoid, no biases) with the same weights, `model.predict(x, { batchSize:
 * n })` (one batch: predict's default batchSize of 32 would split 4096 rows into 128 calls and a
 * concat), `dataSync()` so the work is done, then the output tensor disposed. The input tensor is made
 * before the clock, as for every other library's input.
 */
export function tfjsPredict() {
  let tf;
  let tfl;
  const self = {
    name: 'tfjs-layers 4.22 model.predict (wasm, SIMD, 1 thread)',
    short: 'tfjs-layers-wasm',
    note: '',
    async init() {
      const t = await loadTf();
      tf = t.tf;
      tfl = t.tfl;
      if (!t.wasm) throw t.wasmError ?? new Error('@tensorflow/tfjs-backend-wasm did not load');
      self.name = self.name.replace('4.22', t.layersVersion);
      await useBackend(tf, 'wasm');
    },
    async activate() {
      await useBackend(tf, 'wasm');
    },
    D: {
      prepare({ n, X, sizes, weights }) {
        const model = tfl.sequential();
        for (let l = 0; l + 1 < sizes.length; l++) {
          model.add(
            tfl.layers.dense({
              units: sizes[l + 1],
              activation: l + 2 < sizes.length ? 'relu' : 'sigmoid',
              useBias: false,
              ...(l === 0 ? { inputShape: [sizes[0]] } : {}),
            }),
          );
        }
        const init = weights.map((a, l) => tf.tensor2d(Float32Array.from(a), [sizes[l], sizes[l + 1]]));
        model.setWeights(init);
        tf.dispose(init);
        const x = tf.tensor2d(Float32Array.from(X), [n, sizes[0]]);
        let last = null;
        return {
          run() {
            const y = model.predict(x, { batchSize: n });
            last = y.dataSync();
            y.dispose();
          },
          output: () => last,
          tensors: () => tf.memory().numTensors,
          dispose() {
            x.dispose();
            model.dispose();
          },
        };
      },
    },
  };
  return self;
}
