// The float64 SIMD ceiling of this machine, as V8 runs WebAssembly: the GFLOP/s of a loop that does
// nothing but f64x2.mul and f64x2.add on values held in registers (no loads, no stores, no FMA — the
// library's kernels use no FMA either). The width sweep reports every library's GFLOP/s as a
// percentage of it, measured in the same process, in the same rounds.
//
// The modules are written here byte by byte (no assembler, no dependency). Each exports
// `peak(iters: i32) -> f64`, a loop of `iters` iterations whose body is U copies of K independent
// chains; the returned sum of the chains keeps the work observable. Two forms:
//
//   dep   a_i ← a_i·m + c            K chains, one f64x2.mul and one f64x2.add each (4 FLOP)
//   split p_i ← p_i·m  |  s_i ← s_i + c   K/2 mul chains and K/2 add chains (2 FLOP each)
//
// Every multiply depends on the loop-carried value, so no compiler can hoist it out of the loop. A
// chain's next value waits for the last (3-4 cycles per op on current x86), so it takes about 12
// chains in flight to keep two multiply and two add pipes busy; V8 has 16 xmm registers on x64, so
// more chains spill. The harness runs every variant and takes the fastest as the ceiling: noise can
// only make a variant slower. m and c keep every value near 1 (no overflow, no subnormals).

const u32 = (n) => {
  const o = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    o.push(b);
  } while (n);
  return o;
};
const f64 = (x) => [...new Uint8Array(Float64Array.of(x).buffer)];
const section = (id, bytes) => [id, ...u32(bytes.length), ...bytes];
const vector = (items) => [...u32(items.length), ...items.flat()];

const OP = {
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  f64Const: 0x44,
  f64Add: 0xa0,
  i32Const: 0x41,
  i32Sub: 0x6b,
  loop: 0x03,
  brIf: 0x0d,
  end: 0x0b,
  void: 0x40,
  v128: 0x7b,
  i32: 0x7f,
  f64: 0x7c,
  // SIMD (prefix 0xfd, then the opcode as a LEB128 u32)
  f64x2Splat: [0xfd, ...u32(20)],
  f64x2ExtractLane: [0xfd, ...u32(33)],
  f64x2Add: [0xfd, ...u32(240)],
  f64x2Mul: [0xfd, ...u32(242)],
  f64x2Sqrt: [0xfd, ...u32(239)],
  f64x2Div: [0xfd, ...u32(243)],
};

const splat = (x, local) => [OP.f64Const, ...f64(x), ...OP.f64x2Splat, OP.localSet, ...u32(local)];
const get = (l) => [OP.localGet, ...u32(l)];

/**
 * The bytes of a module exporting peak(iters: i32) → f64: K v128 chains (locals 1…K, chain i
 * starting at 1 + i/64) and two constants (locals K+1 and K+2, splatted from c1 and c2); a loop of
 * `iters` trips whose body is U copies of `step(i, get(chain), get(K+1), get(K+2))` for every chain
 * i, each leaving the chain's next value on the stack; then the sum of the chains' lane 0.
 */
function chainModule({ K, U, c1, c2, step }) {
  // local 0: iters (the parameter); 1…K: the chains; K+1, K+2: the constants
  const chain = (i) => 1 + i;
  const code = [];
  for (let i = 0; i < K; i++) code.push(...splat(1 + i / 64, chain(i)));
  code.push(...splat(c1, K + 1), ...splat(c2, K + 2));
  code.push(OP.loop, OP.void);
  for (let u = 0; u < U; u++) {
    for (let i = 0; i < K; i++) code.push(...step(i, get(chain(i)), get(K + 1), get(K + 2)), OP.localSet, ...u32(chain(i)));
  }
  // iters ← iters − 1; loop while iters ≠ 0
  code.push(...get(0), OP.i32Const, 1, OP.i32Sub, OP.localTee, 0, OP.brIf, 0, OP.end);
  code.push(OP.f64Const, ...f64(0));
  for (let i = 0; i < K; i++) code.push(...get(chain(i)), ...OP.f64x2ExtractLane, 0, OP.f64Add);
  code.push(OP.end);
  const body = [...vector([[...u32(K + 2), OP.v128]]), ...code];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector([[0x60, 1, OP.i32, 1, OP.f64]])), // type 0: (i32) -> f64
    ...section(3, vector([[0]])), // function 0 has type 0
    ...section(7, vector([[...u32(4), ...new TextEncoder().encode('peak'), 0x00, 0]])), // export "peak" = func 0
    ...section(10, vector([[...u32(body.length), ...body]])),
  ]);
}

/** The bytes of a module exporting peak(iters) for one variant: constants m (K+1) and c (K+2). */
export function ceilingModule({ form, K, U }) {
  return chainModule({
    K,
    U,
    c1: form === 'dep' ? 1 - 1e-6 : 1 + 1e-13,
    c2: 1e-6,
    step: (i, a, m, c) =>
      form === 'dep' ? [...a, ...m, ...OP.f64x2Mul, ...c, ...OP.f64x2Add] : i % 2 === 0 ? [...a, ...m, ...OP.f64x2Mul] : [...a, ...c, ...OP.f64x2Add],
  });
}

