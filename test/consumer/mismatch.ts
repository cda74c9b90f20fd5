// A user's file with the classic mistake: W2 has 4 rows but W1 gives 3 columns.
import { fromWeights, matrix } from 'typed-mlp';

const W1 = matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]);
const W2 = matrix([[-0.2], [1.1], [1.3], [0.5]]);
export const net = fromWeights([W1, W2]);
