// A user's file that is right: it must compile cleanly.
import { column, fromWeights, matrix, network, type Network } from 'typed-mlp';

const net = fromWeights([matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]), matrix([[-0.2], [1.1], [1.3]])]);
export const yhat = net.forward(matrix([[0, 1]]));
export const loss = net.train(matrix([[0, 0], [0, 1], [1, 0], [1, 1]]), column([0, 1, 1, 0]), { lr: 1, epochs: 10 });
export const built: Network<[9, 6, 6, 1]> = network(9).relu(6).relu(6).sigmoid(1);
