// npm run bench — workloads A, B, C (issue 4) and D, the width and the batch sweeps (issue 12) for
// typed-mlp and its competitors in ONE process, interleaved round-robin after a warm-up round,
// medians of R rounds, markdown tables on stdout (progress on stderr), and the raw results as JSON.
// Run with `node --expose-gc bench/run.mjs [options]`:
//   --rounds N     measured rounds after the warm-up (default 3)
//   --quick        1 round, short timings, 1 tsc run each (a smoke test, not a measurement)
//   --only LIST    workloads to run, e.g. --only B,C (of A, B, Bopt, C, D, width, batch, alloc, tsc;
//                  `sweep` = width,batch; Bopt = B with momentum, Adam, Adam + dropout + weight decay)
//   --skip LIST    libraries to leave out, by short name (e.g. brain.js,tfjs-layers)
//   --tsc-runs N   tsc runs per file (default 3; the median is reported)
//   --d-ms MS      D: the length of one timing of one library at one row count (default 150)
//   --sweep-gflop G  width sweep: FLOPs of one timing, in GFLOP (default 0.5; steps clamped to 16…2048)
//   --batch-epochs E batch sweep: epochs of 4096 samples per timing (default 2)
//   --out FILE     also write the report to FILE
//   --results DIR  where the report (.md) and the raw results (.json) of the run go
//                  (default bench/results; --no-results to write neither)
//   --alloc-warmup N  steps before the zero-allocation check's measured 10,000 (default 50,000)
//   --bopt-reference  Bopt: recompute the float64 reference losses (the plain loop, ~10 s) and
//                  check them against the constants in workloads.mjs before the rounds
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { brainJs } from './adapters/brain.mjs';
import { onnxRuntime } from './adapters/onnxruntime.mjs';
import { PlainMlp, gemmBlocked, plain, plainOptimizerRun } from './adapters/plain.mjs';
import { tfjsCore } from './adapters/tfjs-core.mjs';
import { tfjsLayers, tfjsPredict } from './adapters/tfjs-layers.mjs';
import { allocationCheck, typedMlp, typedMlpFloat32, typedMlpInto, typedMlpTrainer, typedMlpUpdateCost } from './adapters/typed-mlp.mjs';
import { makeCeiling, makeRootFloor } from './ceiling.mjs';
import { median, reportA, reportAlloc, reportB, reportC, reportMemory, reportTsc, sectionBatch, sectionBopt, sectionD, sectionWidth } from './report.mjs';
import { tscCost } from './tsc-cost.mjs';
import {
  checkOptimizerRun,
  evaluateWeights,
  matmulSizes,
  maxAbsDiff,
  optimizerReference,
  optimizerTolerance,
  referenceMatmul,
  sweepBatches,
  sweepWidths,
  workloadA,
  workloadB,
  workloadBatch,
  workloadBopt,
  workloadC,
  workloadD,
  workloadWidth,
} from './workloads.mjs';

const started = performance.now();
const startedAt = new Date();
const loadAtStart = os.loadavg()[0].toFixed(2);
const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const quick = argv.includes('--quick');
const rounds = Number(opt('rounds', quick ? 1 : 3));
const tscRuns = Number(opt('tsc-runs', quick ? 1 : 3));
const ALL = ['A', 'B', 'Bopt', 'C', 'D', 'width', 'batch', 'alloc', 'tsc'];
const only = new Set(opt('only', ALL.join(',')).split(',').flatMap((x) => (x === 'sweep' || x === 'sweeps' ? ['width', 'batch'] : [x])));
for (const w of only) if (!ALL.includes(w)) throw new Error(`--only: unknown workload '${w}' (known: ${ALL.join(', ')}, sweep)`);
const skip = new Set((opt('skip', '')).split(',').filter(Boolean));
const outFile = opt('out', null);
const dMs = Number(opt('d-ms', quick ? 40 : 150));
const sweepFlop = Number(opt('sweep-gflop', quick ? 0.1 : 0.5)) * 1e9;
const batchEpochs = Number(opt('batch-epochs', quick ? 1 : 2));
const resultsDir = argv.includes('--no-results') ? null : path.resolve(opt('results', fileURLToPath(new URL('./results', import.meta.url))));
const log = (...a) => console.error(...a);
const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) log('warning: run with node --expose-gc (no gc between runs, and no allocation check)');

