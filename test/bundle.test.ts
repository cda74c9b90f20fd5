// The package's entry, dist/src/index.js, is a bundle of the library's modules (scripts/build.mjs),
// not tsc's re-export file: it must offer exactly what the sources' entry offers, under the same
// names (esbuild names a class that refers to itself `_Matrix` unless scripts/build.mjs gives it
// its name back), and an app's bundler must still drop what the app does not use.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as sources from '../src/index.js';

const entry = new URL('../dist/src/index.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) throw new Error('build first: npm run build');
const built = (await import(entry.href)) as Record<string, unknown>;

describe('the bundled entry, dist/src/index.js', () => {
  it('exports the same names as src/index.ts', () => {
    expect(Object.keys(built).sort()).toEqual(Object.keys(sources).sort());
  });

  it('keeps the name of every exported function and class', () => {
    const names = (lib: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(lib).flatMap(([k, v]) => (typeof v === 'function' ? [[k, v.name]] : [])));
    const expected = names(sources as Record<string, unknown>);
    expect(Object.keys(expected).length).toBeGreaterThan(40);
    expect(names(built)).toEqual(expected);
  });

  it("stays tree-shakeable: an app that imports matrix alone and bundles it gets a small part of the library", () => {
    // An app's bundler, minifying, for the browser. With keepNames (`__name` calls, static blocks)
    // the first app was 179 kB: every class was kept, with the 37 kB of base64 WebAssembly.
    const size = (code: string) =>
      buildSync({ stdin: { contents: code, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'js' }, bundle: true, minify: true, write: false, platform: 'browser', format: 'esm', logLevel: 'silent' }).outputFiles[0]!.contents.length;
    const matrixOnly = size("import { matrix } from './dist/src/index.js'; console.log(matrix([[1]]).toArray());");
    const everything = size("import * as lib from './dist/src/index.js'; console.log(lib);");
    expect(matrixOnly).toBeLessThan(20_000);
    expect(everything).toBeGreaterThan(100_000);
  });

  it('throws its own error classes, named', () => {
    const { matrix, ShapeError, TypedMlpError } = built as unknown as typeof sources;
    let caught: unknown;
    try {
      matrix([[1, 2], [3]] as unknown as number[][]);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ShapeError);
    expect(caught).toBeInstanceOf(TypedMlpError);
    expect((caught as Error).name).toBe('ShapeError');
  });
});
