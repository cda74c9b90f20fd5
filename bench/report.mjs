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
  const pmed = (n) => (p?.byN[n]?.gflops.length ? median(p.byN[n].gflops) : NaN);
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
    .map((e) => [e.name, ...sizes.map((n) => (e.byN[n]?.gflops.length ? ratio(pmed(n) / median(e.byN[n].gflops)) : '—'))]);
  return (
    table(['library', ...sizes.map((n) => `GFLOP/s n=${n}`), 'max \\|C − ref\\| (worst n)'], speed) +
    "\n\ntyped-mlp speed-up (typed-mlp's GFLOP/s ÷ that row's):\n\n" +
    table(['vs', ...sizes.map((n) => `n=${n}`)], ratios)
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