// ---- the libraries -------------------------------------------------------------------------
const candidates = [
  typedMlp(),
  typedMlpTrainer(),
  typedMlpInto(),
  typedMlpFloat32(),
  plain,
  tfjsCore('wasm'),
  tfjsPredict(),
  onnxRuntime(),
  tfjsCore('cpu'),
  tfjsLayers(),
  tfjsLayers('wasm'),
  brainJs(),
];
const adapters = [];
const unavailable = [];
// An adapter is loaded only when it has a part in the selected workloads.
const wanted = (a) =>
  (only.has('A') && a.A) || (only.has('B') && a.B) || (only.has('Bopt') && a.Bopt) || (only.has('C') && a.C) || (only.has('D') && a.D) ||
  (only.has('width') && a.sweeps?.includes('width')) || (only.has('batch') && a.sweeps?.includes('batch'));
for (const a of candidates) {
  if (skip.has(a.short) || !wanted(a)) continue;
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
const entries = { B: [], Bopt: [], C: [], A: [], D: [], width: [], batch: [] };
const entryOf = (w, a) => {
  let e = entries[w].find((x) => x.key === a.short);
  if (!e) entries[w].push((e = { key: a.short, name: a.name, runs: [], byN: {}, error: null }));
  return e;
};
// fix the row order: the order of `candidates`
for (const a of adapters) {
  if (a.B) entryOf('B', a);
  if (a.Bopt) entryOf('Bopt', a);
  if (a.C) entryOf('C', a);
  if (a.A) entryOf('A', a);
  if (a.D) entryOf('D', a);
  if (a.sweeps?.includes('width') && a.B) entryOf('width', a);
  if (a.sweeps?.includes('batch') && a.B) entryOf('batch', a);
}

// The 1-minute load average around every workload: at its first run, at its last, and the highest
// seen at the start or end of any of its runs (os.loadavg is sampled by the kernel every 5 s).
const loads = {};
const noteLoad = (w) => {
  const l = os.loadavg()[0];
  const x = (loads[w] ??= { first: l, last: l, max: l });
  x.last = l;
  x.max = Math.max(x.max, l);
};

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
    delete r.logits; // evaluateWeights's per-sample logits: not a result (and 4096 numbers per run in the JSON)
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

// ---- Bopt: B with momentum, Adam, Adam + dropout + weight decay (issue 12, point 4) ----------
const Bopt = only.has('Bopt') ? workloadBopt(B) : null;
let boptReference = null;
if (Bopt && argv.includes('--bopt-reference')) {
  log('Bopt: recomputing the float64 reference losses (the plain loop)');
  boptReference = {};
  for (const v of Bopt.variants.filter((x) => optimizerReference[x.key])) {
    const r = evaluateWeights(plainOptimizerRun(B, v), null, B.X, B.Y, B.sizes);
    const want = optimizerReference[v.key];
    boptReference[v.key] = { loss: r.loss, accuracy: r.accuracy, stored: want };
    log(`  ${v.key}: loss ${r.loss.toPrecision(10)}, accuracy ${r.accuracy} (stored: ${want.loss}, ${want.accuracy})`);
    if (!(Math.abs(r.loss - want.loss) <= 1e-9 && r.accuracy === want.accuracy)) throw new Error(`Bopt: the stored reference of ${v.key} is stale; update optimizerReference in bench/workloads.mjs`);
  }
}

async function runOptimizer(a, v, warm, round) {
  const e = entryOf('Bopt', a);
  const slot = (e.byN[v.key] ??= { runs: [], ...(a.Bopt.notes?.[v.key] ? { note: a.Bopt.notes[v.key] } : {}) });
  if (e.error || slot.error) return;
  try {
    await a.activate?.();
    gc();
    const w = Bopt.with(v);
    // warm-up: one epoch; typed-mlp's first measured round also checks that weight decay acts (outside the clock)
    const r = await a.Bopt.run(warm ? { ...w, epochs: 1 } : { ...w, checkDecay: round === 1 });
    retained.push(r.model);
    delete r.model;
    delete r.logits;
    sampleMemory();
    if (!Number.isFinite(r.ms) || r.ms <= 0) throw new Error(`bad time ${r.ms}`);
    if (warm) return log(`  warm-up Bopt ${v.key} ${a.short}: ${r.ms.toFixed(0)} ms`);
    const why = checkOptimizerRun(v, r, Bopt.initial);
    if (why) throw new Error(`check failed: ${why}`);
    if (r.decayEffect !== undefined && !(r.decayEffect > 0)) throw new Error('check failed: the same final weights with and without weightDecay');
    r.samplesPerSec = (w.N * w.epochs) / (r.ms / 1000);
    r.round = round;
    if (optimizerReference[v.key]) r.refDelta = r.loss - optimizerReference[v.key].loss;
    slot.runs.push(r);
    log(
      `  Bopt ${v.key} ${a.short}: ${Math.round(r.samplesPerSec)} samples/s, BCE ${r.loss.toFixed(4)}, accuracy ${r.accuracy.toFixed(4)}` +
        (r.decayEffect !== undefined ? `, weight decay moves W by ${r.decayEffect.toExponential(1)}` : ''),
    );
  } catch (err) {
    slot.error = String(err?.message ?? err).split('\n')[0];
    log(`  Bopt ${v.key} ${a.short} FAILED: ${slot.error}`);
  }
}

// ---- D: inference --------------------------------------------------------------------------
const D = only.has('D') ? workloadD(B) : null;
const prepared = new Map(); // (library, rows) → the prepared call, made once, kept for the whole run
const isThenable = (x) => x != null && typeof x.then === 'function';

async function runInference(a, n, warm) {
  const e = entryOf('D', a);
  if (e.error || e.byN[n]?.error) return;
  const slot = (e.byN[n] ??= { ms: [], calls: [] });
  try {
    await a.activate?.();
    gc();
    const key = `${a.short} ${n}`;
    let prep = prepared.get(key);
    if (!prep) {
      const at = D.at(n);
      prep = await a.D.prepare(at);
      const first = prep.run();
      prep.async = isThenable(first);
      if (prep.async) await first;
      // the outputs must agree with the float64 reference (float32 libraries: within 1e-4)
      const out = prep.output();
      if (!out || out.length !== n) throw new Error(`${out?.length} outputs for ${n} rows`);
      let err = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.abs(out[i] - at.ref[i]);
        if (!(d <= err)) err = d;
      }
      slot.err = err;
      if (!(err <= 1e-4)) throw new Error(`its outputs differ from the float64 reference by ${err.toExponential(2)} (> 1e-4)`);
      prepared.set(key, prep);
      retained.push(prep);
    }
    // Time: calls in chunks of about 1 ms (so the clock is read rarely), until dMs (warm-up: 2·dMs).
    const targetMs = warm ? 2 * dMs : dMs;
    const run = prep.run;
    const tensorsBefore = prep.tensors?.();
    let chunk = prep.chunk ?? 1;
    let calls = 0;
    const t0 = performance.now();
    let t = t0;
    if (prep.async) {
      do {
        for (let i = 0; i < chunk; i++) await run();
        calls += chunk;
        t = performance.now();
        if (warm && t - t0 < 1) chunk *= 2;
      } while (t - t0 < targetMs);
    } else {
      do {
        for (let i = 0; i < chunk; i++) run();
        calls += chunk;
        t = performance.now();
        if (warm && t - t0 < 1) chunk *= 2;
      } while (t - t0 < targetMs);
    }
    if (warm) prep.chunk = chunk;
    const tensorsAfter = prep.tensors?.();
    if (tensorsBefore !== tensorsAfter) throw new Error(`tensors leaked: ${tensorsBefore} before the calls, ${tensorsAfter} after`);
    sampleMemory();
    const ms = (t - t0) / calls;
    if (warm) return log(`  warm-up D ${a.short} n=${n}: ${(ms * 1000).toFixed(1)} µs/call`);
    slot.ms.push(ms);
    slot.calls.push(calls);
    log(`  D ${a.short} n=${n}: ${(ms * 1000).toFixed(1)} µs/call (${calls} calls), max |Δ| ${slot.err.toExponential(1)}`);
  } catch (err) {
    slot.error = String(err?.message ?? err).split('\n')[0];
    log(`  D ${a.short} n=${n} FAILED: ${slot.error}`);
  }
}

