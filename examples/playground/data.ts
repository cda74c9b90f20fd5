// The playground's data sets, seeded: the same name, noise, ratio and seed give the same points on
// every run. The four classification sets follow TensorFlow Playground's generators
// (tensorflow/playground, src/dataset.ts: classifyCircleData, classifyXORData,
// classifyTwoGaussData, classifySpiralData, 500 points on a plane of [-6, 6]²), scaled by 1/5 so the
// inputs are of unit size; labels are 1 (blue) and 0 (orange). The regression set is 1-D: a noisy
// sin(πx) on [-1, 1]. Uniforms come from the library's mulberry32 stream, normals from its Box-Muller.
import { mulberry32, normal } from 'typed-mlp';

export const DATASETS = ['circle', 'xor', 'gauss', 'spiral', 'regression'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Row-major points: `x` holds n rows of `inputs` numbers, `y` one label per row. */
export interface Points {
  readonly inputs: 1 | 2;
  readonly x: number[];
  readonly y: number[];
}

export interface Split {
  readonly train: Points;
  readonly test: Points;
}

/** What is drawn: the plane [-EXTENT, EXTENT]² (classification), or x ∈ [-EXTENT, EXTENT] (regression). */
export const EXTENT = 1.2;

const SCALE = 1 / 5;
const CLASSIFICATION_POINTS = 500;
const REGRESSION_POINTS = 300;

/** Points of a data set; `noise` in [0, 0.5] as TensorFlow Playground's slider / 100. */
export function generate(name: DatasetName, noise: number, seed: number): Points {
  const u = mulberry32(seed);
  const uniform = (a: number, b: number) => a + (b - a) * u();
  const x: number[] = [];
  const y: number[] = [];
  const push = (px: number, py: number, label: number) => {
    x.push(px * SCALE, py * SCALE);
    y.push(label > 0 ? 1 : 0);
  };
  switch (name) {
    case 'circle': {
      const radius = 5;
      const label = (px: number, py: number) => (Math.hypot(px, py) < radius * 0.5 ? 1 : -1);
      const ring = (r0: number, r1: number) => {
        for (let i = 0; i < CLASSIFICATION_POINTS / 2; i++) {
          const r = uniform(r0, r1);
          const angle = uniform(0, 2 * Math.PI);
          const px = r * Math.sin(angle);
          const py = r * Math.cos(angle);
          const nx = uniform(-radius, radius) * noise;
          const ny = uniform(-radius, radius) * noise;
          push(px, py, label(px + nx, py + ny));
        }
      };
      ring(0, radius * 0.5);
      ring(radius * 0.7, radius);
      break;
    }
    case 'xor': {
      const padding = 0.3;
      for (let i = 0; i < CLASSIFICATION_POINTS; i++) {
        let px = uniform(-5, 5);
        px += px > 0 ? padding : -padding;
        let py = uniform(-5, 5);
        py += py > 0 ? padding : -padding;
        const nx = uniform(-5, 5) * noise;
        const ny = uniform(-5, 5) * noise;
        push(px, py, (px + nx) * (py + ny) >= 0 ? 1 : -1);
      }
      break;
    }
    case 'gauss': {
      const variance = 0.5 + (noise / 0.5) * 3.5; // d3.scaleLinear().domain([0, .5]).range([0.5, 4])
      const sd = Math.sqrt(variance);
      for (const [cx, cy, label] of [[2, 2, 1], [-2, -2, -1]] as const) {
        for (let i = 0; i < CLASSIFICATION_POINTS / 2; i++) push(cx + sd * normal(u), cy + sd * normal(u), label);
      }
      break;
    }
    case 'spiral': {
      const n = CLASSIFICATION_POINTS / 2;
      for (const [deltaT, label] of [[0, 1], [Math.PI, -1]] as const) {
        for (let i = 0; i < n; i++) {
          const r = (i / n) * 5;
          const t = ((1.75 * i) / n) * 2 * Math.PI + deltaT;
          push(r * Math.sin(t) + uniform(-1, 1) * noise, r * Math.cos(t) + uniform(-1, 1) * noise, label);
        }
      }
      break;
    }
    case 'regression': {
      for (let i = 0; i < REGRESSION_POINTS; i++) {
        const px = uniform(-1, 1);
        x.push(px);
        y.push(Math.sin(Math.PI * px) + noise * normal(u));
      }
      return { inputs: 1, x, y };
    }
  }
  return { inputs: 2, x, y };
}

/**
 * A seeded split: the rows are shuffled once (Fisher-Yates on mulberry32(seed + 1)), the first
 * `trainRatio` of them train and the rest test. The training rows stay in that shuffled order, and
 * the playground's trainer takes its batches from them in order, so "the next batch" is a slice.
 */
/** How many of a data set's points train at a ratio (what `split` gives, without making the points). */
export function trainCount(name: DatasetName, trainRatio: number): number {
  return trainRows(name === 'regression' ? REGRESSION_POINTS : CLASSIFICATION_POINTS, trainRatio);
}

const trainRows = (n: number, trainRatio: number) => Math.min(n - 1, Math.max(1, Math.round(n * trainRatio)));

export function split(points: Points, trainRatio: number, seed: number): Split {
  const n = points.y.length;
  const order = Array.from({ length: n }, (_, i) => i);
  const u = mulberry32((seed + 1) >>> 0);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(u() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const nTrain = trainRows(n, trainRatio);
  const pick = (rows: number[]): Points => ({
    inputs: points.inputs,
    x: rows.flatMap((r) => points.x.slice(r * points.inputs, (r + 1) * points.inputs)),
    y: rows.map((r) => points.y[r]!),
  });
  return { train: pick(order.slice(0, nTrain)), test: pick(order.slice(nTrain)) };
}
