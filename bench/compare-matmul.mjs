// Workload A (square matmul) for two builds of typed-mlp and tfjs-core (wasm, SIMD, 1 thread) in ONE
// process, interleaved round by round (the starting library rotating), so the machine's noise hits
// all three alike: medians of GFLOP/s = 2n³/t and the ratios to tfjs. Each measurement is timed as
// bench/run.mjs times A (gc(), then the product repeated for ≥ 0.3 s or 1000 calls, wall time,
// allocating the result included). Then, unless --no-kernel, the same two builds' gemm kernel
// alone (the wasm export on operands already in its memory: no copies, no result allocated),
// interleaved, in CPU time: what the kernel does, apart from matmul()'s copies, allocation and GC.
// --cpu times A in the process's CPU time instead of wall time (user + system, every thread: the
// page faults and the garbage collector's threads count, the time other processes take does not),
// for comparing builds on a busy machine.
//
//   node --expose-gc bench/compare-matmul.mjs OLD_DIST NEW_DIST [--rounds 5] [--sizes 64,256,512,1024] [--cpu] [--no-kernel]
import os from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tfjsCore } from './adapters/tfjs-core.mjs';
import { matmulSizes, workloadA } from './workloads.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dists = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (dists.length !== 2 || typeof gc !== 'function') {
  throw new Error('usage: node --expose-gc bench/compare-matmul.mjs OLD_DIST NEW_DIST [--rounds N] [--sizes LIST] [--cpu] [--no-kernel]');
}
const rounds = Number(opt('--rounds', '5'));
const sizes = opt('--sizes', matmulSizes.join(',')).split(',').map(Number);
const cpuTime = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = argv.includes('--cpu') ? cpuTime : () => performance.now();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const url = (dist, file) => pathToFileURL(resolve(dist, file)).href;

const builds = [];
for (const [i, dist] of dists.entries()) {
  const lib = await import(url(dist, 'src/index.js'));
  const { wasmKernels } = await import(url(dist, 'src/kernels/wasm.js'));
  builds.push({ name: i === 0 ? 'old' : 'new', dist, lib, wasmKernels });
}
const rows = builds.map((b) => ({
  name: `typed-mlp ${b.name} (${b.dist})`,
  A: {
    prepare({ n, A, B }) {
      const a = b.lib.fromArray(A, n, n);
      const m = b.lib.fromArray(B, n, n);
      return { run: () => b.lib.matmul(a, m) };
    },
  },
}));
const tf = tfjsCore('wasm');
await tf.init();
rows.push({ name: tf.name, A: tf.A, activate: () => tf.activate() });

const mats = Object.fromEntries(sizes.map((n) => [n, workloadA(n)]));
const gflops = rows.map(() => Object.fromEntries(sizes.map((n) => [n, []])));
const loads = [];

async function timeA(r, n, warm) {
  const row = rows[r];
  await row.activate?.();
  gc();
  const prep = row.A.prepare(mats[n]);
  const minMs = warm ? 50 : 300;
  let calls = 0;
  const w0 = performance.now();
  const t0 = clock();
  do {
    prep.run();
    calls++;
  } while (performance.now() - w0 < minMs && calls < 1000);
  const t = clock();
  prep.dispose?.();
  if (!warm) gflops[r][n].push((2 * n ** 3) / (((t - t0) / calls) * 1e6));
}

for (let r = 0; r < rows.length; r++) for (const n of sizes.filter((n) => n <= 256)) await timeA(r, n, true);
for (let round = 0; round < rounds; round++) {
  loads.push(os.loadavg()[0]);
  for (let k = 0; k < rows.length; k++) for (const n of sizes) await timeA((k + round) % rows.length, n, false);
}
loads.push(os.loadavg()[0]);

const fmt = (xs) => `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
const out = [];
out.push(`Node ${process.version}, ${os.cpus()[0]?.model.trim()} × ${os.cpus().length}; ${rounds} interleaved rounds; 1-minute load average ${loads.map((x) => x.toFixed(2)).join(', ')} (at each round's start, and the end)`);
out.push('', `### A: matmul(a, b), GFLOP/s = 2n³/t, ${argv.includes('--cpu') ? 'CPU' : 'wall'} time, median (range)`, '');
out.push(`| row | ${sizes.map((n) => `n=${n}`).join(' | ')} |`, `|---|${sizes.map(() => '---:').join('|')}|`);
rows.forEach((row, r) => out.push(`| ${row.name} | ${sizes.map((n) => fmt(gflops[r][n])).join(' | ')} |`));
const tfRow = rows.length - 1;
for (let r = 0; r < tfRow; r++) out.push(`| ${builds[r].name} ÷ tfjs | ${sizes.map((n) => `${(median(gflops[r][n]) / median(gflops[tfRow][n])).toFixed(2)}×`).join(' | ')} |`);
out.push(`| new ÷ old | ${sizes.map((n) => `${(median(gflops[1][n]) / median(gflops[0][n])).toFixed(3)}`).join(' | ')} |`);

if (!argv.includes('--no-kernel')) {
  const cpu = cpuTime;
  const kernels = sizes.map((n) =>
    builds.map((b) => {
      const bytes = 3 * n * n * 8;
      const k = b.wasmKernels(new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) }));
      k.f64.set(mats[n].A, 0);
      k.f64.set(mats[n].B, n * n);
      return () => k.gemm(0, n * n * 8, 2 * n * n * 8, n, n, n);
    }),
  );
  const kg = sizes.map(() => builds.map(() => []));
  for (let round = -1; round < Math.max(rounds, 5); round++) {
    for (let s = 0; s < sizes.length; s++) {
      const n = sizes[s];
      const reps = Math.max(3, Math.round(1.5e8 / (2 * n ** 3)));
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const i of order) {
        const f = kernels[s][i];
        f();
        const t0 = cpu();
        for (let j = 0; j < reps; j++) f();
        if (round >= 0) kg[s][i].push((2 * n ** 3 * reps) / ((cpu() - t0) * 1e6));
      }
    }
  }
  out.push('', '### The gemm kernel alone (operands in its memory), GFLOP/s, CPU time, median (range)', '');
  out.push(`| build | ${sizes.map((n) => `n=${n}`).join(' | ')} |`, `|---|${sizes.map(() => '---:').join('|')}|`);
  builds.forEach((b, i) => out.push(`| ${b.name} | ${sizes.map((_, s) => fmt(kg[s][i])).join(' | ')} |`));
  out.push(`| new ÷ old | ${sizes.map((_, s) => (median(kg[s][1]) / median(kg[s][0])).toFixed(3)).join(' | ')} |`);
}
console.log(out.join('\n'));
