// The refusals of the library API, word for word: the error class, its code, and a message that
// names the field and the sizes. The messages are part of the API (README, "Errors"), so a change
// to one should be a decision, not an accident. Also the small pure helpers behind them.
import { describe, expect, it } from 'vitest';
import {
  accuracyOf, column, fromArray, fromWeights, matrix, network, Network, predictionsOf, ShapeError, ValueError, withSizes, zeros, type TypedMlpError,
} from '../src/index.js';
import { HIDDEN_ACTIVATIONS } from '../src/activations/index.js';
import { expectNamed } from './helpers/named.js';

/** Every hidden activation, quoted, as the messages list them (read from the registry, so a new one needs no edit here). */
const HIDDEN_LIST = HIDDEN_ACTIVATIONS.map((a) => `"${a}"`).join(', ');

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);
const net = () => network(2, { seed: 3, bias: true }).relu(3).sigmoid(1);
const soft = () => network(2, { seed: 3 }).relu(3).softmax(3);
const Y3 = matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 0, 0]]);
const W = () => [zeros(2, 3), zeros(3, 1)] as const;

const cases: [string, () => unknown, new (m: string) => TypedMlpError, string][] = [
  // describe(): how a bad value is shown
  ['lr as a string', () => net().fit(X, Y, { lr: '0.1' as never, epochs: 1 }), ValueError, 'lr is "0.1", but it must be a finite number > 0'],
  ['a long string is cut at 20 characters', () => net().fit(X, Y, { lr: 'abcdefghijklmnopqrstuvwxyz' as never, epochs: 1 }), ValueError, 'lr is "abcdefghijklmnopqrst…", but it must be a finite number > 0'],
  ['a string of exactly 20 characters is whole', () => net().fit(X, Y, { lr: 'abcdefghijklmnopqrst' as never, epochs: 1 }), ValueError, 'lr is "abcdefghijklmnopqrst", but it must be a finite number > 0'],
  ['lr null', () => net().fit(X, Y, { lr: null as never, epochs: 1 }), ValueError, 'lr is null, but it must be a finite number > 0'],
  ['lr an array', () => net().fit(X, Y, { lr: [0.1] as never, epochs: 1 }), ValueError, 'lr is an array, but it must be a finite number > 0'],
  ['lr an object', () => net().fit(X, Y, { lr: {} as never, epochs: 1 }), ValueError, 'lr is an object, but it must be a finite number > 0'],
  ['lr undefined', () => net().fit(X, Y, { epochs: 1 } as never), ValueError, 'lr is undefined, but it must be a finite number > 0'],
  ['lr -0', () => net().fit(X, Y, { lr: -0, epochs: 1 }), ValueError, 'lr is -0, but it must be a finite number > 0'],
  ['epochs as a string', () => net().fit(X, Y, { lr: 0.1, epochs: '3' as never }), ValueError, 'epochs is "3", but it must be a positive integer'],
  ['epochs 2³²', () => net().fit(X, Y, { lr: 0.1, epochs: 2 ** 32 }), ValueError, 'epochs is 4294967296, but it must be at most 4294967295 (one loss is kept per epoch)'],
  ['train: epochs -1', () => net().train(X, Y, { lr: 0.1, epochs: -1 }), ValueError, 'epochs is -1, but it must be a positive integer'],
  ['batchSize as a string', () => net().fit(X, Y, { lr: 0.1, epochs: 1, batchSize: '2' as never }), ValueError, 'batchSize is "2", but it must be a positive integer'],
  ['a size as a string', () => zeros('2' as never, 3), ShapeError, 'rows must be a positive integer, got "2"'],
  ['a size undefined', () => zeros(undefined as never, 3), ShapeError, 'rows must be a positive integer, got undefined'],
  // readRows: literal rows
  ['rows that are not an array', () => matrix(5 as never), ShapeError, 'rows must be an array of rows, got 5'],
  ['a first row that is not an array', () => matrix([7] as never), ShapeError, 'rows[0] must be an array of numbers, got 7'],
  ['a later row that is not an array', () => matrix([[1, 2], 'ab'] as never), ShapeError, 'rows[1] must be an array of numbers, got "ab"'],
  ['a ragged row', () => matrix([[1, 2], [3]] as never), ShapeError, 'rows is ragged: rows[1] has 1 entry but rows[0] has 2'],
  ['a number as a string', () => matrix([[1, '2']] as never), ValueError, 'rows[0][1] is "2", expected a number'],
  // labels
  ['Y of the wrong shape', () => net().fit(X, column([0, 1]) as never, { lr: 0.1, epochs: 1 }), ShapeError, 'Y is 2×1 but X has 4 rows and the network has 1 output, so Y must be 4×1'],
  ['Y of the wrong width, several outputs', () => soft().loss(X, zeros(4, 2) as never), ShapeError, 'Y is 4×2 but X has 4 rows and the network has 3 outputs, so Y must be 4×3'],
  ['validation Y of the wrong shape', () => net().fit(X, Y, { lr: 0.1, epochs: 1, validation: [X, column([1, 0, 1])] as never }), ShapeError, 'validation Y is 3×1 but validation X has 4 rows and the network has 1 output, so validation Y must be 4×1'],
  ['validation X of the wrong width', () => net().fit(X, Y, { lr: 0.1, epochs: 1, validation: [zeros(4, 3), Y] as never }), ShapeError, 'validation X is 4×3 but the network expects 2 columns'],
  ['a label above 1', () => net().loss(X, column([0, 1, 1.5, 0])), ValueError, 'Y[2][0] is 1.5, but labels must lie in [0, 1]'],
  ['a label below 0, several outputs', () => soft().loss(X, matrix([[1, 0, 0], [0, 1, 0], [0, 1, -0.5], [1, 0, 0]])), ValueError, 'Y[2][2] is -0.5, but labels must lie in [0, 1]'],
  ['softmax labels that do not sum to 1', () => soft().loss(X, matrix([[1, 0, 0], [0, 1, 0], [0, 0.5, 0], [1, 0, 0]])), ValueError, 'Y[2] sums to 0.5, but softmax labels must sum to 1 on every row (one-hot or probabilities)'],
  ['softmax labels of the last row', () => soft().loss(X, matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]])), ValueError, 'Y[3] sums to 0, but softmax labels must sum to 1 on every row (one-hot or probabilities)'],
  // networks from weights
  ['weights that are not an array', () => fromWeights(5 as never), ShapeError, 'weights must be an array of matrices'],
  ['no layers', () => fromWeights([] as never), ShapeError, 'weights is empty: a network needs at least one layer'],
  ['a NaN weight', () => {
    const w = zeros(3, 1);
    w.data[2] = Number.NaN;
    return fromWeights([zeros(2, 3), w]);
  }, ValueError, 'weights[1][2][0] is NaN, expected a finite number'],
  ['too few activations', () => fromWeights(W(), { activations: ['sigmoid'] } as never), ShapeError, 'activations has 1 entry but there are 2 layers'],
  ['a hidden activation at the output', () => fromWeights(W(), { activations: ['relu', 'relu'] as never }), ValueError, 'activations[1] is "relu", but the output takes "sigmoid", "softmax", "linear"'],
  ['an output activation in a hidden layer', () => fromWeights(W(), { activations: ['softmax', 'sigmoid'] as never }), ValueError, `activations[0] is "softmax", but a hidden layer takes ${HIDDEN_LIST}`],
  ['softmax over one output', () => fromWeights(W(), { activations: ['relu', 'softmax'] } as never), ShapeError, 'a softmax output needs at least 2 outputs, but weights[1] gives 1 (for one, use "sigmoid")'],
  ['too many biases', () => fromWeights(W(), { biases: [null, null, null] } as never), ShapeError, 'biases has 3 entries but there are 2 layers'],
  ['a bias of the wrong width', () => fromWeights(W(), { biases: [[1, 2], null] } as never), ShapeError, 'biases[0] is 1×2 but weights[0] gives 3 outputs, so it must be 1×3'],
  ['a bias with two rows', () => fromWeights(W(), { biases: [null, zeros(2, 1)] } as never), ShapeError, 'biases[1] is 2×1 but weights[1] gives 1 output, so it must be 1×1'],
  ['biases that are neither a flag nor a list', () => fromWeights(W(), { biases: 'yes' } as never), ShapeError, 'biases must be true, false or a list with one entry per layer, got "yes"'],
  ['a NaN bias', () => fromWeights(W(), { biases: [null, [Number.NaN]] }), ValueError, 'biases[1][0][0] is NaN, expected a finite number'],
  ['withSizes of other sizes', () => withSizes(net() as Network<number[]>, [2, 4, 1]), ShapeError, 'the network has sizes [2, 3, 1] but [2, 4, 1] was expected'],
  ['withSizes of fewer sizes', () => withSizes(net() as Network<number[]>, [2, 3]), ShapeError, 'the network has sizes [2, 3, 1] but [2, 3] was expected'],
  ['withSizes of more sizes', () => withSizes(net() as Network<number[]>, [2, 3, 1, 4]), ShapeError, 'the network has sizes [2, 3, 1] but [2, 3, 1, 4] was expected'],
  ['a first row that is null', () => matrix([null] as never), ShapeError, 'rows[0] must be an array of numbers, got null'],
  // Seeds are integers in [0, 2³²): nothing is folded into one (issue 10 point 5, issue 13 point 3).
  ['a fractional seed', () => network(2, { seed: 0.25 as never }), ValueError, 'seed is 0.25, but it must be an integer in [0, 4294967295]'],
  ['a negative seed', () => network(2, { seed: -1 as never }), ValueError, 'seed is -1, but it must be an integer in [0, 4294967295]'],
  ['a seed of 2³²', () => network(2, { seed: 2 ** 32 }), ValueError, 'seed is 4294967296, but it must be an integer in [0, 4294967295]'],
  ['a NaN seed for fit', () => net().fit(X, Y, { lr: 0.1, epochs: 1, shuffle: true, seed: Number.NaN }), ValueError, 'seed is NaN, but it must be an integer in [0, 4294967295]'],
  ['a string seed for trainer', () => net().trainer(X, Y, { lr: 0.1, shuffle: true, seed: '42' as never }), ValueError, 'seed is "42", but it must be an integer in [0, 4294967295]'],
  ['Infinity as a seed', () => net().fit(X, Y, { lr: 0.1, epochs: 1, shuffle: true, seed: Infinity }), ValueError, 'seed is Infinity, but it must be an integer in [0, 4294967295]'],
  // Singular counts (issue 10, point 9): "1 column", "1 row", "1 output", "1 entry".
  ['X of 2 columns for a 1-input network', () => fromWeights([zeros(1, 2), zeros(2, 1)]).forward(zeros(3, 2) as never), ShapeError, 'X is 3×2 but the network expects 1 column'],
  ['Y of 2 rows for 1 row of X', () => fromWeights([zeros(1, 2), zeros(2, 1)]).loss(zeros(1, 1), zeros(2, 1) as never), ShapeError, 'Y is 2×1 but X has 1 row and the network has 1 output, so Y must be 1×1'],
  ['fromArray with 1 entry for 2', () => fromArray([1], 1, 2), ShapeError, 'data has 1 entry but a 1×2 matrix needs 2'],
  ['the constructor with too few biases', () => new Network([zeros(2, 3), zeros(3, 1)] as never, [null]), ShapeError, 'biases has 1 entry but there are 2 layers'],
  ['a NaN in a bias matrix', () => {
    const b = zeros(1, 3);
    b.data[2] = Number.NaN;
    return fromWeights(W(), { biases: [b, null] });
  }, ValueError, 'biases[0][0][2] is NaN, expected a finite number'],
  // the user's matrices, written to since construction
  ['a bias set to Infinity after construction', () => {
    const n = net();
    n.biases[0]!.data[1] = Infinity;
    return n.fit(X, Y, { lr: 0.1, epochs: 1 });
  }, ValueError, 'biases[0][0][1] is Infinity, expected a finite number'],
  // optimizers
  ['momentum 1', () => net().fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'momentum', momentum: 1 } }), ValueError, 'optimizer.momentum is 1, but it must be in [0, 1)'],
  ['beta1 below 0', () => net().fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'adam', beta1: -0.1 } }), ValueError, 'optimizer.beta1 is -0.1, but it must be in [0, 1)'],
  ['beta2 NaN', () => net().fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'adam', beta2: Number.NaN } }), ValueError, 'optimizer.beta2 is NaN, but it must be in [0, 1)'],
  ['epsilon 0', () => net().fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'adam', epsilon: 0 } }), ValueError, 'optimizer.epsilon is 0, but it must be a finite number > 0'],
  ['an unknown optimizer', () => net().fit(X, Y, { lr: 0.1, epochs: 1, optimizer: 'rmsprop' as never }), ValueError, 'optimizer is "rmsprop", expected "sgd", "momentum" or "adam"'],
];

