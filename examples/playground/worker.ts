// The module Worker: it owns the network and trains it, so the page only draws. Everything here is
// typed-mlp's public API: fromSizes makes the network, net.trainer steps it, net.evaluate gives the
// derivation's matrices, net.gradcheck the gradient check, saveNetwork and toOnnx the exports, and
// kernelBackend() says which kernels (WebAssembly SIMD or plain TypeScript) do the arithmetic.
import { fromArray, fromSizes, kernelBackend, kernelFallback, saveNetwork, sliceRows, toOnnx } from 'typed-mlp';
import type { HeadName, Matrix, Network, Trainer } from 'typed-mlp';
import { EXTENT, generate, split, type Points, type Split } from './data.js';
import { typeName, typescriptModule } from './export-code.js';
import type { Config, DataMessage, Derivation, Envelope, FromWorker, GradCheckResult, GridSpec, Mat, Snapshot, Target } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** A network whose sizes are known only at run time (the page builds it from its controls). */
type Net = Network<number[], HeadName>;
type M = Matrix<number, number>;

const GRID: GridSpec = { resolution: 96, thumb: 20, extent: EXTENT };
/** How long one slice of training may run before the worker reports and reads its messages. */
const SLICE_MS = 24;
/**
 * The floor of the gradient check's relative error, max(|analytic|, |numeric|, floor) in its
 * denominator (src/gradcheck.ts GRADCHECK_FLOOR, docs/derivation.md §8; not exported by the package).
 */
const GRADCHECK_FLOOR = 1e-4;

interface Session {
  readonly generation: number;
  /** The latest configuration (its data and architecture are this session's; the rest may change). */
  config: Config;
  readonly data: Split;
  readonly net: Net;
  readonly head: 'sigmoid' | 'linear';
  readonly X: M;
  readonly Y: M;
  readonly Xtest: M;
  readonly Ytest: M;
  /** The grid of the output picture and that of the units' thumbnails. */
  readonly grid: M;
  readonly thumbs: M;
  readonly thumbLabels: M;
  trainer: Trainer;
  /** Epochs and steps made by trainers replaced since the reset (a new optimizer or batch size). */
  epochsBefore: number;
  stepsBefore: number;
  history: { epoch: number[]; train: number[]; test: number[] };
  /** The last output grid and unit thumbnails computed, shown again when the weights make them overflow. */
  lastOutput?: Float64Array;
  lastUnits?: Float32Array;
  /** Set when a training step diverged (its words, with the epoch), cleared by the next step that works. */
  diverged: string | undefined;
}

let config: Config | undefined;
let session: Session | undefined;
let generation = 0;
let playing = false;
/** The last command handled (see Envelope). */
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
/** The learning rate the trainers' schedule reads at the start of each epoch, so a change needs no new trainer. */
let liveLr = 0.03;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

const matrixOf = (values: readonly number[], rows: number, cols: number): M => fromArray(values, rows, cols) as M;
const mat = (m: { rows: number; cols: number; data: ArrayLike<number> }): Mat => ({ rows: m.rows, cols: m.cols, data: Array.from(m.data) });

function planeGrid(res: number): M {
  const values: number[] = [];
  for (let i = 0; i < res; i++) {
    const y = EXTENT - ((i + 0.5) / res) * 2 * EXTENT; // top row first
    for (let j = 0; j < res; j++) values.push(-EXTENT + ((j + 0.5) / res) * 2 * EXTENT, y);
  }
  return matrixOf(values, res * res, 2);
}

function lineGrid(res: number): M {
  return matrixOf(Array.from({ length: res }, (_, j) => -EXTENT + (j / (res - 1)) * 2 * EXTENT), res, 1);
}

function newTrainer(s: { net: Net; X: M; Y: M }, c: Config): Trainer {
  return s.net.trainer(s.X, s.Y, {
    lr: c.lr,
    batchSize: c.batchSize,
    optimizer: c.optimizer,
    weightDecay: c.weightDecay,
    lrSchedule: () => liveLr,
  });
}

