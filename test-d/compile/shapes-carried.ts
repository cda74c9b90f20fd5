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
// @ts-expect-error validation Y of 4 rows for validation X of 5
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

export const unused = fromWeights;