// ---- the width and batch sweeps --------------------------------------------------------------
const widthWorkloads = only.has('width') ? sweepWidths.map((W) => workloadWidth(W, { targetFlop: sweepFlop, b: B })) : [];
const batchWorkloads = only.has('batch') ? sweepBatches.map((bs) => workloadBatch(bs, B, batchEpochs)) : [];
// Adam's divider floor beside the two updates' own cost (Bopt): per measured round, f64x2 sqrt + div
// with no memory (ceiling.mjs, rootModule), and the library's adam and sgd kernels on B's parameters.
let rootFloor = null;
const divider = [];
async function measureDivider() {
  rootFloor ??= makeRootFloor();
  const floor = rootFloor.measure(50);
  const cost = await typedMlpUpdateCost(Bopt.params);
  divider.push({ floorNsPerPair: floor.nsPerPair, variant: floor.variant, ...cost });
  log(`  divider: f64x2 sqrt + div ${floor.nsPerPair.toFixed(2)} ns a pair (${floor.variant}); adam ${cost.adamUs.toFixed(1)} µs, sgd ${cost.sgdUs.toFixed(1)} µs a step of ${Bopt.params} parameters`);
}

let ceiling = null;
const ceilings = [];

/** A sweep's warm-up run: one epoch over a quarter of its rows (whole batches, at least one). */
function warmUpOf(w) {
  const N = Math.max(w.batchSize, Math.floor(w.N / 4 / w.batchSize) * w.batchSize);
  return { ...w, N, X: w.X.subarray(0, N * w.D), Y: w.Y.subarray(0, N), epochs: 1 };
}