describe('every refusal, word for word', () => {
  it.each(cases)('%s', (_, act, kind, message) => {
    expectNamed(act, kind, message, kind === ShapeError ? 'E_SHAPE' : 'E_VALUE');
  });
});

describe('what is accepted at the edges', () => {
  it('the largest epoch count is accepted (stopped after one epoch by onEpochEnd)', () => {
    const seen: number[] = [];
    const h = net().fit(X, Y, { lr: 0.1, epochs: 2 ** 32 - 1, onEpochEnd: (e) => (seen.push(e), false) });
    expect(seen).toEqual([0]);
    expect(h.loss).toHaveLength(1);
  });

  it('β = 0 and momentum 0 are allowed (the rules then keep no memory)', () => {
    const a = net();
    const b = net();
    a.fit(X, Y, { lr: 0.1, epochs: 3, optimizer: { type: 'momentum', momentum: 0 } });
    b.fit(X, Y, { lr: 0.1, epochs: 3 });
    expect(a.toJSON()).toEqual(b.toJSON());
    expect(() => net().fit(X, Y, { lr: 0.1, epochs: 1, optimizer: { type: 'adam', beta1: 0, beta2: 0 } })).not.toThrow();
  });

  it('a softmax over exactly 2 outputs is allowed', () => {
    const n = fromWeights([zeros(2, 3), zeros(3, 2)], { activations: ['relu', 'softmax'] });
    expect(n.head).toBe('softmax');
    expect(n.forward(X).toArray()[0]).toEqual([0.5, 0.5]);
  });

  it('labels that sum to 1 within 1e-9 are softmax labels', () => {
    expect(Number.isFinite(soft().loss(X, matrix([[0.1, 0.2, 0.7], [0, 1, 0], [0, 0, 1], [1, 0, 0]])))).toBe(true);
    expect(Number.isFinite(soft().loss(X, Y3))).toBe(true);
  });

  it('toJSON: the saved format, with the activations, the head last, weights as rows and biases as plain arrays or null', () => {
    const n = fromWeights([matrix([[1, 2, 3], [4, 5, 6]]), matrix([[7], [8], [9]])], { biases: [[0.5, -0.5, 0], null] });
    expect(JSON.stringify(n)).toBe(
      '{"format":"typed-mlp","version":1,"sizes":[2,3,1],"activations":["relu","sigmoid"],"layers":[{"weights":[[1,2,3],[4,5,6]],"bias":[0.5,-0.5,0]},{"weights":[[7],[8],[9]],"bias":null}]}',
    );
  });

  it('biases: true gives every layer a zero bias; false or none gives none', () => {
    expect(fromWeights(W(), { biases: true }).biases.map((b) => b && Array.from(b.data))).toEqual([[0, 0, 0], [0]]);
    expect(fromWeights(W(), { biases: false }).biases).toEqual([null, null]);
    expect(fromWeights(W()).biases).toEqual([null, null]);
  });
});

