/**
 * A CSV round trip: fit, save, reload in a new process, predict.
 *
 * examples/data/parcels.csv holds 90 parcels (length, width, weight, a text note) and their size
 * class, written the way spreadsheets write CSV: CRLF line ends, a blank line, a header name with
 * a comma ("weight, kg"), and quoted fields holding commas, doubled quotes and line breaks (the
 * class names are "small, flat", medium and "large ""XL"""). Three processes:
 *
 *   1. `typed-mlp fit` trains a softmax classifier on it (features standardized, 20 % held out,
 *      stratified) and saves model.json: the network, the scaler and the class names;
 *   2. `typed-mlp predict` reloads model.json and predicts examples/data/parcels-new.csv (its
 *      columns in another order, without the size, with a column the model does not use);
 *   3. this process reloads model.json with the library's loadModel, reads the same CSV with
 *      csv-parse, and computes the predictions itself: they match the CLI's exactly.
 *
 * Run it with `npm run example:csv-round-trip`; test/cli-example.test.ts runs it too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { argmax, fromRecords, loadModel, type Matrix } from '../src/index.js';

/** The repository root: the folder above this file (examples/ or dist/examples/) with typed-mlp's package.json. */
function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== 'typed-mlp') {
    const up = dirname(dir);
    if (up === dir) throw new Error('typed-mlp package.json not found above the example');
    dir = up;
  }
  return dir;
}

/** Runs `typed-mlp ARGS…` (the built bin) in a new process; a failure throws with its stderr line. */
function typedMlp(...args: string[]): string {
  const r = spawnSync(process.execPath, [join(root(), 'bin', 'typed-mlp.js'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`typed-mlp ${args[0]} exited ${r.status}: ${r.stderr.trim()}`);
  return r.stdout;
}

export interface RoundTrip {
  /** Rows used to train and to validate in process 1, and the validation accuracy. */
  readonly trainRows: number;
  readonly validationRows: number;
  readonly validationAccuracy: number;
  /** Process 2's predictions (the CLI's CSV, parsed): id, class and probabilities per new parcel. */
  readonly cli: readonly { id: string; size: string; probabilities: number[] }[];
  /** Process 3's: the same, computed here from the model reloaded with loadModel. */
  readonly reloaded: readonly { id: string; size: string; probabilities: number[] }[];
  /** The class names saved in the model, in output order. */
  readonly classes: readonly string[];
  /** The largest difference between the two processes' probabilities (0 when they match exactly). */
  readonly maxDifference: number;
  readonly match: boolean;
}

export function csvRoundTrip(): RoundTrip {
  const data = join(root(), 'examples', 'data');
  const work = mkdtempSync(join(tmpdir(), 'typed-mlp-round-trip-'));
  try {
    const model = join(work, 'model.json');
    const preds = join(work, 'predictions.csv');
    const newParcels = join(data, 'parcels-new.csv');

    // 1. Train and save (a new process).
    const fit = JSON.parse(
      typedMlp('fit', join(data, 'parcels.csv'), '--target', 'size', '--features', 'length (cm),width (cm)', '--features', 'weight, kg',
        '--head', 'softmax', '--layers', '8', '--epochs', '200', '--lr', '0.01', '--validation-split', '0.2', '--standardize', '--save', model, '--json'),
    );

    // 2. Reload and predict (another new process).
    typedMlp('predict', model, newParcels, '--out', preds);
    const ids = (parse(readFileSync(newParcels), { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.id!);
    const cliRows = parse(readFileSync(preds), { columns: true }) as Record<string, string>[];

    // 3. Reload here with the library, and predict the same rows by hand.
    const text = readFileSync(model, 'utf8');
    const { network, inputScaler } = loadModel(text);
    const { features, labels } = JSON.parse(text) as { features: string[]; labels: string[] };
    const records = (parse(readFileSync(newParcels), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[])
      // csv-parse gives text; a strict number (no "" → 0), so fromRecords refuses anything else by row and column.
      .map((r) => Object.fromEntries(features.map((f) => [f, /^\s*$/.test(r[f] ?? '') ? NaN : Number(r[f])])));
    const x = fromRecords(records, features) as Matrix;
    const probabilities = network.forward(inputScaler ? (inputScaler.transform(x) as Matrix) : x) as Matrix;
    const classes = argmax(probabilities);

    const cli = cliRows.map((row, i) => ({ id: ids[i]!, size: row.size!, probabilities: labels.map((l) => Number(row[`p_${l}`])) }));
    const reloaded = classes.map((k, i) => ({ id: ids[i]!, size: labels[k]!, probabilities: Array.from(probabilities.data.subarray(i * labels.length, (i + 1) * labels.length)) }));
    const maxDifference = Math.max(...cli.flatMap((row, i) => row.probabilities.map((p, k) => Math.abs(p - reloaded[i]!.probabilities[k]!))));
    return {
      trainRows: fit.rows.train,
      validationRows: fit.rows.validation,
      validationAccuracy: fit.validation.accuracy,
      cli,
      reloaded,
      classes: labels,
      maxDifference,
      match: cli.length === reloaded.length && maxDifference === 0 && cli.every((row, i) => row.size === reloaded[i]!.size),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = csvRoundTrip();
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  console.log(`1. typed-mlp fit (a new process): ${r.trainRows} parcels to train, ${r.validationRows} to validate; validation accuracy ${pct(r.validationAccuracy)}; saved with its scaler and classes ${r.classes.map((c) => JSON.stringify(c)).join(', ')}`);
  console.log(`2. typed-mlp predict (another process) on parcels-new.csv:`);
  for (const row of r.cli) console.log(`     ${row.id}  ${JSON.stringify(row.size).padEnd(16)} p = ${Math.max(...row.probabilities).toFixed(3)}`);
  console.log(`3. reloaded here with loadModel: the ${r.reloaded.length} predictions ${r.match ? 'match the CLI\'s exactly' : 'DO NOT match the CLI\'s'} (largest difference in a probability: ${r.maxDifference})`);
  if (!r.match) process.exitCode = 1;
}