async function runSweep(kind, w, a, warm) {
  const e = entryOf(kind, a);
  const key = kind === 'width' ? w.W : w.batchSize;
  const slot = (e.byN[key] ??= { runs: [] });
  if (e.error || slot.error) return;
  try {
    await a.activate?.();
    gc();
    const r = await a.B(warm ? warmUpOf(w) : w);
    retained.push(r.model);
    delete r.model;
    sampleMemory();
    if (!Number.isFinite(r.ms) || r.ms <= 0) throw new Error(`bad time ${r.ms}`);
    if (warm) return;
    const samples = w.N * w.epochs;
    slot.runs.push({ ms: r.ms, gflops: w.flops / (r.ms * 1e6), samplesPerSec: samples / (r.ms / 1000), loss: r.loss, accuracy: r.accuracy });
    const last = slot.runs.at(-1);
    log(`  ${kind} ${key} ${a.short}: ${last.gflops.toFixed(2)} GFLOP/s, ${Math.round(last.samplesPerSec)} samples/s, loss ${r.loss.toFixed(4)}`);
  } catch (err) {
    slot.error = String(err?.message ?? err).split('\n')[0];
    log(`  ${kind} ${key} ${a.short} FAILED: ${slot.error}`);
  }
}

function measureCeiling(warm) {
  if (!(only.has('width') || only.has('batch'))) return;
  ceiling ??= makeCeiling();
  const c = ceiling.measure(warm ? 30 : 100);
  if (!warm) {
    ceilings.push(c);
    log(`  ceiling: ${c.gflops.toFixed(2)} GFLOP/s (${c.variant})`);
  }
}

