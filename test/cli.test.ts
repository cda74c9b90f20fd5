import { afterAll, describe, expect, it } from 'vitest';
import { expectClose } from './helpers/close.js';
import { cli, cliWith, tempFile } from './helpers/cli.js';
import { loadFixtures } from './helpers/fixtures.js';
import { HIDDEN_ACTIVATIONS } from '../src/activations/index.js';

/** Every hidden activation, quoted, as the messages list them (read from the registry). */
const HIDDEN_LIST = HIDDEN_ACTIVATIONS.map((a) => `"${a}"`).join(', ');

const fixtures = loadFixtures();

describe.each(fixtures.map((f) => [f.name, f] as const))('typed-mlp on fixture %s', (_, f) => {
  it('eval prints every key of SPEC §3 and matches the reference at 1e-9', () => {
    const r = cli('eval', f.path);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const e = f.expected;
    expect(out.layerSizes).toEqual(e.layer_sizes);
    expectClose(out.Zs, e.Zs);
    expectClose(out.Yhat, e.Yhat);
    expect(out.predictions).toEqual(e.predictions);
    expectClose(out.loss, e.loss);
    expectClose(out.perSampleLoss, e.per_sample_loss);
    expectClose(out.accuracy, e.accuracy);
    expectClose(out.deltas, e.deltas);
    expectClose(out.grads, e.grads);
  });

  it('eval on the plain TypeScript kernels (TYPED_MLP_KERNELS=js) matches too', () => {
    const out = JSON.parse(cliWith({ TYPED_MLP_KERNELS: 'js' }, 'eval', f.path).stdout);
    expectClose(out.Yhat, f.expected.Yhat);
    expectClose(out.deltas, f.expected.deltas);
    expectClose(out.grads, f.expected.grads);
  });

  it('train uses the file\'s settings and matches the loss curve and final state at 1e-9', () => {
    const r = cli('train', f.path);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    const t = f.expected_train;
    expectClose(out.losses, t.losses);
    expectClose(out.finalLoss, t.final_loss);
    expectClose(out.finalWeights, t.final_weights);
    expectClose(out.finalYhat, t.final_Yhat);
    expect(out.finalPredictions).toEqual(t.final_predictions);
    expect(out.finalAccuracy).toBe(t.final_accuracy);
  });

  it('gradcheck agrees with finite differences (except where a ReLU sits on its kink)', () => {
    const r = cli('gradcheck', f.path, '--eps', '1e-6');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['maxAbsErr', 'maxRelErr', 'worst']));
    expect(out.worst.layer).toBeGreaterThanOrEqual(1);
    expect(out.worst.layer).toBeLessThanOrEqual(f.layer_sizes.length - 1);
    // A hidden pre-activation within eps of 0, on a row that W_1 moves, makes the central difference
    // straddle ReLU's kink: the numeric slope is then wrong, not the analytic one (eval checks that).
    const onKink = f.expected.Zs.slice(0, -1).some((Z) => Z.some((row, i) => row.some((z) => Math.abs(z) < 1e-5) && f.X[i]!.some((x) => x !== 0)));
    if (onKink) expect(Number.isFinite(out.maxRelErr)).toBe(true);
    else expect(out.maxRelErr).toBeLessThan(1e-6);
  });
});

const xor = {
  weights: [
    [[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]],
    [[-0.2], [1.1], [1.3]],
  ],
  X: [[0, 0], [0, 1], [1, 0], [1, 1]],
  Y: [[0], [1], [1], [0]],
  train: { lr: 1, epochs: 3 },
};
const withKey = (key: string, value: unknown) => ({ ...xor, [key]: value });

describe('flags', () => {
  it('--lr and --epochs override the file, in both spellings', () => {
    const out = JSON.parse(cli('train', tempFile(xor), '--lr', '0.5', '--epochs=7').stdout);
    expect(out.losses).toHaveLength(7);
    expect(out.lr).toBe(0.5);
  });

  it('a flat Y is reshaped to N×1, giving the same numbers as nested Y', () => {
    const nested = JSON.parse(cli('eval', tempFile(xor)).stdout);
    const flat = JSON.parse(cli('eval', tempFile(withKey('Y', [0, 1, 1, 0]))).stdout);
    expect(flat).toEqual(nested);
    expect(flat.deltas[1]).toHaveLength(4);
    expect(flat.deltas[1][0]).toHaveLength(1);
  });

  it('eval ignores the train block, even a malformed one', () => {
    expect(cli('eval', tempFile(withKey('train', 'later'))).status).toBe(0);
  });

  it('unknown keys in the file are ignored', () => {
    expect(cli('eval', tempFile({ ...xor, comment: 'hi', expected: { loss: 1 } })).status).toBe(0);
  });

  it('--help prints the usage and exits 0', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/typed-mlp train FILE \[--lr X\] \[--epochs N\]/);
  });
});

