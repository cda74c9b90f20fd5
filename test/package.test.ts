// The package as a user gets it: `npm pack`, publint and arethetypeswrong on the tarball, then the
// tarball installed (offline) into a fresh project that type-checks consumer files with TypeScript 7
// and 5.9, runs one with node, and calls the `typed-mlp` bin through npx.
// It packs the dist/ that `npm test` has just built (`--ignore-scripts`: a scripted `npm pack`
// would build dist/ again under the other test files' feet). The scripted pack, prepack building
// dist/ from nothing as in a fresh clone, runs in a copy of the sources.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ran, start } from './helpers/spawn.js';
import { buildIfMissing } from './helpers/build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const compilers = {
  'TypeScript 7': join(root, 'node_modules/typescript/bin/tsc'),
  'TypeScript 5.9': join(root, 'node_modules/typescript5/bin/tsc'),
};
/** The JavaScript the package ships: scripts/build.mjs's bundles of the library and the CLI, and their shared chunk. */
const BUNDLED = ['dist/src/index.js', 'dist/src/cli/main.js', 'dist/src/library.bundle.js'];
const npm = 'npm';
const npx = 'npx';
// Offline and quiet: nothing in this file may touch the network.
const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return r;
}
/** Without blocking, so the compilers and linters below run side by side. */
const startIn = (cmd: string, args: string[], cwd: string): Promise<Ran> => start(cmd, args, { cwd, env });
const output = (r: Ran): string => r.stdout + r.stderr;

let tmp: string;
let tarball: string;
let project: string;
let packed: { files: string[]; size: number; unpackedSize: number };
/** The package.json inside the tarball: what npm reads when it installs the package. */
let manifest: { scripts?: Record<string, string>; dependencies?: Record<string, string> };
/** What `npm install TARBALL` printed in the fresh project. */
let installOutput: string;
/** A copy of the sources with no dist/, as a fresh clone has it. */
let clean: string;
/** Everything slow, started together once the package is installed; each test awaits its own. */
let jobs: Record<'publint' | 'attw' | 'ok7' | 'bad7' | 'ok5' | 'bad5' | 'runtime' | 'npx' | 'cleanPack', Promise<Ran>>;

const consumer = `\
import { assertCols, column, fromArray, fromWeights, matrix, network, zeros, ShapeError, type Matrix } from 'typed-mlp';

declare const console: { log(text: string): void }; // no @types/node in this project

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T>(_: T) => <U>(_check: Equal<T, U>): void => {};

// The builder: sizes in the type, forward generic in the batch size.
const net = network(9, { seed: 7 }).relu(6).relu(6).sigmoid(1);
const many = net.forward(zeros(32, 9));
expectType(many)<Matrix<32, 1>>(true);

// fromWeights: the seed's XOR 2-3-1 network, trained.
const xor = fromWeights([
  matrix([[0.1, 0.6, 0.3], [0.1, -0.2, 0.4]]),
  matrix([[-0.2], [1.1], [1.3]]),
]);
const X = matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = column([0, 1, 1, 0]);
expectType(xor.forward(X))<Matrix<4, 1>>(true);
const [g1, g2] = xor.gradients(X, Y);
expectType(g1)<Matrix<2, 3>>(true);
expectType(g2)<Matrix<3, 1>>(true);
const { losses, finalLoss } = xor.train(X, Y, { lr: 1, epochs: 1000 });

// Run-time dims enter through the checked door.
const rows: number = 2;
const cols: number = 9;
const raw = fromArray(new Float64Array(18), rows, cols);
expectType(net.forward(assertCols(raw, 9)))<Matrix<number, 1>>(true);
let caught = '';
try {
  assertCols(raw, 8);
} catch (e) {
  caught = e instanceof ShapeError ? e.message : 'not a ShapeError';
}

// The mistakes the compiler must catch (never called: each would throw a ShapeError at run time).
export function mistakes(): void {
  // @ts-expect-error X has 8 columns but the network expects 9
  net.forward(zeros(32, 8));
  // @ts-expect-error Y has 3 rows but X has 4
  xor.loss(X, column([0, 1, 1]));
  // @ts-expect-error X has a column count known only at run time
  net.forward(raw);
}

console.log(JSON.stringify({
  many: many.shape,
  initialLoss: losses[0],
  finalLoss,
  predictions: xor.predict(X).toArray().flat(),
  caught,
}));
`;

