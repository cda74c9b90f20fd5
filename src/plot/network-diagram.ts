import { ValueError } from '../errors.js';
import type { Matrix } from '../matrix.js';
import type { Network } from '../network.js';
import { activationRecord } from '../activations/index.js';
import type { HeadName } from '../heads/index.js';
import { checkOption, el, escapeXml, num, svgDocument, text } from './svg.js';

/** Options of {@link networkSvg}. */
export interface NetworkSvgOptions {
  /** A title above the diagram (default: none; the columns are labelled anyway). */
  readonly title?: string;
  /**
   * A layer wider than this (default 32) is drawn as its first ⌈(maxUnits − 1)/2⌉ and last
   * ⌊(maxUnits − 1)/2⌋ units (16 and 15 by default) around a "⋮" marker; the hidden units' lines
   * are not drawn. An integer ≥ 3.
   */
  readonly maxUnits?: number;
}

const POSITIVE = '#2166ac';
const NEGATIVE = '#b2182b';
const ZERO = '#999999';

/**
 * A diagram of a network as a standalone SVG document, drawn like the classic 9-6-6-1 figure: one
 * column of circles per layer, labelled "input 9", "hidden 6 (ReLU)", "output 1 (sigmoid)", and a
 * line for every weight W_l[i][j] from unit i of layer l to unit j of layer l + 1.
 *
 * - Colour is the sign of the weight: blue positive, red negative, grey zero.
 * - Stroke width and opacity grow with |w| divided by the largest |w| of its layer (biases included);
 *   a layer drawn with more than 150 lines uses fainter, thinner strokes so the strong weights stand out.
 * - A layer with biases gets a small dashed "+1" circle, the bias unit, above its input column,
 *   with a dashed line to every unit it feeds, coloured and sized the same way by b_l[j].
 * - Layers wider than `maxUnits` (32) show their first 16 and last 15 units around a "⋮" marker
 *   and say so in the caption. Hovering a line shows its value (an SVG `<title>`).
 * - A non-finite weight (possible only by writing `.data` directly) gets no line.
 *
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * const net = network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1);
 * writeFileSync('net.svg', networkSvg(net, { title: '9-6-6-1' }));
 * ```
 */
