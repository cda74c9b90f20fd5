// Markdown tables of medians, with typed-mlp's speed-up over every other row.
// "typed-mlp speed-up" = (that row's time) ÷ (typed-mlp's time), the same as typed-mlp's
// throughput ÷ that row's throughput: above 1 means typed-mlp is faster.

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const int = (x) => Math.round(x).toLocaleString('en-US');
const sig = (x, d = 3) => (x >= 100 ? x.toFixed(0) : Number(x.toPrecision(d)).toString());
const ratio = (x) => (Number.isFinite(x) ? `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×` : '—');
const mib = (b) => `${(b / 1048576).toFixed(1)} MiB`;

function table(head, rows) {
  const out = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 ? '---' : '---:')).join('|')}|`];
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  return out.join('\n');
}

const label = (e) => e.name;

/** Rows for B/C: entries [{ name, runs: [{ms, loss, accuracy, lossKind, pending}], error }]. */
function trainingTable(entries, { primary, value, unit, higherIsBetter, extra }) {
  const p = entries.find((e) => e.key === primary && e.runs.length);
  const pv = p ? median(p.runs.map(value)) : NaN;
  const rows = entries.map((e) => {
    if (!e.runs.length) return [e.name, `failed: ${e.error ?? 'no result'}`, '', '', '', ''];
    const vs = e.runs.map(value);
    const v = median(vs);
    const last = e.runs.at(-1);
    const speedup = higherIsBetter ? pv / v : v / pv;
    return [
      label(e),
      unit(v),
      `${unit(Math.min(...vs))} – ${unit(Math.max(...vs))}`,
      `${last.lossKind ?? 'BCE'} ${last.loss.toFixed(4)}`,
      extra(last),
      e.key === primary ? '1 (itself)' : ratio(speedup),
    ];
  });
  return rows;
}

export function reportB(entries, primary) {
  const rows = trainingTable(entries, {
    primary,
    value: (r) => r.samplesPerSec,
    unit: int,
    higherIsBetter: true,
    extra: (r) => r.accuracy.toFixed(4),
  });
  return table(['library', 'samples/s (median)', 'range over rounds', 'final loss (4096 samples)', 'accuracy', 'typed-mlp speed-up'], rows);
}

export function reportC(entries, primary) {
  const rows = trainingTable(entries, {
    primary,
    value: (r) => r.usPerStep,
    unit: (x) => sig(x),
    higherIsBetter: false,
    extra: (r) => (r.accuracy === 1 ? 'yes (4/4)' : `no (${Math.round(r.accuracy * 4)}/4)`),
  });
  return table(['library', 'µs/step (median)', 'range over rounds', 'final loss', 'XOR solved', 'typed-mlp speed-up'], rows);
}

/** entries [{ name, key, byN: { [n]: { gflops: [], err } }, error }]. */
export function reportA(entries, sizes, primary) {
  const p = entries.find((e) => e.key === primary);
  const med = (e, n) => (e?.byN[n]?.gflops.length ? median(e.byN[n].gflops) : NaN);
  const speed = entries.map((e) => {
    if (e.error && !Object.keys(e.byN).length) return [e.name, ...sizes.map(() => '—'), `failed: ${e.error}`];
    const errs = sizes.map((n) => e.byN[n]?.err).filter((x) => x !== undefined);
    return [
      e.name,
      ...sizes.map((n) => (e.byN[n]?.gflops.length ? sig(median(e.byN[n].gflops)) : '—')),
      errs.length ? Math.max(...errs).toExponential(1) : '—',
    ];
  });
  const ratios = entries
    .filter((e) => e.key !== primary)
    .map((e) => [e.name, ...sizes.map((n) => (e.byN[n]?.gflops.length ? ratio(med(p, n) / med(e, n)) : '—'))]);
  // typed-mlp's other rows (matmul into out) against the other libraries, as the primary row is
  const others = entries.filter((e) => e.key !== primary && e.key.startsWith('typed-mlp') && Object.keys(e.byN).length);
  const more = others.flatMap((o) =>
    entries
      .filter((e) => !e.key.startsWith('typed-mlp'))
      .map((e) => [`${o.name} vs ${e.name}`, ...sizes.map((n) => (Number.isFinite(med(o, n) / med(e, n)) ? ratio(med(o, n) / med(e, n)) : '—'))]),
  );
  return (
    table(['library', ...sizes.map((n) => `GFLOP/s n=${n}`), 'max \\|C − ref\\| (worst n)'], speed) +
    "\n\ntyped-mlp speed-up (typed-mlp's GFLOP/s ÷ that row's):\n\n" +
    table(['vs', ...sizes.map((n) => `n=${n}`)], ratios) +
    (more.length ? '\n\n' + table(['typed-mlp, another way, vs', ...sizes.map((n) => `n=${n}`)], more) : '')
  );
}

export function reportAlloc(rows) {
  return table(
    ['what', 'steps', 'heapUsed before (after gc)', 'right after the steps (no gc)', 'after gc', 'bytes/step (no gc)', 'GCs during the steps'],
    rows.map((r) => [
      `${r.name}: ${r.how}`,
      int(r.steps),
      int(r.before),
      int(r.noGc),
      int(r.after),
      (r.bytesPerStep).toFixed(2),
      String(r.gcsDuring),
    ]),
  );
}

export function reportTsc(rows) {
  const form = { all: 'fromWeights + fromSizes + builder', fromWeights: 'fromWeights', fromSizes: 'fromSizes', builder: 'builder chain' };
  return table(
    ['compiler', 'layers', 'net', 'typed (median wall)', 'untyped (median wall)', 'typed ÷ untyped', 'typed: check time', 'types', 'instantiations', 'memory'],
    rows.map((r) => {
      const d = r.typed.diag ?? {};
      return [
        `${r.compiler} (${r.version})`,
        String(r.layers),
        form[r.form] ?? r.form,
        r.typed.ok ? `${(r.typed.ms / 1000).toFixed(2)} s` : `failed: ${r.typed.out}`,
        r.untyped.ok ? `${(r.untyped.ms / 1000).toFixed(2)} s` : `failed: ${r.untyped.out}`,
        r.typed.ok && r.untyped.ok ? ratio(r.typed.ms / r.untyped.ms) : '—',
        d.checkS === undefined ? '—' : `${d.checkS.toFixed(2)} s`,
        d.types === undefined ? '—' : d.types.toLocaleString('en-US'),
        d.instantiations === undefined ? '—' : d.instantiations.toLocaleString('en-US'),
        d.memoryKB === undefined ? '—' : `${(d.memoryKB / 1024).toFixed(0)} MiB`,
      ];
    }),
  );
}

export function reportMemory(peak) {
  const ru = process.resourceUsage();
  return table(
    ['measure', 'peak over the whole run (one process, all libraries)'],
    [
      ['maxRSS (process.resourceUsage)', mib(ru.maxRSS * 1024)],
      ['heapUsed (sampled after every run)', mib(peak.heapUsed)],
      ['heapTotal', mib(peak.heapTotal)],
      ['external (incl. wasm memories)', mib(peak.external)],
      ['arrayBuffers', mib(peak.arrayBuffers)],
    ],
  );
}

const medianOf = (slot, f) => (slot?.runs?.length ? median(slot.runs.map(f)) : NaN);
const cellRange = (xs, fmt) => (xs.length > 1 ? `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})` : xs.length ? fmt(xs[0]) : '—');

/** D: entries [{ name, key, byN: { [n]: { ms: [], err, error } } }]; one column per row count. */
export function reportD(entries, rows, primary, flops) {
  const us = (ms) => sig(ms * 1000);
  const p = entries.find((e) => e.key === primary);
  const pmed = (n) => (p?.byN[n]?.ms.length ? median(p.byN[n].ms) : NaN);
  const main = entries.map((e) => {
    const errs = rows.map((n) => e.byN[n]?.err).filter((x) => x !== undefined);
    return [
      e.name,
      ...rows.map((n) => {
        const s = e.byN[n];
        if (s?.ms.length) return cellRange(s.ms, us);
        return s?.error ? `failed: ${s.error}` : '—';
      }),
      ...rows.map((n) => (e.byN[n]?.ms.length ? sig(flops(n) / (median(e.byN[n].ms) * 1e6)) : '—')),
      errs.length ? Math.max(...errs).toExponential(1) : '—',
    ];
  });
  const ratios = entries
    .filter((e) => e.key !== primary)
    .map((e) => [e.name, ...rows.map((n) => (e.byN[n]?.ms.length ? ratio(median(e.byN[n].ms) / pmed(n)) : '—'))]);
  let text =
    table(['library', ...rows.map((n) => `µs/call, ${n} row${n === 1 ? '' : 's'} (range)`), ...rows.map((n) => `GFLOP/s n=${n}`), 'max \\|Δ\\| vs float64'], main) +
    "\n\ntyped-mlp `forward` speed-up (that row's time ÷ typed-mlp's; above 1, typed-mlp is faster):\n\n" +
    table(['vs', ...rows.map((n) => `${n} row${n === 1 ? '' : 's'}`)], ratios);
  // typed-mlp's float32 predictor, when the build has one, against the other libraries
  const f32 = entries.find((e) => e.key === `${primary} f32` && Object.values(e.byN).some((s) => s.ms?.length));
  if (f32) {
    const fmed = (n) => (f32.byN[n]?.ms.length ? median(f32.byN[n].ms) : NaN);
    const r32 = entries
      .filter((e) => e !== f32)
      .map((e) => [e.name, ...rows.map((n) => (e.byN[n]?.ms.length ? ratio(median(e.byN[n].ms) / fmed(n)) : '—'))]);
    text += `\n\n${f32.name} speed-up (that row's time ÷ the float32 predictor's):\n\n` + table(['vs', ...rows.map((n) => `${n} row${n === 1 ? '' : 's'}`)], r32);
  }
  return text;
}

/** Width sweep: entries [{ key, name, byN: { [W]: { runs: [{ gflops, loss }] } } }]. */
export function reportWidth(entries, workloads, primary, ceiling) {
  const p = entries.find((e) => e.key === primary);
  const others = entries.filter((e) => e !== p);
  const pct = (g) => (Number.isFinite(g) && Number.isFinite(ceiling) ? `${((100 * g) / ceiling).toFixed(0)} %` : '—');
  const short = (e) => e.key;
  const head = [
    'W',
    'weights',
    'steps',
    ...entries.flatMap((e) => [`${short(e)} GFLOP/s`, `${short(e)} % of ceiling`]),
    ...others.map((e) => `typed-mlp ÷ ${short(e)}`),
    `final loss (${entries.map(short).join(' / ')})`,
  ];
  const rows = workloads.map((w) => {
    const g = (e) => medianOf(e.byN[w.W], (r) => r.gflops);
    const failed = (e) => e.byN[w.W]?.error;
    return [
      String(w.W),
      int(w.params),
      int(w.steps),
      ...entries.flatMap((e) => (failed(e) && !e.byN[w.W]?.runs.length ? [`failed: ${failed(e)}`, ''] : [Number.isFinite(g(e)) ? sig(g(e)) : '—', pct(g(e))])),
      ...others.map((e) => ratio(g(p) / g(e))),
      entries.map((e) => (e.byN[w.W]?.runs.length ? e.byN[w.W].runs.at(-1).loss.toFixed(4) : '—')).join(' / '),
    ];
  });
  return table(head, rows);
}

/** Batch sweep: entries [{ key, name, byN: { [b]: { runs: [{ samplesPerSec, gflops, loss }] } } }]. */
export function reportBatch(entries, workloads, primary, ceiling) {
  const p = entries.find((e) => e.key === primary);
  const others = entries.filter((e) => e !== p);
  const short = (e) => e.key;
  // trainer().step() against fit is the other way round: step's throughput ÷ fit's.
  const isStep = (e) => e.key.startsWith(`${primary} `);
  const head = [
    'batch',
    'steps',
    ...entries.map((e) => `${short(e)} samples/s`),
    ...others.map((e) => (isStep(e) ? `${short(e)} ÷ ${primary}` : `${primary} ÷ ${short(e)}`)),
    'typed-mlp GFLOP/s (% of ceiling)',
    `final loss (${entries.map(short).join(' / ')})`,
  ];
  const rows = workloads.map((w) => {
    const k = w.batchSize;
    const sps = (e) => medianOf(e.byN[k], (r) => r.samplesPerSec);
    const g = p ? medianOf(p.byN[k], (r) => r.gflops) : NaN;
    return [
      String(k),
      int(w.steps),
      ...entries.map((e) => (Number.isFinite(sps(e)) ? int(sps(e)) : e.byN[k]?.error ? `failed: ${e.byN[k].error}` : '—')),
      ...others.map((e) => ratio(isStep(e) ? sps(e) / sps(p) : sps(p) / sps(e))),
      Number.isFinite(g) ? `${sig(g)}${Number.isFinite(ceiling) ? ` (${((100 * g) / ceiling).toFixed(0)} %)` : ''}` : '—',
      entries.map((e) => (e.byN[k]?.runs.length ? e.byN[k].runs.at(-1).loss.toFixed(4) : '—')).join(' / '),
    ];
  });
  return table(head, rows);
}

// ---- the sections of D and the sweeps: table and notes (run.mjs, and readme-section.mjs from a run's JSON) ----

export function sectionD({ entries, rows, flops, primary, provenance }) {
  return [
    "### D — inference, forward only, 64-128-128-1 (B's net and initial weights), µs per call (median)",
    '',
    provenance,
    '',
    reportD(entries, rows, primary, flops),
    '',
    "One call = the rows of B's X (made into each library's own input type before the clock) through the net to the probabilities, read back into a JS typed array: " +
      'typed-mlp `net.forward(X)` (float64, returns a new Matrix); tfjs `dataSync()` then `dispose()` of the output (tfjs-core: the ops in a `tidy`; tfjs-layers: `model.predict(x, { batchSize: n })`); onnxruntime-web `await session.run({ X })` (1 thread) and the output\'s `.data`. ' +
      'max |Δ| = the largest difference from the float64 reference probabilities over the rows (above 1e-4 a row fails). GFLOP/s = 2·n·24,704 / t.',
  ];
}

const ceilingLine = (ceilings) => {
  if (!ceilings?.length) return '';
  const g = ceilings.map((c) => c.gflops);
  const variants = [...new Set(ceilings.map((c) => c.variant))].join(', ');
  return (
    `Ceiling: ${median(g).toFixed(1)} GFLOP/s, the median of ${g.length} measurements in this run (range ${Math.min(...g).toFixed(1)} – ${Math.max(...g).toFixed(1)}; fastest variant ${variants}): ` +
    'a WebAssembly loop of independent f64x2.mul + f64x2.add chains in registers, no memory traffic, no FMA (bench/ceiling.mjs). "% of ceiling" = GFLOP/s ÷ that median.'
  );
};

export function sectionWidth({ entries, workloads, primary, ceilings, provenance }) {
  const ceiling = ceilings?.length ? median(ceilings.map((c) => c.gflops)) : NaN;
  return [
    '### Width sweep — training 64-W-W-1, batch 32, SGD, GFLOP/s (median) and % of the float64 SIMD ceiling',
    '',
    provenance,
    '',
    reportWidth(entries, workloads, primary, ceiling),
    '',
    ceilingLine(ceilings),
    '',
    'GFLOP/s = steps · FLOPs per step / wall time; a step on b rows is b·(6P − 2·n₀·n₁) + 2P FLOPs, P = the number of weights (64·W + W² + W): ' +
      'forward 2bP, weight gradients 2bP, input deltas 2b(P − n₀n₁) (none for the first layer), update 2P; activations and loss not counted. ' +
      'Every library runs the same steps at a width. tfjs is float32 (its % is against the float64 ceiling, for reference only). The loss is over the first 256 samples after the steps: the libraries trained the same net, so they agree (tfjs to float32 rounding).',
  ];
}

export function sectionBatch({ entries, workloads, primary, ceilings, epochs, provenance }) {
  const ceiling = ceilings?.length ? median(ceilings.map((c) => c.gflops)) : NaN;
  return [
    `### Batch sweep — B (64-128-128-1, SGD lr 0.1), ${epochs} epoch${epochs === 1 ? '' : 's'} of 4096 samples, samples/s (median)`,
    '',
    provenance,
    '',
    reportBatch(entries, workloads, primary, ceiling),
    '',
    `samples/s = 4096·${epochs} / wall time (${epochs}·4096 / b steps over consecutive batches). typed-mlp \`fit\` and \`trainer().step()\` run the same steps; GFLOP/s by the formula of the width sweep` +
      (Number.isFinite(ceiling) ? `, % of the ceiling measured in the same run (${ceiling.toFixed(1)} GFLOP/s).` : '.'),
  ];
}