const mismatch = `\
import { fromWeights, zeros } from 'typed-mlp';

export const net = fromWeights([zeros(2, 3), zeros(4, 1)]);
`;

/** A strict nodenext config for `files` in the consumer project. */
function tsconfig(name: string, files: string[], emit: boolean): string {
  const path = join(project, name);
  const compilerOptions = {
    strict: true,
    target: 'es2022',
    lib: ['es2022'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    // Check the package's own .d.ts too, with no @types/node and no DOM: what every consumer can compile.
    skipLibCheck: false,
    types: [],
    pretty: false,
    ...(emit ? { outDir: 'out' } : { noEmit: true }),
  };
  writeFileSync(path, JSON.stringify({ compilerOptions, files }, null, 2));
  return path;
}

beforeAll(() => {
  buildIfMissing('dist/src/index.js', 'dist/src/index.d.ts');
  tmp = mkdtempSync(join(tmpdir(), 'typed-mlp-pack-'));
  const p = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root);
  expect(p.status, output(p)).toBe(0);
  const [info] = JSON.parse(p.stdout) as [{ filename: string; size: number; unpackedSize: number; files: { path: string }[] }];
  tarball = join(tmp, info.filename);
  packed = { files: info.files.map((f) => f.path).sort(), size: info.size, unpackedSize: info.unpackedSize };

  project = join(tmp, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' })) as typeof manifest;
  const i = run(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
  expect(i.status, output(i)).toBe(0);
  installOutput = output(i);

  // The sources a clone has (no dist/), with this repository's node_modules for the build tools.
  clean = join(tmp, 'clean');
  mkdirSync(clean);
  for (const entry of ['package.json', 'tsconfig.base.json', 'tsconfig.build.json', 'README.md', 'LICENSE', 'src', 'types', 'examples', 'compat', 'bin', 'scripts']) {
    cpSync(join(root, entry), join(clean, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(clean, 'node_modules'), 'dir');
  mkdirSync(join(tmp, 'clean-pack'));
  writeFileSync(join(project, 'consumer.ts'), consumer);
  writeFileSync(join(project, 'mismatch.ts'), mismatch);

  const node = (args: string[], cwd = project) => startIn(process.execPath, args, cwd);
  const tsc7 = compilers['TypeScript 7'];
  const tsc5 = compilers['TypeScript 5.9'];
  jobs = {
    publint: node([join(root, 'node_modules/publint/src/cli.js'), 'run', tarball, '--strict'], root),
    attw: node([join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'), tarball, '--profile', 'esm-only', '--no-definitely-typed', '--format', 'json'], root),
    ok7: node([tsc7, '-p', tsconfig('tsconfig.ok7.json', ['consumer.ts'], false)]),
    bad7: node([tsc7, '-p', tsconfig('tsconfig.bad7.json', ['mismatch.ts'], false)]),
    ok5: node([tsc5, '-p', tsconfig('tsconfig.ok5.json', ['consumer.ts'], false)]),
    bad5: node([tsc5, '-p', tsconfig('tsconfig.bad5.json', ['mismatch.ts'], false)]),
    runtime: node([tsc7, '-p', tsconfig('tsconfig.emit.json', ['consumer.ts'], true)]).then((c) =>
      c.status === 0 ? node([join(project, 'out/consumer.js')]) : { ...c, stderr: `tsc failed: ${output(c)}` },
    ),
    npx: startIn(npx, ['typed-mlp', '--help'], project),
    // With its scripts, as `npm pack` in a fresh clone runs it: prepack builds dist/.
    cleanPack: startIn(npm, ['pack', '--json', '--pack-destination', join(tmp, 'clean-pack')], clean),
  };
}, 120_000);

afterAll(async () => {
  if (jobs) await Promise.allSettled(Object.values(jobs));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the compiled library, its type layer, the bin, README and LICENSE, and nothing else', () => {
    const { files } = packed;
    for (const f of ['package.json', 'README.md', 'LICENSE', 'bin/typed-mlp.js', 'dist/src/index.d.ts', 'dist/types/index.d.ts', ...BUNDLED]) {
      expect(files).toContain(f);
    }
    const stray = files.filter(
      (f) => !['package.json', 'README.md', 'LICENSE', 'bin/typed-mlp.js'].includes(f) && !/^dist\/(src|types)\/.+\.(js|d\.ts)$/.test(f) && !/^compat\/[^/]+\.d\.ts$/.test(f),
    );
    expect(stray).toEqual([]); // no dist/examples, no source maps, no .ts sources, no tests
    expect(packed.size).toBeLessThan(300_000); // 232 kB with the CLI, fromOnnx and the data helpers; a map or test folder would push it over
  });

  it("ships the bundles as its JavaScript (tsc's per-module files stay out), each ASCII only", () => {
    const js = packed.files.filter((f) => f.startsWith('dist/') && f.endsWith('.js'));
    expect(js.sort()).toEqual([...BUNDLED].sort());
    const unpacked = join(tmp, 'unpacked-bundles');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    // One non-ASCII character (a comment's ×) and V8 holds the whole source as a two-byte string (scripts/build.mjs).
    for (const f of js) expect(/[^\x00-\x7f]/.test(readFileSync(join(unpacked, 'package', f), 'utf8')), f).toBe(false);
  });

  it('every import in its .js and .d.ts files is relative and resolves inside the tarball, a node: built-in, or (in the CLI only) a dependency', () => {
    const { files } = packed;
    const have = new Set(files);
    const unpacked = join(tmp, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const broken: string[] = [];
    const external: string[] = [];
    for (const f of files.filter((f) => f.endsWith('.js') || f.endsWith('.d.ts'))) {
      const text = readFileSync(join(unpacked, 'package', f), 'utf8');
      const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const spec of specs) {
        if (!spec.startsWith('.')) {
          // The library imports no other package; the CLI may import one it declares as a dependency.
          const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
          const declared = f.startsWith('dist/src/cli/') && Object.hasOwn(manifest.dependencies ?? {}, name);
          if (!spec.startsWith('node:') && !declared) external.push(`${f}: ${spec}`);
          continue;
        }
        const target = posix.normalize(posix.join(posix.dirname(f), spec));
        const wanted = f.endsWith('.d.ts') ? target.replace(/\.js$/, '.d.ts') : target;
        if (!have.has(wanted)) broken.push(`${f}: ${spec} (${wanted} is not in the tarball)`);
      }
    }
    expect(broken).toEqual([]);
    expect(external).toEqual([]);
  });

  it('names no source map: the package ships none, so a sourceMappingURL would point at nothing', () => {
    const unpacked = join(tmp, 'unpacked-maps');
    mkdirSync(unpacked);
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const naming = packed.files.filter((f) => /\.(js|d\.ts)$/.test(f) && /sourceMappingURL/.test(readFileSync(join(unpacked, 'package', f), 'utf8')));
    expect(naming).toEqual([]);
  });

  it('passes publint (strict)', async () => {
    const r = await jobs.publint;
    expect(output(r)).toContain('All good!');
    expect(r.status).toBe(0);
  });

  it('passes arethetypeswrong (ESM-only profile)', async () => {
    const r = await jobs.attw;
    expect(r.status, output(r)).toBe(0);
    // The package is ESM-only: a CommonJS `require` of it (node10, node16-cjs) is out of scope; nothing else may be reported.
    const { problems } = JSON.parse(r.stdout) as { problems: Record<string, { resolutionKind?: string }[]> };
    const reported = Object.values(problems).flat().filter((p) => p.resolutionKind !== 'node10' && p.resolutionKind !== 'node16-cjs');
    expect(reported).toEqual([]);
  });
});

describe('its manifest and the scripts around packing', () => {
  const INSTALL_TIME = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

  it('runs no script when a consumer installs it: no prepare and no install scripts', () => {
    const scripts = Object.keys(manifest.scripts ?? {});
    expect(scripts.filter((name) => INSTALL_TIME.includes(name))).toEqual([]);
  });

  it('installs with npm without an install-scripts warning', () => {
    expect(installOutput).not.toMatch(/install-scripts|allowScripts|prepare/);
  });

  it('is built by prepack: `npm pack` in a clone without dist/ packs a fresh build, and leaves dist/ in place', async () => {
    const r = await jobs.cleanPack;
    expect(r.status, output(r)).toBe(0);
    const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as [{ files: { path: string }[] }];
    const files = info.files.map((f) => f.path);
    // Each source file of src/ and types/ is there as its declarations, the JavaScript as the bundles, and nothing else is.
    const sources = (dir: string): string[] =>
      readdirSync(join(clean, dir), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [`${dir}/${e.name}`] : [],
      );
    const wanted = [...[...sources('src'), ...sources('types')].map((f) => `dist/${f.replace(/\.ts$/, '.d.ts')}`), ...BUNDLED];
    expect(files.filter((f) => f.startsWith('dist/')).sort()).toEqual(wanted.sort());
    expect(existsSync(join(clean, 'dist/src/index.js'))).toBe(true);
  });

  it('has a prepack that removes outputs whose source is gone, so nothing stale is packed', async () => {
    await jobs.cleanPack; // its build first: the two must not write dist/ at once
    writeFileSync(join(clean, 'dist/src/removed-long-ago.js'), 'export {};\n');
    writeFileSync(join(clean, 'dist/src/removed-long-ago.d.ts'), 'export {};\n');
    const r = run(process.execPath, ['scripts/build-package.mjs'], clean);
    expect(r.status, output(r)).toBe(0);
    expect(r.stderr).toContain('removed 2 stale file(s) from dist/: dist/src/removed-long-ago.d.ts, dist/src/removed-long-ago.js');
    expect(existsSync(join(clean, 'dist/src/removed-long-ago.js'))).toBe(false);
    expect(existsSync(join(clean, 'dist/src/index.js'))).toBe(true);
  });
});

describe('installed into a fresh project', () => {
  describe.each([
    ['TypeScript 7', 'ok7', 'bad7'],
    ['TypeScript 5.9', 'ok5', 'bad5'],
  ] as const)('%s', (_, ok, bad) => {
    it('type-checks a consumer that builds, runs and trains networks (and whose @ts-expect-error lines are errors)', async () => {
      const r = await jobs[ok];
      expect(output(r)).toBe('');
      expect(r.status).toBe(0);
    });

    it('rejects a mismatched chain with the readable message', async () => {
      const r = await jobs[bad];
      expect(r.status).not.toBe(0);
      expect(output(r)).toContain('mismatch.ts(3,46): error TS2322');
      expect(output(r)).toContain('layer 2 expects 4 inputs, but layer 1 gives 3 outputs');
    });
  });

  it('runs: the consumer compiled to JavaScript trains XOR with the installed package', async () => {
    const r = await jobs.runtime;
    expect(r.stderr).toBe('');
    const result = JSON.parse(r.stdout) as { many: number[]; initialLoss: number; finalLoss: number; predictions: number[]; caught: string };
    expect(result.many).toEqual([32, 1]);
    expect(result.finalLoss).toBeLessThan(result.initialLoss);
    expect(result.predictions).toEqual([0, 1, 1, 0]);
    expect(result.caught).toMatch(/8/);
  });

  it('exposes the bin: `npx typed-mlp --help` prints the usage', async () => {
    const r = await jobs.npx;
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout).toContain('usage: typed-mlp');
  });

  it('can be required from CommonJS where Node has require(esm) on by default (20.19+, 22.12+), and imported everywhere', () => {
    const code = "const m = require('typed-mlp'); console.log(typeof m.network, m.network(2).tanh(3).sigmoid(1).sizes.join('-'))";
    const r = run(process.execPath, ['--input-type=commonjs', '-e', code], project);
    const features = process.features as { require_module?: boolean };
    if (features.require_module) {
      expect(output(r)).toBe('function 2-3-1\n');
    } else {
      expect(r.status).not.toBe(0);
    }
    const d = run(process.execPath, ['--input-type=commonjs', '-e', "import('typed-mlp').then((m) => console.log(typeof m.network))"], project);
    expect(output(d)).toBe('function\n');
  });

  it('resolves typed-mlp/package.json', () => {
    const r = run(process.execPath, ['--input-type=module', '-e', "import p from 'typed-mlp/package.json' with { type: 'json' }; console.log(p.name, p.version)"], project);
    expect(r.stdout.trim()).toMatch(/^typed-mlp \d+\.\d+\.\d+/);
  });
});
