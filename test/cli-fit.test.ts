/**
 * `typed-mlp fit`: the built CLI in child processes (as `npx typed-mlp` runs it) on small CSV files,
 * its model files reloaded in new processes by `predict`, and every kind of bad input (exit 2, one
 * line on stderr, no file written). Build first: npm run build.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { FIT_HELP } from '../src/cli/help.js';
import { fromArray, fromRecords, loadModel, loadNetwork, mae, type Matrix, mulberry32, normal, r2, standardScaler, trainTestSplit } from '../src/index.js';
import { cli, scratchDir } from './helpers/cli.js';

const { dir, path, file } = scratchDir('typed-mlp-fit-');
const csv = (header: string[], rows: (string | number)[][], eol = '\n') => [header.join(','), ...rows.map((r) => r.join(','))].join(eol) + eol;

/** y = 2a − b + 0.05·noise, a and b uniform in [−1, 1], seeded. */
function linearRows(count: number, seed: number): number[][] {
  const u = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const a = 2 * u() - 1;
    const b = 2 * u() - 1;
    return [a, b, 2 * a - b + 0.05 * normal(u)];
  });
}

/** Three species in two features, the class names with a comma and quotes (CSV-quoted), seeded. */
const SPECIES = ['setosa, small', 'versicolor', 'virginica "v"'];
const quoted = (s: string) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
function blobRows(perClass: number, seed: number): (string | number)[][] {
  const u = mulberry32(seed);
  const centres = [[-2, 0], [2, 0], [0, 3]];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < perClass; i++) {
    centres.forEach(([cx, cy], k) => rows.push([(cx! + 0.6 * normal(u)).toFixed(4), (cy! + 0.6 * normal(u)).toFixed(4), quoted(SPECIES[k]!)]));
  }
  return rows;
}

/**
 * Houses: price = 50 + 30·rooms − 0.8·age + 8·noise (about 100 to 350: far from 0, as prices are),
 * rooms 3 to 10, age 0 to 60, and a text column "note" (some notes with commas), seeded.
 */
function houseRows(count: number, seed: number): { rooms: number; age: number; note: string; price: number }[] {
  const u = mulberry32(seed);
  const notes = ['near the park, quiet', '', 'corner plot', 'needs work'];
  return Array.from({ length: count }, (_, i) => {
    const rooms = 3 + Math.floor(8 * u());
    const age = Math.round(60 * u());
    return { rooms, age, note: notes[i % notes.length]!, price: Number((50 + 30 * rooms - 0.8 * age + 8 * normal(u)).toFixed(2)) };
  });
}
const houseCsv = (rows: ReturnType<typeof houseRows>) => csv(['rooms', 'age', 'note', 'price'], rows.map((h) => [h.rooms, h.age, quoted(h.note), h.price]));

