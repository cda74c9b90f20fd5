// The work every runtime does, the same in Node, Deno, Bun, a browser page and a browser Worker:
// train XOR and iris with the library passed in, and report what came out as a plain object.
// It reads nothing (no files, no environment, no network), so Deno runs it with no permissions.

const SPECIES = ['setosa', 'versicolor', 'virginica'];

/** Which engine this is, read without any permission. */
export function runtimeName() {
  const g = globalThis;
  if (g.Deno?.version?.deno) return `deno ${g.Deno.version.deno}`;
  if (g.Bun?.version) return `bun ${g.Bun.version}`;
  if (g.process?.versions?.node && typeof g.window === 'undefined') return `node ${g.process.versions.node}`;
  const ua = g.navigator?.userAgent ?? 'unknown';
  const chrome = /(?:Headless)?Chrome\/[\d.]+/.exec(ua);
  const context = typeof g.document === 'undefined' ? 'worker' : 'page';
  return `${chrome ? chrome[0] : ua} (${context})`;
}

/** XOR with a 2-4-1 tanh/sigmoid network: 5000 epochs of full-batch gradient descent at lr 0.5. */
export function trainXor(lib) {
  const X = lib.matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const Y = lib.column([0, 1, 1, 0]);
  const net = lib.network(2, { seed: 1 }).tanh(4).sigmoid(1);
  net.fit(X, Y, { lr: 0.5, epochs: 5000 });
  // Saved as JSON text and loaded back, as a model crosses a file, a request or postMessage.
  const reloaded = lib.loadNetwork(JSON.stringify(lib.saveNetwork(net)), [2, 4, 1], { head: 'sigmoid' });
  return { predictions: net.predict(X).toArray(), reloaded: reloaded.predict(X).toArray(), loss: net.loss(X, Y) };
}

/**
 * Iris, three species: a seeded stratified split (10 flowers of each species held out), features
 * standardised with the training rows only, a 4-8-3 ReLU/softmax network, Adam, 300 epochs.
 */
export function trainIris(lib, iris, seed = 1, progress = false) {
  const rows = iris.map((r) => r.slice(0, 4));
  const labels = iris.map((r) => SPECIES.indexOf(r[4]));
  const uniform = lib.mulberry32(seed);
  const train = [];
  const test = [];
  for (let k = 0; k < SPECIES.length; k++) {
    const members = labels.flatMap((c, i) => (c === k ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1));
      [members[i], members[j]] = [members[j], members[i]];
    }
    test.push(...members.slice(0, 10));
    train.push(...members.slice(10));
  }
  const cols = [0, 1, 2, 3];
  const mean = cols.map((j) => train.reduce((s, i) => s + rows[i][j], 0) / train.length);
  const sd = cols.map((j) => Math.sqrt(train.reduce((s, i) => s + (rows[i][j] - mean[j]) ** 2, 0) / train.length));
  const features = (idx) => lib.fromArray(idx.flatMap((i) => rows[i].map((v, j) => (v - mean[j]) / sd[j])), idx.length, 4);
  const oneHot = (idx) => lib.fromArray(idx.flatMap((i) => SPECIES.map((_, k) => (labels[i] === k ? 1 : 0))), idx.length, 3);
  const net = lib.network(4, { seed }).relu(8).softmax(3);
  const history = net.fit(features(train), oneHot(train), { lr: 0.01, epochs: 300, batchSize: 16, shuffle: true, seed, optimizer: 'adam', progress });
  return {
    trainRows: train.length,
    testRows: test.length,
    trainAccuracy: history.accuracy[history.accuracy.length - 1],
    testAccuracy: net.evaluate(features(test), oneHot(test)).accuracy,
  };
}

/**
 * Everything, timed: the object a runtime prints as one JSON line and a page hands back. With
 * `progress`, iris training reports its progress on stderr (which reads CI from the environment).
 */
export function workload(lib, iris, { progress = false } = {}) {
  const t0 = performance.now();
  const backend = lib.kernelBackend();
  const xor = trainXor(lib);
  const t1 = performance.now();
  const irisResult = trainIris(lib, iris, 1, progress);
  const t2 = performance.now();
  return {
    runtime: runtimeName(),
    backend,
    fallback: lib.kernelFallback() ?? null,
    xor,
    iris: irisResult,
    ms: { xor: Math.round(t1 - t0), iris: Math.round(t2 - t1) },
  };
}
