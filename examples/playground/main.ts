// The page: its controls, the pictures and the derivation panel. The network lives in a module
// Worker (worker.ts); the page sends it commands and draws what it reports, once per animation frame.
import './style.css';
import { DerivationPanel, renderGradCheck, short } from './derivation-view.js';
import { FrameMeter } from './frames.js';
import { trainCount, type DatasetName } from './data.js';
import type { ActivationName, Config, DataMessage, Derivation, Envelope, ExportResult, FromWorker, OptimizerName, Snapshot, Target, ToWorker, Topic } from './protocol.js';
import { drawDiagram, drawLossChart, drawPlane, pointAt, type History, type Selection } from './views.js';

if (PLAYGROUND_DEV) new EventSource('./esbuild').addEventListener('change', () => location.reload());

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
};

const ui = {
  play: $<HTMLButtonElement>('play'),
  step: $<HTMLButtonElement>('step'),
  stepBatch: $<HTMLButtonElement>('step-batch'),
  reset: $<HTMLButtonElement>('reset'),
  epoch: $('epoch'),
  batchOf: $('batch-of'),
  trainLoss: $('train-loss'),
  testLoss: $('test-loss'),
  testMetric: $('test-metric'),
  metricName: $('metric-name'),
  status: $('status'),
  dataset: $<HTMLSelectElement>('dataset'),
  ratio: $<HTMLInputElement>('ratio'),
  ratioValue: $<HTMLOutputElement>('ratio-value'),
  noise: $<HTMLInputElement>('noise'),
  noiseValue: $<HTMLOutputElement>('noise-value'),
  seed: $<HTMLInputElement>('seed'),
  showTest: $<HTMLInputElement>('show-test'),
  lr: $<HTMLSelectElement>('lr'),
  optimizer: $<HTMLSelectElement>('optimizer'),
  batchSize: $<HTMLInputElement>('batch-size'),
  weightDecay: $<HTMLSelectElement>('weight-decay'),
  speed: $<HTMLSelectElement>('speed'),
  activation: $<HTMLSelectElement>('activation'),
  addLayer: $<HTMLButtonElement>('add-layer'),
  removeLayer: $<HTMLButtonElement>('remove-layer'),
  layers: $<HTMLOListElement>('layers'),
  typeName: $('type-name'),
  diagram: $<HTMLCanvasElement>('diagram'),
  boundary: $<HTMLCanvasElement>('boundary'),
  lossChart: $<HTMLCanvasElement>('loss-chart'),
  backend: $('backend'),
  longestFrame: $('longest-frame'),
  deriveMode: $<HTMLSelectElement>('derive-mode'),
  deriveSet: $<HTMLSelectElement>('derive-set'),
  deriveRow: $<HTMLInputElement>('derive-row'),
  derive: $<HTMLButtonElement>('derive'),
  deriveLive: $<HTMLInputElement>('derive-live'),
  gradcheck: $<HTMLButtonElement>('gradcheck'),
  gradcheckResult: $<HTMLOutputElement>('gradcheck-result'),
  derivation: $('derivation'),
  exportTs: $<HTMLButtonElement>('export-ts'),
  exportJson: $<HTMLButtonElement>('export-json'),
  exportOnnx: $<HTMLButtonElement>('export-onnx'),
  exportOutput: $<HTMLTextAreaElement>('export-output'),
  exportCopy: $<HTMLButtonElement>('export-copy'),
  exportDownload: $<HTMLAnchorElement>('export-download'),
};

/** What the derivation panel says before anything is derived. */
const INTRO = ui.derivation.innerHTML;
const MAX_LAYERS = 6;
const MAX_UNITS = 8;
/** How often the live derivation is asked for while training (each answer updates the panel's numbers in place). */
const LIVE_MS = 1000;
const MAX_SEED = 2 ** 32 - 1;