export function networkSvg<S extends readonly number[]>(net: Network<S, HeadName>, options: NetworkSvgOptions = {}): string {
  const maxUnits = checkOption(options.maxUnits ?? 32, 'maxUnits', 3);
  if (!Number.isInteger(maxUnits)) throw new ValueError(`maxUnits is ${maxUnits}, but it must be an integer ≥ 3`);
  const sizes: readonly number[] = net.sizes;
  const weights = net.weights as unknown as readonly Matrix[];
  const biases = net.biases as unknown as readonly (Matrix | null)[];
  const activations: readonly string[] = net.activations;
  const L = weights.length;
  const head = Math.ceil((maxUnits - 1) / 2);
  const tail = maxUnits - 1 - head;
  // Each column: the units drawn (their indices), whether a "⋮" stands for the rest, and whether a bias unit sits on top.
  const cols = sizes.map((n, l) => {
    const cut = n > maxUnits;
    const shown = cut ? [...range(0, head), ...range(n - tail, n)] : range(0, n);
    return { n, cut, shown, bias: l < L && biases[l] !== null };
  });
  const slots = Math.max(...cols.map((c) => c.shown.length + (c.cut ? 1 : 0) + (c.bias ? 1 : 0)));
  const dy = slots <= 10 ? 42 : Math.max(18, 420 / slots);
  const r = Math.min(13, dy * 0.34);
  const gap = 190;
  const width = Math.max(620, 240 + gap * L);
  const x0 = (width - gap * L) / 2;
  const title = options.title ?? '';
  const top = (title ? 40 : 12) + 34;
  const notes = legendLines(cols.some((c) => c.bias), cols.some((c) => c.cut), maxUnits, head, tail);
  const height = top + slots * dy + 16 + notes.length * 17 + 10;

  // Centre of unit i's slot in column l (the bias unit is slot -1, above unit 0).
  const cx = (l: number) => x0 + gap * l;
  const ys = cols.map((c) => {
    const used = c.shown.length + (c.cut ? 1 : 0) + (c.bias ? 1 : 0);
    const first = top + (slots - used) * dy * 0.5 + dy / 2 + (c.bias ? dy : 0);
    const at = new Map<number, number>();
    c.shown.forEach((i, k) => at.set(i, first + dy * (k + (c.cut && k >= head ? 1 : 0))));
    return { at, bias: first - dy, ellipsis: first + dy * head };
  });

  const body: string[] = [];
  if (title) body.push(text(width / 2, 30, title, { 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 'bold', class: 'title' }));
  for (let l = 0; l < L; l++) {
    const W = weights[l]!;
    const b = biases[l] ?? null;
    const scale = Math.max(maxAbs(W.data), b ? maxAbs(b.data) : 0);
    const lines: [number, string][] = [];
    // Many lines (more than 150 in a layer) are drawn fainter and thinner, so the strong ones stand out.
    const dense = cols[l]!.shown.length * cols[l + 1]!.shown.length > 150;
    for (const i of cols[l]!.shown) {
      for (const j of cols[l + 1]!.shown) {
        const w = W.get(i, j);
        if (Number.isFinite(w)) lines.push([Math.abs(w), connection('w', cx(l), ys[l]!.at.get(i)!, cx(l + 1), ys[l + 1]!.at.get(j)!, w, scale, `W${l + 1}[${i}][${j}]`, dense)]);
      }
    }
    if (b) {
      for (const j of cols[l + 1]!.shown) {
        const w = b.get(0, j);
        if (Number.isFinite(w)) lines.push([Math.abs(w), connection('b', cx(l), ys[l]!.bias, cx(l + 1), ys[l + 1]!.at.get(j)!, w, scale, `b${l + 1}[${j}]`, dense)]);
      }
    }
    // The strongest lines last, so they are drawn on top.
    body.push(`<g class="layer-${l + 1}" stroke-linecap="round">`, ...lines.sort((p, q) => p[0] - q[0]).map(([, s]) => s), '</g>');
  }
  cols.forEach((c, l) => body.push(...column(c, l, L, cx(l), ys[l]!, r, dy, top - 16, activations[l - 1] ?? '')));
  let y = top + slots * dy + 16;
  body.push(`<g class="legend" font-size="11" fill="#333333">`);
  for (const [sample, words] of notes) {
    body.push(...sample(40, y), text(110, y, words, { dy: '0.32em' }));
    y += 17;
  }
  body.push('</g>');
  return svgDocument(width, height, title || `network ${sizes.join('-')}`, body);
}

/** One weight or bias line, coloured by sign, its width and opacity by |w| / scale, with a hover title. */
function connection(kind: 'w' | 'b', x1: number, y1: number, x2: number, y2: number, w: number, scale: number, name: string, dense: boolean): string {
  const rel = scale > 0 ? Math.abs(w) / scale : 0;
  const stroke = w > 0 ? POSITIVE : w < 0 ? NEGATIVE : ZERO;
  const width = dense ? 0.3 + 2.2 * rel : 0.4 + 3.1 * rel;
  const opacity = dense ? 0.08 + 0.92 * rel * rel : 0.25 + 0.75 * rel;
  const a = { class: kind, x1, y1, x2, y2, stroke, 'stroke-width': width, 'stroke-opacity': opacity, 'stroke-dasharray': kind === 'b' ? '5 3' : undefined };
  return el('line', a, `<title>${escapeXml(`${name} = ${Number(w.toPrecision(4))}`)}</title>`);
}

