// Issue 12, point 1: the parameters live in a workspace, and the network's weight and bias matrices
// are views of it. So nothing is copied per forward or per training step, and the network and its
// trainers agree: an update is seen by the network's matrices at once, a write to an entry is what
// the next computation (or step) uses, and an array taken from a matrix stays the network's storage.
// Observed through behaviour (values, identities, copies made), never timing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Workspace } from '../src/engine/workspace.js';
import { column, fromArray, type Matrix, matrix, mulberry32, network, Network, normal } from '../src/index.js';

const u = mulberry32(11);
const X = fromArray(Array.from({ length: 8 * 3 }, () => normal(u)), 8, 3);
const Y = column([0, 1, 1, 0, 1, 0, 0, 1]);
// More rows than any batch above, and than the 32 rows a workspace gets when the matrices are handed out first.
const BX = fromArray(Array.from({ length: 40 * 3 }, () => normal(u)), 40, 3);
const BY = column(Array.from({ length: 40 }, (_, i) => (i * 7) % 3 === 0 ? 1 : 0));
const fresh = () => network(3, { seed: 5, bias: true }).tanh(5).relu(4).sigmoid(1);
type Net = ReturnType<typeof fresh>;

/** Every parameter's values, read without handing the matrices out (through a copy). */
const values = (net: Net) => {
  const saved = JSON.parse(JSON.stringify(net)) as { layers: { weights: number[][]; bias: number[] | null }[] };
  return saved.layers.map((l) => [l.weights, l.bias]);
};
/** A network with the same values and no history (its own matrices, its own workspace). */
const twin = (net: Net) => net.clone();
const arrays = (net: Net) => [...net.weights, ...net.biases].map((m) => (m as Matrix).data);

afterEach(() => vi.restoreAllMocks());

describe('the network’s matrices are its parameters, not copies of them', () => {
  it('every weight and bias is a view of one block, the same arrays through forward, steps, fit and larger batches', () => {
    const net = fresh();
    const before = [...net.weights, ...net.biases] as Matrix[];
    const held = before.map((m) => m.data);
    for (const a of held) expect(a.buffer).toBe(held[0]!.buffer); // one block: a workspace's memory
    net.forward(X);
    net.trainer(X, Y, { lr: 0.1, batchSize: 4 }).step();
    net.fit(X, Y, { lr: 0.1, epochs: 2, batchSize: 4, dropout: 0.3, seed: 2 });
    net.fit(BX, BY, { lr: 0.1, epochs: 2 }); // 40 rows: more than that block has room for
    net.forward(BX);
    ([...net.weights, ...net.biases] as Matrix[]).forEach((m, i) => {
      expect(m).toBe(before[i]); // the same Matrix objects …
      expect(m.data).toBe(held[i]); // … over the same arrays: nothing was swapped in
    });
    const saved = values(net);
    expect(held.map((a) => Array.from(a))).toEqual([...saved.map(([w]) => (w as number[][]).flat()), ...saved.map(([, b]) => b)]);
    expect(saved).not.toEqual(values(fresh()));
  });

  it('a forward after the first copies no parameter in', () => {
    const net = network(13, { seed: 2, bias: true }).relu(17).tanh(19).sigmoid(2);
    const x = fromArray(Array.from({ length: 13 }, () => normal(u)), 1, 13);
    net.forward(x);
    const sizes = new Set([13 * 17, 17 * 19, 19 * 2]); // no other array here has these lengths
    const set = vi.spyOn(Float64Array.prototype, 'set');
    for (let i = 0; i < 5; i++) net.forward(x);
    const t = net.trainer(x, fromArray([1, 0], 1, 2), { lr: 0.1 });
    for (let i = 0; i < 5; i++) t.step();
    const copies = set.mock.calls.filter(([src]) => sizes.has((src as ArrayLike<number>).length));
    expect(copies).toEqual([]);
  });

  it('after trainer().step() the matrices held before the step hold the updated values, with no sync', () => {
    const net = fresh();
    const ref = twin(net);
    const held = net.weights[1];
    const t = net.trainer(X, Y, { lr: 0.3, batchSize: 8 });
    const r = ref.trainer(X, Y, { lr: 0.3, batchSize: 8 });
    for (let s = 0; s < 3; s++) {
      t.step();
      r.step();
      expect(Array.from(held.data)).toEqual(Array.from(ref.weights[1].data));
    }
    expect(values(net)).toEqual(values(ref));
    expect(values(net)).not.toEqual(values(fresh()));
  });

  it('a forward after training reads the trained values', () => {
    const net = fresh();
    net.fit(X, Y, { lr: 0.2, epochs: 5, batchSize: 3 });
    const t = net.trainer(X, Y, { lr: 0.2, batchSize: 2, optimizer: 'adam' });
    for (let s = 0; s < 7; s++) t.step();
    const copy = new Network(net.weights.map((w) => w.clone()), net.biases.map((b) => b?.clone() ?? null), net.activations as never);
    expect(net.forward(X).toArray()).toEqual(copy.forward(X).toArray());
    expect(net.forward(BX).toArray()).toEqual(copy.forward(BX).toArray());
    expect(net.forward(X).toArray()).not.toEqual(fresh().forward(X).toArray());
  });
});

