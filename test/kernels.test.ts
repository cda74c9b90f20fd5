import { describe, expect, it } from 'vitest';
import { jsKernels } from '../src/kernels/js.js';
import type { Kernels } from '../src/kernels/types.js';
import { WASM_PLAIN_BELOW, wasmKernels, wasmSimdSupported } from '../src/kernels/wasm.js';
import { mulberry32 } from '../src/random.js';
import { WASM_KERNELS_BASE64 } from '../src/kernels/wasm-binary.js';
import { rawKernels } from './helpers/raw-wasm.js';

/**
 * The WebAssembly SIMD kernels against the plain TypeScript reference, on identical random inputs.
 * Three kernel sets, each over its own memory:
 *  - wasm: `wasmKernels`, as the library uses it (tiny calls dispatch to TypeScript);
 *  - raw:  the module's exports called directly, so that tiny sizes reach the wasm code too;
 *  - js:   `jsKernels`, the reference.
 * After each kernel the WHOLE used memory is compared: the output within the documented tolerance
 * (exactly, for everything but the gemmTB dot products), every other word bit for bit, which
 * also catches a write outside the output.
 */

const PAGE = 65536;


/** The parameter and result types of each exported function of a wasm binary (from its type, import, function and export sections). */
function exportSignatures(bytes: Uint8Array): Record<string, { params: string[]; results: string[] }> {
  let pos = 8; // magic, version
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[pos++]!;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return result;
    }
  };
  const valtype = (t: number) => ({ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x7b: 'v128' })[t] ?? `0x${t.toString(16)}`;
  const vec = <T>(item: () => T) => Array.from({ length: leb() }, item);
  const name = () => {
    const length = leb();
    pos += length;
    return Buffer.from(bytes.subarray(pos - length, pos)).toString('utf8');
  };
  const limits = () => (bytes[pos++]! & 1 ? (leb(), leb()) : leb());
  let types: { params: string[]; results: string[] }[] = [];
  const funcs: number[] = []; // type index of each function, imported ones first
  const exported: Record<string, { params: string[]; results: string[] }> = {};
  while (pos < bytes.length) {
    const id = bytes[pos++]!;
    const size = leb();
    const end = pos + size;
    if (id === 1) {
      types = vec(() => {
        pos++; // 0x60
        return { params: vec(() => valtype(bytes[pos++]!)), results: vec(() => valtype(bytes[pos++]!)) };
      });
    } else if (id === 2) {
      vec(() => {
        name();
        name();
        const kind = bytes[pos++]!;
        if (kind === 0) funcs.push(leb());
        else if (kind === 1) (pos++, limits());
        else if (kind === 2) limits();
        else pos += 2; // global: valtype, mutability
      });
    } else if (id === 3) {
      funcs.push(...vec(leb));
    } else if (id === 7) {
      vec(() => {
        const n = name();
        const kind = bytes[pos++]!;
        const index = leb();
        if (kind === 0) exported[n] = types[funcs[index]!]!;
      });
    }
    pos = end;
  }
  return exported;
}

type Shape = readonly [n: number, k: number, m: number];

/** 16-byte aligned byte offsets for matrices of the given element counts, with a guard gap after each. */
function layout(counts: Record<string, number>): { at: Record<string, number>; words: number } {
  const at: Record<string, number> = {};
  let top = 0;
  for (const [name, count] of Object.entries(counts)) {
    at[name] = top;
    top += Math.ceil((count * 8) / 16) * 16 + 16;
  }
  return { at, words: top / 8 };
}

