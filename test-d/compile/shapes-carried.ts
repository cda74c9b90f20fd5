// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck): shapes and values
// the types can carry, they check (issue 10, point 5). Each refusal has a run-time twin with the
// same words for values known only at run time.
import { fromWeights, loadNetwork, network, type Network, withSizes, zeros } from '../../src/index.js';

declare const text: string;
const net = network(9).relu(6).sigmoid(1);
const X = zeros(20, 9);
const Y = zeros(20, 1);

// softmax over one class learns nothing.
// @ts-expect-error a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)
network(4).relu(8).softmax(1);
// @ts-expect-error the same through output()
network(4).relu(8).output(1, 'softmax');
network(4).relu(8).softmax(2);
network(4).relu(8).output(1, 'sigmoid');

// Validation X and Y of different row counts.
// @ts-expect-error validation Y has 4 rows but validation X has 5
net.fit(X, Y, { lr: 0.1, epochs: 1, validation: [zeros(5, 9), zeros(4, 1)] });
net.fit(X, Y, { lr: 0.1, epochs: 1, validation: [zeros(5, 9), zeros(5, 1)] });

// withSizes when both sides are literal.
// @ts-expect-error the network has sizes [9, 6, 1] but [2, 4, 1] was expected
withSizes(net, [2, 4, 1]);
withSizes(net, [9, 6, 1]);
withSizes(net as Network<number[]>, [2, 4, 1]); // run time: a ShapeError
// @ts-expect-error sizes[1] must be a positive integer, got 0
withSizes(net as Network<number[]>, [9, 0, 1]);
// @ts-expect-error sizes[2] must be a positive integer, got 0.5
loadNetwork(text, [9, 6, 0.5]);
loadNetwork(text, [9, 6, 1]);

// Seeds: integers in [0, 2³²).
// @ts-expect-error seed must be an integer in [0, 4294967295], got 1.5
network(2, { seed: 1.5 });
// @ts-expect-error seed must be an integer in [0, 4294967295], got -1
network(2, { seed: -1 });
// @ts-expect-error seed must be an integer in [0, 4294967295], got 0.25
net.fit(X, Y, { lr: 0.1, epochs: 1, shuffle: true, seed: 0.25 });
// @ts-expect-error seed must be an integer in [0, 4294967295], got -3
net.trainer(X, Y, { lr: 0.1, shuffle: true, seed: -3 });
network(2, { seed: 42 });
net.fit(X, Y, { lr: 0.1, epochs: 1, shuffle: true, seed: 7 });
net.fit(X, Y, { lr: 0.1, epochs: 1, shuffle: true, seed: Date.now() % 1000 });

// fromWeights: biases and activations per layer, when the weights are literal.
const W = [zeros(2, 3), zeros(3, 1)] as const;
// @ts-expect-error biases has 1 entry but there are 2 layers
fromWeights(W, { biases: [null] });
// @ts-expect-error biases has 3 entries but there are 2 layers
fromWeights(W, { biases: [null, null, null] });
// @ts-expect-error biases[0] is 1×2 but weights[0] gives 3 outputs, so it must be 1×3
fromWeights(W, { biases: [[1, 2], null] });
// @ts-expect-error biases[1] is 2×1 but weights[1] gives 1 output, so it must be 1×1
fromWeights(W, { biases: [null, zeros(2, 1)] });
// @ts-expect-error activations has 1 entry but there are 2 layers
fromWeights(W, { activations: ['sigmoid'] });
// @ts-expect-error activations has 3 entries but there are 2 layers
fromWeights(W, { activations: ['relu', 'tanh', 'linear'] });
fromWeights(W, { biases: [[1, 2, 3], zeros(1, 1)] });
fromWeights(W, { biases: true, activations: ['tanh', 'linear'] });
const regression: Network<[2, 3, 1], 'linear'> = fromWeights(W, { activations: ['tanh', 'linear'], biases: [null, [0.5]] });
// A list built at run time is checked then.
declare const built: (number[] | null)[];
fromWeights(W, { biases: built });
export { regression };

// softmax over one output, wherever the head is named with the output count known.
// @ts-expect-error a softmax head needs at least 2 classes, got 1 (for one output, use sigmoid)
fromWeights(W, { activations: ['relu', 'softmax'] });
fromWeights([zeros(2, 3), zeros(3, 2)], { activations: ['relu', 'softmax'] });
// @ts-expect-error weights is empty: a network needs at least one layer
fromWeights([]);