// ---- Bopt: B with other updates (issue 12, point 4) ---------------------------------------------

/**
 * throughput of `key` ÷ throughput of `base`, both the primary's, paired round by round (so a change
 * in load between rounds hits both): { median, min, max, n } of the per-round ratios base ms ÷ key ms.
 */
export function pairedRatio(entry, key, base) {
  const a = entry?.byN?.[key]?.runs ?? [];
  const b = entry?.byN?.[base]?.runs ?? [];
  const rs = a.flatMap((r) => b.filter((s) => s.round === r.round).map((s) => s.ms / r.ms));
  return rs.length ? { median: median(rs), min: Math.min(...rs), max: Math.max(...rs), n: rs.length } : null;
}

const pairedCell = (p) => (!p ? '—' : p.n > 1 ? `${p.median.toFixed(2)} (${p.min.toFixed(2)} – ${p.max.toFixed(2)})` : p.median.toFixed(2));

/**
 * Bopt: entries [{ key, name, byN: { [variant key]: { runs: [{ ms, samplesPerSec, loss, accuracy,
 * round, refDelta?, decayEffect? }], error? } } }]; workload = the run's JSON `workloads.Bopt`.
 */
export function reportBopt(entries, workload, primary) {
  const { variants } = workload;
  const p = entries.find((e) => e.key === primary);
  const msOf = (e, k) => (e?.byN?.[k]?.runs?.length && !e.byN[k].error ? median(e.byN[k].runs.map((r) => r.ms)) : NaN);
  const rows = [];
  for (const e of entries) {
    for (const v of variants) {
      const slot = e.byN?.[v.key];
      if (!slot) continue;
      const runs = slot.runs ?? [];
      if (slot.error || !runs.length) {
        rows.push([e.name, v.label, `failed: ${slot.error ?? 'no result'}`, '', '', '', '', '', '']);
        continue;
      }
      const sps = runs.map((r) => r.samplesPerSec);
      const last = runs.at(-1);
      const ref = workload.reference?.[v.key];
      const check = ref
        ? `ref ${ref.loss.toFixed(4)}, \\|Δ\\| ${Math.max(...runs.map((r) => Math.abs(r.loss - ref.loss))).toExponential(1)}`
        : `trained; ≠ Adam alone${runs.some((r) => r.decayEffect !== undefined) ? `; decay moves W by ${Math.max(...runs.filter((r) => r.decayEffect !== undefined).map((r) => r.decayEffect)).toExponential(1)}` : ''}`;
      const isP = e.key === primary;
      rows.push([
        e.name,
        slot.note ? `${v.label} — ${slot.note}` : v.label,
        int(median(sps)),
        `${int(Math.min(...sps))} – ${int(Math.max(...sps))}`,
        `BCE ${last.loss.toFixed(4)}`,
        last.accuracy.toFixed(4),
        check,
        isP ? (v.key === 'sgd' ? '1 (itself)' : pairedCell(pairedRatio(e, v.key, 'sgd'))) : '',
        isP ? '1 (itself)' : ratio(msOf(e, v.key) / msOf(p, v.key)),
      ]);
    }
  }
  return table(
    ['library', 'update', 'samples/s (median)', 'range over rounds', 'final loss (4096 samples)', 'accuracy', 'check', "throughput ÷ typed-mlp's SGD (per round)", 'typed-mlp speed-up (same update)'],
    rows,
  );
}

