// Two builds of typed-mlp on workloads B and C in ONE process, interleaved round by round, so the
// machine's noise hits both alike: medians and the ratio new ÷ old. Used to check that a redesign
// lost no speed (issue 15, point 8).
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

/**
 * A step of C takes about a microsecond, so a run of C is ~10 ms: a few runs measure how soon V8
 * tiers the code up, not the code (1-2 µs/step, ±10 % from one process to the next). Twenty runs
 * of each reach the steady state (~0.7 µs/step here), and C is then the median of several runs.
 */
function warmUp(lib) {
  runB(lib, 1);
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
  const m = { B: [], C: [], Ct: [] };
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    m.B.push(runB(lib));
    m.C.push(medianC(lib, false));
    m.Ct.push(medianC(lib, true));
  }
  return { B: median(m.B), C: median(m.C), Ct: median(m.Ct) };
}

if (childAt >= 0) {
  const lib = await load(process.argv[childAt + 1]);
  // --rss: what one fit of B costs a process that does nothing else, the way a user's script runs it.
  if (process.argv.includes('--rss')) runB(lib);
  const m = process.argv.includes('--rss') ? { rss: process.resourceUsage().maxRSS / 1024 } : measureOne(lib);
  process.stdout.write(JSON.stringify(m));
  process.exit(0);
}

const results = { old: { B: [], C: [], Ct: [], rss: [] }, new: { B: [], C: [], Ct: [], rss: [] } };
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
    }
    process.stderr.write(`round ${r + 1}/${rounds}\n`);
  }
}
const row = (label, key, unit, higherIsBetter) => {
  const o = median(results.old[key]);
  const n = median(results.new[key]);
  const ratio = higherIsBetter ? n / o : o / n;
  const digits = { 'samples/s': 0, MiB: 1 }[unit] ?? 3;
  return `| ${label} | ${o.toFixed(digits)} | ${n.toFixed(digits)} | ${unit} | ${ratio.toFixed(3)} |`;
};
console.log(`${rounds} interleaved rounds${process.argv.includes('--processes') ? ' (each build in a fresh process)' : ' (both builds in one process)'}, medians; speed ratio new ÷ old (> 1: the new build is faster)\n`);
console.log('| workload | old | new | unit | speed new ÷ old |');
console.log('|---|---:|---:|---|---:|');
console.log(row('B fit, 64-128-128-1, batch 32', 'B', 'samples/s', true));
console.log(row('C fit, XOR 2-3-1 + biases, full batch', 'C', 'µs/step', false));
console.log(row('C trainer().step()', 'Ct', 'µs/step', false));
if (results.old.rss.length) console.log(row('peak RSS of a process that runs one fit of B', 'rss', 'MiB', false));
