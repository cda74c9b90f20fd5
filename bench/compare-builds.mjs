// Two builds of typed-mlp on workloads B and C in ONE process, interleaved round by round, so the
// machine's noise hits both alike: medians and the ratio new ÷ old. Used to check that a redesign
// lost no speed (issue 15, point 8).
//
//   node --expose-gc bench/compare-builds.mjs OLD_DIST NEW_DIST [--rounds 7] [--processes]
//
// --processes: each round runs each build in a fresh process of its own instead (old, new, new,
// old, …), so neither build's JIT feedback (shared call sites of fit and trainer) colours the other's.
//   e.g. git worktree add /tmp/old <commit> && (cd /tmp/old && npm ci && npx tsc -p tsconfig.build.json)
//        node --expose-gc bench/compare-builds.mjs /tmp/old/dist dist
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workloadB, workloadC } from './workloads.mjs';

const roundsAt = process.argv.indexOf('--rounds');
const rounds = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 7;
const [oldDist, newDist] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--rounds');
const childAt = process.argv.indexOf('--child');
if (childAt < 0 && (!oldDist || !newDist)) throw new Error('usage: compare-builds.mjs OLD_DIST NEW_DIST [--rounds N] [--processes]');

const load = async (dist) => import(pathToFileURL(resolve(dist, 'src/index.js')).href);

const B = workloadB();
const C = workloadC();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function netOf(lib, w, biases) {
  const ws = w.weights().map((a, l) => lib.fromArray(a, w.sizes[l], w.sizes[l + 1]));
  return lib.fromWeights(ws, { biases });
}

/** B: samples/s of 5 epochs of fit, batch 32, SGD lr 0.1, no biases. */
function runB(lib, epochs = B.epochs) {
  const net = netOf(lib, B, false);
  const X = lib.fromArray(B.X, B.N, B.D);
  const Y = lib.fromArray(B.Y, B.N, 1);
  const t0 = performance.now();
  net.fit(X, Y, { lr: B.lr, epochs, batchSize: B.batchSize });
  return (B.N * epochs) / ((performance.now() - t0) / 1000);
}

/** C: µs per step of 10,000 full-batch steps of XOR 2-3-1 with biases, through fit and through trainer().step(). */
function runC(lib, viaTrainer) {
  const net = netOf(lib, C, true);
  const X = lib.fromArray(C.X, C.N, C.D);
  const Y = lib.fromArray(C.Y, C.N, 1);
  const t0 = performance.now();
  if (viaTrainer) {
    const t = net.trainer(X, Y, { lr: C.lr, batchSize: C.N });
    for (let s = 0; s < C.steps; s++) t.step();
  } else net.fit(X, Y, { lr: C.lr, epochs: C.steps });
  return ((performance.now() - t0) * 1000) / C.steps;
}

/** One build in this process: a warm-up, then three measured runs of each workload; their medians. */
function measureOne(lib) {
  runB(lib, 1);
  runC(lib, false);
  runC(lib, true);
  const m = { B: [], C: [], Ct: [] };
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    m.B.push(runB(lib));
    m.C.push(runC(lib, false));
    m.Ct.push(runC(lib, true));
  }
  return { B: median(m.B), C: median(m.C), Ct: median(m.Ct) };
}

if (childAt >= 0) {
  process.stdout.write(JSON.stringify(measureOne(await load(process.argv[childAt + 1]))));
  process.exit(0);
}

const results = { old: { B: [], C: [], Ct: [] }, new: { B: [], C: [], Ct: [] } };
const dists = { old: oldDist, new: newDist };
if (process.argv.includes('--processes')) {
  const { spawnSync } = await import('node:child_process');
  const self = new URL(import.meta.url).pathname;
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? ['old', 'new'] : ['new', 'old']) {
      const out = spawnSync(process.execPath, ['--expose-gc', self, '--child', dists[name]], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      const m = JSON.parse(out.stdout);
      for (const k of ['B', 'C', 'Ct']) results[name][k].push(m[k]);
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
} else {
  const builds = [
    { name: 'old', lib: await load(oldDist) },
    { name: 'new', lib: await load(newDist) },
  ];
  for (const b of builds) {
    runB(b.lib, 1); // warm-up
    runC(b.lib, false);
    runC(b.lib, true);
  }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? builds : [...builds].reverse();
    for (const b of order) {
      globalThis.gc?.();
      results[b.name].B.push(runB(b.lib));
      results[b.name].C.push(runC(b.lib, false));
      results[b.name].Ct.push(runC(b.lib, true));
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
}
const row = (label, key, unit, higherIsBetter) => {
  const o = median(results.old[key]);
  const n = median(results.new[key]);
  const ratio = higherIsBetter ? n / o : o / n;
  return `| ${label} | ${o.toFixed(unit === 'samples/s' ? 0 : 3)} | ${n.toFixed(unit === 'samples/s' ? 0 : 3)} | ${unit} | ${ratio.toFixed(3)} |`;
};
console.log(`${rounds} interleaved rounds${process.argv.includes('--processes') ? ' (each build in a fresh process)' : ' (both builds in one process)'}, medians; speed ratio new ÷ old (> 1: the new build is faster)\n`);
console.log('| workload | old | new | unit | speed new ÷ old |');
console.log('|---|---:|---:|---|---:|');
console.log(row('B fit, 64-128-128-1, batch 32', 'B', 'samples/s', true));
console.log(row('C fit, XOR 2-3-1 + biases, full batch', 'C', 'µs/step', false));
console.log(row('C trainer().step()', 'Ct', 'µs/step', false));
