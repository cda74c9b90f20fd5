// Workload C's fastest rows by their place after other libraries' runs: is the first run after them
// slower, whichever library it is? Each round runs the --others (C, as the benchmark does), then
// typed-mlp's fit, trainer().step() and the plain loop in a rotating order, each after a gc().
// node --expose-gc bench/c-position.mjs [--others tfjs-layers,brain.js] [--rounds N] [--settle none|twice|sleep:MS]
import { brainJs } from './adapters/brain.mjs';
import { plain } from './adapters/plain.mjs';
import { tfjsCore } from './adapters/tfjs-core.mjs';
import { tfjsLayers } from './adapters/tfjs-layers.mjs';
import { typedMlp, typedMlpTrainer } from './adapters/typed-mlp.mjs';
import { workloadC } from './workloads.mjs';

const argv = process.argv.slice(2);
const opt = (k, d) => (argv.includes(`--${k}`) ? argv[argv.indexOf(`--${k}`) + 1] : d);
const rounds = Number(opt('rounds', 6));
// what follows the gc() before each run: nothing, a second gc(), or a pause of N ms (sleep:N)
const settle = opt('settle', 'none');
const known = { 'brain.js': brainJs, 'tfjs-cpu': () => tfjsCore('cpu'), 'tfjs-wasm': () => tfjsCore('wasm'), 'tfjs-layers': () => tfjsLayers() };
const others = opt('others', 'tfjs-layers,brain.js').split(',').filter(Boolean).map((k) => known[k]());
const victims = [typedMlp(), typedMlpTrainer(), plain];
const names = ['fit', 'step', 'plain'];
for (const a of [...victims, ...others]) await a.init();
const C = workloadC();
const kept = [];
const log = (...a) => console.error(...a);
const run = async (a, name) => {
  await a.activate?.();
  globalThis.gc();
  if (settle === 'twice') globalThis.gc();
  else if (settle.startsWith('sleep:')) await new Promise((r) => setTimeout(r, Number(settle.slice(6))));
  const t = performance.now();
  const r = await a.C(C);
  kept.push(r.model);
  const us = (r.ms * 1000) / C.steps;
  log(`  [${t.toFixed(0)} ms] ${name}: ${us.toFixed(2)} µs/step`);
  return us;
};
for (const [i, a] of victims.entries()) for (let k = 0; k < 20; k++) await run(a, names[i]);
for (const a of others) await run(a, a.short);
const byPlace = [[], [], []];
const byName = { fit: [[], [], []], step: [[], [], []], plain: [[], [], []] };
for (let r = 0; r < rounds; r++) {
  for (const o of others) await run(o, o.short);
  for (let p = 0; p < 3; p++) {
    const i = (p + r) % 3;
    const us = await run(victims[i], names[i]);
    byPlace[p].push(us);
    byName[names[i]][p].push(us);
  }
}
const med = (x) => (x.length ? [...x].sort((a, b) => a - b)[x.length >> 1].toFixed(3) : '-');
console.log('µs/step by place after the other libraries (1st, 2nd, 3rd), medians:');
console.log(`  all:   ${byPlace.map(med).join('  ')}`);
for (const n of names) console.log(`  ${n.padEnd(6)} ${byName[n].map(med).join('  ')}   [${byName[n].map((x) => x.map((v) => v.toFixed(2)).join(' ')).join(' | ')}]`);
