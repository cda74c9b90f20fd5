#!/usr/bin/env node
// Throughput of the float64 products: the WebAssembly SIMD kernels and the plain TypeScript ones.
//
//   npx tsc -p tsconfig.build.json && node scripts/gemm-gflops.mjs [--rounds R] [--sizes 16,64,256] [--wall]
//
// Part 0: the ceiling, what one core reaches with a pure f64x2 mul + add loop (six independent
//   f64x2.mul chains and six f64x2.add chains, operands in registers, no loads; CEILING_WASM below).
// Part 1: square C = A·B (float64) at n = 16 … 1024 for
//   wasm-simd   the kernel set from src/kernels/wasm.ts (assembly/kernels.ts: the packed,
//               cache-blocked products of assembly/packed.ts from n = 64 on here, the direct ones below),
//   js-kernels  the plain TypeScript kernels (src/kernels/js-products.ts: 2×4 register tiles),
//   and two hand-tuned plain-JS loops on Float64Array, for comparison:
//   js-reg4x4   a 4×4 tile of C in 16 local doubles, p innermost, k blocked by 128;
//   js-packT    Bᵀ packed once into scratch, 4×2 tiles of dot products over contiguous rows.
// Every candidate runs interleaved with the others, R rounds (default 7); the table shows the
// MEDIAN GFLOP/s (2n³ / time), wasm-simd's share of the ceiling, and max |C − reference| (reference:
// the js-kernels result; wasm-simd and js-kernels sum in the same order, so 0).
//
// Part 2: per-call time of the kernels of one training step (batch 32, net 64-128-128-1: the
// calls src/backprop.ts makes), wasm-simd vs js-kernels, median µs per call.
//
// Time is the process's CPU time (process.cpuUsage) by default: on a machine shared with other
// work it leaves out the time the process waited for a core, which wall time (--wall) includes.
// Load on the shared caches and memory still shows; compare candidates within one run.
import os from 'node:os';
import { jsKernels } from '../dist/src/kernels/js.js';
import { wasmKernels, wasmSimdSupported } from '../dist/src/kernels/wasm.js';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const ROUNDS = Number(opt('--rounds', '7'));
const SIZES = opt('--sizes', '16,32,64,128,256,512,1024').split(',').map(Number);
const WALL = argv.includes('--wall');
/** Milliseconds of CPU time (user + system) of this process, or wall time with --wall. */
const now = WALL
  ? () => performance.now()
  : () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };

if (!wasmSimdSupported()) throw new Error('WebAssembly SIMD is not supported here');

// ---- plain-JS comparison loops (C = A·B, A n×k, B k×m, row-major Float64Array; n, m multiples of 4) ----

function reg4x4(A, B, C, n, k, m) {
  const KB = 128;
  for (let p0 = 0; p0 < k; p0 += KB) {
    const p1 = Math.min(k, p0 + KB);
    for (let i = 0; i < n; i += 4) {
      const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
      for (let j = 0; j < m; j += 4) {
        const c0 = i * m + j, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m;
        let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        if (p0 > 0) {
          s00 = C[c0]; s01 = C[c0 + 1]; s02 = C[c0 + 2]; s03 = C[c0 + 3];
          s10 = C[c1]; s11 = C[c1 + 1]; s12 = C[c1 + 2]; s13 = C[c1 + 3];
          s20 = C[c2]; s21 = C[c2 + 1]; s22 = C[c2 + 2]; s23 = C[c2 + 3];
          s30 = C[c3]; s31 = C[c3 + 1]; s32 = C[c3 + 2]; s33 = C[c3 + 3];
        }
        for (let p = p0; p < p1; p++) {
          const bp = p * m + j;
          const b0 = B[bp], b1 = B[bp + 1], b2 = B[bp + 2], b3 = B[bp + 3];
          let a = A[r0 + p];
          s00 += a * b0; s01 += a * b1; s02 += a * b2; s03 += a * b3;
          a = A[r1 + p];
          s10 += a * b0; s11 += a * b1; s12 += a * b2; s13 += a * b3;
          a = A[r2 + p];
          s20 += a * b0; s21 += a * b1; s22 += a * b2; s23 += a * b3;
          a = A[r3 + p];
          s30 += a * b0; s31 += a * b1; s32 += a * b2; s33 += a * b3;
        }
        C[c0] = s00; C[c0 + 1] = s01; C[c0 + 2] = s02; C[c0 + 3] = s03;
        C[c1] = s10; C[c1 + 1] = s11; C[c1 + 2] = s12; C[c1 + 3] = s13;
        C[c2] = s20; C[c2 + 1] = s21; C[c2 + 2] = s22; C[c2 + 3] = s23;
        C[c3] = s30; C[c3 + 1] = s31; C[c3 + 2] = s32; C[c3 + 3] = s33;
      }
    }
  }
}