/** |got − want| ≤ 1e-12 · max(|got|, |want|, scale[e]) for each output element e, all others identical. */
function compare(label: string, got: Float64Array, want: Float64Array, words: number, out?: { at: number; count: number; scale?: Float64Array }) {
  const lo = out ? out.at >> 3 : 0;
  const hi = out ? lo + out.count : 0;
  for (let i = 0; i < words; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Object.is(g, w)) continue;
    if (i >= lo && i < hi && out!.scale) {
      const bound = 1e-12 * Math.max(Math.abs(g), Math.abs(w), out!.scale[i - lo]!);
      if (Math.abs(g - w) <= bound) continue;
      expect.fail(`${label}: word ${i} (output element ${i - lo}) is ${g}, reference ${w}, |Δ| ${Math.abs(g - w)} > ${bound}`);
    }
    const where = i >= lo && i < hi ? `output element ${i - lo}` : 'outside the output';
    expect.fail(`${label}: word ${i} (${where}) is ${g}, reference ${w} (expected identical)`);
  }
}

const specials = [Number.NaN, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/**
 * Runs every kernel on all sets and compares. `exactProducts`: also require gemm and gemmTA to be
 * bit-identical (this wasm module sums them in the reference's order: p ascending, from the p = 0
 * term, k-blocks resuming from the stored partial sums).
 */
function checkShape([n, k, m]: Shape, seed: number, sets: 'all' | 'raw+js' = 'all', exactProducts = false) {
  const { at, words } = layout({
    A: n * k, // gemm / gemmTB left operand, n×k
    AT: k * n, // gemmTA left operand, k×n
    B: k * m, // gemm / gemmTA right operand, k×m
    BT: m * k, // gemmTB right operand, m×k
    Z: n * m, // ReLU' mask (specials included)
    C1: n * m,
    C2: n * m,
    C3: n * m,
    C4: n * m,
    ZC: n * m, // gemmTBRelu with c === z
    bias: m,
    R: n * m, // relu input (specials included) and in-place output
    X: n * m, // relu output
    BA: n * m, // biasAct output (flags 0…3 in turn)
    BR: n * m, // biasAct in place: a copy of R (specials included)
    BZ: n * m, // biasAct without bias: finite, a third of it ±0
    out: m, // colSums output
    W: n * m, // sgd weights
    G: n * m, // sgd gradients
    LR: 1, // sgd / sgdCheck: the learning rate, passed by its byte offset
  });
  const rand = mulberry32(seed);
  const init = new Float64Array(words);
  for (let i = 0; i < words; i++) {
    const u = rand();
    // Mostly uniform in [−1, 1), some exact small integers and zeros, some large magnitudes.
    init[i] = u < 0.05 ? 0 : u < 0.1 ? Math.round(rand() * 8 - 4) : u < 0.15 ? (rand() - 0.5) * 1e6 : rand() * 2 - 1;
  }
  for (const name of ['Z', 'R']) {
    const o = at[name]! >> 3;
    for (let e = 0; e < n * m; e++) if (rand() < 0.15) init[o + e] = specials[Math.floor(rand() * specials.length)]!;
  }
  init.copyWithin(at.ZC! >> 3, at.Z! >> 3, (at.Z! >> 3) + n * m);
  init.copyWithin(at.BR! >> 3, at.R! >> 3, (at.R! >> 3) + n * m);
  for (let e = 0; e < n * m; e++) if (rand() < 0.33) init[(at.BZ! >> 3) + e] = rand() < 0.5 ? 0 : -0;
  init[at.LR! >> 3] = 0.37;

  const pages = Math.ceil((words * 8) / PAGE) + 1;
  const ref = jsKernels(new ArrayBuffer(pages * PAGE));
  const impls: Kernels[] = [rawKernels(new WebAssembly.Memory({ initial: pages }))];
  if (sets === 'all') impls.push(wasmKernels(new WebAssembly.Memory({ initial: pages })));
  for (const kern of [ref, ...impls]) kern.f64.set(init);
  const h = ref.f64;

  // Σ|terms| of every output element of a product, for the tolerance.
  const scale = (term: (i: number, j: number, p: number) => number) => {
    const s = new Float64Array(n * m);
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) {
      let t = 0;
      for (let p = 0; p < k; p++) t += Math.abs(term(i, j, p));
      s[i * m + j] = t;
    }
    return s;
  };
  const A = at.A! >> 3, AT = at.AT! >> 3, B = at.B! >> 3, BT = at.BT! >> 3;
  const div = 3;
  const steps: { name: string; run: (kern: Kernels) => unknown; out?: { at: number; count: number; scale?: Float64Array } }[] = [
    {
      name: 'gemm',
      run: (kern) => kern.gemm(at.A!, at.B!, at.C1!, n, k, m),
      out: { at: at.C1!, count: n * m, ...(exactProducts ? {} : { scale: scale((i, j, p) => h[A + i * k + p]! * h[B + p * m + j]!) }) },
    },
    {
      name: 'gemmTA',
      run: (kern) => kern.gemmTA(at.AT!, at.B!, at.C2!, k, n, m, div),
      out: { at: at.C2!, count: n * m, ...(exactProducts ? {} : { scale: scale((i, j, p) => (h[AT + p * n + i]! * h[B + p * m + j]!) / div) }) },
    },
    {
      name: 'gemmTB',
      run: (kern) => kern.gemmTB(at.A!, at.BT!, at.C3!, n, k, m),
      out: { at: at.C3!, count: n * m, scale: scale((i, j, p) => h[A + i * k + p]! * h[BT + j * k + p]!) },
    },
    {
      name: 'gemmTBRelu',
      run: (kern) => kern.gemmTBRelu(at.A!, at.BT!, at.Z!, at.C4!, n, k, m),
      out: { at: at.C4!, count: n * m, scale: scale((i, j, p) => h[A + i * k + p]! * h[BT + j * k + p]!) },
    },
    {
      name: 'gemmTBRelu with c = z',
      run: (kern) => kern.gemmTBRelu(at.A!, at.BT!, at.ZC!, at.ZC!, n, k, m),
      out: { at: at.ZC!, count: n * m, scale: scale((i, j, p) => h[A + i * k + p]! * h[BT + j * k + p]!) },
    },
    { name: 'addRows', run: (kern) => kern.addRows(at.C1!, at.bias!, n, m), out: { at: at.C1!, count: n * m } },
    { name: 'relu', run: (kern) => kern.relu(at.R!, at.X!, n * m), out: { at: at.X!, count: n * m } },
    { name: 'relu in place', run: (kern) => kern.relu(at.R!, at.R!, n * m), out: { at: at.R!, count: n * m } },
    // biasAct: on the finite product (C1) with each flag set, and in place on the specials (R's copy).
    ...[0, 1, 2, 3].map((flags) => ({ name: `biasAct ${flags}`, run: (kern: Kernels) => kern.biasAct(at.C1!, at.bias!, at.BA!, n, m, flags), out: { at: at.BA!, count: n * m } })),
    ...[0, 2].map((flags) => ({ name: `biasAct ${flags} on ±0`, run: (kern: Kernels) => kern.biasAct(at.BZ!, at.bias!, at.BA!, n, m, flags), out: { at: at.BA!, count: n * m } })),
    { name: 'biasAct 3 in place', run: (kern: Kernels) => kern.biasAct(at.BR!, at.bias!, at.BR!, n, m, 3), out: { at: at.BR!, count: n * m } },
    { name: 'colSums', run: (kern) => kern.colSums(at.C2!, at.out!, n, m, div), out: { at: at.out!, count: m } },
    { name: 'sgd', run: (kern) => kern.sgd(at.W!, at.G!, at.LR!, n * m), out: { at: at.W!, count: n * m } },
  ];
  for (const step of steps) {
    const want = step.run(ref);
    for (const kern of impls) {
      expect(step.run(kern), `${kern.name} ${step.name} ${n}×${k}×${m}: its result`).toBe(want);
      compare(`${kern.name} ${step.name} ${n}×${k}×${m}`, kern.f64, h, words, step.out);
      // Within tolerance is not identical: take the reference's output, so that the next steps
      // (which read it) and their whole-memory comparisons start from the same bits.
      if (step.out) kern.f64.set(h.subarray(step.out.at >> 3, (step.out.at >> 3) + step.out.count), step.out.at >> 3);
    }
  }

  // sgdCheck: finite everywhere, then an overflow (1e308 + 10·1e308) planted at a few places, then a
  // NaN gradient after it: each set must report the first one. The learning rate is 10.
  const count = n * m;
  for (const kern of [ref, ...impls]) kern.f64[at.LR! >> 3] = 10;
  const sgdCheck = () => {
    const want = ref.sgdCheck(at.W!, at.G!, at.LR!, count);
    for (const kern of impls) expect(kern.sgdCheck(at.W!, at.G!, at.LR!, count), `${kern.name} sgdCheck ${n}×${m}`).toBe(want);
    return want;
  };
  expect(sgdCheck()).toBe(-1);
  const places = [...new Set([0, count - 1, Math.min(7, count - 1), Math.min(8, count - 1), Math.floor(rand() * count)])];
  for (const e of places) {
    for (const kern of [ref, ...impls]) {
      const f = kern.f64;
      f[(at.W! >> 3) + e] = 1e308;
      f[(at.G! >> 3) + e] = -1e308;
      if (e + 1 < count) f[(at.G! >> 3) + e + 1] = Number.NaN;
    }
    expect(sgdCheck()).toBe(e);
    for (const kern of [ref, ...impls]) {
      const f = kern.f64;
      f[(at.W! >> 3) + e] = 0;
      f[(at.G! >> 3) + e] = 0;
      if (e + 1 < count) f[(at.G! >> 3) + e + 1] = 0;
    }
  }
  expect(sgdCheck()).toBe(-1);
  for (const kern of impls) compare(`${kern.name} after sgdCheck`, kern.f64, h, words);

  // biasAct's check: into the finite C1 (biasAct leaves it as it is when x ≠ z), one value planted
  // at a time: ±∞ or NaN, or 1e308 that only the bias (set to 1e308 in its column) makes overflow.
  // Each set must name that value's row, and the row of a second value planted later must not win.
  const biasAct = (flags: number, label: string) => {
    const want = ref.biasAct(at.C1!, at.bias!, at.BA!, n, m, flags);
    for (const kern of impls) expect(kern.biasAct(at.C1!, at.bias!, at.BA!, n, m, flags), `${kern.name} biasAct ${flags} ${label} ${n}×${m}`).toBe(want);
    return want;
  };
  for (const flags of [0, 1, 2, 3]) expect(biasAct(flags, 'finite')).toBe(-1);
  for (const e of places) {
    const row = Math.floor(e / m);
    for (const value of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e308]) {
      const saved = [h[(at.C1! >> 3) + e]!, h[(at.bias! >> 3) + (e % m)]!, h[(at.C1! >> 3) + count - 1]!];
      for (const kern of [ref, ...impls]) {
        const f = kern.f64;
        f[(at.C1! >> 3) + e] = value;
        if (value === 1e308) f[(at.bias! >> 3) + (e % m)] = 1e308;
        if (e < count - m) f[(at.C1! >> 3) + count - 1] = Number.NaN; // a later row's
      }
      for (const flags of [0, 1, 2, 3]) {
        const finiteWithoutBias = value === 1e308 && (flags & 1) === 0;
        expect(biasAct(flags, `${value} at ${e}`)).toBe(finiteWithoutBias ? (e < count - m ? n - 1 : -1) : row);
      }
      for (const kern of [ref, ...impls]) {
        const f = kern.f64;
        f[(at.C1! >> 3) + e] = saved[0]!;
        f[(at.bias! >> 3) + (e % m)] = saved[1]!;
        f[(at.C1! >> 3) + count - 1] = saved[2]!;
      }
    }
  }
  for (const flags of [0, 1, 2, 3]) expect(biasAct(flags, 'restored')).toBe(-1);
  for (const kern of impls) compare(`${kern.name} after biasAct`, kern.f64, h, words);
}