/** A new data set, network and trainer from the configuration. */
function reset(c: Config): void {
  generation++;
  const points = generate(c.dataset, c.noise, c.seed);
  const data = split(points, c.trainRatio, c.seed);
  const regression = c.dataset === 'regression';
  const head = regression ? 'linear' : 'sigmoid';
  const sizes = [points.inputs, ...c.hidden, 1];
  const net = fromSizes(sizes as number[], { hidden: c.activation, head, seed: c.seed }) as unknown as Net;
  const rowsOf = (p: Points) => p.y.length;
  const X = matrixOf(data.train.x, rowsOf(data.train), points.inputs);
  const Y = matrixOf(data.train.y, rowsOf(data.train), 1);
  const Xtest = matrixOf(data.test.x, rowsOf(data.test), points.inputs);
  const Ytest = matrixOf(data.test.y, rowsOf(data.test), 1);
  const grid = regression ? lineGrid(200) : planeGrid(GRID.resolution);
  const thumbs = regression ? lineGrid(GRID.thumb) : planeGrid(GRID.thumb);
  const thumbLabels = matrixOf(new Array<number>(thumbs.rows).fill(0), thumbs.rows, 1);
  liveLr = c.lr;
  session = {
    generation, config: c, data, net, head, X, Y, Xtest, Ytest, grid, thumbs, thumbLabels,
    trainer: newTrainer({ net, X, Y }, c), epochsBefore: 0, stepsBefore: 0, history: { epoch: [], train: [], test: [] }, diverged: undefined,
  };
  const message: DataMessage = {
    type: 'data',
    generation,
    dataset: c.dataset,
    task: regression ? 'regression' : 'classification',
    train: data.train,
    test: data.test,
    sizes,
    activations: [...net.activations],
    head,
    typeName: typeName(sizes, head),
    grid: { ...GRID, resolution: regression ? 200 : GRID.resolution },
  };
  post(message);
  report();
}

/** Applies a new configuration: a new data set or architecture resets; the rest keeps the weights. */
function configure(c: Config): void {
  const old = config;
  config = c;
  const s = session;
  const resets = !old || !s || old.dataset !== c.dataset || old.noise !== c.noise || old.trainRatio !== c.trainRatio || old.seed !== c.seed
    || old.activation !== c.activation || old.hidden.join() !== c.hidden.join();
  if (resets) {
    reset(c);
    return;
  }
  liveLr = c.lr; // read by the schedule when the next epoch starts
  if (old.optimizer !== c.optimizer || old.batchSize !== c.batchSize || old.weightDecay !== c.weightDecay) {
    s.epochsBefore += s.trainer.epoch + (batchOf(s.trainer) > 0 ? 1 : 0);
    s.stepsBefore += s.trainer.steps;
    s.trainer = newTrainer(s, c);
    post({ type: 'status', level: 'info', topic: 'config', message: `${c.optimizer}, batch size ${s.trainer.batchSize}, weight decay ${c.weightDecay}: training goes on from the current weights (the update rule starts afresh).` });
  }
  s.config = c;
  report();
}

/** The batch the trainer's next step takes, within its epoch. */
function batchOf(t: Trainer): number {
  return t.steps - t.epoch * t.batchesPerEpoch;
}

function epochsOf(s: Session): number {
  return s.epochsBefore + s.trainer.epoch;
}

/** The library's error classes by their stable `code` (a minified bundle renames the classes themselves). */
const ERROR_NAMES: Readonly<Record<string, string>> = { E_SHAPE: 'ShapeError', E_VALUE: 'ValueError', E_FORMAT: 'FormatError', E_INPUT: 'InputError' };

/** An error in words: a typed-mlp error as `ValueError: …` (by its code), anything else by its message. */
function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  const name = typeof code === 'string' ? ERROR_NAMES[code] : undefined;
  return name ? `${name}: ${e.message}` : e.message;
}

/** A training step that failed on a value (E_VALUE): the network diverged (the step changed nothing). */
const isDivergence = (e: unknown) => (e as { code?: unknown } | null)?.code === 'E_VALUE';

/** What became non-finite, in words, from the library's message: "the loss became Infinity", "Z_3 became NaN". */
function whatDiverged(message: string): string {
  const z = /\b(Z_\d+)\[\d+\]\[\d+\] is (-?Infinity|NaN)/.exec(message);
  if (z) return `${z[1]} became ${z[2]}`;
  const loss = /\bthe loss(?: of batch \d+)? is (-?Infinity|NaN)/.exec(message);
  if (loss) return `the loss became ${loss[1]}`;
  return 'a value became too large for float64';
}

