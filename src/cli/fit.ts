/** `typed-mlp fit DATA.csv --target COL …`: trains a network on a CSV file and saves it. */
import { basename } from 'node:path';
import { HIDDEN_ACTIVATIONS, type HiddenActivation } from '../activations/index.js';
import { checkBatchSize, checkEpochs, checkLearningRate, checkSeed } from '../checks.js';
import { oneHot } from '../data/one-hot.js';
import { fromRecords } from '../data/records.js';
import type { Scaler } from '../data/scaler.js';
import { trainTestSplit } from '../data/split.js';
import { standardScaler } from '../data/standard-scaler.js';
import { InputError, ValueError } from '../errors.js';
import { fromSizes } from '../from-sizes.js';
import { HEAD_NAMES, type HeadName } from '../heads/index.js';
import { saveNetwork } from '../io/format.js';
import type { Matrix } from '../matrix.js';
import { mae, r2 } from '../metrics/regression.js';
import type { Network } from '../network.js';
import { OPTIMIZERS } from '../optimizers/index.js';
import { lossCurveSvg } from '../plot/index.js';
import type { ProgressOptions } from '../train/progress.js';
import { count, describe } from '../validate.js';
import { decimal, strictNumberFlag, type Args } from './args.js';
import { columnIndex, DEFAULT_FEATURE_HINT, numberCell, quotedList, readCsv, type Table } from './csv.js';
import { checkOutputPath, writeAll, type Output } from './files.js';
import type { Columns } from './model.js';

/**
 * fit's defaults: Keras's where Keras has one (Adam at 0.001, batches of 32, shuffled every epoch);
 * see FIT_HELP for why the others are what they are.
 */
export const FIT_DEFAULTS = {
  layers: '16,16',
  activation: 'relu',
  head: 'linear',
  optimizer: 'adam',
  lr: 0.001,
  batchSize: 32,
  epochs: 100,
  validationSplit: 0,
  seed: 1,
} as const satisfies { head: HeadName; activation: HiddenActivation; optimizer: keyof typeof OPTIMIZERS } & Record<string, unknown>;

/** The checked flags of one `fit`. */
interface FitSettings {
  readonly targets: readonly string[];
  /** The --features values as given, each one name or names separated by commas (undefined: every column that is not a target). */
  readonly features: readonly string[] | undefined;
  readonly hidden: readonly number[];
  /** One per hidden layer. */
  readonly activations: readonly HiddenActivation[];
  readonly head: HeadName;
  readonly optimizer: keyof typeof OPTIMIZERS;
  readonly lr: number;
  readonly batchSize: number;
  readonly epochs: number;
  readonly validationSplit: number;
  readonly seed: number;
  readonly standardize: boolean;
  readonly save: string | undefined;
  readonly plot: string | undefined;
  readonly json: boolean;
}

/** Where fit shows progress: a bar on a terminal's stderr, else nothing (see main's Io). */
export interface FitIo {
  readonly progress?: ProgressOptions;
}

