// A user's file that feeds the wrong batch width and the wrong labels.
import { column, network, zeros } from 'typed-mlp';

const net = network(9).relu(6).relu(6).sigmoid(1);
export const yhat = net.forward(zeros(5, 8));
export const loss = net.loss(zeros(5, 9), column([1, 0, 1]));
