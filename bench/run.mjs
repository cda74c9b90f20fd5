// npm run bench — workloads A, B and C of issue 4 for typed-mlp and its competitors in ONE process,
// interleaved round-robin after a warm-up round, medians of R rounds, markdown tables on stdout
// (progress on stderr). Run with `node --expose-gc bench/run.mjs [options]`:
//   --rounds N     measured rounds after the warm-up (default 3)
//   --quick        1 round, 1 tsc run each (a smoke test, not a measurement)
//   --only LIST    workloads to run, e.g. --only B,C (of A, B, C, alloc, tsc)
//   --skip LIST    libraries to leave out, by short name (e.g. brain.js,tfjs-layers)
//   --tsc-runs N   tsc runs per file (default 3; the median is reported)
//   --out FILE     also write the report to FILE
//   --alloc-warmup N  steps before the zero-allocation check's measured 10,000 (default 50,000)
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { brainJs } from './adapters/brain.mjs';
import { PlainMlp, gemmBlocked, plain } from './adapters/plain.mjs';
import { tfjsCore } from './adapters/tfjs-core.mjs';
import { tfjsLayers } from './adapters/tfjs-layers.mjs';
import { allocationCheck, typedMlp, typedMlpTrainer } from './adapters/typed-mlp.mjs';
import { median, reportA, reportAlloc, reportB, reportC, reportMemory, reportTsc } from './report.mjs';
import { tscCost } from './tsc-cost.mjs';
import { matmulSizes, maxAbsDiff, referenceMatmul, workloadA, workloadB, workloadC } from './workloads.mjs';

const started = performance.now();
const loadAtStart = os.loadavg()[0].toFixed(2);
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const quick = argv.includes('--quick');
const rounds = Number(opt('rounds', quick ? 1 : 3));
const tscRuns = Number(opt('tsc-runs', quick ? 1 : 3));
const only = new Set((opt('only', 'A,B,C,alloc,tsc')).split(','));
const skip = new Set((opt('skip', '')).split(',').filter(Boolean));
const outFile = opt('out', null);
const log = (...a) => console.error(...a);
const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) log('warning: run with node --expose-gc (no gc between runs, and no allocation check)');

// ---- the libraries -------------------------------------------------------------------------
const candidates = [typedMlp(), typedMlpTrainer(), plain, tfjsCore('wasm'), tfjsCore('cpu'), tfjsLayers(), brainJs()];
const adapters = [];
const unavailable = [];
for (const a of candidates) {
  if (skip.has(a.short)) continue;
  try {
    await a.init();
    adapters.push(a);
    log(`ready: ${a.name}${a.note ? ` — ${a.note}` : ''}`);
  } catch (e) {
    const why = String(e?.message ?? e).split('\n')[0];
    if (e?.silent) {
      log(`left out: ${a.short} — ${why}`);
      continue;
    }
    unavailable.push({ name: a.name ?? a.short, short: a.short, why });
    log(`unavailable: ${a.short} — ${why}`);
  }
}
const primary = 'typed-mlp';

// ---- bookkeeping ---------------------------------------------------------------------------
const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const sampleMemory = () => {
  const m = process.memoryUsage();
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
};
const entries = { B: [], C: [], A: [] };
const entryOf = (w, a) => {
  let e = entries[w].find((x) => x.key === a.short);
  if (!e) entries[w].push((e = { key: a.short, name: a.name, runs: [], byN: {}, error: null }));
  return e;
};
// fix the row order: the order of `candidates`
for (const a of adapters) {
  if (a.B) entryOf('B', a);
  if (a.C) entryOf('C', a);
  if (a.A) entryOf('A', a);
}

const B = workloadB();
const C = workloadC();
const mats = Object.fromEntries(matmulSizes.map((n) => [n, workloadA(n)]));
const refs = {};
const referenceOf = (n) => {
  if (!refs[n]) {
    if (n <= 512) refs[n] = referenceMatmul(mats[n].A, mats[n].B, n);
    else {
      // at n = 1024 the i-k-j reference is slow; the plain tiled kernel computes the very same
      // sequential-k float64 sums, which is checked bit for bit against the reference at n = 512.
      const c512 = new Float64Array(512 * 512);
      gemmBlocked(mats[512].A, mats[512].B, c512, 512);
      if (maxAbsDiff(c512, referenceOf(512)) !== 0) throw new Error('the tiled reference kernel disagrees with the i-k-j reference');
      refs[n] = new Float64Array(n * n);
      gemmBlocked(mats[n].A, mats[n].B, refs[n], n);
    }
  }
  return refs[n];
};

// Every run's model stays referenced until the end, for every library, as an application keeps its
// model while it trains. Otherwise the forced gc() before each run, finding the last run's objects
// dead, lets V8 drop their hidden classes, and every JIT-compiled loop that depended on them is
// thrown away: each run then re-measures the JIT's warm-up (about 3× the steady-state time per step
// on C, for typed-mlp and the plain loop alike).
const retained = [];

