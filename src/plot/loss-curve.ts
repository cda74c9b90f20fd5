import { ValueError } from '../errors.js';
import { checkOption, el, escapeXml, num, svgDocument, text } from './svg.js';
import { linearTicks, logTicks, type Ticks } from './ticks.js';

/**
 * What {@link lossCurveSvg} plots: one or more series of per-epoch values, by name.
 *
 * - a plain `number[]`: one series named "loss";
 * - `{ loss }`, what `net.fit` returns, or `{ losses, finalLoss }`, what `net.train` returns;
 * - any object of named arrays, e.g. `{ loss, valLoss }` or `{ loss: […], val_loss: […] }`.
 *
 * Of an object, the array-valued keys whose name contains "loss" (any case) are plotted, in key
 * order; if none does, every array-valued key is. Other keys (`finalLoss`, accuracies) are ignored
 * unless named in {@link LossCurveOptions.series}.
 */
export type LossHistory =
  | readonly number[]
  | { readonly loss: readonly number[] }
  | { readonly losses: readonly number[] }
  | { readonly [series: string]: readonly number[] };

/** Options of {@link lossCurveSvg}. */
export interface LossCurveOptions {
  /** A title above the plot (default: none). */
  readonly title?: string;
  /** Width and height in px (default 640 × 400). */
  readonly width?: number;
  readonly height?: number;
  /**
   * `'linear'` (default) or `'log'`, for losses that span decades. On a log axis a value ≤ 0 is
   * drawn at the smallest positive value of all series (clamped, since log 0 = −∞); if no value is
   * positive, the axis stays linear.
   */
  readonly yScale?: 'linear' | 'log';
  /** Axis labels (default "epoch" and "loss"). */
  readonly xLabel?: string;
  readonly yLabel?: string;
  /** The keys of `history` to plot, in this order (default: see {@link LossHistory}). */
  readonly series?: readonly string[];
  /**
   * A series longer than this is thinned to about this many points, keeping each stretch's first,
   * last, lowest and highest value, so the curve keeps its shape and the file stays small (default 2000).
   */
  readonly maxPoints?: number;
}

const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

/**
 * A loss curve as a standalone SVG document: epoch on x (index 0 first), loss on y, with axes, ticks
 * at 1-2-5 steps (or powers of ten on a log axis), grid lines, axis labels, an optional title and a
 * legend with one coloured line per series. NaN and ±Infinity are left out, leaving a gap in the
 * line; all text is XML-escaped.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const { loss } = net.fit(X, Y, { lr: 0.1, epochs: 50, batchSize: 32 });
 * writeFileSync('loss.svg', lossCurveSvg({ loss }, { title: 'XOR', yScale: 'log' }));
 * lossCurveSvg(net.train(X, Y, { lr: 1, epochs: 1000 }));       // { losses, finalLoss } works too
 * lossCurveSvg({ train: trainLoss, validation: valLoss });      // several series, by name
 * ```
 */