// ---- rounds: warm-up, then R measured rounds, round-robin with a rotating start -------------
for (let r = 0; r <= rounds; r++) {
  const warm = r === 0;
  const t0 = performance.now();
  log(warm ? 'warm-up round (B, Bopt: 1 epoch, C: 20 runs or 2 s, A: n ≤ 256, D: 2 timings\' length, sweeps: a quarter of the rows)' : `round ${r} of ${rounds}`);
  const order = adapters.map((_, i) => adapters[(i + r) % adapters.length]);
  const took = [];
  let mark = performance.now();
  const lap = (w) => {
    const now = performance.now();
    took.push(`${w} ${((now - mark) / 1000).toFixed(1)} s`);
    mark = now;
  };
  if (only.has('B')) {
    noteLoad('B');
    for (const a of order) if (a.B) await runTraining(B, a, 'B', warm);
    noteLoad('B');
    lap('B');
  }
  if (only.has('Bopt')) {
    noteLoad('Bopt');
    // each library runs its variants back to back (so typed-mlp's Adam ÷ SGD compares runs
    // seconds apart), the variants' order rotating each round as the libraries' does
    const vs = Bopt.variants.map((_, i) => Bopt.variants[(i + r) % Bopt.variants.length]);
    for (const a of order) if (a.Bopt) for (const v of vs) if (a.Bopt.variants.includes(v.key)) await runOptimizer(a, v, warm, r);
    if (!warm && adapters.some((a) => a.short === primary)) await measureDivider();
    noteLoad('Bopt');
    lap('Bopt');
  }
  if (only.has('C')) {
    noteLoad('C');
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
    noteLoad('C');
    lap('C');
  }
  if (only.has('A')) {
    noteLoad('A');
    for (const a of order) if (a.A) await runMatmul(a, warm ? matmulSizes.filter((n) => n <= 256) : matmulSizes, warm);
    noteLoad('A');
    lap('A');
  }
  if (only.has('D')) {
    noteLoad('D');
    for (const n of D.rows) for (const a of order) if (a.D) await runInference(a, n, warm);
    noteLoad('D');
    lap('D');
  }
  if (only.has('width') || only.has('batch')) measureCeiling(warm);
  if (only.has('width')) {
    noteLoad('width');
    for (const w of widthWorkloads) for (const a of order) if (a.sweeps?.includes('width')) await runSweep('width', w, a, warm);
    noteLoad('width');
    lap('width');
  }
  if (only.has('batch')) {
    noteLoad('batch');
    for (const w of batchWorkloads) for (const a of order) if (a.sweeps?.includes('batch')) await runSweep('batch', w, a, warm);
    noteLoad('batch');
    lap('batch');
  }
  if (only.has('width') || only.has('batch')) measureCeiling(warm);
  log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s: ${took.join(', ')}; load average ${os.loadavg()[0].toFixed(2)})`);
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
  noteLoad('alloc');
  try {
    alloc.push({ name: 'typed-mlp', ...(await allocationCheck(C, { measure: measureAlloc, warmup: ALLOC_WARMUP })) });
  } catch (e) {
    alloc.push({ name: 'typed-mlp', how: `failed: ${e.message}`, steps: 0, before: 0, noGc: 0, after: 0, bytesPerStep: NaN, gcsDuring: NaN });
  }
  const net = new PlainMlp(C.sizes, C.weights(), true, C.N);
  alloc.push({ name: 'control', how: 'the plain Float64Array loop, one step', ...(await measureAlloc(() => net.step(C.X, C.Y, 0, C.lr), 10_000, ALLOC_WARMUP)) });
  for (const r of alloc) log(`  ${r.name}: ${r.bytesPerStep.toFixed(2)} bytes/step, ${r.gcsDuring} GCs`);
  noteLoad('alloc');
}

// ---- the compiler's cost -------------------------------------------------------------------
let tsc = null;
if (only.has('tsc')) {
  log(`compiler cost (tsc --noEmit, median of ${tscRuns})`);
  noteLoad('tsc');
  try {
    tsc = tscCost({ runs: tscRuns, log });
  } catch (e) {
    tsc = e;
  }
  noteLoad('tsc');
}

// ---- report --------------------------------------------------------------------------------
const total = (performance.now() - started) / 1000;
const loadAtEnd = os.loadavg()[0].toFixed(2);
const out = [];
const cpu = os.cpus();
const cpuModel = `${cpu[0]?.model?.trim() ?? 'unknown CPU'} × ${cpu.length}`;
const scriptPath = path.relative(process.cwd(), fileURLToPath(import.meta.url)) || 'bench/run.mjs';
const command =
  ['node', ...process.execArgv, scriptPath, ...argv].join(' ') +
  (process.env.npm_lifecycle_event ? ` (via npm run ${process.env.npm_lifecycle_event})` : '');
const dist = process.env.TYPED_MLP_DIST ?? 'dist';
const date = startedAt.toISOString().replace(/\.\d+Z$/, 'Z');
/** The line under every table's heading: where its figures come from. */
const provenance = (w) => {
  const l = loads[w];
  const load = l ? `load average ${l.first.toFixed(2)} before, ${l.last.toFixed(2)} after (highest seen ${l.max.toFixed(2)})` : 'load average not sampled';
  return `<sub>\`${command}\` · ${date} · ${load} · Node ${process.version} · ${cpuModel} · typed-mlp from \`${dist}\`</sub>`;
};
out.push(`## typed-mlp benchmark (npm run bench)`);
out.push('');
out.push(
  `Node ${process.version}, ${cpuModel}, ${os.platform()} ${os.arch()}; ` +
    `${rounds} measured round${rounds === 1 ? '' : 's'} after a warm-up, medians; whole run ${total.toFixed(0)} s; ` +
    `load average ${loadAtStart} at the start, ${loadAtEnd} at the end` +
    (Math.max(Number(loadAtStart), Number(loadAtEnd)) > 1.2 ? ' (other processes were busy: expect noise).' : '.'),
);
out.push('', `Command: \`${command}\`, started ${date}; typed-mlp from \`${dist}\`.`);
const typedRow = adapters.find((a) => a.short === primary);
if (typedRow?.note) out.push(`typed-mlp: ${typedRow.note}.`);
if (only.has('B')) {
  out.push('', '### B — 64-128-128-1 MLP, 4096 samples, batch 32, 5 epochs, SGD lr 0.1', '', provenance('B'), '');
  out.push(reportB(entries.B, primary));
  out.push('', 'samples/s = 4096·5 / wall time of the 5 epochs. Loss and accuracy over all 4096 samples, computed in float64 from each library\'s final weights (brain.js: its own outputs, its own MSE loss). Every correct implementation of the workload ends near BCE 0.031, accuracy 0.995.');
}
const boptWorkload = Bopt
  ? {
      N: Bopt.N,
      params: Bopt.params,
      batchSize: Bopt.batchSize,
      epochs: Bopt.epochs,
      sizes: Bopt.sizes,
      variants: Bopt.variants,
      initial: Bopt.initial,
      reference: optimizerReference,
      tolerance: optimizerTolerance,
      recomputedReference: boptReference ?? undefined,
    }
  : null;