/** Runs `fit` and returns what goes to stdout. Throws a TypedMlpError (exit 2) on bad input, before writing any file. */
export function fitCommand(args: Args, io: FitIo): string {
  const s = readSettings(args);
  const outputs: { flag: string; path: string }[] = [];
  for (const [flag, path] of [['--save', s.save], ['--plot', s.plot]] as const) {
    if (path === undefined) continue;
    checkOutputPath(flag, path, [args.file], outputs);
    outputs.push({ flag, path });
  }
  const table = readCsv(args.file);
  const data = readData(table, s);
  const { columns } = data;
  const split = splitRows(data, s);
  const scaler = s.standardize ? standardScaler(split.xTrain) : undefined;
  const xTrain = scaler ? scaler.transform(split.xTrain) : split.xTrain;
  const xVal = split.xVal && (scaler ? scaler.transform(split.xVal) : split.xVal);
  // A linear head's targets are standardized too (fit on the training rows only): a network starting
  // near 0 with Adam at lr 0.001 cannot reach targets of a few hundred in a few hundred steps. It
  // trains on the scaled targets; the metrics reported and predict's values are in the targets' units.
  const targetScaler = s.standardize && s.head === 'linear' ? standardScaler(split.yTrain) : undefined;
  const yTrainFit = targetScaler ? targetScaler.transform(split.yTrain) : split.yTrain;
  const yValFit = split.yVal && (targetScaler ? targetScaler.transform(split.yVal) : split.yVal);
  const sizes = [columns.features.length, ...s.hidden, data.outputs];
  const net = fromSizes(sizes, { hidden: [...s.activations], head: s.head, seed: s.seed }) as Network<number[], HeadName>;
  const started = Date.now();
  const history = net.fit(xTrain, yTrainFit, {
    lr: s.lr,
    epochs: s.epochs,
    batchSize: s.batchSize,
    shuffle: true,
    seed: s.seed,
    optimizer: s.optimizer,
    ...(xVal !== undefined && yValFit !== undefined && { validation: [xVal, yValFit] as const }),
    ...(io.progress !== undefined && { progress: io.progress }),
  });
  const seconds = (Date.now() - started) / 1000;
  const train = scores(net, xTrain, split.yTrain, targetScaler);
  const validation = xVal !== undefined && split.yVal !== undefined ? scores(net, xVal, split.yVal, targetScaler) : undefined;

  const files: Output[] = [];
  if (s.save !== undefined) {
    const saved = { ...saveNetwork(net, { ...(scaler && { inputScaler: scaler }), ...(targetScaler && { targetScaler }) }), ...columns };
    files.push({ flag: '--save', path: s.save, text: `${JSON.stringify(saved)}\n` });
  }
  if (s.plot !== undefined) {
    const curves = history.valLoss !== undefined ? { loss: history.loss, valLoss: history.valLoss } : { loss: history.loss };
    const units = targetScaler ? ', standardized targets' : '';
    files.push({ flag: '--plot', path: s.plot, text: lossCurveSvg(curves, { title: `${basename(args.file)}: loss per epoch (${s.optimizer}, lr ${s.lr}${units})` }) });
  }
  writeAll(files);

  const metric = net.head === 'linear' ? 'mae' : 'accuracy';
  const h = history as unknown as Record<string, number[] | undefined>;
  const report = {
    rows: { train: split.yTrain.rows, ...(split.yVal && { validation: split.yVal.rows }) },
    ...columns,
    sizes,
    activations: [...net.activations],
    head: net.head,
    settings: { optimizer: s.optimizer, lr: s.lr, batchSize: s.batchSize, epochs: s.epochs, validationSplit: s.validationSplit, seed: s.seed, standardize: s.standardize },
    ...(data.classes && { classes: classCounts(data.classes, data.classNames, split) }),
    train,
    ...(validation && { validation }),
    history: {
      loss: history.loss,
      [metric]: h[metric],
      ...(history.valLoss !== undefined && { valLoss: history.valLoss, [metric === 'mae' ? 'valMae' : 'valAccuracy']: h[metric === 'mae' ? 'valMae' : 'valAccuracy'] }),
    },
    ...(s.save !== undefined && { saved: s.save }),
    ...(s.plot !== undefined && { plot: s.plot }),
  };
  if (s.json) return `${JSON.stringify(report)}\n`;
  return humanReport(args.file, table, s, sizes, net, columns, train, validation, split.yTrain.rows, split.yVal?.rows, seconds);
}

// ---------------------------------------------------------------------------------------------
// Flags
// ---------------------------------------------------------------------------------------------

function readSettings(args: Args): FitSettings {
  const f = args.flags;
  const targets = args.lists.target ?? [];
  if (targets.length === 0) throw new InputError('fit needs --target COL: the column to predict (repeat --target for several)');
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice !== undefined) throw new InputError(`--target ${JSON.stringify(twice)} is given twice`);
  const features = args.lists.features;
  const hidden = readLayers(f.layers ?? FIT_DEFAULTS.layers);
  const head = f.head ?? FIT_DEFAULTS.head;
  if (!(HEAD_NAMES as readonly string[]).includes(head)) throw new InputError(`--head is ${describe(head)}; expected ${HEAD_NAMES.join(', ')}`);
  const optimizer = f.optimizer ?? FIT_DEFAULTS.optimizer;
  if (!Object.hasOwn(OPTIMIZERS, optimizer)) throw new InputError(`--optimizer is ${describe(optimizer)}; expected ${Object.keys(OPTIMIZERS).join(', ')}`);
  const lr = number(f.lr, FIT_DEFAULTS.lr);
  checkLearningRate(lr, '--lr');
  const batchSize = number(f['batch-size'], FIT_DEFAULTS.batchSize);
  checkBatchSize(batchSize, '--batch-size');
  const epochs = number(f.epochs, FIT_DEFAULTS.epochs);
  checkEpochs(epochs, '--epochs');
  const validationSplit = number(f['validation-split'], FIT_DEFAULTS.validationSplit);
  if (typeof validationSplit !== 'number' || !(validationSplit >= 0 && validationSplit < 1)) {
    throw new ValueError(`--validation-split is ${describe(validationSplit)}, but it must be a fraction in [0, 1) (the share of rows held out to validate; 0 for none)`);
  }
  const seed = number(f.seed, FIT_DEFAULTS.seed);
  checkSeed(seed, '--seed');
  return {
    targets,
    features,
    hidden,
    activations: readActivations(f.activation ?? FIT_DEFAULTS.activation, hidden.length),
    head: head as HeadName,
    optimizer: optimizer as keyof typeof OPTIMIZERS,
    lr,
    batchSize,
    epochs,
    validationSplit,
    seed,
    standardize: args.switches.has('standardize'),
    save: f.save,
    plot: f.plot,
    json: args.switches.has('json'),
  };
}

