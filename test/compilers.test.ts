// The supported compilers (issue 10, point 2): TypeScript 5.7 or later, stated in package.json and
// the README. The oldest one (the `typescript-oldest` alias) must compile a consumer of the packed
// package with literal dims and every chain check on; an older compiler must get one readable error
// instead of silently weaker types. No older compiler is installed (the tests run offline), so that
// path runs the same 5.7 relabelled as the newest unsupported minor: TypeScript picks `"types@<5.7"`
// in exports and `typesVersions` by its own version string, and that string is all the relabel
// changes. (By hand, 4.9 and 5.2 print exactly the same line; see the README, "Install".)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start } from './helpers/spawn.js';
import { buildIfMissing } from './helpers/build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: { '.': Record<string, string> };
  typesVersions: Record<string, Record<string, string[]>>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
  devDependencies: Record<string, string>;
  files: string[];
};
const oldest = join(root, 'node_modules/typescript-oldest');
/** The supported floor, "5.7", read from the alias the suite type-checks with. */
const floor = /^npm:typescript@~(\d+\.\d+)\.\d+$/.exec(pkg.devDependencies['typescript-oldest'] ?? '')?.[1] ?? '?';
const [major, minor] = floor.split('.').map(Number) as [number, number];
const unsupported = `${major}.${minor - 1}`;
const compat = `compat/typed-mlp-needs-typescript-${floor}-or-later.d.ts`;

type Compiled = { status: number | null; output: string };
/** A compiler run that does not block, so the runs below go side by side (each tsc takes ~2 s); `output` is all it wrote. */
async function tsc(compiler: string, config: string): Promise<Compiled> {
  const r = await start(process.execPath, [compiler, '-p', config], { cwd: project });
  return { status: r.status, output: r.stdout + r.stderr };
}

const ok = `\
import { fromWeights, matrix, network, zeros, type Matrix, type Network } from 'typed-mlp';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

const a = matrix([[1, 2, 3], [4, 5, 6]]);
assertType<Equal<typeof a, Matrix<2, 3>>>();
const xor = fromWeights([zeros(2, 3), zeros(3, 1)]);
assertType<Equal<typeof xor, Network<[2, 3, 1], 'sigmoid'>>>();
const many = network(9).relu(6).sigmoid(1).forward(zeros(32, 9));
assertType<Equal<typeof many, Matrix<32, 1>>>();

export function mistakes(): void {
  // @ts-expect-error layer 2 expects 4 inputs, but layer 1 gives 3 outputs
  fromWeights([zeros(2, 3), zeros(4, 1)]);
  // @ts-expect-error X has 8 columns but the network expects 9
  network(9).relu(6).sigmoid(1).forward(zeros(32, 8));
}
`;
const mismatch = `\
import { fromWeights, zeros } from 'typed-mlp';

export const net = fromWeights([zeros(2, 3), zeros(4, 1)]);
`;

let tmp: string;
let project: string;
/** The relabelled compiler (see the top of the file). */
let old: string;
let jobs: Record<'nodenext' | 'bundler' | 'mismatch' | 'oldNodenext' | 'oldBundler' | 'oldNode10', Promise<Compiled>>;