/** A column's label, its unit circles, its "⋮" marker, its bias unit and the input/output names. */
function column(
  c: { n: number; cut: boolean; shown: number[]; bias: boolean },
  l: number,
  L: number,
  x: number,
  ys: { at: Map<number, number>; bias: number; ellipsis: number },
  r: number,
  dy: number,
  labelY: number,
  activation: string,
): string[] {
  const kind = l === 0 ? 'input' : l === L ? 'output' : 'hidden';
  const label = `${kind} ${c.n}${l === 0 ? '' : ` (${l === L ? activation : (activationRecord(activation)?.label ?? activation)})`}`;
  const fill = { input: '#eeeeee', hidden: '#ffffff', output: '#fde9cf' }[kind];
  const small = Math.max(8, Math.min(11, dy * 0.55));
  const out = [`<g class="column ${kind}">`, text(x, labelY, label, { 'text-anchor': 'middle', 'font-weight': 'bold', class: 'column-label' })];
  for (const [i, y] of ys.at) {
    out.push(el('circle', { class: 'node', cx: x, cy: y, r, fill, stroke: '#333333', 'stroke-width': 1.2 }));
    if (kind === 'input') out.push(text(x - r - 6, y, `x${i + 1}`, { 'text-anchor': 'end', dy: '0.32em', 'font-size': small }));
    if (kind === 'output') out.push(text(x + r + 6, y, c.n === 1 ? 'ŷ' : `ŷ${i + 1}`, { dy: '0.32em', 'font-size': small }));
  }
  if (c.cut) {
    const halo = { stroke: '#ffffff', 'stroke-width': 3, 'paint-order': 'stroke' };
    out.push(text(x, ys.ellipsis, '⋮', { class: 'ellipsis', 'text-anchor': 'middle', dy: '0.35em', 'font-size': 16, 'font-weight': 'bold', ...halo }));
    out.push(text(x + r + 4, ys.ellipsis, `${c.n - c.shown.length} more`, { dy: '0.32em', 'font-size': small, fill: '#444444', ...halo }));
  }
  if (c.bias) {
    out.push(el('circle', { class: 'bias', cx: x, cy: ys.bias, r: r * 0.8, fill: '#fff8c4', stroke: '#333333', 'stroke-width': 1, 'stroke-dasharray': '2 2' }));
    out.push(text(x, ys.bias, '+1', { 'text-anchor': 'middle', dy: '0.35em', 'font-size': Math.max(7, r * 0.75) }));
  }
  out.push('</g>');
  return out;
}

type Note = [sample: (x: number, y: number) => string[], words: string];

/** The legend rows: colours, widths, and the bias and truncation notes when they apply. */
function legendLines(bias: boolean, cut: boolean, maxUnits: number, head: number, tail: number): Note[] {
  const line = (stroke: string, w: number, extra: Record<string, string> = {}) => (x: number, y: number) => [el('line', { x1: x, x2: x + 56, y1: y, y2: y, stroke, 'stroke-width': w, ...extra })];
  const notes: Note[] = [
    [line(POSITIVE, 2.5), 'positive weight'],
    [line(NEGATIVE, 2.5), 'negative weight'],
    [(x, y) => [0.5, 1.5, 3.5].map((w, k) => el('line', { x1: x + 20 * k, x2: x + 20 * k + 14, y1: y, y2: y, stroke: '#555555', 'stroke-width': w, 'stroke-opacity': 0.25 + 0.75 * (w / 3.5) })), 'width and opacity: |w| ÷ the largest |w| of its layer'],
  ];
  if (bias) notes.push([line('#555555', 1.5, { 'stroke-dasharray': '5 3' }), 'dashed, from a "+1" bias unit: the biases b_l of the layer it feeds']);
  if (cut) notes.push([(x, y) => [text(x + 28, y, '⋮', { 'text-anchor': 'middle', dy: '0.35em', 'font-size': 14, 'font-weight': 'bold' })], `units left out, with their lines (layers over ${maxUnits} units show the first ${head} and last ${tail})`]);
  return notes;
}

function maxAbs(data: Float64Array): number {
  let m = 0;
  for (const v of data) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v);
  return m;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);
}
