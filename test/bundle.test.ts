// The package's entry, dist/src/index.js, is a bundle of the library's modules (scripts/build.mjs),
// not tsc's re-export file: it must offer exactly what the sources' entry offers, under the same
// names. esbuild renames a top-level function or class whose name two modules share (transpose,
// accuracyOf, …); without keepNames its `name` would then read transpose2.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
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