// Every kind of bad input of SPEC §3: exit code 2, exactly one line on stderr naming the field and
// the sizes, and nothing on stdout.
const bad: [string, () => string[], RegExp][] = [
  ['a missing file', () => ['eval', '/nonexistent/case.json'], /^typed-mlp: FILE "\/nonexistent\/case\.json" cannot be read: no such file$/],
  ['invalid JSON', () => ['eval', tempFile('{"weights": [')], /^typed-mlp: FILE ".*" is not valid JSON: /],
  ['a JSON array instead of an object', () => ['eval', tempFile([1, 2])], /FILE must hold a JSON object with "weights", "X" and "Y", got an array/],
  ['a missing key', () => ['eval', tempFile({ weights: xor.weights, X: xor.X })], /^typed-mlp: Y is missing$/],
  ['a ragged weight matrix', () => ['eval', tempFile(withKey('weights', [[[1, 2, 3], [4, 5]], xor.weights[1]]))], /weights\[0\] is ragged: weights\[0\]\[1\] has 2 entries but weights\[0\]\[0\] has 3/],
  ['a ragged X', () => ['eval', tempFile(withKey('X', [[0, 0], [0, 1], [1], [1, 1]]))], /X is ragged: X\[2\] has 1 entry but X\[0\] has 2/],
  ['a non-number entry', () => ['eval', tempFile(withKey('X', [[0, 0], [0, '1'], [1, 0], [1, 1]]))], /X\[1\]\[1\] is "1", expected a number/],
  ['a null entry', () => ['eval', tempFile(withKey('weights', [xor.weights[0], [[null], [1], [1]]]))], /weights\[1\]\[0\]\[0\] is null, expected a number/],
  ['a non-finite entry (1e999 parses to Infinity)', () => ['eval', tempFile(JSON.stringify(xor).replace('-0.2]', '1e999]'))], /weights\[1\]\[0\]\[0\] is Infinity, expected a finite number/],
  ['weights that do not chain', () => ['eval', tempFile(withKey('weights', [xor.weights[0], [[1], [2], [3], [4]]]))], /^typed-mlp: weights\[1\] is 4×1 but weights\[0\] gives 3 columns$/],
  ['an empty weights list', () => ['eval', tempFile(withKey('weights', []))], /weights is empty/],
  ['X of the wrong width', () => ['eval', tempFile(withKey('X', [[0, 0, 1], [0, 1, 1]]))], /X is 2×3 but the network expects 2 columns/],
  ['an empty X', () => ['eval', tempFile(withKey('X', []))], /X has no rows/],
  ['Y with too few rows', () => ['eval', tempFile(withKey('Y', [[0], [1], [1]]))], /Y is 3×1 but X has 4 rows and the network has 1 output, so Y must be 4×1/],
  ['Y as one row (must not be broadcast)', () => ['eval', tempFile(withKey('Y', [[0, 1, 1, 0]]))], /Y is 1×4 but X has 4 rows and the network has 1 output, so Y must be 4×1/],
  ['a flat Y of the wrong length', () => ['eval', tempFile(withKey('Y', [0, 1, 1]))], /Y has 3 entries but X has 4 rows and the network has 1 output, so Y must be 4×1 \(4 entries\)/],
  ['a label above 1', () => ['eval', tempFile(withKey('Y', [[0], [1], [1.5], [0]]))], /Y\[2\]\[0\] is 1\.5, but labels must lie in \[0, 1\]/],
  ['a negative label in a flat Y', () => ['eval', tempFile(withKey('Y', [0, -1, 1, 0]))], /Y\[1\]\[0\] is -1, but labels must lie in \[0, 1\]/],
  ['lr = 0 from a flag', () => ['train', tempFile(xor), '--lr', '0'], /^typed-mlp: --lr is 0, but it must be a finite number > 0$/],
  ['lr < 0 in the file', () => ['train', tempFile(withKey('train', { lr: -1, epochs: 3 }))], /^typed-mlp: train\.lr is -1, but it must be a finite number > 0$/],
  ['lr that is not a number', () => ['train', tempFile(xor), '--lr', 'fast'], /--lr is "fast", but it must be a finite number > 0/],
  ['epochs not an integer', () => ['train', tempFile(xor), '--epochs', '2.5'], /^typed-mlp: --epochs is 2\.5, but it must be a positive integer$/],
  ['epochs = 0 in the file', () => ['train', tempFile(withKey('train', { lr: 1, epochs: 0 }))], /train\.epochs is 0, but it must be a positive integer/],
  ['epochs as a string in the file', () => ['train', tempFile(withKey('train', { lr: 1, epochs: '10' }))], /train\.epochs is "10", but it must be a positive integer/],
  ['a train block that is not an object', () => ['train', tempFile(withKey('train', 5))], /train must be an object like \{"lr": 1, "epochs": 1000\}, got 5/],
  ['no learning rate anywhere', () => ['train', tempFile(withKey('train', undefined))], /no learning rate: give --lr/],
  ['eps ≤ 0', () => ['gradcheck', tempFile(xor), '--eps', '-1e-6'], /--eps is -0\.000001, but it must be a finite number > 0/],
  ['an unknown command', () => ['fitt', tempFile(xor)], /^typed-mlp: unknown command "fitt"; expected eval, train, gradcheck, fit, predict, summary or help$/],
  ['no FILE', () => ['eval'], /eval needs a FILE/],
  ['a flag the command does not take', () => ['eval', tempFile(xor), '--lr', '1'], /eval does not take --lr/],
];

