/** `typed-mlp predict MODEL.json DATA.csv [--out FILE]`: a saved model's predictions for every row of a CSV file. */
import { extname } from 'node:path';
import { InputError } from '../errors.js';
import { argmax } from '../data/one-hot.js';
import { fromRecords } from '../data/records.js';
import type { Matrix } from '../matrix.js';
import type { Args } from './args.js';
import { columnIndex, numberCell, readCsv, toCsv } from './csv.js';
import { checkOutputPath, writeAll } from './files.js';
import { readModel, type CliModel } from './model.js';

/** The predictions as a table: column names, and one row of values per data row. */
export interface Predictions {
  readonly header: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** Runs `predict` and returns what goes to stdout. Throws a TypedMlpError (exit 2) on bad input, before writing any file. */
export function predictCommand(args: Args): string {
  const [modelPath, dataPath] = args.positionals as [string, string];
  const out = args.flags.out;
  const json = args.switches.has('json');
  let format: 'csv' | 'json' = json ? 'json' : 'csv';
  if (out !== undefined) {
    checkOutputPath('--out', out, [modelPath, dataPath]);
    const ext = extname(out).toLowerCase();
    if (ext !== '.csv' && ext !== '.json') throw new InputError(`--out ${JSON.stringify(out)} must end in .csv or .json (the format is chosen by the extension)`);
    format = ext === '.csv' ? 'csv' : 'json';
  }
  const model = readModel(modelPath);
  const table = readCsv(dataPath);
  const idx = model.features.map((name) => columnIndex(table, name, "the model's feature"));
  const records = table.rows.map((_, r) => Object.fromEntries(idx.map((c, j) => [model.features[j]!, numberCell(table, r, c)])));
  const x = fromRecords(records, [...model.features]) as Matrix;
  const predictions = predict(model, x);
  const text = format === 'csv' ? toCsv(predictions.header, predictions.rows) : `${JSON.stringify(asObjects(predictions))}\n`;
  if (out === undefined) return text;
  writeAll([{ flag: '--out', path: out, text }]);
  const rows = predictions.rows.length;
  return json ? `${JSON.stringify({ out, format, rows })}\n` : `wrote ${rows} prediction${rows === 1 ? '' : 's'} to ${out}\n`;
}

/**
 * The model's predictions for the feature rows `x` (in the model's feature order, unscaled): the
 * saved input scaler is applied, then the network, then (linear head) the saved target scaler's
 * inverse. Classifiers give each row's class and probabilities, regression the values.
 */
export function predict(model: CliModel, x: Matrix): Predictions {
  const { network: net, targets, labels } = model;
  const input = model.inputScaler ? (model.inputScaler.transform(x) as Matrix) : x;
  let yhat = net.forward(input) as Matrix;
  const rowsOf = (m: Matrix) => Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  if (net.head === 'linear') {
    if (model.targetScaler) yhat = model.targetScaler.inverseTransform(yhat) as Matrix;
    return { header: targets, rows: rowsOf(yhat) };
  }
  const probs = rowsOf(yhat);
  if (net.head === 'sigmoid') {
    return {
      header: targets.flatMap((t) => [t, `p_${t}`]),
      rows: probs.map((row) => row.flatMap((p) => [p > 0.5 ? 1 : 0, p])),
    };
  }
  const names = labels ?? targets;
  const classes = argmax(yhat);
  return {
    header: [labels ? targets[0]! : 'class', ...names.map((n) => `p_${n}`)],
    rows: probs.map((row, i) => [names[classes[i]!]!, ...row]),
  };
}

/** One object per row, keyed by the column names. */
function asObjects(p: Predictions): Record<string, string | number>[] {
  return p.rows.map((row) => Object.fromEntries(p.header.map((h, j) => [h, row[j]!])));
}