/** The ratios issue 12 point 4 names, from the Bopt entries: lines of markdown. */
export function boptSummary(entries, workload, primary, divider = []) {
  const p = entries.find((e) => e.key === primary);
  const ok = (e, k) => e?.byN?.[k]?.runs?.length && !e.byN[k].error;
  const msOf = (e, k) => (ok(e, k) ? median(e.byN[k].runs.map((r) => r.ms)) : NaN);
  const combined = workload.variants.find((v) => v.dropout && v.weightDecay)?.key ?? 'adam+dropout+wd';
  const out = [];
  const paired = (k, what, target) => {
    const x = pairedRatio(p, k, 'sgd');
    out.push(`- typed-mlp ${what} ÷ SGD, throughput: **${x ? x.median.toFixed(2) : '—'}**${x && x.n > 1 ? ` (per round ${x.min.toFixed(2)} – ${x.max.toFixed(2)})` : ''}${target ? ` — target ≥ ${target}` : ''}`);
  };
  if (ok(p, 'adam')) paired('adam', 'Adam', '0.9');
  if (ok(p, 'adam') && ok(p, 'sgd') && divider.length) out.push(dividerLine(divider, workload, msOf(p, 'sgd')));
  if (ok(p, combined)) paired(combined, 'Adam + dropout + weight decay', '');
  if (ok(p, 'momentum')) paired('momentum', 'momentum', '');
  for (const e of entries.filter((x) => x.key !== primary)) {
    for (const k of ['adam', combined]) {
      if (!ok(e, k) || !ok(p, k)) continue;
      const what = k === 'adam' ? 'Adam' : 'Adam + dropout 0.2 + weight decay 1e-4';
      const target = k === combined && e.key.startsWith('tfjs-layers') ? ' — target ≥ 10× tfjs-layers `model.fit`' : '';
      out.push(`- typed-mlp speed-up over ${e.name}, ${what}: **${ratio(msOf(e, k) / msOf(p, k))}**${target}`);
    }
  }
  return out;
}

