import { afterAll, describe, expect, it } from 'vitest';
import { expectClose } from './helpers/close.js';
import { cli, cliWith, tempFile } from './helpers/cli.js';
import { loadFixtures } from './helpers/fixtures.js';

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
  ['a ragged X', () => ['eval', tempFile(withKey('X', [[0, 0], [0, 1], [1], [1, 1]]))], /X is ragged: X\[2\] has 1 entries but X\[0\] has 2/],
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
  ['an unknown command', () => ['fit', tempFile(xor)], /unknown command "fit"; expected eval, train or gradcheck/],
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
