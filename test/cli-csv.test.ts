/**
 * The CLI's CSV reading and writing (src/cli/csv.ts): csv-parse with strict options, the header
 * rules, strict numbers, RFC 4180 quoting out, and that csv-parse stays a dependency of the CLI
 * only (the library's import graph never reaches it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField, numberCell, parseCsv, toCsv } from '../src/cli/csv.js';
import { InputError } from '../src/errors.js';

const SRC = 'DATA "t.csv"';
const table = (text: string) => parseCsv(text, SRC);
/** The InputError message of `f`, or a failure if it does not throw one. */
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).not.toMatch(/\n/);
    return (e as Error).message;
  }
  throw new Error('did not throw');
};

describe('reading CSV', () => {
  it('quoted fields hold commas, line breaks and doubled quotes; CRLF, a BOM and blank lines are handled', () => {
    const t = table('\ufeffname,"a, b",c\r\n"x, ""y""",1,"two\r\nlines"\r\n\r\n  \r\nz,2,3\r\n');
    expect(t.header).toEqual(['name', 'a, b', 'c']);
    expect(t.rows).toEqual([
      ['x, "y"', '1', 'two\r\nlines'],
      ['z', '2', '3'],
    ]);
  });

  it('LF, CR and a missing final line end all work; spaces around unquoted fields are dropped, quoted ones kept', () => {
    expect(table('a,b\n1,2\n3,4').rows).toEqual([['1', '2'], ['3', '4']]);
    expect(table('a,b\r1,2\r').rows).toEqual([['1', '2']]);
    expect(table('a , b\n 1 ," 2 "\n').rows).toEqual([['1', ' 2 ']]);
    expect(table('a , b\n 1 ," 2 "\n').header).toEqual(['a', 'b']);
  });

  it('a ragged row is an error naming the row and both lengths, never padded or cut', () => {
    expect(refusal(() => table('a,b\n1,2\n3\n'))).toBe(`${SRC}: row 2 has 1 field but the header has 2 (every row needs one field per column)`);
    expect(refusal(() => table('a,b\n1,2,3\n'))).toBe(`${SRC}: row 1 has 3 fields but the header has 2 (every row needs one field per column)`);
    // Blank lines are not rows: the count is of data rows.
    expect(refusal(() => table('a,b\n\n1,2\n\n\n3,4,5\n'))).toMatch(/row 2 has 3 fields/);
  });

  it('broken quoting is an error, never kept as text', () => {
    expect(refusal(() => table('a,b\n1,"2\n'))).toMatch(/^DATA "t\.csv" is not valid CSV: Quote Not Closed/);
    expect(refusal(() => table('a,b\n1,2"x"\n'))).toMatch(/^DATA "t\.csv" is not valid CSV: Invalid Opening Quote/);
    expect(refusal(() => table('a,b\n1,"2"x\n'))).toMatch(/^DATA "t\.csv" is not valid CSV: Invalid Closing Quote/);
  });

  it('an empty file, a header without rows, an unnamed or a repeated column are errors', () => {
    expect(refusal(() => table(''))).toBe(`${SRC} is empty: it needs a header row of column names, then one row per example`);
    expect(refusal(() => table('\r\n\n'))).toMatch(/is empty/);
    expect(refusal(() => table('\ufeff'))).toMatch(/is empty/);
    expect(refusal(() => table('a,b\n'))).toBe(`${SRC} has a header ("a", "b") but no data rows`);
    expect(refusal(() => table('a,,c\n1,2,3\n'))).toBe(`${SRC}: the header's column 2 has no name (the first row must name every column)`);
    expect(refusal(() => table('a,b,a\n1,2,3\n'))).toBe(`${SRC}: the header names column "a" twice (columns 1 and 3)`);
  });
});

