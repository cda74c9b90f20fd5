// `npm run build` (and `prepack`, through scripts/build-package.mjs): compiles src/, types/ and
// examples/ to dist/ with tsc (tsconfig.build.json: every module, its declarations, and the
// JavaScript's maps for local stack traces; no declaration maps, whose sourceMappingURL comments
// would name files the package does not ship), then
// bundles the package's two entries, the library (dist/src/index.js, package.json "exports") and
// the CLI (dist/src/cli/main.js, which bin/typed-mlp.js runs), over tsc's output of those files.
//
// Why: a process that imports typed-mlp and runs one fit of bench/README.md's workload B peaked
// 3.7 MiB lower (bench/README.md, "Comparing two builds"). Node's loader costs ~13 KiB per module
// (the entry reached 81), and tsc keeps the comments, whose non-ASCII characters (×, ·, →) make V8
// hold a module's whole source as a two-byte string. The bundles are ASCII only (esbuild escapes
// non-ASCII in strings; the comments are gone because esbuild reads a second tsc emit made with
// removeComments) and not minified (readable in a stack trace).
//
// They stay tree-shakeable: a browser app that imports `matrix` alone and bundles it gets a few
// kB, not the whole library (test/bundle.test.ts). So no keepNames: it wraps every function and
// class in `__name(…)` calls and static blocks that the app's bundler must keep, which kept all
// of it (179 kB for `matrix` alone). Without it, esbuild writes a class whose body names itself
// as `var Matrix = class _Matrix {…}`, whose `name` is then "_Matrix"; `classNames` gives those
// classes their own name back (the error classes, which set `this.name = new.target.name`, are
// `var ShapeError = class extends …`, named by the binding). The package has no sourcemaps (the
// .map files would point at sources it does not ship).
//
// The library's code is in ONE place, BUNDLE_CHUNK, which both entries import (esbuild's code
// splitting): the CLI and the library share its classes, and the package ships them once. The CLI's
// own modules are in dist/src/cli/main.js, which imports csv-parse (a dependency, left external). The package ships
// these three files and tsc's declarations (package.json "files"); tsc's other dist/src/*.js stay
// in dist/ for local tools (scripts/gemm-gflops.mjs imports the kernels from there).
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', STAGE, '--removeComments', '--declaration', 'false'], { cwd: root, stdio: 'inherit' });
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
      keepNames: false, // see the header, and classNames below
      legalComments: 'none',
      sourcemap: false,
      logLevel: 'warning',
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  for (const file of BUNDLED) classNames(join(root, file));
}

/**
 * `var X = class _X {…}` → `var X = class X {…}`, and every `_X` in the file → `X`: `_X` is the name
 * esbuild gives the class expression so that its body can refer to itself, visible only in that
 * body, where `X` is the same class. Refuses a file where `_X` is anything else (declared again, or
 * a property), rather than guess.
 */
export function classNames(path) {
  let text = readFileSync(path, 'utf8');
  for (const [, name] of text.matchAll(/\bvar (\w+) = class _\1\b/g)) {
    const inner = `_${name}`;
    const declared = text.match(new RegExp(`\\b(?:var|let|const|function|class)\\s+${inner}\\b`, 'g')) ?? [];
    if (declared.length !== 1 || new RegExp(`[.$]${inner}\\b|\\b${inner}\\s*:`).test(text)) {
      throw new Error(`${path}: ${inner} is not only the inner name of class ${name}; not renaming it`);
    }
    text = text.replace(new RegExp(`\\b${inner}\\b`, 'g'), name);
  }
  writeFileSync(path, text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildDist();