// Small and odd sizes (row starts at 8-byte offsets when m or k is odd), remainders of every tile
// width, sizes on both sides of the dispatch thresholds (to plain TypeScript; between the direct and
// the packed products), blocking boundaries of the direct path (k past its k-block of 48, m past
// its column block of 512, gemmTB with k = 2048 so its rows of b are blocked), and the special
// paths: m = 1 (matrix–vector) and k = 1 (outer product, for gemmTB). kernels-blocking.test.ts
// covers the packed path's blocking edges against an independent reference.
const fixedShapes: Shape[] = [
  [1, 1, 1], [1, 1, 2], [2, 1, 1], [1, 2, 1], [1, 2, 3], [3, 2, 1], [2, 3, 1], [1, 7, 1], [7, 1, 1],
  [2, 2, 2], [1, 1, 8], [2, 3, 4], [3, 3, 3], [4, 4, 4], [5, 7, 9], [8, 8, 8], [9, 1, 9], [1, 64, 1],
  [64, 1, 64], [1, 70, 70], [70, 70, 1], [17, 33, 15], [15, 16, 17], [32, 64, 128], [32, 128, 128],
  [64, 128, 128], [130, 257, 65], [66, 129, 67], [3, 150, 530], [5, 2048, 130], [2, 65, 1031],
  [17, 40, 1], [9, 3, 1], [32, 128, 1], [32, 1, 128],
];