export function lossCurveSvg(history: LossHistory, options: LossCurveOptions = {}): string {
  const width = checkOption(options.width ?? 640, 'width', 200);
  const height = checkOption(options.height ?? 400, 'height', 150);
  const maxPoints = checkOption(options.maxPoints ?? 2000, 'maxPoints', 10);
  if (options.yScale !== undefined && options.yScale !== 'linear' && options.yScale !== 'log') {
    throw new ValueError(`yScale is ${JSON.stringify(options.yScale)}, but it must be 'linear' or 'log'`);
  }
  const series = seriesOf(history, options.series);
  const all = extent(series.flatMap(([, s]) => s));
  const log = options.yScale === 'log' && all.positive < Infinity;
  const floor = log ? all.positive : -Infinity;
  const longest = series.reduce((n, [, s]) => Math.max(n, s.length), 0);
  const xt = linearTicks(0, Math.max(1, longest - 1), 6, true);
  const yt = all.count === 0 ? linearTicks(0, 1) : log ? logTicks(Math.max(all.min, floor), all.max) : linearTicks(all.min, all.max);

  const title = options.title ?? '';
  const left = 40 + 6.5 * Math.max(...yt.labels.map((l) => l.length));
  const box = { left, right: width - 20, top: title ? 44 : 20, bottom: height - 48 };
  const x = (i: number) => box.left + ((i - xt.min) / (xt.max - xt.min)) * (box.right - box.left);
  const t = (v: number) => (log ? Math.log10(v) : v);
  const y = (v: number) => box.bottom - ((t(v) - t(yt.min)) / (t(yt.max) - t(yt.min))) * (box.bottom - box.top);

  const body = [
    ...axes(box, xt, yt, x, y),
    text((box.left + box.right) / 2, height - 12, options.xLabel ?? 'epoch', { 'text-anchor': 'middle', class: 'axis-label' }),
    text(0, 0, options.yLabel ?? 'loss', { transform: `translate(14 ${num((box.top + box.bottom) / 2)}) rotate(-90)`, 'text-anchor': 'middle', class: 'axis-label' }),
  ];
  if (title) body.push(text(width / 2, 26, title, { 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 'bold', class: 'title' }));
  body.push(`<g class="curves">`);
  series.forEach(([name, s], k) => {
    const colour = PALETTE[k % PALETTE.length]!;
    for (const run of runs(s, maxPoints)) {
      const pts = run.map(([i, v]) => [x(i), y(log ? Math.max(v, floor) : v)] as const);
      if (pts.length === 1) body.push(el('circle', { class: 'point', 'data-series': name, cx: pts[0]![0], cy: pts[0]![1], r: 2.5, fill: colour }));
      else body.push(el('polyline', { class: 'series', 'data-series': name, fill: 'none', stroke: colour, 'stroke-width': 1.8, 'stroke-linejoin': 'round', points: pts.map(([px, py]) => `${num(px)},${num(py)}`).join(' ') }));
    }
  });
  body.push('</g>');
  if (all.count === 0) body.push(text((box.left + box.right) / 2, (box.top + box.bottom) / 2, 'no finite values to plot', { 'text-anchor': 'middle', fill: '#888888' }));
  if (log && all.min <= 0) body.push(text(box.left + 6, box.bottom - 6, `values ≤ 0 drawn at ${Number(floor.toPrecision(3))}`, { 'font-size': 10, fill: '#666666', class: 'note' }));
  body.push(...legend(series.map(([name]) => name), box.right - 8, box.top + 8));
  return svgDocument(width, height, title || `${options.yLabel ?? 'loss'} by ${options.xLabel ?? 'epoch'}`, body);
}

type Box = { left: number; right: number; top: number; bottom: number };

function axes(box: Box, xt: Ticks, yt: Ticks, x: (v: number) => number, y: (v: number) => number): string[] {
  const out = [`<g class="grid" stroke="#e6e6e6" stroke-width="1">`];
  for (const v of yt.values) out.push(el('line', { x1: box.left, x2: box.right, y1: y(v), y2: y(v) }));
  for (const v of xt.values) out.push(el('line', { x1: x(v), x2: x(v), y1: box.top, y2: box.bottom }));
  out.push('</g>', `<g class="ticks" stroke="#333333" stroke-width="1">`);
  for (const v of yt.values) out.push(el('line', { x1: box.left - 5, x2: box.left, y1: y(v), y2: y(v) }));
  for (const v of yt.minor) out.push(el('line', { x1: box.left - 3, x2: box.left, y1: y(v), y2: y(v) }));
  for (const v of xt.values) out.push(el('line', { x1: x(v), x2: x(v), y1: box.bottom, y2: box.bottom + 5 }));
  out.push('</g>', `<g class="tick-labels" font-size="11" fill="#333333">`);
  yt.values.forEach((v, i) => out.push(text(box.left - 8, y(v), yt.labels[i]!, { class: 'tick y', 'text-anchor': 'end', dy: '0.32em' })));
  xt.values.forEach((v, i) => out.push(text(x(v), box.bottom + 18, xt.labels[i]!, { class: 'tick x', 'text-anchor': 'middle' })));
  out.push('</g>');
  out.push(el('path', { class: 'axes', d: `M${num(box.left)},${num(box.top)}V${num(box.bottom)}H${num(box.right)}`, fill: 'none', stroke: '#333333', 'stroke-width': 1.2 }));
  return out;
}