describe.each(bad)('bad input: %s', (_, args, message) => {
  it('exits 2 with one line on stderr naming the field, and prints nothing on stdout', () => {
    const r = cli(...args());
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });
});

// (Imports for the --plot tests; import declarations are hoisted, so they may sit here.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('--plot', () => {
  const plotDir = mkdtempSync(join(tmpdir(), 'typed-mlp-plot-'));

  it('train --plot FILE writes the loss curve as SVG and prints the same JSON as without it', () => {
    const file = tempFile(xor);
    const svgPath = join(plotDir, 'loss.svg');
    const plain = cli('train', file, '--epochs', '25');
    const r = cli('train', file, '--epochs', '25', '--plot', svgPath);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(plain.stdout);
    expect(JSON.parse(r.stdout).losses).toHaveLength(25);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<polyline class="series"[^>]* points="([^"]*)"/)![1]!.split(' ')).toHaveLength(25);
    expect(svg).not.toMatch(/NaN/);
  });

  it('eval --plot=FILE writes the network diagram and prints the same JSON as without it', () => {
    const file = tempFile(xor);
    const svgPath = join(plotDir, 'net.svg');
    const r = cli('eval', file, `--plot=${svgPath}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(cli('eval', file).stdout);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg.match(/<circle class="node"/g)).toHaveLength(2 + 3 + 1);
    expect(svg.match(/<line class="w"/g)).toHaveLength(2 * 3 + 3 * 1);
  });

  it('a --plot path that cannot be written exits 2 with one line on stderr and nothing on stdout', () => {
    const r = cli('train', tempFile(xor), '--plot', join(plotDir, 'missing', 'loss.svg'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^typed-mlp: --plot ".*loss\.svg" cannot be written: no such directory\n$/);
    expect(cli('gradcheck', tempFile(xor), '--plot', join(plotDir, 'g.svg')).stderr).toMatch(/gradcheck does not take --plot/);
    expect(cli('eval', tempFile(xor), '--plot=').stderr).toBe('typed-mlp: --plot needs a file name\n');
  });
});

// (Imports for the input-size tests, hoisted like the ones above.)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, rmSync, statSync, truncateSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * FILE is refused by its size before it is read (64 MiB, the limit of loadNetwork), and a source
 * that never ends (/dev/zero, a pipe) is read only up to that limit: exit 2, one named line, and
 * nothing written (no stdout, no --plot file). Each run has a time bound, so a hang fails the test.
 */
describe('FILE: size limit, directories, devices and pipes', () => {
  const bin = fileURLToPath(new URL('../bin/typed-mlp.js', import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-big-'));
  const LIMIT = 64 * 2 ** 20;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** The real bin, killed after 20 s (a hang then shows as status null). */
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  /** A file of `bytes` zero bytes, made sparse with truncate: instant, and no disk space used. */
  const sparse = (name: string, bytes: number) => {
    const path = join(dir, name);
    closeSync(openSync(path, 'w'));
    truncateSync(path, bytes);
    return path;
  };
  /** Resolves when `child` ends; kills it if it is still running after 5 s (e.g. a writer no one opened the pipe for). */
  const ended = (child: ReturnType<typeof spawn>) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  const expectRefused = (r: ReturnType<typeof run>, line: string, plot: string) => {
    expect(r).toEqual({ status: 2, stdout: '', stderr: `typed-mlp: ${line}\n` });
    expect(existsSync(plot), '--plot was written').toBe(false);
  };

  it('a 200 MB file is refused by its size, before it is read: exit 2, one line naming the size and the limit', () => {
    const path = sparse('big.json', 200 * 2 ** 20);
    try {
      const plot = join(dir, 'big.svg');
      expectRefused(run('eval', path, '--plot', plot), `FILE ${JSON.stringify(path)} is 209715200 bytes, over the limit of 67108864 bytes (64 MiB)`, plot);
      for (const command of ['train', 'gradcheck']) {
        expect(run(command, path, '--epochs', '1').stderr).toMatch(command === 'train' ? /is 209715200 bytes, over the limit/ : /gradcheck does not take --epochs/);
      }
      expect(statSync(path).size).toBe(200 * 2 ** 20); // the file itself is untouched
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('one byte over the limit is refused; a file of exactly the limit is read (and here is not JSON)', () => {
    const over = sparse('over.json', LIMIT + 1);
    try {
      expect(run('eval', over).stderr).toBe(`typed-mlp: FILE ${JSON.stringify(over)} is 67108865 bytes, over the limit of 67108864 bytes (64 MiB)\n`);
    } finally {
      rmSync(over, { force: true });
    }
    const at = sparse('at.json', LIMIT);
    try {
      const r = run('eval', at);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^typed-mlp: FILE ".*at\.json" is not valid JSON: [^\n]+\n$/);
    } finally {
      rmSync(at, { force: true });
    }
  });

  it('/dev/zero (size 0, but endless) is read only up to the limit, then refused: no hang', () => {
    if (!existsSync('/dev/zero')) return;
    const plot = join(dir, 'zero.svg');
    expectRefused(run('eval', '/dev/zero', '--plot', plot), 'FILE "/dev/zero" gave more than the limit of 67108864 bytes (64 MiB) when read (it is not a regular file, or it grew)', plot);
  });

  it('a directory is refused by name', () => {
    const plot = join(dir, 'dir.svg');
    expectRefused(run('eval', dir, '--plot', plot), `FILE ${JSON.stringify(dir)} cannot be read: it is a directory`, plot);
  });

  it('a named pipe is read to its end (as with `typed-mlp eval <(…)`), and an endless one is refused at the limit', async () => {
    if (process.platform === 'win32') return;
    const fifo = join(dir, 'case.fifo');
    execFileSync('mkfifo', [fifo]);
    try {
      const file = tempFile(xor);
      // The writer blocks until the bin opens the pipe; spawnSync blocks this process, not the writer.
      const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', file, fifo], { stdio: 'ignore' });
      const wrote = ended(writer);
      const r = run('eval', fifo);
      await wrote;
      expect(r).toEqual(run('eval', file));
      expect(r.status).toBe(0);

      const endless = spawn('sh', ['-c', 'exec cat /dev/zero > "$1"', 'sh', fifo], { stdio: 'ignore' });
      const stopped = ended(endless);
      expectRefused(run('eval', fifo), `FILE ${JSON.stringify(fifo)} gave more than the limit of 67108864 bytes (64 MiB) when read (it is not a regular file, or it grew)`, join(dir, 'none.svg'));
      await stopped; // cat ends on SIGPIPE once the bin has closed the pipe
    } finally {
      rmSync(fifo, { force: true });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// SPEC §6: "biases", "activations", the output heads, and "train": {"weightDecay"} / --weight-decay
// ---------------------------------------------------------------------------------------------

// (Imports for the SPEC §6 tests, hoisted like the ones above.)
import { main } from '../src/cli/main.js';

/** main in-process on a file: the exit code and what it wrote (same contract as the bin). */
function inProcess(...args: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = main(args, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
  return { status, stdout, stderr };
}

/** xor with a 3-unit hidden layer with bias and a head without. */
const xorBias = { ...xor, biases: [[0.1, -0.2, 0.05], null] };
/** A regression net: tanh hidden layer, linear head, biases on both, labels outside [0, 1]. */
const regression = {
  weights: [
    [[0.5, -0.3, 0.1], [0.2, 0.8, -0.6]],
    [[1.0], [-0.5], [0.25]],
  ],
  biases: [[0.1, -0.1, 0.3], [0.2]],
  activations: ['tanh', 'linear'],
  X: [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, -2]],
  Y: [0.5, -1.25, 2, 3.5, -7],
  train: { lr: 0.1, epochs: 5 },
};
/** A two-output softmax head on xor's hidden layer. */
const softmax = {
  ...xor,
  weights: [xor.weights[0], [[-0.2, 0.3], [1.1, -0.4], [1.3, 0.2]]],
  activations: ['relu', 'softmax'],
  Y: [[1, 0], [0, 1], [0, 1], [0.25, 0.75]],
};

const EVAL_KEYS = ['layerSizes', 'Xs', 'Zs', 'Yhat', 'predictions', 'loss', 'perSampleLoss', 'accuracy', 'deltas', 'grads'];
const TRAIN_KEYS = ['lr', 'epochs', 'losses', 'finalLoss', 'finalWeights', 'finalYhat', 'finalPredictions', 'finalAccuracy'];
const json = (r: { stdout: string }) => JSON.parse(r.stdout);

describe('SPEC §6 keys: the output', () => {
  it('a seed file (no biases, activations or weightDecay) prints exactly the keys of SPEC §3, in order', () => {
    expect(Object.keys(json(cli('eval', tempFile(xor))))).toEqual(EVAL_KEYS);
    expect(Object.keys(json(cli('train', tempFile(xor))))).toEqual(TRAIN_KEYS);
  });

  it('the default activations written out, or "biases"/"activations": null, change nothing on stdout', () => {
    for (const command of ['eval', 'train', 'gradcheck']) {
      const plain = cli(command, tempFile(xor)).stdout;
      expect(cli(command, tempFile({ ...xor, activations: ['relu', 'sigmoid'] })).stdout, command).toBe(plain);
      expect(cli(command, tempFile({ ...xor, activations: null, biases: null })).stdout, command).toBe(plain);
    }
  });

  it('biases: eval adds biasGrads, each a 1×n matrix (1/N)·Σ_rows δ_l like the fixtures\' bias_grads, null for a layer without bias', () => {
    const out = json(cli('eval', tempFile(xorBias)));
    expect(Object.keys(out)).toEqual([...EVAL_KEYS, 'biasGrads']);
    expect(out.biasGrads).toHaveLength(2);
    expect(out.biasGrads[1]).toBeNull();
    const delta1 = out.deltas[0] as number[][];
    const mean = delta1[0]!.map((_, j) => delta1.reduce((s, row) => s + row[j]!, 0) / delta1.length);
    expect(out.biasGrads[0]).toHaveLength(1); // [[…]]: one row
    expectClose(out.biasGrads[0], [mean], 1e-14);
    // All-null biases are still biases: biasGrads is [null, null], the rest as without.
    const nulls = json(cli('eval', tempFile({ ...xor, biases: [null, null] })));
    expect(nulls.biasGrads).toEqual([null, null]);
    expect({ ...nulls, biasGrads: undefined }).toEqual({ ...json(cli('eval', tempFile(xor))), biasGrads: undefined });
  });

  it('biases: train adds finalBiases as flat rows like the fixtures\' final_biases (null stays null), and the biases change the numbers', () => {
    const out = json(cli('train', tempFile(xorBias)));
    expect(Object.keys(out)).toEqual(['lr', 'epochs', 'losses', 'finalLoss', 'finalWeights', 'finalBiases', 'finalYhat', 'finalPredictions', 'finalAccuracy']);
    expect(out.finalBiases[1]).toBeNull();
    expect(out.finalBiases[0]).toHaveLength(3);
    expect(out.finalBiases[0].every((b: unknown) => typeof b === 'number')).toBe(true);
    expect(out.finalBiases[0]).not.toEqual(xorBias.biases[0]);
    expect(out.losses[0]).not.toBe(json(cli('train', tempFile(xor))).losses[0]);
  });

  it('a linear head: eval prints mae and r2 and no accuracy, predictions equal Yhat, the loss is the MSE', () => {
    const out = json(cli('eval', tempFile(regression)));
    expect(Object.keys(out)).toEqual(['layerSizes', 'Xs', 'Zs', 'Yhat', 'predictions', 'loss', 'perSampleLoss', 'mae', 'r2', 'deltas', 'grads', 'biasGrads']);
    expect(out).not.toHaveProperty('accuracy');
    expect(out.predictions).toEqual(out.Yhat);
    const yhat = (out.Yhat as number[][]).map((r) => r[0]!);
    const y = regression.Y;
    const mean = y.reduce((s, v) => s + v, 0) / y.length;
    const ssRes = yhat.reduce((s, v, i) => s + (v - y[i]!) ** 2, 0);
    const ssTot = y.reduce((s, v) => s + (v - mean) ** 2, 0);
    expectClose(out.mae, yhat.reduce((s, v, i) => s + Math.abs(v - y[i]!), 0) / y.length, 1e-14);
    expectClose(out.r2, 1 - ssRes / ssTot, 1e-14);
    expectClose(out.loss, ssRes / y.length, 1e-14);
    expectClose(out.Yhat, out.Zs[1], 0); // the linear head's Ŷ is Z_L
  });

  it('a linear head: train prints finalMae and finalR2 instead of finalAccuracy, and finalPredictions equal finalYhat', () => {
    const out = json(cli('train', tempFile(regression)));
    expect(Object.keys(out)).toEqual(['lr', 'epochs', 'losses', 'finalLoss', 'finalWeights', 'finalBiases', 'finalYhat', 'finalPredictions', 'finalMae', 'finalR2']);
    expect(out.finalPredictions).toEqual(out.finalYhat);
    expect(out.finalLoss).toBeLessThan(out.losses[0]);
    // The same file through eval after training would print these as mae and r2.
    const trained = { ...regression, weights: out.finalWeights, biases: out.finalBiases };
    const after = json(cli('eval', tempFile(trained)));
    expect([after.mae, after.r2, after.loss]).toEqual([out.finalMae, out.finalR2, out.finalLoss]);
  });

  it('a softmax head takes soft labels on the simplex and prints one-hot predictions and an accuracy', () => {
    const out = json(cli('eval', tempFile(softmax)));
    expect(Object.keys(out)).toEqual(EVAL_KEYS);
    for (const row of out.Yhat as number[][]) expectClose(row[0]! + row[1]!, 1, 1e-15);
    for (const row of out.predictions as number[][]) expect([...row].sort()).toEqual([0, 1]);
    expect(out.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('one SGD step with weightDecay λ: W ← W − lr·(∂J/∂W + λ·W) and b ← b − lr·∂J/∂b (biases never decayed); the loss is the data loss', () => {
    const lr = 0.5;
    const lambda = 0.3;
    const file = { ...regression, biases: [[0.1, -0.1, 0.3], [0.2]] };
    const ev = json(cli('eval', tempFile(file)));
    const out = json(cli('train', tempFile({ ...file, train: { lr, epochs: 1, weightDecay: lambda } })));
    expect(out.weightDecay).toBe(lambda);
    expect(out.losses).toEqual([ev.loss]); // no penalty added to the reported loss
    const W = file.weights.map((w, l) => w.map((row, i) => row.map((v, j) => v - lr * (ev.grads[l][i][j] + lambda * v))));
    const b = file.biases.map((row, l) => row.map((v, j) => v - lr * ev.biasGrads[l][0][j]));
    expectClose(out.finalWeights, W, 1e-14);
    expectClose(out.finalBiases, b, 1e-14);
  });

  it('--weight-decay overrides train.weightDecay as --lr and --epochs do; a weightDecay of 0 is no decay', () => {
    const withDecay = { ...regression, train: { ...regression.train, weightDecay: 0.2 } };
    const fromFile = json(cli('train', tempFile(withDecay)));
    const fromFlag = json(cli('train', tempFile(regression), '--weight-decay', '0.2'));
    expect(fromFlag).toEqual(fromFile);
    const plain = json(cli('train', tempFile(regression)));
    expect(fromFile.finalWeights).not.toEqual(plain.finalWeights);
    const zero = json(cli('train', tempFile(withDecay), '--weight-decay=0'));
    expect(zero.weightDecay).toBe(0);
    expect({ ...zero, weightDecay: undefined }).toEqual({ ...plain, weightDecay: undefined });
  });

  it('gradcheck reads biases and activations: the bias gradients are checked too', () => {
    const out = json(cli('gradcheck', tempFile(regression)));
    expect(out.maxRelErr).toBeLessThan(1e-6);
    const noBias = json(cli('gradcheck', tempFile({ ...regression, biases: undefined })));
    expect(noBias.maxAbsErr).not.toBe(out.maxAbsErr);
  });

  it('--help documents biases, activations, weightDecay and --weight-decay', () => {
    const r = cli('--help');
    expect(r.status).toBe(0);
    for (const word of ['"biases"', '"activations"', 'weightDecay', '--weight-decay', 'biasGrads', 'finalBiases', 'mae', 'r2', 'softmax', 'leakyRelu']) expect(r.stdout).toContain(word);
  });
});

// Each new refusal, word for word: exit 2, exactly this one line on stderr, nothing on stdout. A bad
// network is refused by every command (eval, train and gradcheck all build it).
const refusals: [string, unknown, string][] = [
  ['a bias row of the wrong length', { ...xor, biases: [[0.1, 0.2, 0.3], [1, 2, 3]] }, 'biases[1] has 3 entries but weights[1] gives 1 output'],
  ['a bias row of the wrong length (plural)', { ...softmax, biases: [null, [1, 2, 3]] }, 'biases[1] has 3 entries but weights[1] gives 2 outputs'],
  ['too few bias entries', { ...xor, biases: [[0.1, 0.2, 0.3]] }, 'biases has 1 entry but weights has 2 layers: give one per layer (null for a layer without bias)'],
  ['biases that are not an array', { ...xor, biases: { '0': [1, 2, 3] } }, 'biases must be an array with one entry per layer (a row of numbers, or null for a layer without bias), got an object'],
  ['a bias entry that is a number', { ...xor, biases: [7, null] }, 'biases[0] is 7, but it must be a row of 3 numbers or null'],
  ['a bias entry that is a matrix, not a row', { ...xor, biases: [[[0.1, 0.2, 0.3]], null] }, 'biases[0] holds an array, but it must be one flat row of 3 numbers (or null)'],
  ['a non-number bias', { ...xor, biases: [[0.1, 'x', 0.3], null] }, 'biases[0][1] is "x", expected a number'],
  ['a non-finite bias (1e999)', JSON.stringify({ ...xor, biases: [[0.1, 0.2, 0.3], [7]] }).replace('[7]', '[1e999]'), 'biases[1][0] is Infinity, expected a finite number'],
  ['an unknown head', { ...xor, activations: ['relu', 'foo'] }, 'activations[1] is "foo", but the output takes "sigmoid", "softmax", "linear"'],
  ['a head in a hidden slot', { ...xor, activations: ['softmax', 'sigmoid'] }, `activations[0] is "softmax", but a hidden layer takes ${HIDDEN_LIST}`],
  ['an Object.prototype name as an activation', { ...xor, activations: ['toString', 'sigmoid'] }, `activations[0] is "toString", but a hidden layer takes ${HIDDEN_LIST}`],
  ['softmax with one output', { ...xor, activations: ['relu', 'softmax'] }, 'activations[1] is "softmax", but a softmax head needs at least 2 outputs and weights[1] gives 1 (for one output, use "sigmoid")'],
  ['too few activations', { ...xor, activations: ['sigmoid'] }, 'activations has 1 entry but there are 2 layers'],
  ['activations that are not an array', { ...xor, activations: 'relu' }, 'activations must be an array of names, one per layer (hidden ones, then the head), got "relu"'],
  ['a sigmoid label outside [0, 1] with the head named', { ...xor, activations: ['tanh', 'sigmoid'], Y: [0, 1, 2, 0] }, 'Y[2][0] is 2, but labels must lie in [0, 1]'],
  ['a softmax row that does not sum to 1', { ...softmax, Y: [[1, 0], [0.5, 0], [0, 1], [0, 1]] }, 'Y[1] sums to 0.5, but softmax labels must sum to 1 on every row (one-hot or probabilities)'],
  ['a negative softmax label', { ...softmax, Y: [[1, 0], [-0.5, 1.5], [0, 1], [0, 1]] }, 'Y[1][0] is -0.5, but labels must lie in [0, 1]'],
  ['a regression label that is not a number', { ...regression, Y: [0.5, -1.25, '2', 3.5, -7] }, 'Y[2] is "2", expected a number'],
];

describe.each(refusals)('SPEC §6 refusal: %s', (_, content, line) => {
  it('exits 2 with exactly that one line on stderr and nothing on stdout, for eval, train and gradcheck', () => {
    const file = tempFile(content);
    expect(cli('eval', file)).toEqual({ status: 2, stdout: '', stderr: `typed-mlp: ${line}\n` });
    for (const command of ['train', 'gradcheck']) expect(inProcess(command, file), command).toEqual({ status: 2, stdout: '', stderr: `typed-mlp: ${line}\n` });
  });
});

const trainRefusals: [string, () => string[], string][] = [
  ['a negative train.weightDecay', () => ['train', tempFile({ ...xor, train: { lr: 1, epochs: 3, weightDecay: -0.1 } })], 'train.weightDecay is -0.1, but it must be a finite number ≥ 0'],
  ['a string train.weightDecay', () => ['train', tempFile({ ...xor, train: { lr: 1, epochs: 3, weightDecay: '0.1' } })], 'train.weightDecay is "0.1", but it must be a finite number ≥ 0'],
  ['a null train.weightDecay', () => ['train', tempFile({ ...xor, train: { lr: 1, epochs: 3, weightDecay: null } })], 'train.weightDecay is null, but it must be a finite number ≥ 0'],
  ['a non-finite train.weightDecay (1e999)', () => ['train', tempFile(JSON.stringify({ ...xor, train: { lr: 1, epochs: 3, weightDecay: 7 } }).replace(':7', ':1e999'))], 'train.weightDecay is Infinity, but it must be a finite number ≥ 0'],
  ['a negative --weight-decay', () => ['train', tempFile(xor), '--weight-decay', '-1'], '--weight-decay is -1, but it must be a finite number ≥ 0'],
  ['a --weight-decay that is not a number', () => ['train', tempFile(xor), '--weight-decay=abc'], '--weight-decay is "abc", but it must be a finite number ≥ 0'],
  ['a bad --weight-decay wins over a good train.weightDecay', () => ['train', tempFile({ ...xor, train: { lr: 1, epochs: 3, weightDecay: 0.1 } }), '--weight-decay', 'Infinity'], '--weight-decay is Infinity, but it must be a finite number ≥ 0'],
  ['--weight-decay without a value', () => ['train', tempFile(xor), '--weight-decay'], '--weight-decay needs a value'],
  ['--weight-decay given to eval', () => ['eval', tempFile(xor), '--weight-decay', '0.1'], 'eval does not take --weight-decay; it takes --plot'],
  ['--weight-decay given to gradcheck', () => ['gradcheck', tempFile(xor), '--weight-decay', '0.1'], 'gradcheck does not take --weight-decay; it takes --eps'],
];

describe.each(trainRefusals)('SPEC §6 refusal: %s', (_, args, line) => {
  it('exits 2 with exactly that one line on stderr and nothing on stdout', () => {
    expect(cli(...args())).toEqual({ status: 2, stdout: '', stderr: `typed-mlp: ${line}\n` });
  });
});

it('eval ignores a bad train.weightDecay, as it ignores the whole train block', () => {
  expect(cli('eval', tempFile({ ...xor, train: { weightDecay: -1 } })).status).toBe(0);
});
