// A quick interleaved comparison for issue 12 point 3: workload D (64-128-128-1) through
// tfjs-core on wasm, typed-mlp's float32Predictor(net) and typed-mlp's float64 net.forward, with the
// adapters `npm run bench` uses, timed in CPU time (process.cpuUsage, sturdier than the wall clock
// on a shared machine), ROUNDS rounds in alternating order after a warm-up, medians.
//   npm run build && node --expose-gc bench/f32-ab.mjs          (ROUNDS=15, ROWS=1,32,4096 to change)
import { tfjsCore } from './adapters/tfjs-core.mjs';
import { typedMlp, typedMlpFloat32 } from './adapters/typed-mlp.mjs';
import { workloadB, workloadD } from './workloads.mjs';

const D = workloadD(workloadB());
const libs = [tfjsCore('wasm'), typedMlpFloat32(), typedMlp()];
for (const a of libs) await a.init();
const rounds = Number(process.env.ROUNDS ?? 15);
const rows = (process.env.ROWS ?? '1,32,4096').split(',').map(Number);
const res = {};
const preps = {};
for (const n of rows) {
  for (const a of libs) {
    await a.activate?.();
    preps[a.short + n] = await a.D.prepare(D.at(n));
    for (let i = 0; i < (n > 1000 ? 5 : 200); i++) preps[a.short + n].run();
  }
}
for (let r = 0; r < rounds; r++) {
  for (const n of rows) {
    for (const a of r % 2 ? [...libs].reverse() : libs) {
      await a.activate?.();
      const p = preps[a.short + n];
      const calls = n > 1000 ? 10 : n > 10 ? 300 : 3000;
      const c0 = process.cpuUsage();
      for (let i = 0; i < calls; i++) p.run();
      const c = process.cpuUsage(c0);
      (res[`${a.short} ${n}`] ??= []).push((c.user + c.system) / calls);
    }
  }
}
const med = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const os = await import('node:os');
console.log(`load average ${os.loadavg()[0].toFixed(2)}; CPU µs per call, medians of ${rounds} rounds`);
for (const n of rows) {
  const t = med(res[`tfjs-wasm ${n}`]);
  const f = med(res[`typed-mlp f32 ${n}`]);
  const d = med(res[`typed-mlp ${n}`]);
  console.log(`n=${n}: tfjs-wasm ${t.toFixed(1)}, typed-mlp float32Predictor ${f.toFixed(1)} (${(t / f).toFixed(2)}× tfjs-wasm), typed-mlp float64 forward ${d.toFixed(1)}`);
}