let scratch = new Float64Array(0);
function packT(A, B, C, n, k, m) {
  if (scratch.length < k * m) scratch = new Float64Array(k * m);
  const T = scratch;
  for (let p = 0; p < k; p++) for (let j = 0; j < m; j++) T[j * k + p] = B[p * m + j];
  for (let i = 0; i < n; i += 4) {
    const r0 = i * k, r1 = r0 + k, r2 = r1 + k, r3 = r2 + k;
    for (let j = 0; j < m; j += 2) {
      const t0 = j * k, t1 = t0 + k;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let p = 0; p < k; p++) {
        const b0 = T[t0 + p], b1 = T[t1 + p];
        const a0 = A[r0 + p], a1 = A[r1 + p], a2 = A[r2 + p], a3 = A[r3 + p];
        s00 += a0 * b0; s01 += a0 * b1; s10 += a1 * b0; s11 += a1 * b1;
        s20 += a2 * b0; s21 += a2 * b1; s30 += a3 * b0; s31 += a3 * b1;
      }
      const c0 = i * m + j;
      C[c0] = s00; C[c0 + 1] = s01; C[c0 + m] = s10; C[c0 + m + 1] = s11;
      C[c0 + 2 * m] = s20; C[c0 + 2 * m + 1] = s21; C[c0 + 3 * m] = s30; C[c0 + 3 * m + 1] = s31;
    }
  }
}

// ---- harness ----

/** A deterministic uniform stream in [−1, 1) (mulberry32). */
function uniforms(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  };
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

/** Calls `run` `reps` times per round, interleaving the candidates; returns median ms per call each. */
function timeInterleaved(candidates, reps, rounds) {
  for (const c of candidates) c.run(); // warm up (and tier up) every candidate once more
  const times = candidates.map(() => []);
  for (let r = 0; r < rounds; r++) {
    candidates.forEach((c, x) => {
      const t0 = now();
      for (let q = 0; q < reps(c); q++) c.run();
      times[x].push((now() - t0) / reps(c));
    });
  }
  return times.map(median);
}

const pad = (s, w) => String(s).padStart(w);

// ---- the ceiling ----

// (module (import "env" "memory" (memory 1))
//   (func (export "peak") (param $n i32) (param $p i32) (local $m0 v128) (local $s0 v128) … (local $m5 v128) (local $s5 v128) (local $x v128) (local $y v128)
//     m0…m5, s0…s5 = v128.load at $p + 0, 16, 32;  x = v128.load $p + 48;  y = v128.load $p + 64
//     loop while $n-- ≠ 0:  m_i = f64x2.mul(m_i, x);  s_i = f64x2.add(s_i, y)   (i = 0 … 5)
//     v128.store $p + 80 (m0 + … + m5 + s0 + … + s5)))
// 6 mul + 6 add of f64x2 = 24 flops per iteration; each chain has 3 cycles of latency, so six of
// each keep both multipliers and both adders busy. Assembled by binaryen from that text, unoptimised.
const CEILING_WASM =
  'AGFzbQEAAAABBgFgAn9/AAIPAQNlbnYGbWVtb3J5AgABAwIBAAcIAQRwZWFrAAAKtwIBtAIBDnsgAf0ABAAhAiAB/QAEACEDIAH9AAQQIQQgAf0ABBAhBSAB/QAEICEGIAH9' +
  'AAQgIQcgAf0ABAAhCCAB/QAEACEJIAH9AAQQIQogAf0ABBAhCyAB/QAEICEMIAH9AAQgIQ0gAf0ABDAhDiAB/QAEQCEPAkADQCAARQ0BIABBAWshACACIA798gEhAiADIA/9' +
  '8AEhAyAEIA798gEhBCAFIA/98AEhBSAGIA798gEhBiAHIA/98AEhByAIIA798gEhCCAJIA/98AEhCSAKIA798gEhCiALIA/98AEhCyAMIA798gEhDCANIA/98AEhDQwACwAL' +
  'IAEgAiAE/fABIAb98AEgCP3wASAK/fABIAz98AEgA/3wASAF/fABIAf98AEgCf3wASAL/fABIA398AH9CwRQCw==';

