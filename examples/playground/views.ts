// Drawing: the plane (decision boundary or regression curve, with the points), the loss curves and
// the network diagram. Each is a canvas redrawn from the latest snapshot, at most once a frame.
import type { DataMessage, Mat, Snapshot } from './protocol.js';

export const ORANGE: readonly [number, number, number] = [245, 147, 34];
export const BLUE: readonly [number, number, number] = [8, 119, 189];
const MID: readonly [number, number, number] = [232, 234, 235];

/** t in [-1, 1] → orange … light grey … blue, as TensorFlow Playground colours its outputs. */
export function colour(t: number, out: Uint8ClampedArray, at: number): void {
  const c = t >= 0 ? BLUE : ORANGE;
  const s = 0.8 * Math.min(1, Math.abs(t)); // never fully saturated, so the points stand out
  out[at] = MID[0] + (c[0] - MID[0]) * s;
  out[at + 1] = MID[1] + (c[1] - MID[1]) * s;
  out[at + 2] = MID[2] + (c[2] - MID[2]) * s;
  out[at + 3] = 255;
}

const css = (c: readonly [number, number, number], a = 1) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${a})`;

/** The y range of the regression picture. */
export const REGRESSION_Y = 1.7;

/** Canvas coordinates of a data point (both pictures share the x axis [-extent, extent]). */
export function toCanvas(data: DataMessage, w: number, h: number, x: number, y: number): [number, number] {
  const e = data.grid.extent;
  const ey = data.task === 'regression' ? REGRESSION_Y : e;
  return [((x + e) / (2 * e)) * w, ((ey - y) / (2 * ey)) * h];
}

export interface Selection {
  readonly set: 'train' | 'test';
  readonly rows: readonly number[];
}

/** A reusable offscreen canvas of a given size. */
function scratch(cache: Map<string, HTMLCanvasElement>, key: string, w: number, h: number): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  let canvas = cache.get(key);
  if (!canvas || canvas.width !== w || canvas.height !== h) {
    canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    cache.set(key, canvas);
  }
  return { canvas, ctx: canvas.getContext('2d')! };
}
const offscreen = new Map<string, HTMLCanvasElement>();
const images = new Map<string, ImageData>();
/** A reusable square ImageData. */
function imageData(ctx: CanvasRenderingContext2D, key: string, size: number): ImageData {
  let img = images.get(key);
  if (!img || img.width !== size) {
    img = ctx.createImageData(size, size);
    images.set(key, img);
  }
  return img;
}

/** The output over the plane as an image res × res (classification). */
function outputImage(snapshot: Snapshot, res: number): HTMLCanvasElement {
  const { canvas, ctx } = scratch(offscreen, 'output', res, res);
  const img = imageData(ctx, 'output', res);
  for (let i = 0; i < res * res; i++) colour(2 * snapshot.output[i]! - 1, img.data, 4 * i);
  ctx.putImageData(img, 0, 0);
  return canvas;
}

/** The data points, drawn once per data set (and size, and test points shown or not) and then copied. */
let pointsCache: { data: DataMessage; w: number; h: number; showTest: boolean; canvas: HTMLCanvasElement } | undefined;
function pointsLayer(data: DataMessage, w: number, h: number, showTest: boolean): HTMLCanvasElement {
  const c = pointsCache;
  if (c && c.data === data && c.w === w && c.h === h && c.showTest === showTest) return c.canvas;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  const regression = data.task === 'regression';
  const drawSet = (set: 'train' | 'test') => {
    const p = set === 'train' ? data.train : data.test;
    const n = p.y.length;
    for (let i = 0; i < n; i++) {
      const [cx, cy] = regression ? toCanvas(data, w, h, p.x[i]!, p.y[i]!) : toCanvas(data, w, h, p.x[2 * i]!, p.x[2 * i + 1]!);
      ctx.beginPath();
      ctx.arc(cx, cy, 3.4, 0, 2 * Math.PI);
      ctx.fillStyle = regression ? (set === 'train' ? 'rgba(60, 60, 60, 0.75)' : '#fff') : css(p.y[i]! > 0.5 ? BLUE : ORANGE);
      ctx.fill();
      ctx.lineWidth = set === 'train' ? 1 : 1.6;
      ctx.strokeStyle = set === 'train' ? (regression ? 'rgba(255,255,255,0.9)' : '#fff') : '#000';
      ctx.stroke();
    }
  };
  drawSet('train');
  if (showTest) drawSet('test');
  pointsCache = { data, w, h, showTest, canvas };
  return canvas;
}

export function drawPlane(canvas: HTMLCanvasElement, data: DataMessage, snapshot: Snapshot | undefined, showTest: boolean, selection: Selection | undefined): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const regression = data.task === 'regression';
  if (!regression && snapshot) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(outputImage(snapshot, data.grid.resolution), 0, 0, w, h);
  } else {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, w, h);
  }
  // Axes through 0.
  ctx.strokeStyle = 'rgba(0, 0, 0, 0.18)';
  ctx.lineWidth = 1;
  const [ox, oy] = toCanvas(data, w, h, 0, 0);
  ctx.beginPath();
  ctx.moveTo(0, oy + 0.5);
  ctx.lineTo(w, oy + 0.5);
  ctx.moveTo(ox + 0.5, 0);
  ctx.lineTo(ox + 0.5, h);
  ctx.stroke();

  ctx.drawImage(pointsLayer(data, w, h, showTest), 0, 0);

  if (regression && snapshot) {
    ctx.beginPath();
    const n = snapshot.output.length;
    for (let j = 0; j < n; j++) {
      const x = -data.grid.extent + (j / (n - 1)) * 2 * data.grid.extent;
      const [cx, cy] = toCanvas(data, w, h, x, snapshot.output[j]!);
      if (j === 0) ctx.moveTo(cx, cy);
      else ctx.lineTo(cx, cy);
    }
    ctx.strokeStyle = css(BLUE);
    ctx.lineWidth = 2.5;
    ctx.stroke();
  }

  if (selection) {
    const p = selection.set === 'train' ? data.train : data.test;
    ctx.strokeStyle = '#d12c8a';
    ctx.lineWidth = 2;
    for (const i of selection.rows.slice(0, 500)) {
      if (i >= p.y.length) continue;
      const [cx, cy] = regression ? toCanvas(data, w, h, p.x[i]!, p.y[i]!) : toCanvas(data, w, h, p.x[2 * i]!, p.x[2 * i + 1]!);
      ctx.beginPath();
      ctx.arc(cx, cy, 7, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
}

/** The point nearest to a click, within `radius` canvas pixels. */
export function pointAt(data: DataMessage, w: number, h: number, x: number, y: number, showTest: boolean, radius = 9): { set: 'train' | 'test'; index: number } | undefined {
  let best: { set: 'train' | 'test'; index: number } | undefined;
  let bestD = radius * radius;
  for (const set of showTest ? (['train', 'test'] as const) : (['train'] as const)) {
    const p = set === 'train' ? data.train : data.test;
    for (let i = 0; i < p.y.length; i++) {
      const [cx, cy] = data.task === 'regression' ? toCanvas(data, w, h, p.x[i]!, p.y[i]!) : toCanvas(data, w, h, p.x[2 * i]!, p.x[2 * i + 1]!);
      const d = (cx - x) ** 2 + (cy - y) ** 2;
      if (d < bestD) {
        bestD = d;
        best = { set, index: i };
      }
    }
  }
  return best;
}

export interface History {
  epoch: number[];
  train: number[];
  test: number[];
}

/**
 * Sizes a canvas's pixels to its box on the screen (times the device's pixel ratio), keeping the
 * aspect ratio of its width and height attributes, so text stays sharp at any layout's size.
 * Returns the size in CSS pixels, which the context is scaled to.
 */
function fitToBox(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D): { w: number; h: number } {
  const aspect = Number(canvas.dataset['aspect'] ?? (canvas.dataset['aspect'] = String(canvas.height / canvas.width)));
  const w = canvas.clientWidth || canvas.width;
  const h = Math.round(w * aspect);
  const dpr = globalThis.devicePixelRatio || 1;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  ctx.setTransform(canvas.width / w, 0, 0, canvas.height / h, 0, 0);
  return { w, h };
}

export function drawLossChart(canvas: HTMLCanvasElement, history: History): void {
  const ctx = canvas.getContext('2d')!;
  const { w, h } = fitToBox(canvas, ctx);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  const n = history.epoch.length;
  const left = 36;
  const bottom = h - 14;
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillStyle = '#5b636b';
  if (n === 0) return;
  const all = [...history.train, ...history.test].filter((v) => v > 0 && Number.isFinite(v));
  if (all.length === 0) return;
  let lo = Math.log10(Math.min(...all));
  let hi = Math.log10(Math.max(...all));
  if (hi - lo < 0.5) {
    const mid = (hi + lo) / 2;
    lo = mid - 0.25;
    hi = mid + 0.25;
  }
  const maxEpoch = Math.max(1, history.epoch[n - 1]!);
  const X = (e: number) => left + (e / maxEpoch) * (w - left - 6);
  const Y = (v: number) => 4 + ((hi - Math.log10(Math.max(v, 1e-300))) / (hi - lo)) * (bottom - 4);
  ctx.textAlign = 'right';
  ctx.fillText(formatLoss(10 ** hi), left - 3, 12);
  ctx.fillText(formatLoss(10 ** lo), left - 3, bottom);
  ctx.textAlign = 'left';
  ctx.fillText('epoch 0', left, h - 2);
  ctx.textAlign = 'right';
  ctx.fillText(`epoch ${maxEpoch}`, w - 4, h - 2);
  ctx.strokeStyle = '#d0d7de';
  ctx.beginPath();
  ctx.moveTo(left, 2);
  ctx.lineTo(left, bottom);
  ctx.lineTo(w, bottom);
  ctx.stroke();
  // At most ~2 points per pixel.
  const stride = Math.max(1, Math.floor(n / (2 * (w - left))));
  for (const [series, colour] of [[history.train, '#333'], [history.test, '#d12c8a']] as const) {
    ctx.beginPath();
    for (let i = 0; i < n; i += stride) {
      const v = series[i]!;
      if (i === 0) ctx.moveTo(X(history.epoch[i]!), Y(v));
      else ctx.lineTo(X(history.epoch[i]!), Y(v));
    }
    ctx.lineTo(X(history.epoch[n - 1]!), Y(series[n - 1]!));
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

function formatLoss(v: number): string {
  return v >= 0.01 && v < 1000 ? v.toPrecision(2) : v.toExponential(0);
}

/** Where the diagram puts each unit: per layer, the centre of each unit's box, and the box size. */
function layout(sizes: readonly number[], w: number, h: number): { x: number[]; y: number[][]; box: number } {
  const L = sizes.length;
  const maxUnits = Math.max(...sizes);
  const box = Math.max(12, Math.min(30, (h - 30) / maxUnits - 6));
  const x = sizes.map((_, l) => 24 + (l / (L - 1)) * (w - 48));
  const y = sizes.map((n) => {
    const gap = Math.min(box + 8, (h - 30) / n);
    const top = (h - 18) / 2 - ((n - 1) * gap) / 2;
    return Array.from({ length: n }, (_, i) => top + i * gap);
  });
  return { x, y, box };
}

/**
 * The network: a line per weight, blue positive and orange negative, its width |w| over the
 * layer's largest; each unit a small picture of its output over the plane (classification) or
 * over x (regression).
 */
export function drawDiagram(canvas: HTMLCanvasElement, data: DataMessage, snapshot: Snapshot): void {
  const ctx = canvas.getContext('2d')!;
  const { width: w, height: h } = canvas;
  ctx.clearRect(0, 0, w, h);
  const sizes = data.sizes;
  const { x, y, box } = layout(sizes, w, h);
  const half = box / 2;
  // Weights.
  snapshot.weights.forEach((W: Mat, l) => {
    let max = 0;
    for (const v of W.data) max = Math.max(max, Math.abs(v));
    for (let i = 0; i < W.rows; i++) {
      for (let j = 0; j < W.cols; j++) {
        const v = W.data[i * W.cols + j]!;
        const r = max > 0 ? Math.abs(v) / max : 0;
        ctx.beginPath();
        ctx.moveTo(x[l]! + half, y[l]![i]!);
        ctx.lineTo(x[l + 1]! - half, y[l + 1]![j]!);
        ctx.strokeStyle = css(v >= 0 ? BLUE : ORANGE, 0.25 + 0.75 * r);
        ctx.lineWidth = 0.4 + 4 * r;
        ctx.stroke();
      }
    }
  });
  // Units.
  const regression = data.task === 'regression';
  const thumb = data.grid.thumb;
  let at = 0;
  sizes.forEach((n, l) => {
    for (let i = 0; i < n; i++) {
      const cx = x[l]!;
      const cy = y[l]![i]!;
      const bx = cx - half;
      const by = cy - half;
      ctx.fillStyle = '#fff';
      ctx.fillRect(bx, by, box, box);
      const hidden = l > 0 && l < sizes.length - 1;
      if (regression) {
        // A sparkline of the unit over x ∈ [-extent, extent].
        const values = l === 0 ? Array.from({ length: thumb }, (_, k) => -1 + (2 * k) / (thumb - 1))
          : hidden ? Array.from(snapshot.units.subarray(at, at + thumb))
          : sample(snapshot.output, thumb);
        if (hidden) at += thumb;
        ctx.beginPath();
        values.forEach((v, k) => {
          const px = bx + 2 + (k / (thumb - 1)) * (box - 4);
          const py = cy - Math.max(-1, Math.min(1, v / (l === sizes.length - 1 ? REGRESSION_Y : 1))) * (half - 2);
          if (k === 0) ctx.moveTo(px, py);
          else ctx.lineTo(px, py);
        });
        ctx.strokeStyle = css(BLUE);
        ctx.lineWidth = 1.2;
        ctx.stroke();
      } else {
        const { canvas: tile, ctx: tctx } = scratch(offscreen, 'thumb', thumb, thumb);
        const img = imageData(tctx, 'thumb', thumb);
        for (let r = 0; r < thumb; r++) {
          for (let c = 0; c < thumb; c++) {
            const k = r * thumb + c;
            let v: number;
            if (l === 0) v = i === 0 ? -1 + (2 * (c + 0.5)) / thumb : 1 - (2 * (r + 0.5)) / thumb; // x₁, x₂
            else if (hidden) v = snapshot.units[at + k]!;
            else v = 2 * snapshot.output[Math.floor(((r + 0.5) / thumb) * data.grid.resolution) * data.grid.resolution + Math.floor(((c + 0.5) / thumb) * data.grid.resolution)]! - 1;
            colour(v, img.data, 4 * k);
          }
        }
        tctx.putImageData(img, 0, 0);
        ctx.imageSmoothingEnabled = true;
        ctx.drawImage(tile, bx, by, box, box);
        if (hidden) at += thumb * thumb;
      }
      ctx.strokeStyle = '#57606a';
      ctx.lineWidth = 1;
      ctx.strokeRect(bx + 0.5, by + 0.5, box - 1, box - 1);
    }
  });
  // Column labels.
  ctx.fillStyle = '#5b636b';
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'center';
  sizes.forEach((n, l) => {
    const label = l === 0 ? (regression ? 'x' : 'x₁, x₂') : l === sizes.length - 1 ? `${data.head} ${n}` : `${data.activations[l - 1]} ${n}`;
    ctx.fillText(label, x[l]!, h - 4);
  });
}

function sample(values: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, k) => values[Math.round((k / (n - 1)) * (values.length - 1))]!);
}