/**
 * How close Adam ÷ SGD can come on this machine. Adam's exact update takes one float64 square root
 * and one division a parameter; both run on the divider, which nothing else in a step uses, so no
 * arrangement of its memory traffic takes it below (params / 2) × (f64x2 sqrt + div), measured alone
 * (ceiling.mjs, rootModule). Adam's step is SGD's with SGD's update (U) swapped for Adam's (≥ Y),
 * so Adam ÷ SGD ≤ S / (S − U + Y), S being SGD's measured step.
 */
function dividerLine(divider, workload, sgdMs) {
  const floorNs = median(divider.map((d) => d.floorNsPerPair));
  const adamUs = median(divider.map((d) => d.adamUs));
  const sgdUs = median(divider.map((d) => d.sgdUs));
  const floorUs = (floorNs * workload.params) / 2 / 1000;
  const steps = (workload.N / workload.batchSize) * workload.epochs;
  const stepUs = (sgdMs * 1000) / steps;
  const cap = stepUs / (stepUs - sgdUs + floorUs);
  return (
    `- the divider's floor under Adam: f64x2 sqrt + div alone take ${floorNs.toFixed(2)} ns a pair of parameters (${divider.length} measurements, median), so Adam's exact update of ${int(workload.params)} parameters needs ≥ ${floorUs.toFixed(1)} µs a step; ` +
    `the library's \`adam\` kernel takes ${adamUs.toFixed(1)} µs (the floor is ${Math.round((100 * floorUs) / adamUs)} % of it), SGD's update (\`sgdCheck\` + \`sgd\`) ${sgdUs.toFixed(1)} µs, and SGD's whole step ${stepUs.toFixed(0)} µs: ` +
    `Adam ÷ SGD ≤ ${stepUs.toFixed(0)} / (${stepUs.toFixed(0)} − ${sgdUs.toFixed(1)} + ${floorUs.toFixed(1)}) = **${cap.toFixed(2)}** here, however its memory traffic is arranged`
  );
}

