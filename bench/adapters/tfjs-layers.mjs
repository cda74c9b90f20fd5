// (d) tfjs-layers model.fit on the cpu backend (and, for Bopt only, on the wasm backend too): tf.sequential of dense layers (relu, relu, sigmoid;
// useBias false for B, true for C), loss 'binaryCrossentropy', tf.train.sgd, batchSize, shuffle
// false, verbose 0. What fit really does differently: it is async (awaits between batches and
// epochs, runs its callback machinery and a History), it clips ŷ to [ε, 1−ε] and computes the BCE
// from that (not from the logits), it computes and keeps the loss of every batch, and it copies
// each batch out of the full tensors inside the timed call. Float32 throughout.
//
// Workload Bopt (issue 12, point 4), the same fit with other options:
// - Adam: tf.train.adam(lr, 0.9, 0.999, 1e-8) (tfjs's default ε is 1e-7; typed-mlp's and PyTorch's 1e-8);
//   the update is Kingma & Ba's, as typed-mlp's: m̂ / (√v̂ + ε).
// - dropout 0.2: a tfl.layers.dropout({ rate: 0.2 }) after each hidden dense layer (inverted, as
//   typed-mlp's: kept units scaled by 1/(1 − p); active in fit only). Its masks are tfjs's own random
//   draws, so no two runs train alike: the check is "it trained, and not as Adam without dropout".
// - weight decay 1e-4: tfjs-layers has no decoupled AdamW, so the closest its API allows is coupled
//   L2 through the loss: kernelRegularizer tf.regularizers.l2 (tfl.regularizers here)({ l2: λ/2 }) on every dense layer adds
//   (λ/2)·ΣW² to the loss, i.e. λ·W to each kernel's gradient, which then goes through Adam's
//   moments. typed-mlp's weightDecay with Adam is decoupled (W ← W − lr·λ·W, outside the moments,
//   PyTorch AdamW). Not the same update; the same work per step within a few element-wise ops
//   (tfjs: a square, a sum and their gradient per kernel; typed-mlp: one multiply-add per weight),
//   but not the same training: measured on B with Adam and no dropout, typed-mlp's decoupled decay
//   moves the final loss from 0.01607 to 0.01611, tfjs's coupled L2 from 0.01609 to 0.01656 (λ·W
//   inside the moments is rescaled by Adam's 1/√v̂, so it pulls harder on weights with small gradients).
import { evalSet, evaluateWeights } from '../workloads.mjs';
import { loadTf, toF64, useBackend } from './tf.mjs';

/**
 * tfjsLayers() is the cpu row of B, C and Bopt. tfjsLayers('wasm') is the same model.fit on the
 * wasm backend (SIMD, 1 thread), in Bopt only: on this net its fit runs about 3-5× faster there than
 * on cpu, so the "≥ 10× tfjs-layers model.fit" is read against both.
 */
export function tfjsLayers(backend = 'cpu') {
  const wasm = backend === 'wasm';
  let tf;
  let tfl;
  const build = (w) => {
    const v = w.opt; // Bopt's variant, or undefined (B, C: SGD)
    const model = tfl.sequential();
    for (let l = 0; l + 1 < w.sizes.length; l++) {
      const hidden = l + 2 < w.sizes.length;
      model.add(
        tfl.layers.dense({
          units: w.sizes[l + 1],
          activation: hidden ? 'relu' : 'sigmoid',
          useBias: w.biases,
          ...(l === 0 ? { inputShape: [w.sizes[0]] } : {}),
          ...(v?.weightDecay ? { kernelRegularizer: tfl.regularizers.l2({ l2: v.weightDecay / 2 }) } : {}),
        }),
      );
      if (hidden && v?.dropout) model.add(tfl.layers.dropout({ rate: v.dropout }));
    }
    const ws = w.weights();
    const init = [];
    for (let l = 0; l < ws.length; l++) {
      init.push(tf.tensor2d(Float32Array.from(ws[l]), [w.sizes[l], w.sizes[l + 1]]));
      if (w.biases) init.push(tf.zeros([w.sizes[l + 1]]));
    }
    model.setWeights(init);
    tf.dispose(init);
    if (v && !['sgd', 'momentum', 'adam'].includes(v.optimizer)) throw new Error(`no tfjs optimizer for ${v.optimizer}`);
    const optimizer =
      v?.optimizer === 'adam'
        ? tf.train.adam(w.lr, v.beta1, v.beta2, v.epsilon)
        : v?.optimizer === 'momentum'
          ? tf.train.momentum(w.lr, v.momentum)
          : tf.train.sgd(w.lr);
    // the options really are in the model: one dropout layer per hidden layer, a regularizer on every kernel
    const dense = model.layers.filter((x) => x.getClassName() === 'Dense');
    const drops = model.layers.filter((x) => x.getClassName() === 'Dropout');
    if (v?.dropout && !(drops.length === dense.length - 1 && drops.every((x) => x.getConfig().rate === v.dropout))) throw new Error('the dropout layers are not in the model');
    if (v?.weightDecay && !dense.every((x) => x.getConfig().kernelRegularizer?.config?.l2 === v.weightDecay / 2)) throw new Error('the kernel regularizers are not in the model');
    model.compile({ optimizer, loss: 'binaryCrossentropy' });
    return { model, optimizer };
  };
  const evaluate = (model, w) => {
    const vals = model.getWeights().map(toF64); // dropout layers have no weights
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
    name: `tfjs-layers 4.22 model.fit (${wasm ? 'wasm, SIMD, 1 thread' : 'cpu'})`,
    short: wasm ? 'tfjs-layers-wasm fit' : 'tfjs-layers',
    note: '',
    async init() {
      const t = await loadTf();
      tf = t.tf;
      tfl = t.tfl;
      if (wasm && !t.wasm) throw t.wasmError ?? new Error('@tensorflow/tfjs-backend-wasm did not load');
      this.name = this.name.replace('4.22', t.layersVersion);
      await useBackend(tf, backend);
    },
    async activate() {
      await useBackend(tf, backend);
    },
    B: wasm ? undefined : (w) => fit(w, w.epochs, w.batchSize),
    // C: one epoch = one full batch of 4 = one step, so 10,000 epochs.
    C: wasm ? undefined : (w) => fit(w, w.steps, w.N),
    // Bopt: Adam, and Adam + dropout + weight decay (L2 through the loss; see the header).
    Bopt: {
      variants: ['adam', 'adam+dropout+wd'],
      notes: { 'adam+dropout+wd': 'weight decay as coupled L2, kernelRegularizer l2(λ/2) (no AdamW in tfjs-layers)' },
      run: (w) => fit(w, w.epochs, w.batchSize),
    },
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