const state = {
  hidden: [4, 4] as number[],
  playing: false,
  data: undefined as DataMessage | undefined,
  snapshot: undefined as Snapshot | undefined,
  dirty: false,
  history: { epoch: [], train: [], test: [] } as History,
  derivation: undefined as Derivation | undefined,
  selection: undefined as Selection | undefined,
  requests: 0,
  pendingDerive: 0,
  /** The last derivation asked for by "live" (not by the learner). */
  liveDerive: 0,
  lastDerive: 0,
  /** The requests sent and not yet answered (export, gradcheck), by id: an error then says so where the answer would be. */
  pending: new Map<number, 'gradcheck' | 'export'>(),
  downloadUrl: undefined as string | undefined,
  /** What the page said of the values it corrected in the configuration it sent last (the worker's answer to it follows this). */
  note: '',
  /** The values the number fields last gave (what a field that holds no number falls back to). */
  used: { seed: 1, batch: 10 },
  /**
   * What the error shown is about. A training error goes once training makes an update again: `steps`
   * is the count of updates the first snapshot after it showed (the worker reports right after the error).
   */
  error: undefined as { topic: Topic; steps?: number } | undefined,
};

const meter = new FrameMeter();
const panel = new DerivationPanel(ui.derivation);
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
let sent = 0;
const send = (m: ToWorker) => worker.postMessage({ ...m, seq: ++sent } satisfies Envelope);

/**
 * The whole number a field gives, within [min, max]. A value that is not one (empty, 2.5, −3, 1000
 * where 250 is the most) is not used as typed: the value used is written back into the field and the
 * status says why.
 */
function wholeNumber(el: HTMLInputElement, name: string, min: number, max: number, maxWhy: string, fallback: number): number {
  const typed = el.value.trim();
  const v = Number(typed);
  let used = v;
  let why = '';
  if (typed === '' || !Number.isFinite(v)) [used, why] = [fallback, `that is not a number, so it stays ${fallback}`];
  else if (v < min) [used, why] = [min, `the smallest is ${min}`];
  else if (v > max) [used, why] = [max, maxWhy];
  else if (!Number.isInteger(v)) [used, why] = [Math.round(v), 'it must be a whole number'];
  if (why) {
    el.value = String(used);
    state.note = `${state.note}${name} ${typed === '' ? '(empty)' : typed} → ${used}: ${why}. `;
    say(state.note.trim(), 'info', 'config');
  }
  return used;
}

function config(): Config {
  state.note = '';
  const dataset = ui.dataset.value as DatasetName;
  const trainRatio = Number(ui.ratio.value) / 100;
  const rows = trainCount(dataset, trainRatio);
  const seed = wholeNumber(ui.seed, 'Seed', 0, MAX_SEED, `the largest is ${MAX_SEED}`, state.used.seed);
  const batch = wholeNumber(ui.batchSize, 'Batch size', 1, rows, `a batch holds at most the ${rows} training rows`, Math.min(state.used.batch, rows));
  state.used = { seed, batch };
  return {
    dataset,
    noise: Number(ui.noise.value) / 100,
    trainRatio,
    seed,
    hidden: [...state.hidden],
    activation: ui.activation.value as ActivationName,
    lr: Number(ui.lr.value),
    batchSize: batch,
    optimizer: ui.optimizer.value as OptimizerName,
    weightDecay: Number(ui.weightDecay.value),
    speed: Number(ui.speed.value),
  };
}