/** Median GFLOP/s of the ceiling loop, ROUNDS timings of 2·10⁷ iterations. */
function ceiling() {
  const memory = new WebAssembly.Memory({ initial: 1 });
  const { peak } = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(CEILING_WASM, 'base64')), { env: { memory } }).exports;
  new Float64Array(memory.buffer).set([1.5, -2, 0.25, 3, -1, 7, 1, 1, 0, 0]); // m, s; x = 1, y = 0: values stay put, no subnormals
  const iterations = 2e7;
  peak(iterations / 10, 0);
  const g = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = now();
    peak(iterations, 0);
    g.push((iterations * 24) / ((now() - t0) * 1e6));
  }
  return median(g);
}

console.log(`Node ${process.version}, ${process.arch}, ${os.cpus()[0]?.model ?? 'unknown CPU'}; ${WALL ? 'wall' : 'CPU'} time; median of ${ROUNDS} interleaved rounds; load average ${os.loadavg()[0].toFixed(2)}\n`);
const CEILING = ceiling();
console.log(`Ceiling (one core, f64x2 mul + add, no loads): ${CEILING.toFixed(1)} GFLOP/s\n`);
console.log('Square C = A·B, float64: median GFLOP/s (max |C − reference|)');
const names = ['wasm-simd', 'js-kernels', 'js-reg4x4', 'js-packT'];
console.log(`${pad('n', 5)} ${pad('wasm-simd', 20)}${pad('% of ceiling', 14)}${names.slice(1).map((x) => pad(x, 20)).join('')}${pad('wasm / js-kernels', 20)}`);

for (const n of SIZES) {
  const words = n * n;
  const bytes = 3 * words * 8;
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const wasm = wasmKernels(memory);
  const js = jsKernels(new ArrayBuffer(bytes));
  const A = 0, B = words * 8, C = 2 * words * 8;
  const next = uniforms(n);
  const init = new Float64Array(2 * words).map(() => next());
  wasm.f64.set(init);
  js.f64.set(init);
  const a = init.slice(0, words), b = init.slice(words), c = new Float64Array(words);

  // Reference: the plain TypeScript kernel, computed once.
  js.gemm(A, B, C, n, n, n);
  const ref = js.f64.slice(2 * words, 3 * words);
  const errOf = (out) => {
    let e = 0;
    for (let i = 0; i < words; i++) e = Math.max(e, Math.abs(out[i] - ref[i]));
    return e;
  };

  const flops = 2 * n ** 3;
  const candidates = [
    { name: 'wasm-simd', run: () => wasm.gemm(A, B, C, n, n, n), out: () => wasm.f64.subarray(2 * words, 3 * words), speed: 'fast' },
    { name: 'js-kernels', run: () => js.gemm(A, B, C, n, n, n), out: () => js.f64.subarray(2 * words, 3 * words) },
    { name: 'js-reg4x4', run: () => reg4x4(a, b, c, n, n, n), out: () => c },
    { name: 'js-packT', run: () => packT(a, b, c, n, n, n), out: () => c },
  ];
  const errors = candidates.map((cand) => {
    cand.run();
    return errOf(cand.out());
  });
  // About 150 ms per timing for wasm, 50 ms (at least 1 call) for the slower plain-JS loops.
  const reps = (cand) => Math.max(1, Math.round((cand.speed === 'fast' ? 3e9 : 2e8) / flops));
  const ms = timeInterleaved(candidates, reps, ROUNDS);
  const gflops = ms.map((t) => flops / (t * 1e6));
  const cells = gflops.map((g, x) => pad(`${g.toFixed(2)} (${errors[x].toExponential(0)})`, 20));
  cells.splice(1, 0, pad(`${((100 * gflops[0]) / CEILING).toFixed(0)} %`, 14));
  console.log(`${pad(n, 5)} ${cells.join('')}${pad(`${(gflops[0] / gflops[1]).toFixed(2)}×`, 20)}`);
}

