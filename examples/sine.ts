/**
 * `npm run example:sine`: regression with a linear head. Noisy samples of y = sin(πx) on [−1, 1],
 * a 1-16-16-1 tanh network, Adam with a cosine schedule, early stopping on the validation loss
 * with the best weights restored, then R² on rows the training never saw.
 */
import { fromArray, type Matrix, mulberry32, network, normal, r2, rmse } from '../src/index.js';

/** `n` points x ~ U(−1, 1) with y = sin(πx) + N(0, noise²), as two n×1 matrices, from a seed. */
export function noisySine(n: number, seed: number, noise = 0.05): { x: Matrix<number, 1>; y: Matrix<number, 1> } {
  const u = mulberry32(seed);
  const xs = Array.from({ length: n }, () => 2 * u() - 1);
  const ys = xs.map((x) => Math.sin(Math.PI * x) + noise * normal(u));
  return { x: fromArray(xs, n, 1), y: fromArray(ys, n, 1) };
}

/** Trains on 200 noisy points (40 more for validation) and scores on 200 held-out ones. */
export function fitSine(seed = 1) {
  const train = noisySine(200, seed);
  const val = noisySine(40, seed + 1000);
  const test = noisySine(200, seed + 2000);
  const net = network(1, { seed }).tanh(16).tanh(16).linear(1); // Network<[1, 16, 16, 1], "linear">
  const history = net.fit(train.x, train.y, {
    lr: 0.01,
    epochs: 600,
    batchSize: 16,
    shuffle: true,
    seed,
    optimizer: 'adam',
    lrSchedule: { type: 'cosine', epochs: 600, lrMin: 1e-4 },
    validation: [val.x, val.y],
    earlyStopping: { patience: 100, restoreBestWeights: true },
  });
  const yhat = net.predict(test.x);
  return { net, history, testR2: r2(test.y, yhat), testRmse: rmse(test.y, yhat), testMae: net.evaluate(test.x, test.y).mae };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { history, testR2, testRmse } = fitSine();
  const epochs = history.loss.length;
  console.log(`sin(πx) + noise, 1-16-16-1 tanh → linear head, Adam, cosine schedule`);
  console.log(`  ${epochs} epochs${history.stoppedEpoch !== undefined ? ` (early stop; best epoch ${history.bestEpoch})` : ''}`);
  console.log(`  train MSE ${history.loss[epochs - 1]!.toFixed(5)}   validation MSE ${history.valLoss![epochs - 1]!.toFixed(5)}`);
  console.log(`  held-out R² ${testR2.toFixed(4)}   RMSE ${testRmse.toFixed(4)} (noise σ 0.05)`);
}