describe('plain TypeScript kernels', () => {
  it('say which they are (the name `kernelBackend` reports)', () => {
    expect(jsKernels(new ArrayBuffer(64)).name).toBe('js');
  });
});

/** The kernel module's exports, sorted: the Kernels methods and the m = 1 / k = 1 products (assembly/kernels.ts). */
const KERNEL_EXPORTS = ['adam', 'addRows', 'addScaled', 'biasAct', 'colSums', 'dropout', 'gemm', 'gemmTA', 'gemmTB', 'gemmTBRelu', 'gemv', 'gemvTA', 'momentum', 'momentumCheck', 'multiply', 'outer', 'outerRelu', 'relu', 'scale', 'sgd', 'sgdCheck', 'sumSquares'];

describe('WebAssembly SIMD kernels', () => {
  it('are supported on this Node (WebAssembly SIMD)', () => {
    expect(wasmSimdSupported()).toBe(true);
    expect(wasmSimdSupported()).toBe(true); // cached
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kern = wasmKernels(memory);
    expect(kern.name).toBe('wasm-simd');
    expect(kern.f64).toBeInstanceOf(Float64Array);
    // Instantiation grew the memory by the packing reserve (assembly/packed.ts); f64 is the caller's part only.
    expect(kern.f64.length).toBe(PAGE / 8);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(PAGE + 2 ** 20);
  });

  it('import only env.memory and export the kernel interface', () => {
    const module = new WebAssembly.Module(Buffer.from(WASM_KERNELS_BASE64, 'base64'));
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(KERNEL_EXPORTS);
  });

  it('take and return only integers (i32): no float crosses the JS–wasm boundary', () => {
    const bytes = Buffer.from(WASM_KERNELS_BASE64, 'base64');
    const signatures = exportSignatures(bytes);
    expect(Object.keys(signatures).sort()).toEqual(KERNEL_EXPORTS);
    for (const [name, { params, results }] of Object.entries(signatures)) {
      expect(params.every((t) => t === 'i32') && results.every((t) => t === 'i32'), `${name}(${params.join(', ')}) → ${results.join(', ') || 'void'}`).toBe(true);
    }
    expect(signatures.sgd!.params).toHaveLength(4);
    expect(signatures.sgdCheck!.results).toEqual(['i32']);
  });

  it('sgd and sgdCheck read the learning rate from the float64 at the byte offset given', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const count = 11; // both the SIMD blocks and the scalar tail, in wasm; below/above the dispatch threshold
    for (const kern of [jsKernels(new ArrayBuffer(PAGE)), rawKernels(memory), wasmKernels(memory)]) {
      const f = kern.f64;
      const W = 0, G = 16, LR1 = 32, LR2 = 33; // in float64s: W and G of `count` elements, two lr slots
      const w = Float64Array.from({ length: count }, (_, i) => i - 4.5);
      const g = Float64Array.from({ length: count }, (_, i) => (i % 3) - 0.75);
      for (const [n, lrAt, lr] of [[count, LR1, 0.37], [count, LR2, -2.5], [3, LR1, 0.37]] as const) {
        f.set(w, W);
        f.set(g, G);
        f[LR1] = 0.37;
        f[LR2] = -2.5;
        expect(kern.sgdCheck(W * 8, G * 8, lrAt * 8, n), kern.name).toBe(-1);
        kern.sgd(W * 8, G * 8, lrAt * 8, n);
        for (let i = 0; i < count; i++) expect(f[W + i], `${kern.name} w[${i}], lr ${lr}, ${n} elements`).toBe(i < n ? w[i]! - lr * g[i]! : w[i]);
        expect([f[LR1], f[LR2]]).toEqual([0.37, -2.5]);
      }
      f[LR2] = Number.POSITIVE_INFINITY;
      f.set(w, W);
      expect(kern.sgdCheck(W * 8, G * 8, LR2 * 8, count), kern.name).toBe(0);
      f[LR2] = 1e308; // finite, so only a non-zero gradient overflows: g[9] = 10 gives w − 1e309
      f.set(new Float64Array(count), G);
      f[G + 9] = 10;
      expect(kern.sgdCheck(W * 8, G * 8, LR2 * 8, count), kern.name).toBe(9);
    }
  });

  it('the fixed shapes exercise both dispatch paths', () => {
    const products = fixedShapes.map(([n, k, m]) => n * k * m);
    const elements = fixedShapes.map(([n, , m]) => n * m);
    expect(products.some((p) => p < WASM_PLAIN_BELOW.product)).toBe(true);
    expect(products.some((p) => p >= WASM_PLAIN_BELOW.product)).toBe(true);
    expect(elements.some((e) => e < WASM_PLAIN_BELOW.elements)).toBe(true);
    expect(elements.some((e) => e >= WASM_PLAIN_BELOW.elements)).toBe(true);
  });

  it.each(fixedShapes.map((s, i) => [s.join('×'), s, i] as const))('agree with the reference at %s', (_, shape, i) => {
    checkShape(shape, 1000 + i);
  });

  it('agree with the reference at 60 random shapes up to 70×70×70', () => {
    const rand = mulberry32(20240611);
    const size = () => 1 + Math.floor(rand() * 70);
    for (let t = 0; t < 60; t++) checkShape([size(), size(), size()], 5000 + t);
  });

  it('agree at the gemm benchmark size 128×128×128 and a 64×128×128 product', () => {
    checkShape([128, 128, 128], 77, 'raw+js');
    checkShape([64, 128, 128], 78, 'raw+js');
  });

  it('gemm and gemmTA are bit-identical to the reference (same summation order)', () => {
    for (const [t, shape] of ([[1, 1, 1], [9, 1, 9], [64, 1, 64], [3, 3, 3], [17, 33, 15], [3, 150, 530], [66, 129, 67], [17, 40, 1], [9, 3, 1]] as Shape[]).entries()) {
      checkShape(shape, 9000 + t, 'all', true);
    }
  });

  it('keep working after the memory grows (fresh views, same data)', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const kern = wasmKernels(memory);
    const before = kern.f64;
    before.set([1, 2, 3, 4], 0); // a: 2×2
    before.set([5, 6, 7, 8], 4); // b: 2×2
    kern.gemm(0, 32, 64, 2, 2, 2);
    memory.grow(1);
    expect(before.length).toBe(0); // detached
    const after = kern.f64;
    expect(after.length).toBe(PAGE / 8); // the caller's page; the kernels' packing reserve (and the new page) lie above it
    expect(Array.from(after.subarray(8, 12))).toEqual([19, 22, 43, 50]);
    kern.gemm(0, 32, 64, 1, 1, 1); // below the threshold: the TypeScript kernels, over the new buffer
    expect(after[8]).toBe(5);
    kern.relu(0, 96, 2);
    expect(Array.from(kern.f64.subarray(12, 14))).toEqual([1, 2]);
  });
});