/** A number flag's value (a plain decimal), its raw text when it is not one (the check quotes it), or the default. */
function number(raw: string | undefined, fallback: number): number | string {
  return raw === undefined ? fallback : strictNumberFlag(raw);
}

/** `16,16` → [16, 16]; `none` → [] (no hidden layer). */
function readLayers(raw: string): number[] {
  if (raw.trim() === 'none') return [];
  const parts = raw.split(',').map((p) => p.trim());
  if (!parts.every((p) => /^\d+$/.test(p) && Number(p) >= 1 && Number.isSafeInteger(Number(p)))) {
    throw new InputError(`--layers is ${describe(raw)}, but it must be hidden layer sizes separated by commas (positive integers, e.g. 16,16), or none`);
  }
  return parts.map(Number);
}

/** One activation for every hidden layer, or one per hidden layer. */
function readActivations(raw: string, hiddenLayers: number): HiddenActivation[] {
  const names = raw.split(',').map((p) => p.trim());
  const bad = names.find((n) => !(HIDDEN_ACTIVATIONS as readonly string[]).includes(n));
  if (bad !== undefined) throw new InputError(`--activation ${describe(bad)} is not a hidden activation; expected ${HIDDEN_ACTIVATIONS.join(', ')}`);
  if (names.length === 1) return Array.from({ length: hiddenLayers }, () => names[0] as HiddenActivation);
  if (names.length !== hiddenLayers) {
    throw new InputError(`--activation lists ${names.length} activations but --layers gives ${hiddenLayers} hidden layer${hiddenLayers === 1 ? '' : 's'}: give one for all, or one per layer`);
  }
  return names as HiddenActivation[];
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/** The table as a network's X and Y, with the columns and class names to save. */
interface Data {
  readonly x: Matrix;
  readonly y: Matrix;
  readonly outputs: number;
  readonly columns: Columns;
  /** Each row's class (for a stratified split), or undefined when the targets are not classes. */
  readonly classes: number[] | undefined;
  /** The names of the classes `classes` counts (the labels, the target columns, or "0" and "1"). */
  readonly classNames: readonly string[];
}

function readData(table: Table, s: FitSettings): Data {
  const targetIdx = s.targets.map((t) => columnIndex(table, t, '--target'));
  const featureNames = s.features === undefined ? table.header.filter((h) => !s.targets.includes(h)) : featureList(table, s.features, s.targets);
  if (featureNames.length === 0) throw new InputError(`${table.source} has no column left for the features: its only columns, ${quotedList(table.header)}, are targets`);
  const featureIdx = featureNames.map((n) => columnIndex(table, n, '--features'));
  // A column taken by default that holds text (a note, an id) is most likely one to leave out: say how.
  const featureHint = s.features === undefined ? DEFAULT_FEATURE_HINT : '';
  const records = table.rows.map((_, r) => Object.fromEntries(featureIdx.map((c, j) => [featureNames[j]!, numberCell(table, r, c, featureHint)])));
  const x = fromRecords(records, featureNames) as Matrix;
  const hint = s.head === 'softmax' ? '' : ' (for class names, use --head softmax)';

  if (s.head === 'softmax' && targetIdx.length === 1) {
    const c = targetIdx[0]!;
    const texts = table.rows.map((row, r) => {
      if (row[c] === '') throw new InputError(`${table.source} row ${r + 1}, column ${JSON.stringify(table.header[c])} is empty: every row needs a class`);
      return row[c]!;
    });
    const labels = [...new Set(texts)];
    if (labels.every((t) => decimal(t) !== undefined)) labels.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
    else labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (labels.length < 2) throw new InputError(`--target ${JSON.stringify(s.targets[0])} holds one class only (${JSON.stringify(labels[0])}) in ${table.source}: a softmax head needs at least 2`);
    const index = new Map(labels.map((l, k) => [l, k]));
    const classes = texts.map((t) => index.get(t)!);
    return { x, y: oneHot(classes, labels.length) as Matrix, outputs: labels.length, columns: { features: featureNames, targets: s.targets, labels }, classes, classNames: labels };
  }

  const values = table.rows.map((_, r) => targetIdx.map((c) => numberCell(table, r, c, hint)));
  if (s.head === 'sigmoid') {
    values.forEach((row, r) =>
      row.forEach((v, j) => {
        if (v < 0 || v > 1) throw new InputError(`${table.source} row ${r + 1}, column ${JSON.stringify(s.targets[j])} is ${v}, but a sigmoid head's targets must lie in [0, 1] (1 for the class, 0 for not)${hint}`);
      }),
    );
  }
  if (s.head === 'softmax') {
    values.forEach((row, r) => {
      const sum = row.reduce((a, b) => a + b, 0);
      if (row.some((v) => v < 0 || v > 1) || Math.abs(sum - 1) > 1e-6) {
        throw new InputError(`${table.source} row ${r + 1}: the targets ${quotedList(s.targets)} are ${row.join(', ')}, but with several target columns a softmax head takes probabilities in [0, 1] that sum to 1 (for class names, give one --target)`);
      }
    });
  }
  const records2 = values.map((row) => Object.fromEntries(row.map((v, j) => [s.targets[j]!, v])));
  const y = fromRecords(records2, [...s.targets]) as Matrix;
  // Classes for the stratified split: the argmax of probability rows, or a single 0/1 column.
  const classes =
    s.head === 'softmax'
      ? values.map((row) => row.indexOf(Math.max(...row)))
      : s.head === 'sigmoid' && targetIdx.length === 1 && values.every((row) => row[0] === 0 || row[0] === 1)
        ? values.map((row) => row[0]!)
        : undefined;
  return { x, y, outputs: targetIdx.length, columns: { features: featureNames, targets: s.targets }, classes, classNames: s.head === 'softmax' ? s.targets : ['0', '1'] };
}

/**
 * The --features values as column names: a value that is exactly a column's name is that column
 * (so a name with a comma can be given in a --features of its own), else names separated by commas.
 */
function featureList(table: Table, values: readonly string[], targets: readonly string[]): string[] {
  const names = values.flatMap((v) => (table.header.includes(v) ? [v] : v.split(',').map((name) => name.trim())));
  const empty = names.indexOf('');
  if (empty !== -1) throw new InputError(`--features has an empty name at position ${empty + 1}: give column names separated by commas, e.g. --features a,b,c`);
  const dup = names.find((t, i) => names.indexOf(t) !== i);
  if (dup !== undefined) throw new InputError(`--features names ${JSON.stringify(dup)} twice`);
  const both = names.find((t) => targets.includes(t));
  if (both !== undefined) throw new InputError(`${JSON.stringify(both)} is given to both --features and --target: a column is either an input or a target`);
  return names;
}

interface Split {
  /** The rows of the data in each part. */
  readonly trainRows: readonly number[];
  readonly valRows: readonly number[];
  readonly xTrain: Matrix;
  readonly yTrain: Matrix;
  readonly xVal: Matrix | undefined;
  readonly yVal: Matrix | undefined;
}

/** Holds out the validation rows: a seeded shuffle, stratified by class when the targets are classes. */
function splitRows(data: Data, s: FitSettings): Split {
  if (s.validationSplit === 0) return { trainRows: Array.from({ length: data.y.rows }, (_, i) => i), valRows: [], xTrain: data.x, yTrain: data.y, xVal: undefined, yVal: undefined };
  let split: ReturnType<typeof trainTestSplit>;
  try {
    split = trainTestSplit(data.x, data.y, {
      testFraction: s.validationSplit,
      seed: s.seed,
      ...(data.classes !== undefined && { stratify: data.classes }),
    });
  } catch (e) {
    // Its messages name its option; the user gave the flag.
    if (e instanceof ValueError) throw new ValueError(e.message.replace(/^testFraction\b/, '--validation-split').replace(/\btest rows\b/g, 'validation rows'));
    throw e;
  }
  return { trainRows: split.trainIndices, valRows: split.testIndices, xTrain: split.xTrain as Matrix, yTrain: split.yTrain as Matrix, xVal: split.xTest as Matrix, yVal: split.yTest as Matrix };
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

/** How many rows of each class went to training and to validation. */
function classCounts(classes: readonly number[], names: readonly string[], split: Split): { names: readonly string[]; train: number[]; validation?: number[] } {
  const counts = (rows: readonly number[]) => {
    const c = names.map(() => 0);
    for (const i of rows) c[classes[i]!]!++;
    return c;
  };
  return { names, train: counts(split.trainRows), ...(split.valRows.length > 0 && { validation: counts(split.valRows) }) };
}

type Scores = { loss: number; accuracy: number } | { loss: number; mae: number; r2: number };

/**
 * The final loss and metric of `net` on the (scaled) features `x` against the targets `y` as they
 * are in the file. With a target scaler (a linear head fit with --standardize) the network's outputs
 * are mapped back first, so the loss (mean squared error), MAE and R² are in the targets' units,
 * as predict's values are.
 */
function scores(net: Network<number[], HeadName>, x: Matrix, y: Matrix, targetScaler?: Scaler): Scores {
  if (targetScaler) {
    const yhat = targetScaler.inverseTransform(net.forward(x as never) as Matrix) as Matrix;
    let squares = 0;
    for (let i = 0; i < y.data.length; i++) squares += (yhat.data[i]! - y.data[i]!) ** 2;
    return { loss: squares / y.data.length, mae: mae(y, yhat), r2: r2(y, yhat) };
  }
  const ev = net.evaluate(x, y) as { loss: number; accuracy?: number; mae?: number; r2?: number };
  return ev.accuracy !== undefined ? { loss: ev.loss, accuracy: ev.accuracy } : { loss: ev.loss, mae: ev.mae!, r2: ev.r2! };
}

/** A number for people: 4 significant digits, no trailing zeros. */
export function short(v: number): string {
  return String(Number(v.toPrecision(4)));
}

function humanReport(path: string, table: Table, s: FitSettings, sizes: readonly number[], net: Network<number[], HeadName>, columns: Columns, train: Scores, validation: Scores | undefined, trainRows: number, valRows: number | undefined, seconds: number): string {
  const lines: string[] = [];
  const { features, targets, labels } = columns;
  lines.push(`data      ${path}: ${count(table.rows.length, 'row')}, ${count(features.length, 'feature')} (${quotedList(features)})`);
  lines.push(`target    ${quotedList(targets)}${labels ? `: ${labels.length} classes (${quotedList(labels)})` : ''}`);
  lines.push(`network   ${sizes.join('-')}, ${s.hidden.length ? `${[...new Set(net.activations.slice(0, -1))].join('/')} hidden, ` : ''}${net.head} head, ${net.parameterCount.toLocaleString('en-US')} parameters`);
  lines.push(
    `trained   ${count(s.epochs, 'epoch')}, ${s.optimizer} at lr ${s.lr}, batches of ${s.batchSize}, seed ${s.seed}${s.standardize ? (net.head === 'linear' ? ', standardized features and targets' : ', standardized features') : ''}, in ${seconds.toFixed(1)} s`,
  );
  const metricNames = 'accuracy' in train ? ['loss', 'accuracy'] : ['loss', 'mae', 'r2'];
  const cell = (sc: Scores, m: string) => {
    const v = (sc as Record<string, number>)[m]!;
    return m === 'accuracy' ? `${(100 * v).toFixed(1)} %` : short(v);
  };
  const headerNames = metricNames.map((m) => (m === 'r2' ? 'R²' : m === 'mae' ? 'MAE' : m));
  const rows: string[][] = [['', ...headerNames], [`train (${trainRows} rows)`, ...metricNames.map((m) => cell(train, m))]];
  if (validation && valRows !== undefined) rows.push([`validation (${valRows} rows)`, ...metricNames.map((m) => cell(validation, m))]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) lines.push(`  ${r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('   ')}`.trimEnd());
  if (s.save !== undefined) lines.push(`saved     ${s.save}`);
  else lines.push('not saved (give --save model.json to keep the model)');
  if (s.plot !== undefined) lines.push(`plot      ${s.plot}`);
  return `${lines.join('\n')}\n`;
}
