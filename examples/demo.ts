/**
 * `npm run demo`: trains the seed's two networks and shows them working.
 *
 * 1. XOR 2-3-1 from fixed starting weights (NumPy's np.random.seed(0) draw), no biases: it learns three of the four rows,
 *    but the [0, 0] row gives Z = 0, so Ŷ = 0.5 forever and the loss plateaus at log(2)/4 ≈ 0.1733.
 * 2. A 9-6-6-1 net from the builder, on a small synthetic task, trained to high accuracy.
 */
import { fromArray, fromWeights, matrix, mulberry32, network, type TrainResult } from '../src/index.js';

function section(title: string): void {
  console.log(`\n${title}\n${'─'.repeat(title.length)}`);
}

/**
 * Trains in chunks of `every` epochs (through `train`, a closure over a typed network) so the loss
 * can be printed as it falls, with a bar scaled to the first loss. Returns the final loss.
 */
function trainAndReport(train: (epochs: number) => TrainResult, epochs: number, every: number): number {
  let first: number | undefined;
  let last = 0;
  for (let done = 0; done < epochs; done += every) {
    const { losses, finalLoss } = train(Math.min(every, epochs - done));
    first ??= losses[0]!;
    const bar = '█'.repeat(Math.max(1, Math.round((40 * losses[0]!) / first)));
    console.log(`  epoch ${String(done).padStart(5)}  loss ${losses[0]!.toFixed(6)}  ${bar}`);
    last = finalLoss;
  }
  console.log(`  epoch ${String(epochs).padStart(5)}  loss ${last.toFixed(6)}`);
  return last;
}

// 1. The seed's XOR network, W1 and W2 exactly as NumPy's np.random.seed(0) drew them.
section('XOR 2-3-1, no biases, fixed starting weights, full-batch SGD lr 1.0');
const xor = fromWeights([
  matrix([
    [0.13806543856194997, 0.6086474408046969, 0.29065872031153117],
    [0.12694881223337018, -0.2159368363940326, 0.4126508667385178],
  ]),
  matrix([[-0.17653002459565403], [1.108101382155245], [1.3114363285358077]]),
]); // Network<[2, 3, 1]>
const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = matrix([[0], [1], [1], [0]]);
const xorLoss = trainAndReport((epochs) => xor.train(X, Y, { lr: 1.0, epochs }), 1000, 100);
console.log(`  plateau: log(2)/4 = ${(Math.log(2) / 4).toFixed(6)}; reached ${xorLoss.toFixed(6)}`);
const yhat = xor.forward(X);
const pred = xor.predict(X);
X.toArray().forEach((row, i) => {
  console.log(`  [${row.join(', ')}] → Ŷ = ${yhat.get(i, 0).toFixed(6)}  predicted ${pred.get(i, 0)}  label ${Y.get(i, 0)}`);
});
console.log('  Row [0, 0] stays at Ŷ = 0.5 exactly (Z = 0·W = 0 without biases), which predicts 0 by the "> 0.5" rule.');

// 2. The README's 9-6-6-1 network, built layer by layer; its type is Network<[9, 6, 6, 1]>.
section('9-6-6-1 from the builder, 256 samples, label = [x0·x1 + x2 − x3 > 0], full-batch SGD lr 0.5');
const net = network(9, { seed: 2024 }).relu(6).relu(6).sigmoid(1);
const uniform = mulberry32(42);
const N = 256 as const;
const features = Array.from({ length: N * 9 }, () => 2 * uniform() - 1);
const labels = Array.from({ length: N }, (_, i) => {
  const x = features.slice(i * 9, i * 9 + 9);
  return x[0]! * x[1]! + x[2]! - x[3]! > 0 ? 1 : 0;
});
const X9 = fromArray(features, N, 9); // Matrix<256, 9>
const Y9 = fromArray(labels, N, 1); //   Matrix<256, 1>
trainAndReport((epochs) => net.train(X9, Y9, { lr: 0.5, epochs }), 3000, 300);
const ev = net.evaluate(X9, Y9);
console.log(`  accuracy ${(100 * ev.accuracy).toFixed(1)} % on ${N} samples`);
console.log(`  first 8 predictions ${ev.predictions.toArray().slice(0, 8).flat().join(' ')}`);
console.log(`  first 8 labels      ${labels.slice(0, 8).join(' ')}`);
console.log('\nTry the CLI too: npx typed-mlp eval test/fixtures/xor_2_3_1.json');

// 3. Plots: standalone SVG files (open them in a browser).
section('Plots: the loss curves and the networks as SVG');
{
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { resolve } = await import('node:path');
  const { lossCurveSvg, networkSvg } = await import('../src/index.js');
  // The same starting weights again (the XOR net above was trained in place), with and without biases.
  const startWeights = () => [
    matrix([[0.13806543856194997, 0.6086474408046969, 0.29065872031153117], [0.12694881223337018, -0.2159368363940326, 0.4126508667385178]]),
    matrix([[-0.17653002459565403], [1.108101382155245], [1.3114363285358077]]),
  ] as const;
  const plain = fromWeights(startWeights()).train(X, Y, { lr: 1.0, epochs: 1000 }).losses;
  const biased = fromWeights(startWeights(), { biases: true }); // Network<[2, 3, 1]> with zero biases to start
  const withBias = biased.train(X, Y, { lr: 1.0, epochs: 1000 }).losses;
  const dir = resolve('plots');
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    ['xor-loss.svg', lossCurveSvg({ 'no biases (plateau log(2)/4)': plain, 'with biases': withBias }, { title: 'XOR 2-3-1, full-batch SGD lr 1.0', yScale: 'log' })],
    ['xor-network.svg', networkSvg(biased, { title: 'XOR 2-3-1 with biases, after 1000 epochs' })],
    ['net-9-6-6-1.svg', networkSvg(net, { title: '9-6-6-1 after 3000 epochs' })],
  ];
  for (const [name, svg] of files) {
    writeFileSync(resolve(dir, name), svg);
    console.log(`  wrote ${resolve(dir, name)}`);
  }
}