describe('predictions and accuracy', () => {
  it('softmax predictions are one-hot at the largest entry, the first on ties', () => {
    const yhat = matrix([[0.2, 0.7, 0.1], [0.4, 0.2, 0.4], [0.1, 0.1, 0.8], [0.3, 0.35, 0.35]]);
    expect(predictionsOf(yhat, 'softmax').toArray()).toEqual([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]);
  });

  it('sigmoid predictions are 1 only above 0.5', () => {
    expect(predictionsOf(matrix([[0.5, 0.5000001], [0.49, 1]])).toArray()).toEqual([[0, 1], [0, 1]]);
  });

  it('softmax accuracy counts rows whose predicted class is the label\'s largest entry', () => {
    const predictions = matrix([[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    const y = matrix([[0, 1, 0], [0, 1, 0], [0.2, 0.1, 0.7], [0.5, 0.25, 0.25]]);
    expect(accuracyOf(predictions, y, 'softmax')).toBe(0.5);
    expect(accuracyOf(predictions, y)).toBe(9 / 12); // as entries without 'softmax', each label thresholded at 0.5 like a prediction
  });

  it('evaluate and fit report the same accuracy for softmax', () => {
    const n = soft();
    const before = n.evaluate(X, Y3).accuracy;
    expect(n.fit(X, Y3, { lr: 0.1, epochs: 1 }).accuracy[0]).toBe(before);
  });
});

describe('rows that claim more entries than memory holds', () => {
  it('a sparse row of length 2³² − 1 is refused by name, not by a failed allocation', () => {
    const row: number[] = [];
    row.length = 2 ** 32 - 1;
    expect(() => matrix([row] as never)).toThrow(new ShapeError('rows is 1×4294967295, over the limit of 134217728 entries'));
    expect(() => fromWeights([matrix([[1]])], { biases: [row] as never })).toThrow(new ShapeError('biases[0] is 1×4294967295, over the limit of 134217728 entries'));
    expect(() => fromArray(row, 1, row.length)).toThrow(new ShapeError('the matrix is 1×4294967295, over the limit of 134217728 entries'));
    expect(() => zeros(2 ** 20, 2 ** 20)).toThrow(new ShapeError('the matrix is 1048576×1048576, over the limit of 134217728 entries'));
  });
});
