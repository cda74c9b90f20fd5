// Scalers saved with the model: saveNetwork(net, { inputScaler, targetScaler }) → JSON text →
// loadModel gives the same network and scalers, bit for bit; loadNetwork still reads such files (it
// checks the scalers and leaves them out) and files without them; bad scalers are named errors.
import { describe, expect, it } from 'vitest';
import { FormatError, fromArray, loadModel, loadNetwork, matrix, minMaxScaler, network, saveNetwork, ShapeError, standardScaler, ValueError } from '../src/index.js';

const X = fromArray(Array.from({ length: 12 * 3 }, (_, i) => Math.cos(i * 1.7) * (i % 3 === 0 ? 100 : 1) + i * 0.01), 12, 3);
const Y = fromArray(Array.from({ length: 12 * 2 }, (_, i) => Math.sin(i) * 50 + 1000), 12, 2);
const regression = () => network(3, { seed: 4, bias: true }).tanh(5).linear(2);
const bits = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Object.is(a[i], b[i])).toBe(true);
};

describe('saveNetwork with scalers → JSON text → loadModel', () => {
  it('gives back the same network and scalers: parameters, statistics and predictions bit for bit', () => {
    const net = regression();
    net.fit(standardScaler(X).transform(X), minMaxScaler(Y).transform(Y), { lr: 0.01, epochs: 20, optimizer: 'adam' });
    const inputScaler = standardScaler(X);
    const targetScaler = minMaxScaler(Y, { range: [-1, 1] });
    const text = JSON.stringify(saveNetwork(net, { inputScaler, targetScaler }));
    const saved = JSON.parse(text);
    expect([saved.format, saved.version]).toEqual(['typed-mlp', 1]);
    expect(saved.inputScaler).toEqual(inputScaler.toJSON());
    expect(saved.targetScaler).toEqual(targetScaler.toJSON());

    const back = loadModel(text, [3, 5, 2], { head: 'linear' });
    net.weights.forEach((w, l) => bits(back.network.weights[l]!.data, w.data));
    net.biases.forEach((b, l) => bits(back.network.biases[l]!.data, b!.data));
    expect(back.inputScaler!.toJSON()).toEqual(inputScaler.toJSON());
    expect(back.targetScaler!.toJSON()).toEqual(targetScaler.toJSON());
    const predict = (m: typeof back) => m.targetScaler!.inverseTransform(m.network.predict(m.inputScaler!.transform(X))).data;
    bits(predict(back), predict({ network: net, inputScaler, targetScaler }));
  });

  it('without scalers, writes no scaler keys and loadModel gives the network alone', () => {
    const net = regression();
    const saved = saveNetwork(net);
    expect(Object.keys(saved).sort()).toEqual(['activations', 'format', 'layers', 'sizes', 'version']);
    expect(saveNetwork(net, {})).toEqual(saved);
    const back = loadModel(JSON.stringify(saved));
    expect(Object.keys(back)).toEqual(['network']);
    bits(back.network.forward(X).data, net.forward(X).data);
  });

  it('loadNetwork reads a file with scalers (checked, then left out) and one without', () => {
    const net = regression();
    const withScalers = JSON.stringify(saveNetwork(net, { inputScaler: standardScaler(X), targetScaler: standardScaler(Y) }));
    bits(loadNetwork(withScalers, [3, 5, 2]).forward(X).data, net.forward(X).data);
    bits(loadNetwork(JSON.stringify(net), [3, 5, 2]).forward(X).data, net.forward(X).data);
  });

  it('takes the options in second place when the sizes are left out', () => {
    const text = JSON.stringify(saveNetwork(regression(), { inputScaler: standardScaler(X) }));
    const back = loadModel(text, { head: 'linear' });
    expect(back.network.sizes).toEqual([3, 5, 2]);
    expect(back.inputScaler!.columns).toBe(3);
    expect(() => loadModel(text, { head: 'softmax' })).toThrow(new FormatError('the saved network has a linear head but a softmax head was expected'));
    expect(() => loadModel(text, 'linear' as never)).toThrow(new ValueError('load options must be an object, got "linear"'));
    expect(() => loadModel(text, 3 as never, {})).toThrow(new ValueError('sizes must be the list of layer sizes you expect (or undefined), got 3'));
  });

  it('an inputScaler alone, with a classifier head', () => {
    const net = network(3, { seed: 1 }).relu(4).softmax(3);
    const back = loadModel(JSON.stringify(saveNetwork(net, { inputScaler: minMaxScaler(X) })), [3, 4, 3], { head: 'softmax' });
    expect(Object.keys(back).sort()).toEqual(['inputScaler', 'network']);
    expect(back.inputScaler!.kind).toBe('minMax');
  });
});

