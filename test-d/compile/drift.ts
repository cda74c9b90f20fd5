// Checked by `tsc --noEmit` with every supported compiler (npm run typecheck): the lists a network
// hands out are readonly, so none of these compiles (issue 10, point 1). test/drift.test.ts shows
// that doing them anyway, through a cast, changes nothing or is a named ShapeError.
import { network, zeros } from '../../src/index.js';

const net = network(9).relu(6).relu(6).sigmoid(1);
// @ts-expect-error sizes is readonly
net.sizes.push(6);
// @ts-expect-error sizes is readonly
net.sizes.fill(1);
// @ts-expect-error weights is readonly
net.weights.reverse();
// @ts-expect-error weights is readonly
net.weights[1] = zeros(6, 6);
// @ts-expect-error biases is readonly
net.biases[0] = null;
// @ts-expect-error activations is readonly
net.activations.reverse();
// @ts-expect-error a matrix's shape is readonly
net.weights[0].rows = 3;
// @ts-expect-error the matrix's storage is readonly
net.weights[0].data = new Float64Array(54);
// @ts-expect-error an evaluation's layerSizes is readonly
net.evaluate(zeros(2, 9), zeros(2, 1)).layerSizes.push(1);
// Reading is fine, and so is writing an entry (the matrices are the network's own).
const [first] = net.sizes;
net.weights[0].data[0] = first;
// @ts-expect-error the head is fixed when a network is made
net.head = 'linear';