if (only.has('Bopt')) out.push('', ...sectionBopt({ entries: entries.Bopt, workload: boptWorkload, primary, provenance: provenance('Bopt'), divider }));
if (only.has('C')) {
  out.push('', '### C — XOR 2-3-1 with biases, full batch of 4, 10,000 steps, lr 0.5', '', provenance('C'), '');
  out.push(reportC(entries.C, primary));
  out.push('', 'µs/step = wall time of the 10,000 steps / 10,000. A speed-up ≥ 0.67 against the plain loop means typed-mlp takes at most 1.5× its time.');
}
if (only.has('A')) {
  out.push('', '### A — square matmul C = A·B, GFLOP/s = 2n³/t (median)', '', provenance('A'), '');
  out.push(reportA(entries.A, matmulSizes, primary));
  out.push('', 'typed-mlp and the plain loop are float64; tfjs is float32 (its max |C − ref| is float32 rounding). tfjs times include dataSync() (a new Float32Array each call); typed-mlp\'s `matmul(a, b)` includes allocating its result (a new Float64Array, whose fresh pages the system maps in as they are first written), `matmul(a, b, out)` writes into one result made before the clock.');
}
if (only.has('D')) out.push('', ...sectionD({ entries: entries.D, rows: D.rows, flops: D.flops, primary, provenance: provenance('D') }));
const ceilingMedian = ceilings.length ? median(ceilings.map((c) => c.gflops)) : NaN;
if (only.has('width')) out.push('', ...sectionWidth({ entries: entries.width, workloads: widthWorkloads, primary, ceilings, provenance: provenance('width') }));
if (only.has('batch')) out.push('', ...sectionBatch({ entries: entries.batch, workloads: batchWorkloads, primary, ceilings, epochs: batchEpochs, provenance: provenance('batch') }));
if (alloc.length) {
  out.push('', '### Zero-allocation check (workload C)', '', provenance('alloc'), '');
  out.push(reportAlloc(alloc));
  out.push(
    '',
    `Each row: ${ALLOC_WARMUP.toLocaleString('en-US')} warm-up steps, global.gc(), then 10,000 measured steps. ` +
      'A step that allocated even one boxed number would add ≥ 16 bytes/step and soon trigger a scavenge; ' +
      'the control row shows what "allocates nothing" looks like (a few KB of V8 bookkeeping in total).',
  );
}
if (only.has('tsc')) {
  out.push('', '### Compiler cost: tsc --noEmit on a consumer file with one deep net (scripts/gen-deep.mjs)', '', provenance('tsc'), '');
  out.push(tsc instanceof Error ? `failed: ${tsc.message}` : reportTsc(tsc));
}
out.push('', '### Peak memory', '');
sampleMemory();
out.push(reportMemory(peak));
const failed = [
  ...unavailable.map((u) => `- ${u.short}: not run — ${u.why}`),
  ...['B', 'C', 'A'].flatMap((w) => entries[w].filter((e) => e.error).map((e) => `- ${e.key}, workload ${w}: ${e.error}`)),
  ...['Bopt', 'D', 'width', 'batch'].flatMap((w) =>
    entries[w].flatMap((e) => Object.entries(e.byN).filter(([, s]) => s.error).map(([k, s]) => `- ${e.key}, ${w} ${k}: ${s.error}`)),
  ),
];
if (failed.length) out.push('', '### Not measured', '', ...failed);
const text = out.join('\n') + '\n';
process.stdout.write(text);
if (outFile) writeFileSync(outFile, text);