const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Record<string, any>;
/** Exit 0, nothing on stderr (stderr is a pipe here: no progress bar). */
const ok = (r: ReturnType<typeof cli>) => {
  expect(r.stderr, r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r;
};

describe('fit → save → predict in a new process', () => {
  it('regression: y = 2a − b + noise, a linear head reaches R² > 0.95 on held-out rows, and predict on new rows agrees', () => {
    const data = file('linear.csv', csv(['a', 'b', 'y'], linearRows(300, 1)));
    const model = path('linear-model.json');
    const r = ok(cli('fit', data, '--target', 'y', '--layers', '16', '--activation', 'tanh', '--epochs', '150', '--lr', '0.01', '--validation-split', '0.2', '--save', model, '--json'));
    const out = json(r);
    expect(out.rows).toEqual({ train: 240, validation: 60 });
    expect(out.features).toEqual(['a', 'b']);
    expect(out.targets).toEqual(['y']);
    expect(out.sizes).toEqual([2, 16, 1]);
    expect(out.head).toBe('linear');
    expect(out.validation.r2).toBeGreaterThan(0.95);
    expect(out.train.r2).toBeGreaterThan(0.95);
    expect(out.history.loss).toHaveLength(150);
    expect(out.history.valLoss).toHaveLength(150);
    expect(out.saved).toBe(model);

    // Fresh rows, the target column left out: predict reads the features by name.
    const fresh = linearRows(100, 99);
    const newData = file('linear-new.csv', csv(['b', 'a'], fresh.map(([a, b]) => [b!, a!])));
    const p = ok(cli('predict', model, newData));
    const rows = parse(p.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['y']);
    const yhat = rows.map((row) => Number(row.y));
    const truth = fresh.map((row) => row[2]!);
    expect(r2(fromArray(truth, truth.length, 1), fromArray(yhat, yhat.length, 1))).toBeGreaterThan(0.95);
  });

  it('the text summary (without --json) names the data, the network and the final metrics', () => {
    const data = file('linear.csv', csv(['a', 'b', 'y'], linearRows(60, 2)));
    const r = ok(cli('fit', data, '--target', 'y', '--epochs', '5', '--validation-split', '0.25'));
    expect(r.stdout).toMatch(/^data {6}\/.*linear\.csv: 60 rows, 2 features \("a", "b"\)\n/);
    expect(r.stdout).toMatch(/\nnetwork {3}2-16-16-1, relu hidden, linear head, 337 parameters\n/);
    expect(r.stdout).toMatch(/\ntrained {3}5 epochs, adam at lr 0\.001, batches of 32, seed 1, in \d+\.\d s\n/);
    expect(r.stdout).toMatch(/\n {20,}loss +MAE +R²\n {2}train \(45 rows\) +[-\d.e]+ +[-\d.e]+ +[-\d.e]+\n {2}validation \(15 rows\) +/);
    expect(r.stdout).toMatch(/\nnot saved \(give --save model\.json to keep the model\)\n$/);
  });

  it('softmax with string class names (quoted, with commas and quotes) in a CRLF file: one-hot, names saved, predicted back by name', () => {
    const data = file('species.csv', csv(['x1', 'x2', 'species'], blobRows(40, 3), '\r\n'));
    const model = path('species-model.json');
    const out = json(ok(cli('fit', data, '--target', 'species', '--head', 'softmax', '--layers', '8', '--epochs', '60', '--lr', '0.01', '--validation-split', '0.25', '--save', model, '--json')));
    expect(out.labels).toEqual(SPECIES); // sorted: "setosa, small" < "versicolor" < "virginica \"v\""
    expect(out.sizes).toEqual([2, 8, 3]);
    expect(out.validation.accuracy).toBeGreaterThanOrEqual(0.9);
    // Stratified: each class keeps its share in both parts (30 rows held out, 10 per class).
    expect(out.classes).toEqual({ names: SPECIES, train: [30, 30, 30], validation: [10, 10, 10] });
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(saved).toMatchObject({ format: 'typed-mlp', features: ['x1', 'x2'], targets: ['species'], labels: SPECIES });

    const fresh = blobRows(10, 4);
    const p = ok(cli('predict', model, file('species-new.csv', csv(['x2', 'x1', 'species'], fresh.map(([a, b, c]) => [b!, a!, c!]), '\r\n'))));
    const rows = parse(p.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['species', ...SPECIES.map((s) => `p_${s}`)]);
    const right = rows.filter((row, i) => row.species === SPECIES[i % 3]).length;
    expect(right / rows.length).toBeGreaterThanOrEqual(0.9);
    for (const row of rows) {
      const probs = SPECIES.map((s) => Number(row[`p_${s}`]));
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(row.species).toBe(SPECIES[probs.indexOf(Math.max(...probs))]);
    }
  });

  it('sigmoid: 0/1 targets, predicted as the class and its probability', () => {
    const u = mulberry32(5);
    const rows = Array.from({ length: 120 }, () => {
      const a = 2 * u() - 1;
      const b = 2 * u() - 1;
      return [a.toFixed(3), b.toFixed(3), a + b > 0 ? 1 : 0];
    });
    const model = path('sigmoid.json');
    const out = json(ok(cli('fit', file('binary.csv', csv(['a', 'b', 'label'], rows)), '--target', 'label', '--head', 'sigmoid', '--layers', '8', '--epochs', '80', '--lr', '0.01', '--validation-split', '0.2', '--save', model, '--json')));
    expect(out.train.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(out.classes.names).toEqual(['0', '1']);
    const p = parse(ok(cli('predict', model, file('binary-new.csv', csv(['a', 'b'], rows.slice(0, 20).map(([a, b]) => [a!, b!]))))).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(p[0]!)).toEqual(['label', 'p_label']);
    for (const row of p) expect(row.label).toBe(Number(row.p_label) > 0.5 ? '1' : '0');
  });

  it('several targets: two regression outputs, or softmax over columns of probabilities (one-hot columns)', () => {
    const u = mulberry32(10);
    const rows = Array.from({ length: 60 }, () => {
      const a = 2 * u() - 1;
      const k = a < -0.3 ? 0 : a < 0.3 ? 1 : 2;
      return [a.toFixed(4), (2 * a).toFixed(4), (-a).toFixed(4), ...[0, 1, 2].map((j) => (j === k ? 1 : 0))];
    });
    const data = file('multi.csv', csv(['a', 'y1', 'y2', 'low', 'mid', 'high'], rows));
    const [reg, clf] = [path('multi-reg.json'), path('multi-clf.json')];
    const r = json(ok(cli('fit', data, '--target', 'y1', '--target', 'y2', '--features', 'a', '--layers', '8', '--epochs', '5', '--save', reg, '--json')));
    expect([r.sizes, r.targets]).toEqual([[1, 8, 2], ['y1', 'y2']]);
    const c = json(ok(cli('fit', data, '--target', 'low', '--target', 'mid', '--target', 'high', '--features', 'a', '--head', 'softmax', '--layers', '8', '--epochs', '5', '--validation-split', '0.25', '--save', clf, '--json')));
    expect(c.labels).toBeUndefined();
    expect(c.classes).toEqual({ names: ['low', 'mid', 'high'], train: expect.any(Array), validation: expect.any(Array) });
    const newData = file('multi-new.csv', 'a\n-0.9\n0\n0.9\n');
    expect(ok(cli('predict', reg, newData)).stdout.split('\n')[0]).toBe('y1,y2');
    const p = parse(ok(cli('predict', clf, newData)).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(p[0]!)).toEqual(['class', 'p_low', 'p_mid', 'p_high']);
    for (const row of p) expect(['low', 'mid', 'high']).toContain(row.class);
    // Probability rows that do not sum to 1 are refused, by row.
    const broken = file('broken.csv', 'a,p,q\n1,0.5,0.5\n2,0.5,0.6\n');
    expect(cli('fit', broken, '--target', 'p', '--target', 'q', '--head', 'softmax').stderr).toMatch(/^typed-mlp: DATA ".*" row 2: the targets "p", "q" are 0\.5, 0\.6, but with several target columns a softmax head takes probabilities in \[0, 1\] that sum to 1 \(for class names, give one --target\)\n$/);
  });

  it("--standardize: the scalers (the features', and a linear head's targets') are fit on the training rows only, saved, and predict applies them (checked against the library by hand)", () => {
    const u = mulberry32(6);
    const rows = Array.from({ length: 80 }, () => {
      const a = 1000 + 50 * normal(u);
      const b = 0.001 * normal(u);
      return [a.toFixed(2), b.toExponential(4), ((a - 1000) / 50 + 1000 * b).toFixed(4)];
    });
    const data = file('scaled.csv', csv(['a', 'b', 'y'], rows));
    const model = path('scaled.json');
    ok(cli('fit', data, '--target', 'y', '--layers', '4', '--epochs', '20', '--standardize', '--save', model));
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    // Without a validation split the training rows are all rows: mean and population σ by hand.
    const cols = [0, 1].map((j) => rows.map((r) => Number(r[j])));
    const mean = cols.map((c) => c.reduce((s, v) => s + v, 0) / c.length);
    const sd = cols.map((c, j) => Math.sqrt(c.reduce((s, v) => s + (v - mean[j]!) ** 2, 0) / c.length));
    expect(saved.inputScaler.kind).toBe('standard');
    saved.inputScaler.mean.forEach((m: number, j: number) => expect(m).toBeCloseTo(mean[j]!, 9));
    saved.inputScaler.scale.forEach((s: number, j: number) => expect(s / sd[j]! - 1).toBeCloseTo(0, 12));

    // With a validation split, the scaler sees the training rows only: its mean is not all rows' mean.
    const split = path('split.json');
    ok(cli('fit', data, '--target', 'y', '--layers', '4', '--epochs', '2', '--standardize', '--validation-split', '0.5', '--save', split));
    expect(JSON.parse(readFileSync(split, 'utf8')).inputScaler.mean[0]).not.toBeCloseTo(mean[0]!, 6);

    // A linear head: the targets are standardized too, with the training rows' mean and population σ.
    const ys = rows.map((r) => Number(r[2]));
    const yMean = ys.reduce((s, v) => s + v, 0) / ys.length;
    const ySd = Math.sqrt(ys.reduce((s, v) => s + (v - yMean) ** 2, 0) / ys.length);
    expect(saved.targetScaler.kind).toBe('standard');
    expect(saved.targetScaler.mean[0]).toBeCloseTo(yMean, 9);
    expect(saved.targetScaler.scale[0] / ySd - 1).toBeCloseTo(0, 12);

    // predict (a new process) = the saved network on (x − mean) / scale, its output · scale + mean,
    // computed here by hand.
    const newRows = rows.slice(0, 10).map(([a, b]) => [a!, b!]);
    const p = parse(ok(cli('predict', model, file('scaled-new.csv', csv(['a', 'b'], newRows)))).stdout, { columns: true }) as Record<string, string>[];
    const net = loadNetwork(JSON.stringify({ format: saved.format, version: saved.version, sizes: saved.sizes, activations: saved.activations, layers: saved.layers }));
    const scaled = newRows.flatMap((r) => r.map((v, j) => (Number(v) - saved.inputScaler.mean[j]) / saved.inputScaler.scale[j]));
    const byHand = net.forward(fromArray(scaled, newRows.length, 2) as never) as { data: Float64Array };
    expect(p.map((row) => Number(row.y))).toEqual(Array.from(byHand.data, (v) => v * saved.targetScaler.scale[0] + saved.targetScaler.mean[0]));
  });

  it("--standardize on a linear head standardizes the targets too: targets in the hundreds reach R² > 0.9 on the defaults, and every number is in the targets' units", () => {
    const houses = houseRows(300, 42);
    const data = file('houses.csv', houseCsv(houses));
    const model = path('houses-model.json');
    // The defaults (2×16 ReLU, Adam at 0.001, batches of 32, 100 epochs) and --standardize.
    const out = json(ok(cli('fit', data, '--target', 'price', '--features', 'rooms,age', '--standardize', '--validation-split', '0.2', '--save', model, '--json')));
    expect(out.validation.r2).toBeGreaterThan(0.9);
    expect(out.train.r2).toBeGreaterThan(0.9);

    // The target scaler is the one of the training rows only: the same split, fitted by hand.
    const x = fromRecords(houses, ['rooms', 'age']) as Matrix;
    const y = fromRecords(houses, ['price']) as Matrix;
    const split = trainTestSplit(x, y, { testFraction: 0.2, seed: 1 });
    const text = readFileSync(model, 'utf8');
    const saved = JSON.parse(text);
    expect(saved.targetScaler).toEqual(standardScaler(split.yTrain as Matrix).toJSON());
    expect(saved.inputScaler).toEqual(standardScaler(split.xTrain as Matrix).toJSON());

    // The reported loss (mean squared error), MAE and R² are the targets' units: by hand from the saved model.
    const { network, inputScaler, targetScaler } = loadModel(text);
    const byHand = (xs: Matrix) => targetScaler!.inverseTransform(network.predict(inputScaler!.transform(xs) as never) as Matrix) as Matrix;
    for (const [part, xs, ys] of [['train', split.xTrain, split.yTrain], ['validation', split.xTest, split.yTest]] as const) {
      const yhat = byHand(xs as Matrix);
      const mse = Array.from(yhat.data).reduce((sum, v, i) => sum + (v - (ys as Matrix).data[i]!) ** 2, 0) / yhat.rows;
      expect(out[part].mae, part).toBeCloseTo(mae(ys as Matrix, yhat), 9);
      expect(out[part].r2, part).toBeCloseTo(r2(ys as Matrix, yhat), 12);
      expect(out[part].loss / mse - 1, part).toBeCloseTo(0, 12);
    }
    expect(out.validation.mae).toBeLessThan(15); // dollars, not standard deviations: noise is 8

    // predict in a new process: the values in the targets' units, exactly what the library gives by hand.
    const fresh = houseRows(50, 7);
    const p = parse(ok(cli('predict', model, file('houses-new.csv', houseCsv(fresh)))).stdout, { columns: true }) as Record<string, string>[];
    const predicted = p.map((row) => Number(row.price));
    expect(predicted).toEqual(Array.from(byHand(fromRecords(fresh, ['rooms', 'age']) as Matrix).data));
    const truth = fresh.map((h) => h.price);
    expect(r2(fromArray(truth, truth.length, 1), fromArray(predicted, predicted.length, 1))).toBeGreaterThan(0.9);

    // The text summary says so, and summary shows the target scaling.
    expect(ok(cli('fit', data, '--target', 'price', '--features', 'rooms,age', '--standardize', '--epochs', '2')).stdout).toMatch(/, standardized features and targets, in /);
    expect(ok(cli('summary', model)).stdout).toMatch(/\ntarget scaling: standard \(fit on the training rows; predict maps the outputs back to the targets' units\)\n {2}target +mean +scale\n {2}price +2\d\d(\.\d+)? +\d+(\.\d+)?\n$/);
    expect(JSON.parse(ok(cli('summary', model, '--json')).stdout).targetScaler).toEqual(saved.targetScaler);
  });

  it('--standardize scales only the features of a classifier: no target scaler is saved', () => {
    const model = path('species-std.json');
    ok(cli('fit', file('species.csv', csv(['x1', 'x2', 'species'], blobRows(10, 5))), '--target', 'species', '--head', 'softmax', '--epochs', '2', '--standardize', '--save', model));
    const saved = JSON.parse(readFileSync(model, 'utf8'));
    expect(saved.inputScaler.kind).toBe('standard');
    expect(saved.targetScaler).toBeUndefined();
  });

  it("fit --help's example runs as written, on a file like its sample, and predict --help's sample rows predict in the targets' units", () => {
    // The command of the example, its continuation lines joined; its file names swapped for temporary ones.
    const example = FIT_HELP.slice(FIT_HELP.indexOf('\nExample:\n'));
    const command = /\n {2}typed-mlp (fit (?:[^\n]*\\\n)*[^\n]*)/.exec(example)![1]!.replace(/\\\n\s*/g, '');
    const data = file('houses.csv', houseCsv(houseRows(300, 42)));
    const [model, plot] = [path('house-model.json'), path('loss.svg')];
    const argv = command.split(/\s+/).map((a) => ({ 'houses.csv': data, 'house-model.json': model, 'loss.svg': plot })[a] ?? a);
    expect(argv).toContain('--standardize');
    const out = json(ok(cli(...argv, '--json')));
    expect(out.validation.r2).toBeGreaterThan(0.9);
    const newRows = file('new-houses.csv', 'id,age,rooms\nA1,25,4\nA2,8,6\n');
    const p = parse(ok(cli('predict', model, newRows)).stdout, { columns: true }) as Record<string, string>[];
    expect(p).toHaveLength(2);
    expect(Math.abs(Number(p[0]!.price) - (50 + 30 * 4 - 0.8 * 25))).toBeLessThan(20);
    expect(Math.abs(Number(p[1]!.price) - (50 + 30 * 6 - 0.8 * 8))).toBeLessThan(20);
  });

  it('the same seed gives the same model file; another seed another; --plot writes the loss curves', () => {
    const data = file('linear.csv', csv(['a', 'b', 'y'], linearRows(50, 7)));
    const [m1, m2, m3, plot] = [path('m1.json'), path('m2.json'), path('m3.json'), path('loss.svg')];
    ok(cli('fit', data, '--target', 'y', '--epochs', '5', '--validation-split', '0.2', '--save', m1, '--plot', plot));
    ok(cli('fit', data, '--target', 'y', '--epochs', '5', '--validation-split', '0.2', '--save', m2));
    ok(cli('fit', data, '--target', 'y', '--epochs', '5', '--validation-split', '0.2', '--save', m3, '--seed', '2'));
    expect(readFileSync(m1, 'utf8')).toBe(readFileSync(m2, 'utf8'));
    expect(readFileSync(m1, 'utf8')).not.toBe(readFileSync(m3, 'utf8'));
    const svg = readFileSync(plot, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/<polyline class="series"/g)).toHaveLength(2); // loss and valLoss
  });
});

describe('progress', () => {
  it('on a terminal, a bar redrawn on stderr; on a pipe (the tests above), nothing but the summary', () => {
    const data = file('linear.csv', csv(['a', 'b', 'y'], linearRows(40, 8)));
    let bar = '';
    let stdout = '';
    const terminal = { write: (t: string) => void (bar += t), isTTY: true, columns: 80 };
    const code = main(['fit', data, '--target', 'y', '--epochs', '30'], { out: (t) => void (stdout += t), err: (t) => void (bar += `[err]${t}`), progress: { stream: terminal, ci: false } });
    expect(code).toBe(0);
    expect(bar).toMatch(/^\repoch \d+\/30 \[/);
    expect(bar).toMatch(/\repoch 30\/30 \[█+\] 100% loss [\d.e-]+ {2}eta 0\.0s\x1b\[K\n$/);
    expect(bar).not.toMatch(/\[err\]/);
    expect(stdout).toMatch(/^data /);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input: exit 2, one line on stderr naming the flag, row or column, nothing on stdout, no file
// ---------------------------------------------------------------------------------------------

const good = csv(['a', 'b', 'y'], linearRows(20, 9).map((r) => r.map((v) => v.toFixed(3))));
const labelled = csv(['a', 'b', 'kind'], [[1, 2, 'x'], [2, 3, 'y'], [3, 1, 'x']]);
const bad: [string, () => string[], RegExp | string][] = [
  ['an unknown flag', () => ['fit', file('d.csv', good), '--target', 'y', '--lrr', '1'], /^fit does not take --lrr; it takes --target, --features, --layers, /],
  ['no --target', () => ['fit', file('d.csv', good)], 'fit needs --target COL: the column to predict (repeat --target for several)'],
  ['no DATA', () => ['fit', '--target', 'y'], 'fit needs a DATA'],
  ['two DATA files', () => ['fit', file('d.csv', good), file('e.csv', good), '--target', 'y'], /^unexpected argument ".*e\.csv"; fit takes one DATA$/],
  ['a --target that is not a column', () => ['fit', file('d.csv', good), '--target', 'z'], /^--target "z" is not a column of DATA ".*d\.csv"; its columns are "a", "b", "y"$/],
  ['a --features name that is not a column', () => ['fit', file('d.csv', good), '--target', 'y', '--features', 'a,c'], /^--features "c" is not a column of DATA ".*d\.csv"; its columns are "a", "b", "y"$/],
  ['a column that is both feature and target', () => ['fit', file('d.csv', good), '--target', 'y', '--features', 'a,y'], '"y" is given to both --features and --target: a column is either an input or a target'],
  ['a semicolon-separated file', () => ['fit', file('d.csv', 'a;b;y\n1;2;3\n'), '--target', 'y'], /^--target "y" is not a column of DATA ".*"; its columns are "a;b;y" \(the header is one column: is the file separated by ";"\? fit and predict read comma-separated values\)$/],
  ['a cell that is not a number, in a column given to --features', () => ['fit', file('d.csv', 'a,b,y\n1,2,3\n4,abc,6\n'), '--target', 'y', '--features', 'a,b'], /^DATA ".*d\.csv" row 2, column "b" is "abc", not a number$/],
  ['a text column taken as a feature by default', () => ['fit', file('d.csv', 'a,note,y\n1,near park,3\n'), '--target', 'y'], /^DATA ".*d\.csv" row 1, column "note" is "near park", not a number; leave the column out with --features \(every column but the targets is a feature by default\)$/],
  ['a list with commas in a column taken by default', () => ['fit', file('d.csv', 'a,b,y\n1,"1,2,3",3\n'), '--target', 'y'], /^DATA ".*" row 1, column "b" is "1,2,3", not a number; leave the column out with --features/],
  ['an empty cell', () => ['fit', file('d.csv', 'a,b,y\n1,,3\n'), '--target', 'y'], /^DATA ".*d\.csv" row 1, column "b" is empty$/],
  ['a decimal comma', () => ['fit', file('d.csv', 'a,b,y\n1,"1,5",3\n'), '--target', 'y'], /^DATA ".*" row 1, column "b" is "1,5", not a number \(write decimals with a point: 1\.5\)$/],
  ['a negative decimal comma in a column given to --features', () => ['fit', file('d.csv', 'a,b,y\n1,"-12,75",3\n'), '--target', 'y', '--features', 'b'], /^DATA ".*" row 1, column "b" is "-12,75", not a number \(write decimals with a point: 1\.5\)$/],
  ['an empty target cell', () => ['fit', file('d.csv', 'a,y\n1,\n'), '--target', 'y'], /^DATA ".*" row 1, column "y" is empty$/],
  ['a class name with a linear head', () => ['fit', file('d.csv', labelled), '--target', 'kind'], /^DATA ".*" row 1, column "kind" is "x", not a number \(for class names, use --head softmax\)$/],
  ['a ragged row', () => ['fit', file('d.csv', 'a,b,y\n1,2,3\n4,5\n'), '--target', 'y'], /^DATA ".*d\.csv": row 2 has 2 fields but the header has 3 \(every row needs one field per column\)$/],
  ['an unclosed quote', () => ['fit', file('d.csv', 'a,b,y\n1,"2,3\n'), '--target', 'y'], /^DATA ".*d\.csv" is not valid CSV: Quote Not Closed/],
  ['an empty file', () => ['fit', file('d.csv', ''), '--target', 'y'], /^DATA ".*d\.csv" is empty: it needs a header row of column names, then one row per example$/],
  ['a header without rows', () => ['fit', file('d.csv', 'a,b,y\r\n'), '--target', 'y'], /^DATA ".*d\.csv" has a header \("a", "b", "y"\) but no data rows$/],
  ['a missing DATA file', () => ['fit', join(dir, 'nope.csv'), '--target', 'y'], /^DATA ".*nope\.csv" cannot be read: no such file$/],
  ['a sigmoid target outside [0, 1]', () => ['fit', file('d.csv', 'a,y\n1,0\n2,2\n'), '--target', 'y', '--head', 'sigmoid'], /^DATA ".*" row 2, column "y" is 2, but a sigmoid head's targets must lie in \[0, 1\]/],
  ['softmax with one class', () => ['fit', file('d.csv', 'a,y\n1,x\n2,x\n'), '--target', 'y', '--head', 'softmax'], /^--target "y" holds one class only \("x"\) in DATA ".*": a softmax head needs at least 2$/],
  ['a bad --layers', () => ['fit', file('d.csv', good), '--target', 'y', '--layers', '16,0'], '--layers is "16,0", but it must be hidden layer sizes separated by commas (positive integers, e.g. 16,16), or none'],
  ['a bad --head', () => ['fit', file('d.csv', good), '--target', 'y', '--head', 'relu'], '--head is "relu"; expected sigmoid, softmax, linear'],
  ['a bad --activation', () => ['fit', file('d.csv', good), '--target', 'y', '--activation', 'gelu'], /^--activation "gelu" is not a hidden activation; expected relu, /],
  ['--activation per layer of the wrong length', () => ['fit', file('d.csv', good), '--target', 'y', '--activation', 'tanh,relu,relu'], '--activation lists 3 activations but --layers gives 2 hidden layers: give one for all, or one per layer'],
  ['a bad --optimizer', () => ['fit', file('d.csv', good), '--target', 'y', '--optimizer', 'rmsprop'], '--optimizer is "rmsprop"; expected sgd, momentum, adam'],
  ['--lr 0', () => ['fit', file('d.csv', good), '--target', 'y', '--lr', '0'], '--lr is 0, but it must be a finite number > 0'],
  ['--lr in hex', () => ['fit', file('d.csv', good), '--target', 'y', '--lr', '0x1'], '--lr is "0x1", but it must be a finite number > 0'],
  ['--epochs 2.5', () => ['fit', file('d.csv', good), '--target', 'y', '--epochs', '2.5'], '--epochs is 2.5, but it must be a positive integer'],
  ['--batch-size 0', () => ['fit', file('d.csv', good), '--target', 'y', '--batch-size', '0'], '--batch-size is 0, but it must be a positive integer'],
  ['--validation-split 1', () => ['fit', file('d.csv', good), '--target', 'y', '--validation-split', '1'], '--validation-split is 1, but it must be a fraction in [0, 1) (the share of rows held out to validate; 0 for none)'],
  ['--seed -1', () => ['fit', file('d.csv', good), '--target', 'y', '--seed=-1'], '--seed is -1, but it must be an integer in [0, 4294967295]'],
  ['--standardize=yes', () => ['fit', file('d.csv', good), '--target', 'y', '--standardize=yes'], '--standardize takes no value, got --standardize=yes'],
  ['--target without a value', () => ['fit', file('d.csv', good), '--target'], '--target needs a value'],
  ['the same --target twice', () => ['fit', file('d.csv', good), '--target', 'y', '--target', 'y'], '--target "y" is given twice'],
];

describe.each(bad)('fit, bad input: %s', (_, args, message) => {
  it('exits 2 with one line on stderr, nothing on stdout, and writes neither --save nor --plot', () => {
    const [save, plot] = [path('never.json'), path('never.svg')];
    const [command, ...rest] = args();
    const r = cli(command!, '--save', save, '--plot', plot, ...rest);
    expect(r.stdout).toBe('');
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^typed-mlp: [^\n]+\n$/);
    const line = r.stderr.slice('typed-mlp: '.length, -1);
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
    expect(existsSync(save)).toBe(false);
    expect(existsSync(plot)).toBe(false);
  });
});

describe('fit, bad output paths: refused before training, nothing written', () => {
  it('--save in a missing directory, onto the data file, or the same file as --plot', () => {
    const data = file('d.csv', good);
    const missing = join(dir, 'no-such-dir', 'model.json');
    const cases: [string[], RegExp][] = [
      [['--save', missing], /^typed-mlp: --save ".*model\.json" cannot be written: no such directory\n$/],
      [['--save', data], /^typed-mlp: --save ".*d\.csv" is a file this command reads: writing it would destroy it\n$/],
      [['--save', join(dir, 'same'), '--plot', join(dir, 'same')], /^typed-mlp: --plot ".*same" is also given to --save: give each its own file\n$/],
      [['--save', dir], /^typed-mlp: --save ".*" cannot be written: it is a directory\n$/],
      [['--save='], /^typed-mlp: --save needs a file name\n$/],
    ];
    const before = readdirSync(dir).length;
    for (const [flags, message] of cases) {
      const t0 = Date.now();
      const r = cli('fit', data, '--target', 'y', '--epochs', '100000', ...flags);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(Date.now() - t0, 'refused before training').toBeLessThan(10_000);
    }
    expect(readdirSync(dir).length).toBe(before);
    expect(readFileSync(data, 'utf8')).toBe(good);
  });
});