async function runTraining(w, a, workload, warm) {
  const e = entryOf(workload, a);
  if (e.error) return;
  try {
    await a.activate?.();
    gc();
    // Warm-up: B for one epoch; C in full (repeated by the caller), since 10,000 tiny steps are over
    // before a JIT has finished optimizing them (a 1,000-step warm-up left every JS library timing its tier-up).
    const r = await a[workload](workload === 'B' && warm ? { ...w, epochs: 1 } : w);
    retained.push(r.model);
    delete r.model;
    sampleMemory();
    if (!Number.isFinite(r.ms) || r.ms <= 0) throw new Error(`bad time ${r.ms}`);
    if (warm) return log(`  warm-up ${workload} ${a.short}: ${r.ms.toFixed(0)} ms`);
    if (workload === 'B') r.samplesPerSec = (w.N * w.epochs) / (r.ms / 1000);
    else r.usPerStep = (r.ms * 1000) / w.steps;
    e.runs.push(r);
    log(
      `  ${workload} ${a.short}: ${workload === 'B' ? `${Math.round(r.samplesPerSec)} samples/s` : `${r.usPerStep.toFixed(2)} µs/step`}, ` +
        `${r.lossKind ?? 'BCE'} ${r.loss.toFixed(4)}, accuracy ${r.accuracy.toFixed(4)}`,
    );
  } catch (err) {
    e.error = String(err?.message ?? err).split('\n')[0];
    log(`  ${workload} ${a.short} FAILED: ${e.error}`);
  }
}

async function runMatmul(a, sizes, warm) {
  const e = entryOf('A', a);
  if (e.error) return;
  try {
    await a.activate?.();
    for (const n of sizes) {
      gc();
      const prep = a.A.prepare(mats[n]);
      const minMs = warm ? 50 : 300;
      let calls = 0;
      const t0 = performance.now();
      let t = t0;
      do {
        prep.run();
        calls++;
        t = performance.now();
      } while (t - t0 < minMs && calls < 1000);
      const gflops = (2 * n ** 3) / (((t - t0) / calls) * 1e6);
      sampleMemory();
      if (!warm) {
        const slot = (e.byN[n] ??= { gflops: [] });
        slot.gflops.push(gflops);
        if (slot.err === undefined) slot.err = maxAbsDiff(prep.result(), referenceOf(n));
        log(`  A ${a.short} n=${n}: ${gflops.toFixed(2)} GFLOP/s (${calls} calls)`);
      }
      prep.dispose?.();
    }
  } catch (err) {
    e.error = String(err?.message ?? err).split('\n')[0];
    log(`  A ${a.short} FAILED: ${e.error}`);
  }
}