// ---- the kernels of one training step: batch 32, net 64-128-128-1 ----

console.log('\nTraining-step kernels (batch 32, net 64-128-128-1): median µs per call');
const shapes = [
  { label: 'gemm 32×64 · 64×128', run: (K, at) => K.gemm(at.a, at.b, at.c, 32, 64, 128), flops: 2 * 32 * 64 * 128 },
  { label: 'gemm 32×128 · 128×128', run: (K, at) => K.gemm(at.a, at.b, at.c, 32, 128, 128), flops: 2 * 32 * 128 * 128 },
  { label: 'gemmTA (32×64)ᵀ · 32×128 → 64×128', run: (K, at) => K.gemmTA(at.a, at.b, at.c, 32, 64, 128, 32), flops: 2 * 32 * 64 * 128 },
  { label: 'gemmTA (32×128)ᵀ · 32×128 → 128×128', run: (K, at) => K.gemmTA(at.a, at.b, at.c, 32, 128, 128, 32), flops: 2 * 32 * 128 * 128 },
  { label: 'gemmTBRelu 32×128 · (128×128)ᵀ', run: (K, at) => K.gemmTBRelu(at.a, at.b, at.z, at.c, 32, 128, 128), flops: 2 * 32 * 128 * 128 },
  { label: 'gemm 32×128 · 128×1 (output layer)', run: (K, at) => K.gemm(at.a, at.b, at.c, 32, 128, 1), flops: 2 * 32 * 128 },
  { label: 'gemmTA (32×128)ᵀ · 32×1 → 128×1', run: (K, at) => K.gemmTA(at.a, at.b, at.c, 32, 128, 1, 32), flops: 2 * 32 * 128 },
  { label: 'gemmTBRelu 32×1 · (128×1)ᵀ', run: (K, at) => K.gemmTBRelu(at.a, at.b, at.z, at.c, 32, 1, 128), flops: 2 * 32 * 128 },
  { label: 'addRows 32×128', run: (K, at) => K.addRows(at.c, at.b, 32, 128), flops: 0 },
  { label: 'relu 32×128', run: (K, at) => K.relu(at.z, at.c, 32 * 128), flops: 0 },
  { label: 'colSums 32×128', run: (K, at) => K.colSums(at.a, at.c, 32, 128, 32), flops: 0 },
  { label: 'sgdCheck 128×128', run: (K, at) => K.sgdCheck(at.a, at.b, at.lr, 128 * 128), flops: 0 },
  { label: 'sgd 128×128', run: (K, at) => K.sgd(at.c, at.b, at.lr, 128 * 128), flops: 0 },
];
{
  const bytes = 4 * 128 * 128 * 8 + 16; // four 128×128 blocks, then the learning rate (kernels read it from memory)
  const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
  const wasm = wasmKernels(memory);
  const js = jsKernels(new ArrayBuffer(bytes));
  const at = { a: 0, b: 128 * 128 * 8, z: 2 * 128 * 128 * 8, c: 3 * 128 * 128 * 8, lr: 4 * 128 * 128 * 8 };
  const next = uniforms(7);
  const init = new Float64Array(4 * 128 * 128).map(() => next());
  wasm.f64.set(init);
  js.f64.set(init);
  wasm.f64[at.lr >> 3] = 1e-3;
  js.f64[at.lr >> 3] = 1e-3;
  console.log(`${'kernel'.padEnd(42)}${pad('wasm-simd µs', 14)}${pad('js µs', 10)}${pad('js / wasm', 11)}${pad('wasm GFLOP/s', 14)}`);
  for (const s of shapes) {
    const candidates = [
      { run: () => s.run(wasm, at) },
      { run: () => s.run(js, at) },
    ];
    for (let w = 0; w < 200; w++) for (const c of candidates) c.run(); // tier up
    const [tw, tj] = timeInterleaved(candidates, () => Math.max(20, Math.round(3e7 / Math.max(s.flops, 3e4))), ROUNDS);
    const g = s.flops ? (s.flops / (tw * 1e6)).toFixed(2) : '';
    console.log(`${s.label.padEnd(42)}${pad((tw * 1e3).toFixed(2), 14)}${pad((tj * 1e3).toFixed(2), 10)}${pad(`${(tj / tw).toFixed(1)}×`, 11)}${pad(g, 14)}`);
  }
}
