// Two builds of typed-mlp on workloads B and C in ONE process, interleaved round by round, so the
// machine's noise hits both alike: medians and the ratio new ÷ old. Used to check that a redesign
// lost no speed (issue 15, point 8). Also the per-call costs of issue 12, point 1, on B's network
// (64-128-128-1, B's weights): forward of 1 row and of 32 rows, and trainer().step() against fit
// at batch 1 on the first 2048 rows of B's data (each build's step ÷ fit is printed too).
//
//   node --expose-gc bench/compare-builds.mjs OLD_DIST NEW_DIST [--rounds 7] [--processes]
//
// --processes: each round runs each build in a fresh process of its own instead (old, new, new,
// old, …), so neither build's JIT feedback (shared call sites of fit and trainer) colours the other's;
// it also reports the peak RSS of a process that runs one fit of B and nothing else (old ÷ new:
// > 1 means the new build uses less).
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

/** µs per `forward` of the first `rows` rows of B's data on B's network (after one call outside the clock). */
function runF(lib, rows, calls = rows === 1 ? 20_000 : 2_000) {
  const net = netOf(lib, B, false);
  const x = lib.fromArray(B.X.subarray(0, rows * B.D), rows, B.D);
  net.forward(x);
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) net.forward(x);
  return ((performance.now() - t0) * 1000) / calls;
}

const S_ROWS = 2048;
const SX = B.X.subarray(0, S_ROWS * B.D);
const SY = B.Y.subarray(0, S_ROWS);

/** Steps/s of one epoch at batch 1 over the first 2048 rows of B (SGD lr 0.01), through trainer().step() or fit; making the trainer is inside the clock. */
function runS(lib, viaTrainer) {
  const net = netOf(lib, B, false);
  const X = lib.fromArray(SX, S_ROWS, B.D);
  const Y = lib.fromArray(SY, S_ROWS, 1);
  const t0 = performance.now();
  if (viaTrainer) {
    const t = net.trainer(X, Y, { lr: 0.01, batchSize: 1 });
    for (let s = 0; s < S_ROWS; s++) t.step();
  } else net.fit(X, Y, { lr: 0.01, epochs: 1, batchSize: 1 });
  return S_ROWS / ((performance.now() - t0) / 1000);
}

/** The issue-12 figures of one round: medians of three runs each. */
function perCall(lib, into) {
  const three = (f) => median([f(), f(), f()]);
  into.F1.push(three(() => runF(lib, 1)));
  into.F32.push(three(() => runF(lib, 32)));
  into.St.push(three(() => runS(lib, true)));
  into.Sf.push(three(() => runS(lib, false)));
}

/**
 * A step of C takes about a microsecond, so a run of C is ~10 ms: a few runs measure how soon V8
 * tiers the code up, not the code (1-2 µs/step, ±10 % from one process to the next). Twenty runs
 * of each reach the steady state (~0.7 µs/step here), and C is then the median of several runs.
 */
function warmUp(lib) {
  runB(lib, 1);
  for (let i = 0; i < 3; i++) perCall(lib, { F1: [], F32: [], St: [], Sf: [] });
  for (let i = 0; i < 20; i++) {
    runC(lib, false);
    runC(lib, true);
  }
}

/** Median µs/step of `runs` runs of C (fit, or trainer). */
function medianC(lib, viaTrainer, runs = 7) {
  const xs = [];
  for (let i = 0; i < runs; i++) xs.push(runC(lib, viaTrainer));
  return median(xs);
}

/** One build in this process: a warm-up, then three measured runs of B and three medians of C; their medians. */
function measureOne(lib) {
  warmUp(lib);
  const m = { B: [], C: [], Ct: [], F1: [], F32: [], St: [], Sf: [] };
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    m.B.push(runB(lib));
    m.C.push(medianC(lib, false));
    m.Ct.push(medianC(lib, true));
    perCall(lib, m);
  }
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
}

if (childAt >= 0) {
  const lib = await load(process.argv[childAt + 1]);
  // --rss: what one fit of B costs a process that does nothing else, the way a user's script runs it.
  if (process.argv.includes('--rss')) runB(lib);
  const m = process.argv.includes('--rss') ? { rss: process.resourceUsage().maxRSS / 1024 } : measureOne(lib);
  process.stdout.write(JSON.stringify(m));
  process.exit(0);
}

const keys = () => ({ B: [], C: [], Ct: [], F1: [], F32: [], St: [], Sf: [], rss: [] });
const results = { old: keys(), new: keys() };
const dists = { old: oldDist, new: newDist };
if (process.argv.includes('--processes')) {
  const { spawnSync } = await import('node:child_process');
  const self = new URL(import.meta.url).pathname;
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? ['old', 'new'] : ['new', 'old']) {
      for (const extra of [[], ['--rss']]) {
        const out = spawnSync(process.execPath, ['--expose-gc', self, '--child', dists[name], ...extra], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(out.stderr);
        const m = JSON.parse(out.stdout);
        for (const k of Object.keys(m)) results[name][k].push(m[k]);
      }
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
} else {
  const builds = [
    { name: 'old', lib: await load(oldDist) },
    { name: 'new', lib: await load(newDist) },
  ];
  for (const b of builds) warmUp(b.lib);
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? builds : [...builds].reverse();
    for (const b of order) {
      globalThis.gc?.();
      results[b.name].B.push(runB(b.lib));
      results[b.name].C.push(medianC(b.lib, false));
      results[b.name].Ct.push(medianC(b.lib, true));
      perCall(b.lib, results[b.name]);
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
}
const row = (label, key, unit, higherIsBetter) => {
  const o = median(results.old[key]);
  const n = median(results.new[key]);
  const ratio = higherIsBetter ? n / o : o / n;
  const digits = { 'samples/s': 0, 'steps/s': 0, MiB: 1, 'µs/call': 2 }[unit] ?? 3;
  return `| ${label} | ${o.toFixed(digits)} | ${n.toFixed(digits)} | ${unit} | ${ratio.toFixed(3)} |`;
};
console.log(`${rounds} interleaved rounds${process.argv.includes('--processes') ? ' (each build in a fresh process)' : ' (both builds in one process)'}, medians; speed ratio new ÷ old (> 1: the new build is faster)\n`);
console.log('| workload | old | new | unit | speed new ÷ old |');
console.log('|---|---:|---:|---|---:|');
console.log(row('B fit, 64-128-128-1, batch 32', 'B', 'samples/s', true));
console.log(row('C fit, XOR 2-3-1 + biases, full batch', 'C', 'µs/step', false));
console.log(row('C trainer().step()', 'Ct', 'µs/step', false));
console.log(row('forward, 1 row, 64-128-128-1', 'F1', 'µs/call', false));
console.log(row('forward, 32 rows, 64-128-128-1', 'F32', 'µs/call', false));
console.log(row('trainer().step() at batch 1 (2048 rows of B)', 'St', 'steps/s', true));
console.log(row('fit at batch 1, the same work', 'Sf', 'steps/s', true));
if (results.old.rss.length) console.log(row('peak RSS of a process that runs one fit of B', 'rss', 'MiB', false));
const stepOverFit = (b) => (median(results[b].St) / median(results[b].Sf)).toFixed(3);
console.log(`\ntrainer().step() ÷ fit at batch 1 (throughput): old ${stepOverFit('old')}, new ${stepOverFit('new')}`);