describe('an array taken from a matrix stays the network’s storage', () => {
  it('taken before the network ever computed: written between computations of any size, and trained', () => {
    const net = fresh();
    const held = arrays(net); // before any computation
    const ref = twin(net);
    held[0]![4] = 0.5;
    ref.weights[0].data[4] = 0.5;
    expect(net.evaluate(X, Y).grads.map((g) => g.toArray())).toEqual(ref.evaluate(X, Y).grads.map((g) => g.toArray()));
    held[3]![1] = -0.125; // biases[0]
    ref.biases[0]!.data[1] = -0.125;
    expect(net.forward(BX).toArray()).toEqual(ref.forward(BX).toArray()); // 40 rows
    net.fit(BX, BY, { lr: 0.1, epochs: 2, batchSize: 20 });
    ref.fit(BX, BY, { lr: 0.1, epochs: 2, batchSize: 20 });
    expect(held.map((a) => Array.from(a))).toEqual(arrays(ref).map((a) => Array.from(a)));
  });
});

describe('a change made between steps is what the next step starts from', () => {
  it('an entry written through net.weights', () => {
    const net = fresh();
    const t = net.trainer(X, Y, { lr: 0.3 });
    t.step();
    net.weights[0].data[2] = 0.75;
    net.biases[1]!.data[0] = -0.25;
    const ref = twin(net); // the edited values, as a new network
    t.step();
    ref.trainer(X, Y, { lr: 0.3 }).step();
    expect(values(net)).toEqual(values(ref));
  });

  it('training elsewhere, in a larger workspace the parameters moved to, and back', () => {
    const net = fresh(); // its matrices never handed out: they may move
    const t = net.trainer(X, Y, { lr: 0.3 });
    const ref = fresh();
    t.step();
    ref.trainer(X, Y, { lr: 0.3 }).step();
    net.fit(BX, BY, { lr: 0.2, epochs: 2 }); // 40 rows: the parameters move to a workspace of 40
    ref.fit(BX, BY, { lr: 0.2, epochs: 2 });
    t.step(); // back in the trainer's, from where fit left them
    const after = twin(ref);
    after.trainer(X, Y, { lr: 0.3 }).step();
    expect(values(net)).toEqual(values(after));
  });

  it.each([
    ['matrices never handed out (they move)', false],
    ['matrices handed out first (they stay; larger batches work on copies)', true],
  ])('another trainer’s steps, in the same workspace or another one: %s', (_, handOut) => {
    const net = fresh();
    if (handOut) void net.weights;
    const a = net.trainer(X, Y, { lr: 0.2 }); // full batch: a step depends on the parameters alone
    const b = net.trainer(X, Y, { lr: 0.5 }); // the same workspace as a
    const c = net.trainer(BX, BY, { lr: 0.3 }); // 40 rows: another workspace
    // The reference: every step made by a new trainer of a new network holding the values so far.
    let ref = fresh();
    for (const [t, lr, big] of [[a, 0.2, false], [c, 0.3, true], [b, 0.5, false], [a, 0.2, false], [c, 0.3, true], [c, 0.3, true], [b, 0.5, false]] as const) {
      t.step();
      ref = twin(ref);
      ref.trainer(big ? BX : X, big ? BY : Y, { lr }).step();
      expect(values(net)).toEqual(values(ref));
    }
  });

  it('documented: a trainer working on a copy (handed-out matrices, a batch larger than their workspace) overwrites an entry written between its steps', () => {
    const net = fresh();
    const w = net.weights[0]; // handed out before any computation: a workspace of 32 rows
    const t = net.trainer(BX, BY, { lr: 0.3 }); // batches of 40: a copy
    const ref = twin(net);
    const r = ref.trainer(BX, BY, { lr: 0.3 });
    t.step();
    r.step();
    w.data[0] = 9; // not seen by t: its copy is current as far as the network's version says
    t.step();
    r.step();
    expect(values(net)).toEqual(values(ref));
    expect(w.data[0]).not.toBe(9);
  });
});

