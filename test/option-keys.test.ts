// Issue 13, point 3: option objects from plain JavaScript with unknown keys, or with a seed that has
// no effect in that call, are named errors listing the known keys, and nothing changes.
import { describe, expect, it } from 'vitest';
import { append, column, fromSizes, fromWeights, loadNetwork, matrix, network, saveNetwork, slice, ValueError, zeros } from '../src/index.js';

const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);
const fresh = () => network(2, { seed: 3 }).relu(3).sigmoid(1);
const FIT = 'lr, batchSize, shuffle, seed, optimizer, weightDecay, dropout, clipNorm, lrSchedule, epochs, validation, earlyStopping, onEpochEnd, onWarning, progress';
const TRAINER = 'lr, batchSize, shuffle, seed, optimizer, weightDecay, dropout, clipNorm, lrSchedule';

describe('unknown keys are refused by name, listing the known ones, and change nothing', () => {
  const cases: [string, (net: ReturnType<typeof fresh>) => unknown, string][] = [
    ['fit: batch_size', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, batch_size: 2 } as never), `options has an unknown key "batch_size"; the known keys are ${FIT}`],
    ['fit: learningRate and epoch', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, learningRate: 0.1, epoch: 3 } as never), `options has unknown keys "learningRate", "epoch"; the known keys are ${FIT}`],
    ['trainer: epochs (a fit option)', (n) => n.trainer(X, Y, { lr: 0.1, epochs: 3 } as never), `options has an unknown key "epochs"; the known keys are ${TRAINER}`],
    ['train: batchSize (a fit option)', (n) => n.train(X, Y, { lr: 0.1, epochs: 1, batchSize: 2 } as never), 'options has an unknown key "batchSize"; the known keys are lr, epochs, weightDecay'],
    ['network: seeds', () => network(2, { seeds: 3 } as never), 'options has an unknown key "seeds"; the known keys are seed, init, bias'],
    ['a layer: biases', () => network(2).relu(3, { biases: false } as never), 'layer options has an unknown key "biases"; the known keys are bias'],
    ['a head layer: use_bias', () => network(2).sigmoid(1, { use_bias: false } as never), 'layer options has an unknown key "use_bias"; the known keys are bias'],
    ['fromWeights: bias', () => fromWeights([zeros(2, 3), zeros(3, 1)], { bias: true } as never), 'options has an unknown key "bias"; the known keys are biases, activations'],
    ['fromSizes: activation', () => fromSizes([2, 3, 1], { activation: 'tanh' } as never), 'options has an unknown key "activation"; the known keys are seed, init, bias, hidden, head'],
    ['loadNetwork: maxSize', (n) => loadNetwork(JSON.stringify(n), undefined, { maxSize: 10 } as never), 'load options has an unknown key "maxSize"; the known keys are maxBytes, head'],
    ['append: activations', (n) => append(n, zeros(1, 2), { head: 'linear', activations: 'relu' } as never), 'options has an unknown key "activations"; the known keys are head, activation, bias'],
    ['slice: heads', (n) => slice(n, 0, 1, { heads: 'linear' } as never), 'options has an unknown key "heads"; the known keys are head'],
    ['fit: earlyStopping.patients', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, earlyStopping: { monitor: 'loss', patients: 3 } as never }), 'earlyStopping has an unknown key "patients"; the known keys are monitor, patience, minDelta, restoreBestWeights'],
    ['fit: lrSchedule.step_size', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, lrSchedule: { type: 'step', stepSize: 2, gamma: 0.5, step_size: 3 } as never }), 'lrSchedule has an unknown key "step_size"; the known keys are type, stepSize, gamma'],
    ['fit: lrSchedule.gamma for cosine', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, lrSchedule: { type: 'cosine', epochs: 5, gamma: 0.5 } as never }), 'lrSchedule has an unknown key "gamma"; the known keys are type, epochs, lrMin'],
    ['fit: progress.tty', (n) => n.fit(X, Y, { lr: 0.1, epochs: 1, progress: { tty: true } as never }), 'progress has an unknown key "tty"; the known keys are stream, ci'],
    ['fit: options that are not an object', (n) => n.fit(X, Y, 5 as never), 'options must be an object, got 5'],
  ];
  it.each(cases)('%s', (_, act, message) => {
    const net = fresh();
    const before = JSON.stringify(saveNetwork(net));
    expect(() => act(net)).toThrow(new ValueError(message));
    expect(JSON.stringify(saveNetwork(net))).toBe(before);
  });

  it('a known key whose value is undefined counts as absent', () => {
    expect(() => fresh().fit(X, Y, { lr: 0.1, epochs: 1, batchSize: undefined, seed: undefined } as never)).not.toThrow(); // as from JavaScript
  });
});

describe('a seed with no effect is refused', () => {
  it('without shuffle or dropout, in fit and trainer', () => {
    const message = "seed is 7, but it has no effect here: it seeds the shuffle and dropout's masks, and neither is on (set shuffle: true, or dropout)";
    expect(() => fresh().fit(X, Y, { lr: 0.1, epochs: 1, seed: 7 })).toThrow(new ValueError(message));
    expect(() => fresh().trainer(X, Y, { lr: 0.1, seed: 7 })).toThrow(new ValueError(message));
    expect(() => fresh().fit(X, Y, { lr: 0.1, epochs: 1, seed: 7, shuffle: false })).toThrow(new ValueError(message));
  });

  it('with shuffle, or with dropout, it is taken', () => {
    expect(() => fresh().fit(X, Y, { lr: 0.1, epochs: 1, seed: 7, shuffle: true })).not.toThrow();
    expect(() => fresh().fit(X, Y, { lr: 0.1, epochs: 1, seed: 7, dropout: 0.2 })).not.toThrow();
  });
});