/** The variants the harness measures (about 48 vector ops per loop iteration). */
export const ceilingVariants = [
  { form: 'dep', K: 8 },
  { form: 'dep', K: 12 },
  { form: 'dep', K: 16 },
  { form: 'split', K: 12 },
].map((v) => ({ ...v, U: Math.max(1, Math.round(48 / v.K)), name: `${v.form} K=${v.K}` }));

const flopsPerIter = (v) => v.U * v.K * (v.form === 'dep' ? 4 : 2);

/**
 * Compiles every variant and tiers it up (a wasm function starts in Liftoff, V8's baseline compiler,
 * and is recompiled by TurboFan after it has run for a while; there is no on-stack replacement, so
 * it takes calls). Returns { measure(targetMs) → { gflops, variant, all } }.
 */
export function makeCeiling() {
  const variants = ceilingVariants.map((v) => {
    const peak = new WebAssembly.Instance(new WebAssembly.Module(ceilingModule(v))).exports.peak;
    if (!Number.isFinite(peak(1000))) throw new Error(`ceiling ${v.name}: not finite`);
    return { ...v, peak };
  });
  const time = (v, iters) => {
    const t0 = performance.now();
    const s = v.peak(iters);
    const ms = performance.now() - t0;
    if (!Number.isFinite(s)) throw new Error(`ceiling ${v.name}: not finite`);
    return ms;
  };
  // Tier-up: many short calls, then a few until two successive timings agree within 5 %.
  for (const v of variants) {
    for (let i = 0; i < 200; i++) v.peak(2000);
    const iters = Math.round(2e8 / flopsPerIter(v));
    let last = time(v, iters);
    for (let i = 0; i < 10; i++) {
      const t = time(v, iters);
      if (Math.abs(t - last) < 0.05 * last) break;
      last = t;
    }
  }
  return {
    variants,
    /** One timing of every variant, each about targetMs long; the fastest is this measurement's ceiling. */
    measure(targetMs = 100) {
      const all = variants.map((v) => {
        const iters = Math.max(1, Math.round((targetMs * 1e6 * 20) / flopsPerIter(v))); // assumes ~20 GFLOP/s
        const ms = time(v, iters);
        return { name: v.name, gflops: (iters * flopsPerIter(v)) / (ms * 1e6) };
      });
      const best = all.reduce((a, b) => (b.gflops > a.gflops ? b : a));
      return { gflops: best.gflops, variant: best.name, all };
    },
  };
}

// ---- The divider's floor: what Adam's update cannot go below -----------------------------------
//
// Adam's exact update (src/optimizers/adam.ts) takes one square root and one division per
// parameter, correctly rounded: f64x2.sqrt and f64x2.div, which x86 runs on one divider unit, not on
// the multiply and add pipes. `rootModule` is a loop that does nothing else: K independent chains
// a_i ← c / (√a_i + e) (one sqrt, one add, one div each; with c = 1 + e, 1 is the fixed point and
// the chains stay near it). Its time per chain step is the divider's throughput for one pair of
// float64s: the least time Adam's update can take per two parameters on this machine, however its
// memory traffic is arranged.

/** The bytes of a module exporting peak(iters) → f64: a ← c / (√a + e), c = 1 + e (K+1), e = 1e-8 (K+2). */
export function rootModule({ K, U }) {
  return chainModule({ K, U, c1: 1 + 1e-8, c2: 1e-8, step: (_i, a, c, e) => [...c, ...a, ...OP.f64x2Sqrt, ...e, ...OP.f64x2Add, ...OP.f64x2Div] });
}

/** The variants: enough chains in flight to cover the sqrt + add + div latency (~35 cycles). */
export const rootVariants = [4, 6, 8].map((K) => ({ K, U: Math.max(1, Math.round(24 / K)), name: `root K=${K}` }));

/**
 * Compiles and tiers up every root variant. Returns { measure(targetMs) → { nsPerPair, variant, all } }:
 * nanoseconds per f64x2 sqrt + add + div (two parameters' worth of Adam's divider work), the
 * fastest variant's (noise can only make one slower).
 */
export function makeRootFloor() {
  const variants = rootVariants.map((v) => {
    const peak = new WebAssembly.Instance(new WebAssembly.Module(rootModule(v))).exports.peak;
    if (!(Math.abs(peak(1000) - v.K) < 1e-6 * v.K)) throw new Error(`divider floor ${v.name}: the chains left their fixed point`);
    for (let i = 0; i < 200; i++) peak(500);
    return { ...v, peak };
  });
  return {
    measure(targetMs = 50) {
      const all = variants.map((v) => {
        const iters = Math.max(1, Math.round((targetMs * 1e6) / (4 * v.U * v.K))); // assumes ~4 ns a step
        const t0 = performance.now();
        const s = v.peak(iters);
        const ms = performance.now() - t0;
        if (!Number.isFinite(s)) throw new Error(`divider floor ${v.name}: not finite`);
        return { name: v.name, nsPerPair: (ms * 1e6) / (iters * v.U * v.K) };
      });
      const best = all.reduce((a, b) => (b.nsPerPair < a.nsPerPair ? b : a));
      return { nsPerPair: best.nsPerPair, variant: best.name, all };
    },
  };
}