beforeAll(() => {
  buildIfMissing('dist/src/index.js', 'dist/src/index.d.ts');
  tmp = mkdtempSync(join(tmpdir(), 'typed-mlp-compilers-'));
  // The package as npm would install it (no dependencies, so unpacking is all npm install does);
  // --ignore-scripts: a scripted pack would clean and rebuild dist/ under the other test files' feet.
  const p = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' });
  expect(p.status, p.stderr).toBe(0);
  const [{ filename }] = JSON.parse(p.stdout) as [{ filename: string }];
  project = join(tmp, 'consumer');
  const installed = join(project, 'node_modules/typed-mlp');
  mkdirSync(installed, { recursive: true });
  const x = spawnSync('tar', ['-xzf', join(tmp, filename), '-C', installed, '--strip-components=1'], { encoding: 'utf8' });
  expect(x.status, x.stderr).toBe(0);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(join(project, 'ok.ts'), ok);
  writeFileSync(join(project, 'mismatch.ts'), mismatch);
  // Uses only: under an unsupported compiler the @ts-expect-error lines in ok.ts would be unused.
  writeFileSync(join(project, 'plain.ts'), ok.replace(/^ *\/\/ @ts-expect-error.*\n.*\n/gm, ''));

  /** Strict, as package.test.ts's consumer: the package's own .d.ts checked too, no @types/node. */
  const config = (name: string, resolution: 'nodenext' | 'bundler' | 'node10', file: string): string => {
    const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
    const compilerOptions = { strict: true, target: 'es2022', lib: ['es2022'], module, moduleResolution: resolution, noEmit: true, skipLibCheck: false, types: [], pretty: false };
    const path = join(project, name);
    writeFileSync(path, JSON.stringify({ compilerOptions, files: [file] }));
    return path;
  };

  // The oldest supported compiler with its version string lowered by one minor, beside its own lib files.
  const relabelled = join(tmp, 'relabelled');
  mkdirSync(relabelled);
  const source = readFileSync(join(oldest, 'lib/_tsc.js'), 'utf8');
  const patched = source
    .replace(/^var versionMajorMinor = "[\d.]+";$/m, `var versionMajorMinor = "${unsupported}";`)
    .replace(/^var version = "[\d.]+";$/m, `var version = "${unsupported}.0";`);
  writeFileSync(join(relabelled, 'tsc.cjs'), patched);
  for (const lib of readdirSync(join(oldest, 'lib')).filter((f) => /^lib\..*\.d\.ts$/.test(f))) symlinkSync(join(oldest, 'lib', lib), join(relabelled, lib));
  old = join(relabelled, 'tsc.cjs');
  const real = join(oldest, 'bin/tsc');

  jobs = {
    nodenext: tsc(real, config('tsconfig.nodenext.json', 'nodenext', 'ok.ts')),
    bundler: tsc(real, config('tsconfig.bundler.json', 'bundler', 'ok.ts')),
    mismatch: tsc(real, config('tsconfig.mismatch.json', 'nodenext', 'mismatch.ts')),
    oldNodenext: tsc(old, config('tsconfig.old-nodenext.json', 'nodenext', 'plain.ts')),
    oldBundler: tsc(old, config('tsconfig.old-bundler.json', 'bundler', 'plain.ts')),
    oldNode10: tsc(old, config('tsconfig.old-node10.json', 'node10', 'plain.ts')),
  };
}, 60_000);

afterAll(async () => {
  if (jobs) await Promise.allSettled(Object.values(jobs));
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the supported range', () => {
  it('is one floor everywhere: the alias npm test type-checks with, exports, typesVersions, the peer range, the message file and the README', () => {
    expect(floor).toMatch(/^\d+\.\d+$/);
    const installed = JSON.parse(readFileSync(join(oldest, 'package.json'), 'utf8')) as { version: string };
    expect(installed.version.startsWith(`${floor}.`)).toBe(true);
    // "types@<floor" must come before "types": TypeScript takes the first condition that matches.
    expect(Object.keys(pkg.exports['.'])).toEqual([`types@<${floor}`, 'types', 'default']);
    expect(pkg.exports['.'][`types@<${floor}`]).toBe(`./${compat}`);
    expect(pkg.typesVersions).toEqual({ [`<${floor}`]: { '*': [compat] } });
    expect(pkg.peerDependencies['typescript']).toBe(`>=${floor}`);
    expect(pkg.peerDependenciesMeta['typescript']?.optional).toBe(true);
    expect(pkg.files).toContain('compat');
    expect(readFileSync(join(project, 'node_modules/typed-mlp', compat), 'utf8')).toContain(`typed-mlp needs TypeScript ${floor} or later`);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`**TypeScript ≥ ${floor}**`);
  });
});

describe(`TypeScript ${floor}, the oldest supported`, () => {
  it.each(['nodenext', 'bundler'] as const)('compiles the consumer with literal dims and its @ts-expect-error lines as errors (%s)', async (resolution) => {
    const r = await jobs[resolution];
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects a mismatched chain with the readable message', async () => {
    const r = await jobs.mismatch;
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('mismatch.ts(3,46): error TS2322');
    expect(r.output).toContain('layer 2 expects 4 inputs, but layer 1 gives 3 outputs');
  });
});

describe(`an unsupported compiler (${floor} relabelled ${unsupported})`, () => {
  it('is what it claims to be', () => {
    expect(spawnSync(process.execPath, [old, '-v'], { encoding: 'utf8' }).stdout.trim()).toBe(`Version ${unsupported}.0`);
  });

  it.each([
    ['nodenext', 'oldNodenext'],
    ['bundler', 'oldBundler'],
    ['node10', 'oldNode10'],
  ] as const)('gets one error at the import, naming the version it needs (%s)', async (_, job) => {
    const r = await jobs[job];
    expect(r.status).not.toBe(0);
    const file = join(project, 'node_modules/typed-mlp', compat);
    const column = ok.indexOf("'typed-mlp'") + 1;
    expect(r.output.trim()).toBe(`plain.ts(1,${column}): error TS2306: File '${file}' is not a module.`);
  });
});