/** The loss and score of the network on a set: accuracy for a classifier, R² for regression. */
function score(s: Session, x: M, y: M): { loss: number; metric: number } {
  const e = s.net.evaluate(x, y) as unknown as { loss: number; accuracy?: number; r2?: number };
  return { loss: e.loss, metric: s.head === 'linear' ? e.r2! : e.accuracy! };
}

/**
 * The same, for weights that may no longer give a finite loss (after a divergence): then the loss
 * is the value the library names (Infinity, NaN) and the score NaN, instead of an error.
 */
function safeScore(s: Session, x: M, y: M): { loss: number; metric: number } {
  try {
    return score(s, x, y);
  } catch (e) {
    if (!isDivergence(e)) throw e;
    const named = /\bis (-?Infinity|NaN)\b/.exec((e as Error).message);
    return { loss: named ? Number(named[1]) : NaN, metric: NaN };
  }
}

/** Sends the page a snapshot; never throws (a failure is said on the page). */
function report(): void {
  try {
    snapshot();
  } catch (e) {
    post({ type: 'status', level: 'error', message: `The worker could not report: ${errorText(e)}`, topic: 'train' });
  }
}

function snapshot(): void {
  const s = session;
  if (!s) return;
  const train = safeScore(s, s.X, s.Y);
  const test = safeScore(s, s.Xtest, s.Ytest);
  const epoch = epochsOf(s);
  const h = s.history;
  const fresh = { epoch: [] as number[], train: [] as number[], test: [] as number[] };
  if (h.epoch.length === 0 || h.epoch.at(-1) !== epoch) {
    for (const [list, v] of [[h.epoch, epoch], [h.train, train.loss], [h.test, test.loss]] as const) list.push(v);
    fresh.epoch.push(epoch);
    fresh.train.push(train.loss);
    fresh.test.push(test.loss);
  }
  // Weights that overflow on the grid (after a divergence) leave the last pictures as they were.
  let output: Float64Array;
  try {
    output = Float64Array.from(s.net.forward(s.grid).data);
    s.lastOutput = output;
  } catch (e) {
    if (!isDivergence(e)) throw e;
    output = s.lastOutput ?? new Float64Array(s.grid.rows).fill(s.head === 'linear' ? 0 : 0.5);
  }
  // Each hidden unit over the thumbnail grid: X_2 … X_L of one forward pass.
  const hidden = s.config.hidden;
  let units: Float32Array = new Float32Array(hidden.reduce((a, b) => a + b, 0) * s.thumbs.rows);
  if (hidden.length > 0) {
    try {
      const e = s.net.evaluate(s.thumbs, s.thumbLabels);
      let at = 0;
      for (let l = 1; l < e.Xs.length; l++) {
        const x = e.Xs[l] as M;
        for (let j = 0; j < x.cols; j++) for (let r = 0; r < x.rows; r++) units[at++] = x.data[r * x.cols + j]!;
      }
      s.lastUnits = units;
    } catch (e) {
      if (!isDivergence(e)) throw e;
      units = s.lastUnits ?? units;
    }
  }
  const t = s.trainer;
  const message: Snapshot = {
    type: 'snapshot',
    generation: s.generation,
    seq,
    playing,
    epoch,
    steps: s.stepsBefore + t.steps,
    batch: batchOf(t),
    batchesPerEpoch: t.batchesPerEpoch,
    batchSize: t.batchSize,
    trainLoss: train.loss,
    testLoss: test.loss,
    trainMetric: train.metric,
    testMetric: test.metric,
    history: fresh,
    output,
    units,
    weights: (s.net.weights as readonly M[]).map(mat),
    biases: (s.net.biases as readonly (M | null)[]).map((b) => (b ? mat(b) : null)),
    diverged: s.diverged ?? null,
  };
  // Copies (no transfer): the worker keeps the last pictures for when the weights overflow.
  post(message);
}

/**
 * Runs training `work`. A step that diverges (a ValueError from the library: the loss or a Z_l
 * became non-finite, and the step changed no weight) pauses training and says so on the page, as
 * does any other failure; it is never thrown.
 */