function legend(names: readonly string[], right: number, top: number): string[] {
  const w = 40 + 6.5 * Math.max(...names.map((n) => n.length));
  const left = right - w;
  const out = [`<g class="legend" font-size="12">`, el('rect', { x: left, y: top, width: w, height: 8 + 18 * names.length, fill: '#ffffff', 'fill-opacity': 0.85, stroke: '#cccccc', rx: 3 })];
  names.forEach((name, k) => {
    const cy = top + 13 + 18 * k;
    out.push(el('line', { x1: left + 8, x2: left + 28, y1: cy, y2: cy, stroke: PALETTE[k % PALETTE.length]!, 'stroke-width': 2.5 }));
    out.push(text(left + 34, cy, name, { dy: '0.32em' }));
  });
  out.push('</g>');
  return out;
}

/** Min, max and smallest positive value of the finite values, and how many there are (no spread: series may be long). */
function extent(values: readonly number[]): { min: number; max: number; positive: number; count: number } {
  let [min, max, positive, count] = [Infinity, -Infinity, Infinity, 0];
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v > 0 && v < positive) positive = v;
  }
  return { min, max, positive, count };
}

/** The named series to plot, validated (see {@link LossHistory}). */
function seriesOf(history: LossHistory, names: readonly string[] | undefined): [string, readonly number[]][] {
  let chosen: [string, unknown][];
  if (Array.isArray(history)) {
    chosen = [['loss', history]];
  } else if (typeof history === 'object' && history !== null) {
    const arrays = Object.entries(history).filter(([, v]) => Array.isArray(v));
    if (names !== undefined) {
      chosen = names.map((n) => {
        const found = arrays.find(([k]) => k === n);
        if (!found) throw new ValueError(`history has no series ${JSON.stringify(n)}; its series are ${arrays.map(([k]) => k).join(', ') || 'none'}`);
        return found;
      });
    } else {
      const losses = arrays.filter(([k]) => /loss/i.test(k));
      chosen = losses.length > 0 ? losses : arrays;
    }
  } else {
    throw new ValueError(`history is ${String(history)}; expected an array of losses or an object such as { loss: [...] }`);
  }
  if (chosen.length === 0) throw new ValueError('history has no series to plot; expected an array of losses or an object such as { loss: [...] }');
  for (const [name, s] of chosen) {
    (s as unknown[]).forEach((v, i) => {
      if (typeof v !== 'number') throw new ValueError(`history.${name}[${i}] is ${JSON.stringify(v) ?? String(v)}, expected a number`);
    });
  }
  return chosen as [string, readonly number[]][];
}

/** The finite stretches of a series as [index, value] runs (a non-finite value splits them), thinned to about maxPoints. */
function runs(s: readonly number[], maxPoints: number): [number, number][][] {
  const out: [number, number][][] = [];
  let run: [number, number][] = [];
  s.forEach((v, i) => {
    if (Number.isFinite(v)) run.push([i, v]);
    else if (run.length > 0) (out.push(run), (run = []));
  });
  if (run.length > 0) out.push(run);
  const bucket = Math.ceil(s.length / (maxPoints / 4));
  return bucket <= 1 ? out : out.map((r) => thin(r, bucket));
}

/** Keeps the first, lowest, highest and last point of every `bucket` consecutive points, in order. */
function thin(run: readonly [number, number][], bucket: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0; start < run.length; start += bucket) {
    const part = run.slice(start, start + bucket);
    const lo = part.reduce((a, b) => (b[1] < a[1] ? b : a));
    const hi = part.reduce((a, b) => (b[1] > a[1] ? b : a));
    for (const p of [part[0]!, lo, hi, part[part.length - 1]!].sort((a, b) => a[0] - b[0])) if (out[out.length - 1] !== p) out.push(p);
  }
  return out;
}