describe('numbers are strict', () => {
  const t = table('x,y\n0,0\n');
  const cell = (text: string) => numberCell({ ...t, rows: [[text, '0']] }, 0, 0);

  it('plain decimals are numbers', () => {
    for (const [text, v] of [['12', 12], ['-0.5', -0.5], ['+3', 3], ['.5', 0.5], ['5.', 5], ['1e-3', 0.001], ['2.5E+2', 250], ['-0', -0], ['007', 7]] as const) {
      expect(cell(text)).toBe(v);
    }
  });

  it.each(['', 'abc', '1,5', '0x10', '0b1', 'NaN', 'Infinity', '-Infinity', '1_000', '1.2.3', '.', '+', 'e5', '1e', '١٢', '1e400', '--1', '12abc'])('%j is refused, naming the row and the column', (text) => {
    const message = refusal(() => cell(text));
    expect(message).toMatch(/^DATA "t\.csv" row 1, column "x" /);
    if (text === '') expect(message).toBe('DATA "t.csv" row 1, column "x" is empty');
    if (text === '1,5') expect(message).toBe('DATA "t.csv" row 1, column "x" is "1,5", not a number (write decimals with a point: 1.5)');
    if (text === '1e400') expect(message).toBe('DATA "t.csv" row 1, column "x" is "1e400", too large for a float64');
  });

  it('the decimal-comma hint only for digits, a comma, digits; otherwise the hint given (e.g. to leave a column out)', () => {
    const hinted = (text: string) => refusal(() => numberCell({ ...t, rows: [[text, '0']] }, 0, 0, '; HINT'));
    for (const text of ['1,5', '-12,75', '+0,5', '1000,0']) expect(hinted(text)).toBe(`DATA "t.csv" row 1, column "x" is ${JSON.stringify(text)}, not a number (write decimals with a point: 1.5)`);
    for (const text of ['near park', 'a,b', '1,2,3', '1,', ',5', '1, 5', '1.000,5']) expect(hinted(text)).toBe(`DATA "t.csv" row 1, column "x" is ${JSON.stringify(text)}, not a number; HINT`);
    // Empty and too large are not text to leave out: no hint.
    expect(hinted('')).toBe('DATA "t.csv" row 1, column "x" is empty');
    expect(hinted('1e400')).toBe('DATA "t.csv" row 1, column "x" is "1e400", too large for a float64');
  });
});

describe('writing CSV (RFC 4180 quoting)', () => {
  it('quotes a field with a comma, a quote, a line break or edge spaces, and doubles its quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(' edge')).toBe('" edge"');
    expect(toCsv(['a', 'b, c'], [[1, 'x'], [2.5, '"q"']])).toBe('a,"b, c"\n1,x\n2.5,"""q"""\n');
  });

  it('what toCsv writes, parseCsv reads back exactly (any text, seeded)', () => {
    const name = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '' && s.trim() === s && !s.startsWith('\ufeff'));
    const field = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a,b', '"', '""', '\r\n', '\n', ' x ', 'é€😀'), fc.double({ noNaN: true, noDefaultInfinity: true }).map(String));
    const arb = fc.uniqueArray(name, { minLength: 2, maxLength: 4 }).chain((header) =>
      fc.tuple(fc.constant(header), fc.array(fc.array(field, { minLength: header.length, maxLength: header.length }), { minLength: 1, maxLength: 5 })),
    );
    fc.assert(
      fc.property(arb, ([header, rows]) => {
        const back = table(toCsv(header, rows));
        expect(back.header).toEqual(header);
        expect(back.rows).toEqual(rows);
      }),
      { seed: 11_001, numRuns: 300 },
    );
  });
});

describe('csv-parse is a dependency of the CLI only', () => {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

  /**
   * Every module reachable from `entry` and every package it imports, as esbuild resolves them when
   * it bundles the file (packages left external): the real graph, static and dynamic imports alike.
   */
  function importGraph(entry: string): { files: string[]; packages: Set<string> } {
    const { metafile } = buildSync({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
    const packages = new Set<string>();
    for (const input of Object.values(metafile.inputs)) {
      // (A relative path is no package: from src/heads/softmax.ts, esbuild 0.28 leaves '../validate.js' external.)
      for (const imp of input.imports) if (imp.external && !imp.path.startsWith('.')) packages.add(imp.path.startsWith('@') ? imp.path.split('/').slice(0, 2).join('/') : imp.path.split('/')[0]!);
    }
    return { files: Object.keys(metafile.inputs), packages };
  }

  it("src/index.ts's import graph reaches neither csv-parse nor the CLI; src/cli/main.ts's does reach csv-parse", () => {
    const lib = importGraph(join(root, 'src/index.ts'));
    expect(lib.files.length).toBeGreaterThan(20);
    expect([...lib.packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect(lib.files.filter((f) => f.includes('src/cli/'))).toEqual([]);
    // The check would see it: the CLI's graph has csv-parse.
    expect(importGraph(join(root, 'src/cli/main.ts')).packages).toContain('csv-parse');
  });

  it("the built entry, dist/src/index.js (a bundle: scripts/build.mjs), imports no package; the built CLI imports csv-parse", () => {
    const index = join(root, 'dist/src/index.js');
    expect(existsSync(index), 'build first: npm run build').toBe(true);
    expect([...importGraph(index).packages]).toEqual([]);
    expect(importGraph(join(root, 'dist/src/cli/main.js')).packages).toContain('csv-parse');
  });

  it('in the sources, only files in src/cli/ import csv-parse; package.json lists it as a dependency', () => {
    const importers = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /['"]csv-parse(?:\/[^'"]*)?['"]/.test(readFileSync(join(root, 'src', f), 'utf8')))
      .map((f) => f.split(sep).join('/'));
    expect(importers).toEqual(['cli/csv.ts']);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    expect(Object.keys(pkg.dependencies ?? {})).toContain('csv-parse');
  });
});