function guarded(work: () => void): boolean {
  const s = session;
  try {
    work();
    if (s) s.diverged = undefined;
    return true;
  } catch (e) {
    stop();
    let message: string;
    if (s && isDivergence(e)) {
      s.diverged = `diverged at epoch ${epochsOf(s)}: ${whatDiverged((e as Error).message)}`;
      const clause = (e as Error).message.split(/; |: | \(/)[0];
      message = `Training ${s.diverged} — lower the learning rate, then Reset. The weights are those of the last step that worked (the library said ${ERROR_NAMES['E_VALUE']}: ${clause}).`;
    } else {
      message = `Training stopped: ${errorText(e)}`;
    }
    post({ type: 'status', level: 'error', message, topic: 'train', stopped: true });
    report();
    return false;
  }
}

/** Finishes the current epoch (after single batches), then whole epochs. */
function epoch(s: Session): void {
  const t = s.trainer;
  if (batchOf(t) > 0) {
    while (batchOf(t) > 0) t.step();
    return;
  }
  t.step();
  while (batchOf(t) > 0) t.step();
}

/** One slice of training (a timer callback, so it must not throw: a failure is said on the page). */
function slice(): void {
  timer = undefined;
  const s = session;
  if (!playing || !s) return;
  try {
    const start = performance.now();
    const rate = s.config.speed;
    // "As fast as it goes" trains for a slice of SLICE_MS; a rate trains the epochs due since the last slice.
    let epochs: number;
    if (rate === 0) epochs = Infinity;
    else {
      pace.due = Math.min(pace.due + (rate * (start - pace.at)) / 1000, Math.max(1, rate / 10));
      epochs = Math.floor(pace.due);
      pace.due -= epochs;
    }
    pace.at = start;
    const ok = epochs === 0 || guarded(() => {
      let done = 0;
      do {
        epoch(s);
        done++;
      } while (epochs === Infinity ? performance.now() - start < SLICE_MS : done < epochs);
    });
    if (!ok) return;
    if (epochs > 0) report();
    // A rate paces itself at about 30 slices a second; "as fast as it goes" goes on at once.
    const wait = rate === 0 ? 0 : Math.max(0, 33 - (performance.now() - start));
    timer = setTimeout(slice, wait);
  } catch (e) {
    stop();
    post({ type: 'status', level: 'error', message: `Training stopped: ${errorText(e)}`, topic: 'train', stopped: true });
    report();
  }
}

/** The epochs owed at a set rate (a fraction carries over to the next slice), and when the last slice ran. */
const pace = { due: 0, at: 0 };

/** The rows a target names, as matrices, with words for them. */
function rowsOf(s: Session, target: Target): { x: M; y: M; rows: number[]; caption: string } {
  if (target.kind === 'batch') {
    const t = s.trainer;
    const from = batchOf(t) * t.batchSize;
    const n = t.nextBatchRows;
    const rows = Array.from({ length: n }, (_, i) => from + i);
    return {
      x: sliceRows(s.X, from, from + n) as M,
      y: sliceRows(s.Y, from, from + n) as M,
      rows,
      caption: `the batch the next step takes: training rows ${from}–${from + n - 1} (batch ${batchOf(t) + 1} of ${t.batchesPerEpoch} in epoch ${epochsOf(s) + 1})`,
    };
  }
  const set = target.set === 'train' ? { x: s.X, y: s.Y } : { x: s.Xtest, y: s.Ytest };
  const index = Math.trunc(target.index);
  if (!(index >= 0 && index < set.x.rows)) throw new RangeError(`there is no ${target.set === 'train' ? 'training' : 'test'} row ${target.index}: rows are 0 … ${set.x.rows - 1}`);
  return { x: sliceRows(set.x, index, index + 1) as M, y: sliceRows(set.y, index, index + 1) as M, rows: [index], caption: `${target.set === 'train' ? 'training' : 'test'} row ${index}` };
}

function derive(id: number, target: Target): void {
  const s = session!;
  const { x, y, rows, caption } = rowsOf(s, target);
  const e = s.net.evaluate(x, y);
  const sizes = [...s.net.sizes];
  const message: Derivation = {
    type: 'derivation',
    id,
    target,
    caption,
    rows,
    sizes,
    activations: [...s.net.activations],
    head: s.head,
    optimizer: s.config.optimizer,
    typeName: typeName(sizes, s.head),
    X: mat(x),
    Y: mat(y),
    weights: (s.net.weights as readonly M[]).map(mat),
    biases: (s.net.biases as readonly (M | null)[]).map((b) => (b ? mat(b) : null)),
    Xs: (e.Xs as readonly M[]).map(mat),
    Zs: (e.Zs as readonly M[]).map(mat),
    Yhat: mat(e.Yhat),
    deltas: (e.deltas as readonly M[]).map(mat),
    grads: (e.grads as readonly M[]).map(mat),
    biasGrads: (e.biasGrads as readonly (M | null)[]).map((b) => (b ? mat(b) : null)),
    loss: e.loss,
    perSampleLoss: e.perSampleLoss,
  };
  post(message);
}

function gradcheck(id: number, target: Target): void {
  const s = session!;
  const { x, y, caption } = rowsOf(s, target);
  const g = s.net.gradcheck(x, y);
  // The size of the gradient itself: the relative error means something only where it is above the floor.
  const e = s.net.evaluate(x, y);
  let maxGrad = 0;
  for (const m of [...(e.grads as readonly M[]), ...(e.biasGrads as readonly (M | null)[])]) if (m) for (const v of m.data) maxGrad = Math.max(maxGrad, Math.abs(v));
  const message: GradCheckResult = {
    type: 'gradcheck', id, caption, eps: g.eps, maxAbsErr: g.maxAbsErr, maxRelErr: g.maxRelErr, worst: g.worst, maxGrad, floor: GRADCHECK_FLOOR,
  };
  post(message);
}

function exportNetwork(id: number, format: 'ts' | 'json' | 'onnx'): void {
  const s = session!;
  const name = `playground-${s.config.dataset}`;
  if (format === 'onnx') {
    const bytes = toOnnx(s.net);
    post({ type: 'export', id, format, filename: `${name}.onnx`, bytes }, [bytes.buffer]);
    return;
  }
  if (format === 'json') {
    post({ type: 'export', id, format, filename: `${name}.json`, text: JSON.stringify(saveNetwork(s.net)) });
    return;
  }
  const test = safeScore(s, s.Xtest, s.Ytest);
  const text = typescriptModule({
    sizes: [...s.net.sizes],
    activations: [...s.net.activations],
    weights: (s.net.weights as readonly M[]).map(mat),
    biases: (s.net.biases as readonly (M | null)[]).map((b) => (b ? mat(b) : null)),
    note: `Trained in the typed-mlp playground: ${s.config.dataset}, ${epochsOf(s)} epochs, test ${s.head === 'linear' ? 'R²' : 'accuracy'} ${test.metric}.`
      + (s.diverged ? ` Training ${s.diverged}; these are the weights of the last step that worked.` : ''),
  });
  post({ type: 'export', id, format, filename: `${name}.ts`, text });
}

function stop(): void {
  playing = false;
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
}

scope.onmessage = (event: MessageEvent<Envelope>) => {
  const m = event.data;
  seq = m.seq;
  try {
    switch (m.type) {
      case 'config':
        configure(m.config);
        break;
      case 'play':
        if (!playing) {
          playing = true;
          pace.due = 1; // the first epoch at once
          pace.at = performance.now();
          timer = setTimeout(slice, 0);
        }
        report();
        break;
      case 'pause':
        stop();
        report();
        break;
      case 'step':
        stop();
        if (session) {
          const s = session;
          if (guarded(() => (m.unit === 'batch' ? s.trainer.step() : epoch(s)))) report();
        }
        break;
      case 'reset':
        stop();
        if (config) reset(config);
        break;
      case 'derive':
        derive(m.id, m.target);
        break;
      case 'gradcheck':
        gradcheck(m.id, m.target);
        break;
      case 'export':
        exportNetwork(m.id, m.format);
        break;
    }
  } catch (e) {
    // Bad input from the page (a row that does not exist, say), or weights that overflow on the rows
    // asked for: said on the page, never thrown.
    post({ type: 'status', level: 'error', message: errorText(e), topic: 'id' in m ? m.type : 'train', ...('id' in m ? { id: m.id } : {}) });
  }
};

post({ type: 'ready', backend: kernelBackend(), fallback: kernelFallback() ?? null });