export function sectionBopt({ entries, workload, primary, provenance, divider = [] }) {
  const w = workload;
  return [
    `### Bopt — B (64-128-128-1, ${int(w.N)} samples, batch ${w.batchSize}, ${w.epochs} epochs, no shuffle) with momentum, Adam, dropout and weight decay`,
    '',
    provenance,
    '',
    reportBopt(entries, w, primary),
    '',
    ...boptSummary(entries, w, primary, divider),
    '',
    `samples/s = ${int(w.N)}·${w.epochs} / wall time of the ${w.epochs} epochs, as in B. "throughput ÷ typed-mlp's SGD" pairs each typed-mlp run with its SGD run of the same round (median of the per-round ratios, their range in brackets); "typed-mlp speed-up" = that row's median time ÷ typed-mlp's with the same update. ` +
      'typed-mlp: `fit` with `optimizer`, `dropout: 0.2` (on both hidden layers, seed 1) and `weightDecay: 1e-4` (decoupled with Adam, as AdamW). ' +
      'tfjs-layers: `model.fit` (on the cpu backend as in B, and on the wasm backend, SIMD, 1 thread) with `tf.train.adam(lr, 0.9, 0.999, 1e-8)`, a `dropout({ rate: 0.2 })` layer after each hidden dense layer, and, having no decoupled AdamW, L2 through the loss (`kernelRegularizer: l2({ l2: λ/2 })`, i.e. λ·W added to the gradient before Adam): the closest its API allows, not the same update. tfjs-core (wasm): its hand-written B step with `tf.train.adam`. ' +
      `Checks, on the final loss over all ${int(w.N)} samples: without dropout every library must end within ${w.tolerance} of the float64 reference (the plain loop's gradient with the update written out; a library that ignored the option would land on another optimizer's loss or on the initial ${w.initial.loss.toFixed(3)}); ` +
      `with dropout (each library's own random masks, so no reference) it must have trained (loss ≤ ¼ of the initial, accuracy ≥ 0.95) and not as Adam alone (|loss − ${w.reference?.adam?.loss.toFixed(4)}| > ${2 * w.tolerance}); typed-mlp's combined run of the first measured round is repeated once outside the clock without weight decay, and its final weights must differ ("decay moves W by": the largest |ΔW|). A run that fails a check fails its row.`,
  ];
}