describe('networks that share Matrix objects (the constructor wraps what it is given)', () => {
  it.each([
    ['handed out (the second network works on copies)', (a: Net) => [...a.weights]],
    ['never handed out (they move between the two)', (a: Net) => [...(a as unknown as { list: Matrix[] }).list]],
  ])('each sees the other’s training: %s', (_, share) => {
    const a = fresh();
    const shared = share(a);
    const b = new Network(shared as never, [...(a as unknown as { biasList: (Matrix | null)[] }).biasList], a.activations as never) as unknown as Net;
    const ref = twin(a);
    a.forward(X);
    b.fit(X, Y, { lr: 0.2, epochs: 3, batchSize: 4 });
    ref.fit(X, Y, { lr: 0.2, epochs: 3, batchSize: 4 });
    expect(a.forward(X).toArray()).toEqual(ref.forward(X).toArray());
    a.fit(X, Y, { lr: 0.2, epochs: 2 }); // from where b left them
    ref.fit(X, Y, { lr: 0.2, epochs: 2 });
    expect(b.forward(BX).toArray()).toEqual(ref.forward(BX).toArray());
    expect(values(a)).toEqual(values(ref));
    expect(values(b)).toEqual(values(ref));
  });
});

describe('fit keeps the network’s matrices current while its callback uses the network', () => {
  it.each([false, true])('restoreBestWeights restores into the network after onEpochEnd ran a larger batch (matrices handed out: %s)', (handOut) => {
    const opts = { lr: 2, epochs: 12, batchSize: 4, earlyStopping: { monitor: 'loss' as const, patience: 2, restoreBestWeights: true } };
    const quiet = fresh();
    const hq = quiet.fit(X, Y, opts);
    const busy = fresh();
    if (handOut) void busy.weights;
    const hb = busy.fit(X, Y, { ...opts, onEpochEnd: () => void busy.forward(BX) });
    expect(hb).toEqual(hq);
    expect(values(busy)).toEqual(values(quiet));
  });
});

describe('Workspace', () => {
  it('adopt copies the matrices in and makes them its views; holds says so', () => {
    const ws = new Workspace([2, 3, 1], [true, false], 4, ['relu', 'sigmoid'], 'js');
    const weights = [matrix([[1, 2, 3], [4, 5, 6]]), matrix([[7], [8], [9]])];
    const biases = [matrix([[0.5, 0.25, 0.125]]), null];
    expect(ws.holds(weights, biases)).toBe(false);
    ws.adopt(weights, biases);
    expect(ws.holds(weights, biases)).toBe(true);
    expect(weights[0]!.data.buffer).toBe(ws.f64.buffer);
    ws.f64[ws.W[1]! >> 3] = 70;
    expect(weights[1]!.toArray()).toEqual([[70], [8], [9]]);
  });

  it('follow re-points the matrices when the kernels’ memory is replaced under them (as when a memory grows), copying nothing', () => {
    const ws = new Workspace([2, 3, 1], [true, false], 4, ['relu', 'sigmoid'], 'js');
    const weights = [matrix([[1, 2, 3], [4, 5, 6]]), matrix([[7], [8], [9]])];
    const biases = [matrix([[0.5, 0.25, 0.125]]), null];
    ws.adopt(weights, biases);
    // What a grown WebAssembly memory looks like from here: the same bytes under a new buffer.
    const grown = new Float64Array(ws.f64.length);
    grown.set(ws.f64);
    (ws.k as { f64: Float64Array }).f64 = grown;
    expect(ws.holds(weights, biases)).toBe(false);
    const set = vi.spyOn(Float64Array.prototype, 'set');
    ws.follow(weights, biases);
    expect(set).not.toHaveBeenCalled();
    expect(weights[0]!.data.buffer).toBe(grown.buffer);
    expect(biases[0]!.data.buffer).toBe(grown.buffer);
    expect(weights.map((w) => w.toArray())).toEqual([[[1, 2, 3], [4, 5, 6]], [[7], [8], [9]]]);
    expect(ws.holds(weights, biases)).toBe(true);
  });
});
