// Rebuilds the tables of Bopt, D and the sweeps, with their provenance lines, from the raw results of ONE
// recorded run, for the repository's README (so that every figure there can be traced to that run):
//
//   node bench/readme-section.mjs bench/results/bench-<UTC start>.json [--only Bopt,D,width,batch]
//
// It prints markdown on stdout: the same tables and notes as the run's own report, then a line
// naming the JSON file they come from.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sectionBatch, sectionBopt, sectionD, sectionWidth } from './report.mjs';

const argv = process.argv.slice(2);
const file = argv.find((a) => a.endsWith('.json'));
if (!file) {
  console.error('usage: node bench/readme-section.mjs bench/results/bench-<UTC start>.json [--only Bopt,D,width,batch]');
  process.exit(2);
}
const at = argv.indexOf('--only');
const only = new Set((at >= 0 ? argv[at + 1] : 'Bopt,D,width,batch').split(','));
const run = JSON.parse(readFileSync(file, 'utf8'));
const primary = 'typed-mlp';
const out = [];
const fallback = (w) => {
  const l = run.loadAverage?.byWorkload?.[w];
  return `<sub>\`${run.command}\` · ${run.date} · load average ${l ? `${l.first.toFixed(2)} before, ${l.last.toFixed(2)} after (highest seen ${l.max.toFixed(2)})` : 'not recorded'} · Node ${run.node} · ${run.cpu}</sub>`;
};
const prov = (w) => run.provenance?.[w] ?? fallback(w);
const res = (w) => run.results?.[w]?.map((e) => ({ ...e, runs: e.runs ?? [], byN: e.byN ?? {} }));

if (only.has('Bopt') && run.results?.Bopt && run.workloads?.Bopt) {
  out.push(...sectionBopt({ entries: res('Bopt'), workload: run.workloads.Bopt, primary, provenance: prov('Bopt'), divider: run.workloads.Bopt.divider ?? [] }), '');
}
if (only.has('D') && run.results?.D) {
  const d = run.workloads.D;
  out.push(...sectionD({ entries: res('D'), rows: d.rows, flops: (n) => d.flops[n], primary, provenance: prov('D') }), '');
}
if (only.has('width') && run.results?.width) {
  out.push(...sectionWidth({ entries: res('width'), workloads: run.workloads.width, primary, ceilings: run.ceiling?.measurements, provenance: prov('width') }), '');
}
if (only.has('batch') && run.results?.batch) {
  const epochs = run.options?.batchEpochs ?? run.workloads.batch[0]?.epochs ?? 1;
  out.push(...sectionBatch({ entries: res('batch'), workloads: run.workloads.batch, primary, ceilings: run.ceiling?.measurements, epochs, provenance: prov('batch') }), '');
}
out.push(`<sub>Raw results: \`bench/results/${path.basename(file)}\`.</sub>`);
process.stdout.write(out.join('\n') + '\n');