// ---- rounds: warm-up, then R measured rounds, round-robin with a rotating start -------------
for (let r = 0; r <= rounds; r++) {
  const warm = r === 0;
  const t0 = performance.now();
  log(warm ? 'warm-up round (B: 1 epoch, C: 20 runs or 2 s, A: n ≤ 256)' : `round ${r} of ${rounds}`);
  const order = adapters.map((_, i) => adapters[(i + r) % adapters.length]);
  if (only.has('B')) for (const a of order) if (a.B) await runTraining(B, a, 'B', warm);
  if (only.has('C')) {
    for (const a of order) {
      if (!a.C) continue;
      // A run of C is ~10 ms for the fastest libraries, and V8 needs about twenty of them before the
      // step's code is at its steady state (1-2.7 µs/step after one run, 0.7 after twenty): every
      // library warms up on C for twenty runs or two seconds, whichever comes first.
      const until = performance.now() + 2000;
      let runs = 0;
      do await runTraining(C, a, 'C', warm);
      while (warm && ++runs < 20 && performance.now() < until);
    }
  }
  if (only.has('A')) for (const a of order) if (a.A) await runMatmul(a, warm ? matmulSizes.filter((n) => n <= 256) : matmulSizes, warm);
  log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

// ---- zero-allocation check -----------------------------------------------------------------
async function measureAlloc(step, steps, warmup) {
  for (let i = 0; i < warmup; i++) step();
  const seen = [];
  const obs = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  obs.observe({ entryTypes: ['gc'] });
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const t1 = performance.now();
  const noGc = process.memoryUsage().heapUsed;
  gc();
  const after = process.memoryUsage().heapUsed;
  await new Promise((res) => setTimeout(res, 100)); // gc entries arrive asynchronously
  obs.disconnect();
  const gcsDuring = seen.filter((x) => x.startTime >= t0 && x.startTime <= t1).length;
  return { steps, before, noGc, after, gcsDuring, bytesPerStep: (noGc - before) / steps };
}
// Until V8 has optimized a step, unoptimized code boxes floats on the heap; 50,000 warm-up steps
// (well under a second) make sure what is measured is the steady state.
const ALLOC_WARMUP = Number(opt('alloc-warmup', 50_000));
const alloc = [];
if (only.has('alloc') && globalThis.gc) {
  log(`zero-allocation check (workload C, 10,000 steps after ${ALLOC_WARMUP.toLocaleString('en-US')} warm-up steps)`);
  try {
    alloc.push({ name: 'typed-mlp', ...(await allocationCheck(C, { measure: measureAlloc, warmup: ALLOC_WARMUP })) });
  } catch (e) {
    alloc.push({ name: 'typed-mlp', how: `failed: ${e.message}`, steps: 0, before: 0, noGc: 0, after: 0, bytesPerStep: NaN, gcsDuring: NaN });
  }
  const net = new PlainMlp(C.sizes, C.weights(), true, C.N);
  alloc.push({ name: 'control', how: 'the plain Float64Array loop, one step', ...(await measureAlloc(() => net.step(C.X, C.Y, 0, C.lr), 10_000, ALLOC_WARMUP)) });
  for (const r of alloc) log(`  ${r.name}: ${r.bytesPerStep.toFixed(2)} bytes/step, ${r.gcsDuring} GCs`);
}

// ---- the compiler's cost -------------------------------------------------------------------
let tsc = null;
if (only.has('tsc')) {
  log(`compiler cost (tsc --noEmit, median of ${tscRuns})`);
  try {
    tsc = tscCost({ runs: tscRuns, log });
  } catch (e) {
    tsc = e;
  }
}

// ---- report --------------------------------------------------------------------------------
const total = (performance.now() - started) / 1000;
const out = [];
const cpu = os.cpus();
out.push(`## typed-mlp benchmark (npm run bench)`);
out.push('');
out.push(
  `Node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${os.platform()} ${os.arch()}; ` +
    `${rounds} measured round${rounds === 1 ? '' : 's'} after a warm-up, medians; whole run ${total.toFixed(0)} s; ` +
    `load average ${loadAtStart} at the start, ${os.loadavg()[0].toFixed(2)} at the end` +
    (Math.max(Number(loadAtStart), os.loadavg()[0]) > 1.2 ? ' (other processes were busy: expect noise).' : '.'),
);
const typedRow = adapters.find((a) => a.short === primary);
if (typedRow?.note) out.push(`typed-mlp: ${typedRow.note}.`);
if (only.has('B')) {
  out.push('', '### B — 64-128-128-1 MLP, 4096 samples, batch 32, 5 epochs, SGD lr 0.1', '');
  out.push(reportB(entries.B, primary));
  out.push('', 'samples/s = 4096·5 / wall time of the 5 epochs. Loss and accuracy over all 4096 samples, computed in float64 from each library\'s final weights (brain.js: its own outputs, its own MSE loss). Every correct implementation of the workload ends near BCE 0.031, accuracy 0.995.');
}
if (only.has('C')) {
  out.push('', '### C — XOR 2-3-1 with biases, full batch of 4, 10,000 steps, lr 0.5', '');
  out.push(reportC(entries.C, primary));
  out.push('', 'µs/step = wall time of the 10,000 steps / 10,000. A speed-up ≥ 0.67 against the plain loop means typed-mlp takes at most 1.5× its time.');
}
if (only.has('A')) {
  out.push('', '### A — square matmul C = A·B, GFLOP/s = 2n³/t (median)', '');
  out.push(reportA(entries.A, matmulSizes, primary));
  out.push('', 'typed-mlp and the plain loop are float64; tfjs is float32 (its max |C − ref| is float32 rounding). tfjs times include dataSync(); typed-mlp\'s include allocating the result.');
}
if (alloc.length) {
  out.push('', '### Zero-allocation check (workload C)', '');
  out.push(reportAlloc(alloc));
  out.push(
    '',
    `Each row: ${ALLOC_WARMUP.toLocaleString('en-US')} warm-up steps, global.gc(), then 10,000 measured steps. ` +
      'A step that allocated even one boxed number would add ≥ 16 bytes/step and soon trigger a scavenge; ' +
      'the control row shows what "allocates nothing" looks like (a few KB of V8 bookkeeping in total).',
  );
}
if (only.has('tsc')) {
  out.push('', '### Compiler cost: tsc --noEmit on a consumer file with one deep net (scripts/gen-deep.mjs)', '');
  out.push(tsc instanceof Error ? `failed: ${tsc.message}` : reportTsc(tsc));
}
out.push('', '### Peak memory', '');
sampleMemory();
out.push(reportMemory(peak));
const failed = [
  ...unavailable.map((u) => `- ${u.short}: not run — ${u.why}`),
  ...['B', 'C', 'A'].flatMap((w) => entries[w].filter((e) => e.error).map((e) => `- ${e.key}, workload ${w}: ${e.error}`)),
];
if (failed.length) out.push('', '### Not measured', '', ...failed);
const text = out.join('\n') + '\n';
process.stdout.write(text);
if (outFile) writeFileSync(outFile, text);
log(`done in ${total.toFixed(0)} s`);
