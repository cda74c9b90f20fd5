// Issue 11, point 2: a Keras-style summary and the parameter count.
import { describe, expect, it } from 'vitest';
import { fromSizes, fromWeights, network, zeros } from '../src/index.js';

describe('parameterCount', () => {
  it('counts every weight and bias entry', () => {
    expect(network(9).relu(6).relu(6).sigmoid(1).parameterCount).toBe(9 * 6 + 6 + 6 * 6 + 6 + 6 * 1 + 1);
    expect(fromWeights([zeros(2, 3), zeros(3, 1)]).parameterCount).toBe(9); // the seed's net has no biases
    expect(fromWeights([zeros(2, 3), zeros(3, 1)], { biases: [null, [0]] }).parameterCount).toBe(10);
  });

  it('equals the entries the network holds, for any layout', () => {
    for (const sizes of [[3, 1], [5, 4, 2], [7, 1, 9, 3, 2], [1, 64, 64, 1]]) {
      for (const bias of [true, false]) {
        const net = fromSizes(sizes, { head: 'linear', bias });
        const held = net.weights.reduce((a, w) => a + w.data.length, 0) + net.biases.reduce((a, b) => a + (b ? b.data.length : 0), 0);
        expect(net.parameterCount).toBe(held);
      }
    }
  });
});

describe('summary', () => {
  it('lays out each layer, the totals and the head', () => {
    const net = network(9, { seed: 1 }).relu(6).relu(6, { bias: false }).sigmoid(1).freeze(0);
    expect(net.summary()).toBe(
      [
        'Network<[9, 6, 6, 1], "sigmoid">',
        'layer  activation      output shape  weights  bias  parameters',
        '──────────────────────────────────────────────────────────────',
        '0      relu            (N, 6)            9×6   1×6          60  frozen',
        '1      relu            (N, 6)            6×6  none          36',
        '2      sigmoid (head)  (N, 1)            6×1   1×1           7',
        '──────────────────────────────────────────────────────────────',
        'input shape (N, 9); 3 layers',
        'parameters: 103 (trainable 43, frozen 60)',
        'head: sigmoid with binary cross-entropy',
      ].join('\n'),
    );
  });

  it('names the head with its loss, and groups large counts', () => {
    const s = network(784).relu(512).softmax(10).summary();
    expect(s.split('\n')[0]).toBe('Network<[784, 512, 10], "softmax">');
    expect(s).toContain('401,920'); // 784·512 + 512
    expect(s).toContain('parameters: 407,050 (trainable 407,050, frozen 0)');
    expect(s.endsWith('head: softmax with categorical cross-entropy')).toBe(true);
    expect(network(1).tanh(16).linear(1).summary()).toMatch(/head: linear with mean squared error$/);
  });
});