// ---- the raw results, next to the report -----------------------------------------------------
if (resultsDir) {
  const stamp = date.replace(/[:]/g, '-');
  // a partial run (--only, --skip) and a smoke test (--quick) say so in the name
  const partial = ALL.some((w) => !only.has(w)) || skip.size > 0;
  const base = path.join(resultsDir, `bench-${stamp}${partial ? '-partial' : ''}${quick ? '-quick' : ''}`);
  const strip = (w) => ({ name: w.name, W: w.W, sizes: w.sizes, N: w.N, batchSize: w.batchSize, epochs: w.epochs, steps: w.steps, params: w.params, flops: w.flops, lr: w.lr });
  const raw = {
    command,
    date,
    durationSeconds: total,
    node: process.version,
    v8: process.versions.v8,
    cpu: cpuModel,
    platform: `${os.platform()} ${os.arch()}`,
    loadAverage: { start: Number(loadAtStart), end: Number(loadAtEnd), byWorkload: loads },
    provenance: Object.fromEntries(Object.keys(loads).map((w) => [w, provenance(w)])),
    typedMlpDist: dist,
    kernels: typedRow?.name,
    options: { rounds, quick, only: [...only], skip: [...skip], dMs, sweepGflop: sweepFlop / 1e9, batchEpochs },
    libraries: adapters.map((a) => ({ short: a.short, name: a.name, note: a.note || undefined })),
    unavailable,
    workloads: {
      ...(boptWorkload ? { Bopt: { ...boptWorkload, divider } } : {}),
      ...(only.has('D') ? { D: { rows: D.rows, sizes: D.sizes, flops: Object.fromEntries(D.rows.map((n) => [n, D.flops(n)])) } } : {}),
      ...(only.has('width') ? { width: widthWorkloads.map(strip) } : {}),
      ...(only.has('batch') ? { batch: batchWorkloads.map(strip) } : {}),
    },
    ceiling: ceilings.length ? { medianGflops: ceilingMedian, measurements: ceilings } : undefined,
    results: Object.fromEntries(
      Object.entries(entries)
        .filter(([w]) => only.has(w))
        .map(([w, es]) => [w, es.map((e) => ({ key: e.key, name: e.name, error: e.error ?? undefined, runs: e.runs.length ? e.runs : undefined, byN: Object.keys(e.byN).length ? e.byN : undefined }))]),
    ),
    alloc: alloc.length ? alloc : undefined,
    tsc: tsc && !(tsc instanceof Error) ? tsc : tsc instanceof Error ? { error: tsc.message } : undefined,
    memory: { peak, maxRSSKiB: process.resourceUsage().maxRSS },
    report: `${path.basename(base)}.md`,
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(`${base}.json`, JSON.stringify(raw, null, 1) + '\n');
  writeFileSync(`${base}.md`, `${text}\nRaw results: \`${path.basename(base)}.json\`.\n`);
  log(`wrote ${path.relative(process.cwd(), base)}.md and .json`);
}
log(`done in ${total.toFixed(0)} s`);