function sendConfig(): void {
  ui.ratioValue.value = `${ui.ratio.value} %`;
  ui.noiseValue.value = ui.noise.value;
  send({ type: 'config', config: config() });
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** Says something in the status line: information goes after 8 s, an error stays until what it is about works again. */
function say(message: string, level: 'info' | 'error' = 'info', topic: Topic = 'config'): void {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', level === 'error');
  state.error = level === 'error' ? { topic } : undefined;
  if (statusTimer !== undefined) clearTimeout(statusTimer);
  statusTimer = level === 'info' ? setTimeout(() => (ui.status.textContent = ''), 8000) : undefined;
}

/** Clears the error shown if it is about one of these (they have just worked). */
function cleared(...topics: Topic[]): void {
  if (!state.error || !topics.includes(state.error.topic)) return;
  state.error = undefined;
  ui.status.textContent = '';
  ui.status.classList.remove('error');
}

// ---- The hidden layers: add and remove layers and units.

function renderLayers(): void {
  ui.layers.replaceChildren(
    ...state.hidden.map((units, l) => {
      const li = document.createElement('li');
      li.dataset['testid'] = `layer-${l}`;
      const minus = button('−', `units-minus-${l}`, `Fewer units in hidden layer ${l + 1}`, units <= 1, () => setUnits(l, units - 1));
      const plus = button('+', `units-plus-${l}`, `More units in hidden layer ${l + 1}`, units >= MAX_UNITS, () => setUnits(l, units + 1));
      const label = document.createElement('span');
      label.dataset['testid'] = `units-${l}`;
      label.textContent = `${units}`;
      label.title = `hidden layer ${l + 1}: ${units} units`;
      li.append(`H${l + 1}: `, minus, label, plus);
      return li;
    }),
  );
  ui.addLayer.disabled = state.hidden.length >= MAX_LAYERS;
  ui.removeLayer.disabled = state.hidden.length === 0;
}

function button(text: string, testid: string, label: string, disabled: boolean, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset['testid'] = testid;
  b.setAttribute('aria-label', label);
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

function setUnits(l: number, units: number): void {
  const more = units > (state.hidden[l] ?? 0);
  state.hidden[l] = Math.max(1, Math.min(MAX_UNITS, units));
  renderLayers();
  sendConfig();
  // Keep the keyboard where it was: the same button of the rebuilt list (the other one once it is disabled).
  const pick = (kind: string) => ui.layers.querySelector<HTMLButtonElement>(`[data-testid="units-${kind}-${l}"]:not(:disabled)`);
  (pick(more ? 'plus' : 'minus') ?? pick(more ? 'minus' : 'plus'))?.focus();
}

ui.addLayer.addEventListener('click', () => {
  if (state.hidden.length >= MAX_LAYERS) return;
  state.hidden.push(state.hidden.at(-1) ?? 4);
  renderLayers();
  sendConfig();
});
ui.removeLayer.addEventListener('click', () => {
  state.hidden.pop();
  renderLayers();
  sendConfig();
});

// ---- Controls.

for (const el of [ui.dataset, ui.ratio, ui.noise, ui.seed, ui.lr, ui.optimizer, ui.batchSize, ui.weightDecay, ui.speed, ui.activation]) {
  el.addEventListener('change', sendConfig);
}
ui.ratio.addEventListener('input', () => (ui.ratioValue.value = `${ui.ratio.value} %`));
ui.noise.addEventListener('input', () => (ui.noiseValue.value = ui.noise.value));
ui.showTest.addEventListener('change', () => (state.dirty = true));

function setPlaying(playing: boolean): void {
  state.playing = playing;
  ui.play.textContent = playing ? '❚❚ Pause' : '▶ Play';
  ui.play.setAttribute('aria-pressed', String(playing));
  ui.play.setAttribute('aria-label', playing ? 'Pause training' : 'Play: train continuously');
  if (playing) meter.start();
  else {
    showFrames();
    meter.stop();
  }
}

ui.play.addEventListener('click', () => {
  setPlaying(!state.playing);
  send({ type: state.playing ? 'play' : 'pause' });
});
ui.step.addEventListener('click', () => {
  setPlaying(false);
  send({ type: 'step', unit: 'epoch' });
});
ui.stepBatch.addEventListener('click', () => {
  setPlaying(false);
  send({ type: 'step', unit: 'batch' });
  // Stepping a batch is for watching δ: show the next batch's matrices after it.
  if (ui.deriveMode.value === 'batch' || ui.deriveLive.checked) requestDerivation();
});
ui.reset.addEventListener('click', () => {
  setPlaying(false);
  send({ type: 'reset' });
});

// ---- The derivation panel and the gradient check.

function target(): Target {
  if (ui.deriveMode.value === 'batch') return { kind: 'batch' };
  return { kind: 'row', set: ui.deriveSet.value as 'train' | 'test', index: Number(ui.deriveRow.value) };
}

function requestDerivation(live = false): void {
  const id = ++state.requests;
  state.pendingDerive = id;
  if (live) state.liveDerive = id;
  state.lastDerive = performance.now();
  send({ type: 'derive', id, target: target() });
}

function syncDeriveControls(): void {
  const row = ui.deriveMode.value === 'row';
  ui.deriveSet.disabled = !row;
  ui.deriveRow.disabled = !row;
  if (state.data) {
    const n = (ui.deriveSet.value === 'train' ? state.data.train : state.data.test).y.length;
    ui.deriveRow.max = String(n - 1);
    if (Number(ui.deriveRow.value) > n - 1) ui.deriveRow.value = String(n - 1);
  }
}

ui.derive.addEventListener('click', () => requestDerivation());
ui.deriveMode.addEventListener('change', () => {
  syncDeriveControls();
  requestDerivation();
});
ui.deriveSet.addEventListener('change', () => {
  syncDeriveControls();
  requestDerivation();
});
ui.deriveRow.addEventListener('change', () => requestDerivation());
ui.deriveLive.addEventListener('change', () => ui.deriveLive.checked && requestDerivation());
ui.gradcheck.addEventListener('click', () => {
  ui.gradcheckResult.textContent = 'checking…';
  const id = ++state.requests;
  state.pending.set(id, 'gradcheck');
  send({ type: 'gradcheck', id, target: target() });
});

ui.boundary.addEventListener('click', (e) => {
  const data = state.data;
  if (!data) return;
  const r = ui.boundary.getBoundingClientRect();
  const x = ((e.clientX - r.left) / r.width) * ui.boundary.width;
  const y = ((e.clientY - r.top) / r.height) * ui.boundary.height;
  const hit = pointAt(data, ui.boundary.width, ui.boundary.height, x, y, ui.showTest.checked);
  if (!hit) return;
  ui.deriveMode.value = 'row';
  ui.deriveSet.value = hit.set;
  ui.deriveRow.value = String(hit.index);
  syncDeriveControls();
  requestDerivation();
});

// ---- Export.

function exportAs(format: 'ts' | 'json' | 'onnx'): void {
  ui.exportOutput.value = 'exporting…';
  const id = ++state.requests;
  state.pending.set(id, 'export');
  send({ type: 'export', id, format });
}
ui.exportTs.addEventListener('click', () => exportAs('ts'));
ui.exportJson.addEventListener('click', () => exportAs('json'));
ui.exportOnnx.addEventListener('click', () => exportAs('onnx'));
ui.exportCopy.addEventListener('click', () => {
  const refused = () => {
    ui.exportOutput.focus();
    ui.exportOutput.select();
    say('The browser would not let the page copy: the text is selected, press Ctrl+C (⌘C).');
  };
  // navigator.clipboard exists only in a secure context (https, or localhost).
  if (!navigator.clipboard) refused();
  else navigator.clipboard.writeText(ui.exportOutput.value).then(() => say('Copied.'), refused);
});

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function showExport(r: ExportResult): void {
  if (state.downloadUrl) URL.revokeObjectURL(state.downloadUrl);
  let blob: Blob;
  if (r.bytes) {
    const bytes = r.bytes;
    blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' });
    ui.exportOutput.value = `${r.filename}: ${bytes.length} bytes of ONNX (IR version 8, opset 13; weights rounded to float32). `
      + `Input "X" float32 [N, ${state.data?.sizes[0] ?? '?'}], output "Y". Download it, or decode this base64:\n${base64(bytes)}`;
  } else {
    blob = new Blob([r.text ?? ''], { type: r.format === 'json' ? 'application/json' : 'text/plain' });
    ui.exportOutput.value = r.text ?? '';
  }
  state.downloadUrl = URL.createObjectURL(blob);
  ui.exportDownload.href = state.downloadUrl;
  ui.exportDownload.download = r.filename;
  ui.exportDownload.textContent = `Download ${r.filename}`;
  ui.exportDownload.classList.remove('disabled');
  ui.exportDownload.removeAttribute('aria-disabled');
  ui.exportCopy.disabled = false;
}

// ---- What the worker says.

worker.onmessage = (event: MessageEvent<FromWorker>) => meter.time(() => receive(event.data));

function receive(m: FromWorker): void {
  switch (m.type) {
    case 'ready':
      ui.backend.textContent = m.backend;
      ui.backend.title = m.fallback ?? 'WebAssembly SIMD kernels';
      if (m.fallback) say(`typed-mlp uses its plain TypeScript kernels here: ${m.fallback}`);
      break;
    case 'data': {
      const changed = !state.data || state.data.sizes.join() !== m.sizes.join() || state.data.task !== m.task;
      state.data = m;
      state.history = { epoch: [], train: [], test: [] };
      state.snapshot = undefined;
      state.selection = undefined;
      ui.typeName.textContent = m.typeName;
      ui.metricName.textContent = m.task === 'regression' ? 'Test R²' : 'Test accuracy';
      ui.boundary.setAttribute('aria-label', m.task === 'regression'
        ? `Regression curve: the network's prediction over x, with ${m.train.y.length} training and ${m.test.y.length} test points`
        : `Decision boundary: the network's output over the plane, with ${m.train.y.length} training and ${m.test.y.length} test points`);
      ui.diagram.setAttribute('aria-label', `Network diagram of ${m.typeName}: ${m.sizes.join('-')} units, activations ${m.activations.join(', ')}`);
      $('unit-legend').textContent = m.task === 'regression' ? 'Each unit shows its output over x.' : 'Each unit shows its output over the plane.';
      $('plane-legend').textContent = m.task === 'regression'
        ? 'Blue line: the network\'s prediction ŷ(x). Points: training (grey), test (white). Click a point to derive it.'
        : 'Colour: the network\'s output over the plane (orange 0, blue 1). Points: training (white ring), test (black ring). Click a point to derive it.';
      syncDeriveControls();
      if (changed) {
        state.derivation = undefined;
        ui.gradcheckResult.textContent = '';
        panel.clear(INTRO);
      }
      // A new network: an error of the old one's training no longer applies.
      cleared('train');
      if (state.derivation || ui.deriveLive.checked) requestDerivation();
      state.dirty = true;
      break;
    }
    case 'snapshot': {
      if (!state.data || m.generation !== state.data.generation) return;
      state.snapshot = m;
      const h = state.history;
      h.epoch.push(...m.history.epoch);
      h.train.push(...m.history.train);
      h.test.push(...m.history.test);
      // Training stopped by the worker (a step diverged): believed only once it has seen every command sent.
      if (m.seq === sent && m.playing !== state.playing) setPlaying(m.playing);
      // Training that works again (after a lower learning rate, say) clears the error of the step that did not.
      if (state.error?.topic === 'train') {
        if (state.error.steps === undefined) state.error.steps = m.steps;
        else if (m.steps > state.error.steps) cleared('train');
      }
      state.dirty = true;
      if (ui.deriveLive.checked && m.playing && state.pendingDerive === 0 && performance.now() - state.lastDerive > LIVE_MS) requestDerivation(true);
      break;
    }
    case 'derivation':
      if (m.id !== state.pendingDerive) return;
      state.pendingDerive = 0;
      state.derivation = m;
      state.selection = { set: m.target.kind === 'row' ? m.target.set : 'train', rows: m.rows };
      panel.show(m, m.id === state.liveDerive);
      cleared('derive', 'gradcheck');
      state.dirty = true;
      break;
    case 'gradcheck':
      state.pending.delete(m.id);
      ui.gradcheckResult.innerHTML = renderGradCheck(m);
      cleared('derive', 'gradcheck');
      break;
    case 'export':
      state.pending.delete(m.id);
      showExport(m);
      cleared('export');
      break;
    case 'status':
      if (m.stopped) setPlaying(false);
      if (m.id !== undefined) {
        if (m.id === state.pendingDerive) state.pendingDerive = 0;
        // An export or a gradient check that failed says so where its answer would have been.
        if (failed(m.id, m.message)) break;
      }
      say(m.topic === 'config' && state.note ? `${state.note}${m.message}` : m.message, m.level, m.topic);
      break;
  }
}

/** A request that got an error instead of its answer: said where the answer would have been (false: not such a request). */
function failed(id: number, message: string): boolean {
  const kind = state.pending.get(id);
  state.pending.delete(id);
  if (kind === 'export') ui.exportOutput.value = `Nothing exported: ${message}`;
  else if (kind === 'gradcheck') ui.gradcheckResult.textContent = `No gradient check: ${message}`;
  return kind !== undefined;
}

worker.onerror = (e) => {
  setPlaying(false);
  for (const id of [...state.pending.keys()]) failed(id, 'the worker failed');
  state.pendingDerive = 0;
  say(`The worker failed: ${e.message}`, 'error', 'train');
};

// ---- Drawing, once per frame.

function fmt(v: number): string {
  return Number.isFinite(v) ? short(v) : String(v);
}

/** While training, the diagram and the loss curve are redrawn at most this often (the plane every frame). */
const SLOW_MS = 100;
let lastSlow = -Infinity;

function draw(now: number): void {
  const data = state.data;
  if (!data) return;
  const s = state.snapshot;
  drawPlane(ui.boundary, data, s, ui.showTest.checked, state.selection);
  const slow = !s?.playing || now - lastSlow >= SLOW_MS;
  if (slow) {
    lastSlow = now;
    drawLossChart(ui.lossChart, state.history);
  }
  if (s) {
    if (slow) drawDiagram(ui.diagram, data, s);
    ui.epoch.textContent = String(s.epoch);
    ui.batchOf.textContent = s.batch > 0 ? `+ batch ${s.batch}/${s.batchesPerEpoch}` : '';
    ui.trainLoss.textContent = fmt(s.trainLoss);
    ui.trainLoss.dataset['value'] = String(s.trainLoss);
    ui.testLoss.textContent = fmt(s.testLoss);
    ui.testLoss.dataset['value'] = String(s.testLoss);
    ui.testMetric.textContent = data.task === 'regression' ? s.testMetric.toFixed(4) : s.testMetric.toFixed(3);
    ui.testMetric.dataset['value'] = String(s.testMetric);
  }
}

/** The frame figures of the current (or last) run of Play, from WARM_UP_MS after it started. */
function showFrames(): void {
  const f = meter.stats;
  if (f.frames === 0) return;
  const long = f.observed === 'none' ? '' : f.longFrames === 0 ? ', no long frame' : `, ${f.longFrames} long frame${f.longFrames === 1 ? '' : 's'} (longest ${Math.round(f.longestLong)} ms)`;
  ui.longestFrame.textContent = `longest ${f.longest.toFixed(1)} ms, 99th percentile ${f.p99.toFixed(1)} ms over ${f.seconds.toFixed(1)} s`
    + ` (the page's own work: at most ${f.busiest.toFixed(1)} ms a frame${long})`;
  ui.longestFrame.dataset['value'] = String(f.longest);
  ui.longestFrame.dataset['p99'] = String(f.p99);
}

let lastFrameText = 0;
function frame(t: number): void {
  if (state.dirty) {
    state.dirty = false;
    meter.time(() => draw(t));
  }
  if (state.playing && t - lastFrameText > 500) {
    lastFrameText = t;
    showFrames();
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

// For tests and the curious: the latest data set, snapshot and frame figures (read-only copies).
Object.defineProperty(window, '__playground', {
  value: Object.freeze({
    get data() { return state.data; },
    get snapshot() { return state.snapshot; },
    get derivation() { return state.derivation; },
    get frames() { return meter.stats; },
  }),
});

renderLayers();
sendConfig();
