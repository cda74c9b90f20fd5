// `npm run build` (and `prepack`, through scripts/build-package.mjs): compiles src/, types/ and
// examples/ to dist/ with tsc (tsconfig.build.json: every module, its declarations and maps), then
// bundles the package's two entries, the library (dist/src/index.js, package.json "exports") and
// the CLI (dist/src/cli/main.js, which bin/typed-mlp.js runs), over tsc's output of those files.
//
// Why: a process that imports typed-mlp and runs one fit of bench/README.md's workload B peaked
// 3.7 MiB lower (bench/README.md, "Comparing two builds"). Node's loader costs ~13 KiB per module
// (the entry reached 81), and tsc keeps the comments, whose non-ASCII characters (×, ·, →) make V8
// hold a module's whole source as a two-byte string. The bundles are ASCII only (esbuild escapes
// non-ASCII in strings; the comments are gone because esbuild reads a second tsc emit made with
// removeComments), not minified (readable in a stack trace), with keepNames, so that classes and
// functions esbuild renames to avoid a clash keep their `name` (the error classes set
// `this.name = new.target.name`).
//
// The library's code is in ONE place, BUNDLE_CHUNK, which both entries import (esbuild's code
// splitting): the CLI and the library share its classes, and the package ships them once. The CLI's
// own modules are in dist/src/cli/main.js, which imports csv-parse (a dependency, left external). The package ships
// these three files and tsc's declarations (package.json "files"); tsc's other dist/src/*.js stay
// in dist/ for local tools (scripts/gemm-gflops.mjs imports the kernels from there).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** The staging emit the bundle is made from: tsc's JavaScript without comments (its maps point at src/ as dist's do, being as deep). */
const STAGE = 'dist/.bundle-input';

/** The shared chunk of the two bundled entries, relative to dist/src (no .ts file compiles to it). */
export const BUNDLE_CHUNK = 'library.bundle.js';

/** The JavaScript the package ships, relative to the repository: the two entries and their chunk. */
export const BUNDLED = ['dist/src/index.js', 'dist/src/cli/main.js', `dist/src/${BUNDLE_CHUNK}`];

/** tsc → dist/, then the bundles over tsc's dist/src/index.js and dist/src/cli/main.js. */
export async function buildDist() {
  compile();
  await bundleEntries();
}

/** tsc -p tsconfig.build.json: every module of src/, types/ and examples/ to dist/. */
export function compile() {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

/** Bundles the library and the CLI from a comment-free tsc emit into the files of BUNDLED. */
export async function bundleEntries() {
  const stage = join(root, STAGE);
  rmSync(stage, { recursive: true, force: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', STAGE, '--removeComments', '--declaration', 'false', '--declarationMap', 'false'], { cwd: root, stdio: 'inherit' });
    await build({
      entryPoints: { index: join(stage, 'src/index.js'), 'cli/main': join(stage, 'src/cli/main.js') },
      outdir: join(root, 'dist/src'),
      chunkNames: BUNDLE_CHUNK.replace(/\.js$/, ''), // one name, no hash: two entries make at most one shared chunk
      splitting: true,
      allowOverwrite: true,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      packages: 'external', // csv-parse (the CLI's dependency) and node: built-ins (the CLI's)
      target: 'es2022',
      charset: 'ascii',
      keepNames: true,
      legalComments: 'none',
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'warning',
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildDist();