describe('saving refuses scalers that do not fit the network, and changes nothing', () => {
  it.each([
    ['an inputScaler of 2 columns for 3 inputs', () => saveNetwork(regression(), { inputScaler: standardScaler(matrix([[1, 2], [3, 4]])) as never }), new ShapeError("inputScaler was fitted on 2 columns, but the network's input size is 3")],
    ['a targetScaler of 3 columns for 2 outputs', () => saveNetwork(regression(), { targetScaler: standardScaler(X) as never }), new ShapeError("targetScaler was fitted on 3 columns, but the network's output size is 2")],
    ['a targetScaler with a sigmoid head', () => saveNetwork(network(3).relu(2).sigmoid(1), { targetScaler: standardScaler(matrix([[1], [2]])) }), new ValueError("targetScaler is for a linear head's targets, but this network's head is sigmoid (its targets are classes)")],
    ['something that is not a scaler', () => saveNetwork(regression(), { inputScaler: { mean: [0, 0, 0] } as never }), new ValueError('inputScaler must be a scaler (from standardScaler or minMaxScaler), got an object')],
    ['a forged scaler', () => saveNetwork(regression(), { inputScaler: { toJSON: () => ({ kind: 'standard', mean: [0, 0, 0], scale: [1, 0, 1] }) } as never }), new FormatError('inputScaler.scale[1] is 0, but a scale is a finite number > 0')],
    ['an unknown option', () => saveNetwork(regression(), { scaler: standardScaler(X) } as never), new ValueError('saveNetwork options has an unknown key "scaler"; the known keys are inputScaler, targetScaler')],
  ])('%s', (_, act, error) => {
    expect(act).toThrow(error);
  });
});

describe('loading checks the saved scalers, naming the field', () => {
  const base = () => JSON.parse(JSON.stringify(saveNetwork(regression(), { inputScaler: standardScaler(X), targetScaler: minMaxScaler(Y) })));
  it.each([
    ['a null mean entry', (o: any) => (o.inputScaler.mean[1] = null), 'inputScaler.mean[1] is null, expected a finite number'],
    ['a negative scale', (o: any) => (o.inputScaler.scale[2] = -1), 'inputScaler.scale[2] is -1, but a scale is a finite number > 0'],
    ['an unknown kind', (o: any) => (o.targetScaler.kind = 'robust'), 'targetScaler.kind is "robust", expected "standard" or "minMax"'],
    ['an extra key', (o: any) => (o.targetScaler.clip = true), 'targetScaler has unknown key "clip"; a minMax scaler has kind, range, dataMin, dataMax'],
    ['a scaler of the wrong width', (o: any) => (o.inputScaler = { kind: 'standard', mean: [0], scale: [1] }), "inputScaler was fitted on 1 column, but the network's input size is 3"],
    ['a target scaler of the wrong width', (o: any) => (o.targetScaler = { kind: 'standard', mean: [0, 0, 0], scale: [1, 1, 1] }), "targetScaler was fitted on 3 columns, but the network's output size is 2"],
    ['a scaler that is not an object', (o: any) => (o.inputScaler = 'standard'), 'inputScaler must be a saved scaler (an object), got "standard"'],
  ])('%s: loadModel and loadNetwork both refuse it', (_, edit, message) => {
    const o = base();
    edit(o);
    expect(() => loadModel(o)).toThrow(new FormatError(message));
    expect(() => loadNetwork(JSON.stringify(o))).toThrow(new FormatError(message));
  });

  it('a targetScaler saved with a classifier head', () => {
    const o = JSON.parse(JSON.stringify(network(3).relu(2).sigmoid(1)));
    o.targetScaler = { kind: 'standard', mean: [0], scale: [1] };
    expect(() => loadModel(o)).toThrow(new FormatError("targetScaler is saved with a sigmoid head, but it is for a linear head's targets"));
  });

  it("keeps loadNetwork's own checks (sizes, head, options)", () => {
    const text = JSON.stringify(base());
    expect(() => loadModel(text, [3, 4, 2])).toThrow(new FormatError('the saved network has sizes [3, 5, 2] but [3, 4, 2] was expected'));
    expect(() => loadModel(text, [3, 5, 2], { head: 'sigmoid' })).toThrow(new FormatError('the saved network has a linear head but a sigmoid head was expected'));
    expect(() => loadModel(text, undefined, { maxBytes: 10 })).toThrow(FormatError);
    expect(() => loadModel(text, undefined, { max: 10 } as never)).toThrow(new ValueError('load options has an unknown key "max"; the known keys are maxBytes, head'));
  });
});
