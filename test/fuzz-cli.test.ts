/**
 * A fuzz run of the CLI's input parser (issue 6, point 5). fast-check generates arbitrary values,
 * arbitrary JSON, near-valid cases and mutated copies of the fixture files; each goes through
 * `parseCase` and through `main` in-process (with a captured Io and a temp file), and a sample goes
 * through the real bin. Every case must either succeed or fail with one of our named errors
 * (a TypedMlpError: exit code 2, exactly one line on stderr, nothing on stdout), never another
 * exception, never take more than CASE_MS, and never touch Object.prototype. Every run is seeded.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCase, type Case } from '../src/cli/input.js';
import { main, type Io } from '../src/cli/main.js';
import { TypedMlpError } from '../src/errors.js';
import { defineOwn, type Json, type Mutation, mutationArbitrary, sharedMutation, walkTo } from './helpers/json-mutation.js';

// A failing property shrinks its counterexample, which can take long on big cases: stop after 20 s
// (before vitest's 30 s timeout) and report the smallest counterexample found so far. A run that is
// merely slow fails too, rather than silently checking fewer cases.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

/** The time bound of one case (they take well under 50 ms; a hang or a blow-up shows here). */
const CASE_MS = 2000;

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = join(here, '../bin/typed-mlp.js');
const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The JSON files of a folder, parsed (with their extra keys: expected, description, …); none when it does not exist. */
const jsonFiles = (folder: string, pattern = /\.json$/): { name: string; json: { [key: string]: Json } }[] =>
  existsSync(folder)
    ? readdirSync(folder)
        .filter((f) => pattern.test(f))
        .sort()
        .map((f) => ({ name: f, json: JSON.parse(readFileSync(join(folder, f), 'utf8')) }))
    : [];

/**
 * The model fixtures of SPEC sections 5-6: files with "biases" (with null entries), "activations"
 * (every head) and "train": {"weightDecay"}, so the fuzz mutates those keys from valid values too.
 */
const modelFixtures = [...jsonFiles(join(here, 'fixtures', 'model'), /^gen_.*\.json$/), ...jsonFiles(join(here, '../../shared/fixtures/model'))];

/** The fixture files: the section-3 cases, then the model ones. */
const fixtures: { name: string; json: { [key: string]: Json } }[] = [...jsonFiles(join(here, 'fixtures')), ...modelFixtures];

// ---------------------------------------------------------------------------------------------
// What every case must satisfy
// ---------------------------------------------------------------------------------------------

/** Nothing may ever reach Object.prototype or Array.prototype. */
function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, 'Array.prototype was polluted').toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/** A value → parseCase: a consistent Case, or a named error with a one-line message. Returns the outcome. */
function checkParse(value: unknown): string {
  const t0 = performance.now();
  let parsed: Case | undefined;
  let error: unknown;
  try {
    parsed = parseCase(value);
  } catch (e) {
    error = e;
  }
  expect(performance.now() - t0, 'parseCase took too long').toBeLessThan(CASE_MS);
  expectNoPollution();
  if (parsed !== undefined) {
    expectConsistent(parsed);
    return 'ok';
  }
  if (!(error instanceof TypedMlpError)) throw new Error(`parseCase threw a ${error instanceof Error ? error.name : typeof error}, not a TypedMlpError: ${String(error)}`);
  expect(error.name).toMatch(/^(Shape|Value|Input|Format)Error$/); // a named subclass with its stable code
  expect(error.code).toMatch(/^E_[A-Z]+$/);
  expect(error.message).toMatch(/^[^\n]+$/);
  return error.code;
}

/** What parseCase promises when it returns: shapes that chain, finite numbers, biases and activations per layer, labels the head takes. */
function expectConsistent(c: Case): void {
  const L = c.weights.length;
  expect(c.activations).toHaveLength(L);
  expect(c.activations[L - 1]).toBe(c.head.name);
  if (c.head.name === 'softmax') expect(c.weights[L - 1]!.cols).toBeGreaterThanOrEqual(2);
  if (c.biases !== undefined) {
    expect(c.biases).toHaveLength(L);
    c.biases.forEach((b, l) => {
      if (b === null) return;
      expect([b.rows, b.cols]).toEqual([1, c.weights[l]!.cols]);
      expect(b.data.every(Number.isFinite)).toBe(true);
    });
  }
  expect(c.weights.length).toBeGreaterThan(0);
  c.weights.forEach((w, l) => {
    if (l > 0) expect(w.rows).toBe(c.weights[l - 1]!.cols);
    expect(w.data.every(Number.isFinite)).toBe(true);
  });
  expect(c.X.cols).toBe(c.weights[0]!.rows);
  expect(c.X.rows).toBeGreaterThan(0);
  expect(c.X.data.every(Number.isFinite)).toBe(true);
  expect([c.Y.rows, c.Y.cols]).toEqual([c.X.rows, c.weights[c.weights.length - 1]!.cols]);
  expect(c.Y.data.every(Number.isFinite)).toBe(true);
  if (c.head.name !== 'linear') expect(c.Y.data.every((y) => y >= 0 && y <= 1)).toBe(true);
  if (c.head.name === 'softmax') {
    for (let i = 0; i < c.Y.rows; i++) expect(Math.abs(c.Y.data.subarray(i * c.Y.cols, (i + 1) * c.Y.cols).reduce((a, b) => a + b, 0) - 1)).toBeLessThanOrEqual(1e-9);
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The exit contract: 0 with one line of JSON on stdout and nothing on stderr, or 2 with one line on stderr and nothing on stdout. */
function expectExitContract(r: Run, what: string): void {
  if (r.code === 0) {
    expect(r.stderr, `${what}: stderr on success`).toBe('');
    expect(r.stdout, `${what}: stdout must be one line`).toMatch(/^[^\n]+\n$/);
    expect(() => JSON.parse(r.stdout), `${what}: stdout must be JSON`).not.toThrow();
    // JSON.stringify writes null for ±Infinity and NaN: a null means a non-finite number leaked out.
    // The one null that means something is a layer without bias in biasGrads / finalBiases.
    expect(withoutBiasNulls(JSON.parse(r.stdout)), `${what}: null (a non-finite number) in the output`).not.toMatch(/null/);
  } else {
    expect(r.code, `${what}: exit code (stderr: ${r.stderr.trim()})`).toBe(2);
    expect(r.stdout, `${what}: stdout on failure`).toBe('');
    expect(r.stderr, `${what}: stderr must be exactly one line`).toMatch(/^typed-mlp: [^\n]+\n$/);
    expect(r.stderr, `${what}: not an internal error`).not.toMatch(/internal error/);
  }
}

/** The output as JSON text with the null entries of biasGrads and finalBiases (layers without bias) taken out. */
function withoutBiasNulls(out: Record<string, unknown>): string {
  const copy = { ...out };
  for (const key of ['biasGrads', 'finalBiases']) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as unknown[]).filter((b) => b !== null);
  }
  return JSON.stringify(copy);
}

let fileCount = 0;
/** main in-process on `text` written to a temp file, with the output captured. */
function runMain(command: string, text: string, flags: readonly string[]): Run {
  const path = join(dir, `case-${fileCount++ % 64}.json`);
  writeFileSync(path, text);
  let stdout = '';
  let stderr = '';
  const io: Io = { out: (t) => void (stdout += t), err: (t) => void (stderr += t) };
  const t0 = performance.now();
  const code = main([command, path, ...flags], io);
  expect(performance.now() - t0, 'main took too long').toBeLessThan(CASE_MS);
  expectNoPollution();
  return { code, stdout, stderr };
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/**
 * Placeholders replaced in the JSON text after JSON.stringify: 1e400 parses to Infinity, 1e-400
 * to 0, and -0 to -0, none of which JSON.stringify can write itself.
 */
const TEXT_NUMBERS: Record<string, string> = { '\u0000inf': '1e400', '\u0000-inf': '-1e400', '\u0000tiny': '1e-400', '\u0000-zero': '-0' };

/** Values a mutation puts in place of another: strings, null, huge numbers, nested arrays, objects. */
const junkArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>('', '1', '0.5', 'NaN', 'Infinity', '1e400', '__proto__', 'null', '[[1]]', ...Object.keys(TEXT_NUMBERS)),
  // Activation names, good and bad for the slot they land in (a head in a hidden slot, softmax on one output, …).
  fc.constantFrom<Json>('relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear', 'softmax', 'Relu', 'toString', 'constructor', ['relu', 'sigmoid'], ['tanh', 'linear'], ['softmax']),
  fc.string({ maxLength: 6 }),
  fc.constantFrom<Json>(null, true, false),
  // Huge and odd numbers. No valid-but-enormous epoch count (a real run of 4294967295 epochs would be
  // a legitimate hang): the integers here are ≥ 2³² or unsafe, so they must be rejected.
  fc.constantFrom<Json>(1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, 2 ** 53 + 2, 2 ** 53 - 1, 2 ** 32, 1e21, -1e21),
  fc.constantFrom<Json>(-1, 0, 1, 2, 3, 2.5, 0.5, 1.0000000000000002, -0.5, 1.5),
  fc.constantFrom<Json>([], [[]], [[[]]], [[1, 2], [3]], [[[1]]], [[0.5]], [1, [2]], [[1], 2], [[null]], [['1']], {}, { '0': 1 }, { length: 1 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const OPS = ['delete', 'replace', 'truncate', 'swapType', 'duplicate', 'wrap', 'unwrap', 'protoKey', 'constructorKey'] as const;
type Op = (typeof OPS)[number];

const mutationArb = mutationArbitrary(OPS, junkArb);

const TOP: (string | null)[] = ['weights', 'weights', 'weights', 'weights', 'X', 'X', 'X', 'Y', 'Y', 'Y', 'train', 'train', 'biases', 'biases', 'biases', 'activations', 'activations', 'activations', null];

/** The keys of SPEC section 6 (and Y, whose valid values depend on the head): what the model-fixture fuzz mutates. */
const TOP_MODEL: (string | null)[] = ['biases', 'biases', 'biases', 'activations', 'activations', 'activations', 'train', 'train', 'Y'];

/** Applies one mutation in place to a JSON tree (the root is an object); returns the (possibly new) root. */
function mutate(root: Json, mutation: Mutation<Op>, top: readonly (string | null)[] = TOP): Json {
  // The junk value is a copy: fc.constantFrom hands out the same instance every time, and a later
  // mutation inside it (e.g. replacing one of its entries with itself) would change it for every
  // run after, or make it circular.
  const m = { ...mutation, value: structuredClone(mutation.value) };
  const place = walkTo(root, top, m.walk);
  const { parent, key, node } = place;
  switch (m.op) {
    case 'delete':
      if (parent === undefined) {
        const keys = root !== null && typeof root === 'object' ? Object.keys(root) : [];
        if (keys.length && !Array.isArray(root)) delete (root as Record<string, Json>)[keys[m.k % keys.length]!];
        return root;
      }
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return root;
    case 'protoKey':
    case 'constructorKey': {
      const payload: Json = m.op === 'protoKey' ? { polluted: 'yes', weights: [[[1]]], lr: 1 } : { prototype: { polluted: 'yes' } };
      const target = node !== null && typeof node === 'object' && !Array.isArray(node) ? node : root;
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) defineOwn(target, m.op === 'protoKey' ? '__proto__' : 'constructor', payload);
      return root;
    }
    default: // replace, truncate, swapType, duplicate, wrap, unwrap
      return sharedMutation(root, place, m.op, m);
  }
}

/** Text-level damage, applied after JSON.stringify (the in-process parseCase only sees what still parses). */
const TEXT_OPS = ['none', 'none', 'none', 'none', 'truncate', 'garbage', 'bom', 'dupFirst', 'dupLast', 'protoFirst', 'empty'] as const;

function damageText(text: string, op: (typeof TEXT_OPS)[number], k: number, junk: Json): string {
  const j = JSON.stringify(junk) ?? 'null';
  const key = ['weights', 'X', 'Y', 'train', 'biases', 'activations'][k % 6]!;
  switch (op) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, k % (text.length + 1));
    case 'garbage':
      return `${text}${['}', ']', ',', 'x', '\u0000', ' {}'][k % 6]}`;
    case 'bom':
      return `\uFEFF${text}`;
    case 'dupFirst': // a duplicate key before the real one: JSON.parse keeps the last
      return text.startsWith('{') ? `{"${key}": ${j},${text.slice(1)}` : text;
    case 'dupLast': // a duplicate key after the real one: the junk wins
      return text.endsWith('}') && text.length > 2 ? `${text.slice(0, -1)},"${key}": ${j}}` : text;
    case 'protoFirst':
      return text.startsWith('{') && text.length > 2 ? `{"__proto__": {"polluted": "yes"}, ${text.slice(1)}` : text;
    case 'empty':
      return ['', ' ', 'null', '[]', '0', '"x"'][k % 6]!;
  }
}

function toText(value: Json): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const [placeholder, literal] of Object.entries(TEXT_NUMBERS)) text = text.split(JSON.stringify(placeholder)).join(literal);
  return text;
}

/** A mutated fixture file, as JSON text; `textDamage` adds damage to the text itself (truncation, garbage, …). */
function mutatedFixtureArb(textDamage: boolean): fc.Arbitrary<string> {
  return fc
    .record({
      fixture: fc.nat({ max: fixtures.length - 1 }),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      textOp: textDamage ? fc.constantFrom(...TEXT_OPS) : fc.constant('none' as const),
      k: fc.nat(),
      junk: junkArb,
    })
    .map(({ fixture, mutations, textOp, k, junk }) => {
      let json: Json = structuredClone(fixtures[fixture]!.json);
      for (const m of mutations) json = mutate(json, m);
      return damageText(toText(json), textOp, k, junk);
    });
}

/**
 * Near-valid cases: small random layer sizes, with now and then a ragged row, a junk entry, a layer
 * that does not chain, X of the wrong width, Y flat or as rows, labels a little outside [0, 1].
 */
const nearValidArb: fc.Arbitrary<Json> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    N: fc.integer({ min: 1, max: 4 }),
    // Mostly 0: now and then one dimension is one too small or too large.
    off: fc.array(fc.oneof({ weight: 12, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }), { minLength: 8, maxLength: 8 }),
    flatY: fc.boolean(),
  })
  .chain(({ sizes, N, off, flatY }) => {
    const cell = fc.oneof({ weight: 30, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) }, { weight: 1, arbitrary: junkArb });
    const label = fc.oneof(
      { weight: 30, arbitrary: fc.constantFrom(0, 1, 0.25) },
      { weight: 1, arbitrary: fc.constantFrom<Json>(-0.5, 1.5, 2, -1e-9) },
      { weight: 1, arbitrary: junkArb },
    );
    const ragged = (cellArb: fc.Arbitrary<Json>) => fc.array(cellArb, { maxLength: 5 });
    const mat = (r: number, c: number, cellArb: fc.Arbitrary<Json>) =>
      fc.array(fc.oneof({ weight: 20, arbitrary: fc.array(cellArb, { minLength: c, maxLength: c }) }, { weight: 1, arbitrary: ragged(cellArb) }), { minLength: r, maxLength: r });
    const L = sizes.length - 1;
    const K = sizes[L]!;
    const dim = (n: number, i: number) => Math.max(0, n + off[i]!);
    // SPEC 6: biases, mostly one fitting row or null per layer (now and then a row one too long or
    // short, or junk); activations, mostly known names with a head last (a linear head takes any
    // label, softmax needs K ≥ 2 and rows on the simplex), now and then a wrong name or length.
    const biasRow = (n: number) =>
      fc.oneof(
        { weight: 12, arbitrary: fc.array(cell, { minLength: n, maxLength: n }) },
        { weight: 4, arbitrary: fc.constant<Json>(null) },
        { weight: 1, arbitrary: fc.array(cell, { minLength: Math.max(0, n - 1), maxLength: n + 1 }) },
        { weight: 1, arbitrary: junkArb },
      );
    const hidden = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear') }, { weight: 1, arbitrary: fc.constantFrom('softmax', 'Tanh', 'toString') });
    const head = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('sigmoid', 'linear', 'linear', 'softmax') }, { weight: 1, arbitrary: fc.constantFrom('relu', '', 'constructor') });
    const absent = fc.constant(undefined);
    return fc
      .record({
        weights: fc.tuple(...sizes.slice(1).map((n, l) => mat(dim(sizes[l]!, l), n, cell))),
        X: mat(N, dim(sizes[0]!, 5), cell),
        Y: flatY ? fc.array(label, { minLength: dim(N * K, 6), maxLength: dim(N * K, 6) }) : mat(dim(N, 7), K, label),
        train: fc.oneof(
          fc.constant({ lr: 0.1, epochs: 2 }),
          fc.constantFrom<Json>({ lr: 0.1, epochs: 2, weightDecay: 0.1 }, { lr: 0.1, epochs: 2, weightDecay: -1 }),
          fc.record({ lr: junkArb, epochs: junkArb, weightDecay: junkArb }, { requiredKeys: [] }),
          junkArb,
        ),
        biases: fc.oneof(
          { weight: 2, arbitrary: absent },
          { weight: 3, arbitrary: fc.tuple(...sizes.slice(1).map((n) => biasRow(n))) },
          { weight: 1, arbitrary: fc.array(biasRow(K), { maxLength: L + 1 }) },
          { weight: 1, arbitrary: junkArb },
        ),
        activations: fc.oneof(
          { weight: 2, arbitrary: absent },
          { weight: 3, arbitrary: fc.tuple(...sizes.slice(2).map(() => hidden), head) },
          { weight: 1, arbitrary: fc.array(fc.oneof(hidden, head), { maxLength: L + 1 }) },
          { weight: 1, arbitrary: junkArb },
        ),
      })
      .map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined))) as fc.Arbitrary<Json>;
  });

/** Command lines for main: mostly eval; train and gradcheck with good and bad flags (never an enormous valid epoch count). */
const commandArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant(['eval', [] as string[]] as const) },
  {
    weight: 2,
    arbitrary: fc.tuple(
      fc.constant('train'),
      fc.constantFrom<string[]>([], ['--lr', '0.1'], ['--epochs', '2'], ['--lr', '0.5', '--epochs', '3'], ['--epochs=1'], ['--epochs', '2.5'], ['--lr', '-1'], ['--lr', 'abc'], ['--epochs', '4294967296'], ['--epochs', '1e400'], ['--lr'], ['--lr', '1e308', '--epochs', '1'], ['--lr', ''], ['--eps', '1'], ['--weight-decay', '0.1'], ['--weight-decay=0'], ['--lr', '0.1', '--epochs', '2', '--weight-decay', '0.01'], ['--lr=0.5', '--epochs=1', '--weight-decay=0'], ['--weight-decay', '-1'], ['--weight-decay', 'x'], ['--weight-decay', '1e400'], ['--weight-decay', '1e308', '--epochs', '2'], ['--weight-decay']),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constant('gradcheck'), fc.constantFrom<string[]>([], ['--eps', '1e-6'], ['--eps', '0'], ['--eps', 'x'], ['--eps', '1e-300'], ['--eps=1e-4'], ['--eps', '-1'], ['--lr', '1'])),
  },
);

/** A fixture with only its train block fuzzed (lr and epochs good, junk, huge or missing): what `train` reads. */
const trainBlockArb: fc.Arbitrary<string> = fc
  .record({
    fixture: fc.nat({ max: fixtures.length - 1 }),
    lr: fc.oneof(fc.constantFrom<Json>(0.1, 0.5, 1e-3), fc.constantFrom<Json>(0, -0.1, 1e308, 5e-324, '0.1', null, [0.1]), junkArb),
    // Valid counts stay small; the invalid ones include 2³² and 2⁵³ − 1 (too many to keep a loss each).
    epochs: fc.oneof(fc.constantFrom<Json>(1, 2, 3), fc.constantFrom<Json>(2 ** 32, 2 ** 53 - 1, 2 ** 53, 1e21, 0, -1, 2.5, '3', null, [2]), junkArb),
    keep: fc.constantFrom('both', 'both', 'both', 'lr', 'epochs', 'none', 'junk'),
    // SPEC 6: absent (no decay), good, bad (negative, a string, null, an array, Infinity via 1e400) or junk.
    weightDecay: fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constantFrom<Json>(0, 0.01, 0.5, '\u0000-zero') },
      { weight: 1, arbitrary: fc.constantFrom<Json>(-0.1, -1e-300, '0.1', null, [0.01], 1e308, '\u0000inf', true) },
      { weight: 1, arbitrary: junkArb },
    ),
    junk: junkArb,
  })
  .map(({ fixture, lr, epochs, keep, weightDecay, junk }) => {
    const json = structuredClone(fixtures[fixture]!.json);
    const decay = weightDecay === undefined ? {} : { weightDecay };
    json.train = keep === 'junk' ? junk : keep === 'both' ? { lr, epochs, ...decay } : keep === 'lr' ? { lr, ...decay } : keep === 'epochs' ? { epochs, ...decay } : decay;
    return toText(json);
  });

/** JSON text the CLI reads: mutated fixtures, near-valid cases, arbitrary JSON with and without the keys. */
const fileTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: mutatedFixtureArb(true) },
  { weight: 2, arbitrary: trainBlockArb },
  { weight: 2, arbitrary: nearValidArb.map(toText) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: fc.record({ weights: fc.jsonValue(), X: fc.jsonValue(), Y: fc.jsonValue(), train: fc.jsonValue() }, { requiredKeys: [] }).map((v) => JSON.stringify(v)) },
);

// ---------------------------------------------------------------------------------------------
// The runs
// ---------------------------------------------------------------------------------------------

function tally(outcomes: Map<string, number>, outcome: string): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

describe('fuzz: parseCase in-process (seeded)', () => {
  it('fc.anything(): a Case or a named error, never another exception', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4 }), (v) => tally(outcomes, checkParse(v))),
      { seed: 6_001, numRuns: 600 },
    );
    expect(outcomes.get('E_INPUT')).toBeGreaterThan(0);
  });

  it('objects with the keys weights, X, Y, train holding arbitrary JSON', () => {
    const outcomes = new Map<string, number>();
    const arb = fc.record({ weights: fc.jsonValue(), X: fc.jsonValue(), Y: fc.jsonValue(), train: fc.jsonValue() }, { requiredKeys: ['weights', 'X', 'Y'] });
    fc.assert(
      fc.property(arb, (v) => tally(outcomes, checkParse(v))),
      { seed: 6_002, numRuns: 600 },
    );
    expect(outcomes.get('E_SHAPE')).toBeGreaterThan(0);
  });

  it('near-valid cases (ragged rows, junk entries, broken chains, wrong X or Y) reach every check', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(nearValidArb, (v) => tally(outcomes, checkParse(JSON.parse(toText(v))))),
      { seed: 6_003, numRuns: 800 },
    );
    console.log('near-valid outcomes', Object.fromEntries(outcomes));
    for (const o of ['ok', 'E_SHAPE', 'E_VALUE']) expect(outcomes.get(o), o).toBeGreaterThan(20);
  });

  it('mutated fixture files (deleted keys, junk values, truncated arrays, swapped types, __proto__ keys), parsed by JSON.parse as the CLI does', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(mutatedFixtureArb(false), (text) => tally(outcomes, checkParse(JSON.parse(text)))),
      { seed: 6_004, numRuns: 1000 },
    );
    console.log('mutated-fixture outcomes', Object.fromEntries(outcomes));
    for (const o of ['ok', 'E_SHAPE', 'E_VALUE', 'E_INPUT']) expect(outcomes.get(o), o).toBeGreaterThan(20);
  });
});

describe('fuzz: the SPEC 6 keys of the model fixtures (seeded)', () => {
  it('biases, activations, train.weightDecay and Y of the model fixtures mutated: parseCase and main (eval, train) by the contract, every new check reached', () => {
    expect(modelFixtures.length).toBeGreaterThanOrEqual(2);
    const outcomes = new Map<string, number>();
    const arb = fc.record({
      fixture: fc.nat({ max: modelFixtures.length - 1 }),
      mutations: fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
      // Half the time the mutation lands inside train: point it at weightDecay (added if missing).
      decay: fc.oneof(fc.constant(undefined), junkArb, fc.constantFrom<Json>(0, 0.05, -0.05, '\u0000inf', null, '0.1')),
      command: fc.constantFrom('eval', 'train'),
    });
    fc.assert(
      fc.property(arb, ({ fixture, mutations, decay, command }) => {
        let json: Json = structuredClone(modelFixtures[fixture]!.json);
        for (const m of mutations) json = mutate(json, m, TOP_MODEL);
        if (decay !== undefined && json !== null && typeof json === 'object' && !Array.isArray(json)) {
          const train = json.train;
          if (train !== null && typeof train === 'object' && !Array.isArray(train)) defineOwn(train, 'weightDecay', structuredClone(decay));
        }
        const text = toText(json);
        const parsed = checkParse(JSON.parse(text));
        const r = runMain(command, text, command === 'train' ? ['--epochs', '2'] : []);
        expectExitContract(r, command);
        // The field the refusal names (its first word), or the parse outcome on success.
        const field = r.code === 0 ? 'ok' : /^typed-mlp: ([^\s[]+)/.exec(r.stderr)![1]!;
        if (r.code === 0) expect(parsed, 'main succeeded where parseCase refused').toBe('ok');
        tally(outcomes, `${command}:${field}`);
      }),
      { seed: 6_010, numRuns: 800 },
    );
    console.log('model-fixture outcomes', Object.fromEntries(outcomes));
    for (const o of ['eval:ok', 'train:ok', 'eval:biases', 'eval:activations', 'eval:Y', 'train:train.weightDecay']) expect(outcomes.get(o), o).toBeGreaterThan(5);
  });
});

describe('fuzz: main in-process (seeded)', () => {
  it('eval, train and gradcheck on fuzzed files: exit 0 with one JSON line, or exit 2 with one stderr line and empty stdout', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(fileTextArb, commandArb, (text, [command, flags]) => {
        const r = runMain(command, text, flags);
        expectExitContract(r, `${command} ${flags.join(' ')}`);
        tally(outcomes, `${command}:${r.code}`);
      }),
      { seed: 6_005, numRuns: 1200 },
    );
    console.log('main outcomes', Object.fromEntries(outcomes));
    for (const o of ['eval:0', 'eval:2', 'train:0', 'train:2', 'gradcheck:0', 'gradcheck:2']) expect(outcomes.get(o), o).toBeGreaterThan(5);
  }, 60_000);
});

describe('fuzz: train settings (seeded)', () => {
  it('train on fixtures whose train block is fuzzed, with and without --lr/--epochs: exit 0 or 2 by the contract', () => {
    const outcomes = new Map<string, number>();
    const trainFlags = fc.constantFrom<string[]>([], [], [], ['--lr', '0.1'], ['--epochs', '2'], ['--lr', '0.5', '--epochs', '3'], ['--epochs', '4294967296'], ['--epochs', '9007199254740991'], ['--epochs', '2.5'], ['--lr', '0'], ['--weight-decay', '0.05'], ['--weight-decay', '-0.05'], ['--weight-decay', 'NaN']);
    fc.assert(
      fc.property(trainBlockArb, trainFlags, (text, flags) => {
        const r = runMain('train', text, flags);
        expectExitContract(r, `train ${flags.join(' ')}`);
        tally(outcomes, String(r.code));
      }),
      { seed: 6_009, numRuns: 300 },
    );
    console.log('train-settings outcomes', Object.fromEntries(outcomes));
    expect(outcomes.get('0')).toBeGreaterThan(20);
    expect(outcomes.get('2')).toBeGreaterThan(20);
  });
});

describe('fuzz: the command line (seeded)', () => {
  it('random commands, flags and values: exit 0 with one JSON line, or exit 2 with one stderr line', () => {
    const good = JSON.stringify({ weights: [[[0.5, -1]], [[1], [2]]], X: [[1], [-1]], Y: [1, 0], train: { lr: 0.1, epochs: 2 } });
    // --plot is left out: it would write files where the test runs.
    const word = fc.oneof(
      fc.constantFrom('eval', 'train', 'gradcheck', 'help', '--help', '-h', 'FILE', '--lr', '--epochs', '--eps', '--', '-', '--lr=', '--epochs=3', '--eps=1e-5', '--weight-decay', '--weight-decay=0.1'),
      fc.constantFrom('0', '1', '-1', '2.5', '1e400', 'NaN', 'Infinity', '0x10', ' 1 ', '', '4294967296', '1e-300'),
      fc.constantFrom('toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', '--toString', '--__proto__', '--constructor=1'),
      fc.string({ maxLength: 6 }).filter((w) => !w.startsWith('--plot')),
    );
    const argvArb = fc.oneof(
      fc.tuple(fc.constantFrom('eval', 'train', 'gradcheck', 'toString', '__proto__'), fc.array(word, { maxLength: 4 })).map(([command, rest]) => [command, 'FILE', ...rest]),
      fc.array(word, { maxLength: 6 }),
    );
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(argvArb, (words) => {
        const path = join(dir, 'argv.json');
        writeFileSync(path, good);
        const argv = words.map((w) => (w === 'FILE' ? path : w));
        let stdout = '';
        let stderr = '';
        const t0 = performance.now();
        const code = main(argv, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
        expect(performance.now() - t0).toBeLessThan(CASE_MS);
        if (code === 0 && ['help', '--help', '-h'].includes(argv[0]!)) return tally(outcomes, 'help');
        expectExitContract({ code, stdout, stderr }, argv.join(' '));
        tally(outcomes, String(code));
      }),
      { seed: 6_008, numRuns: 500 },
    );
    console.log('argv outcomes', Object.fromEntries(outcomes));
    expect(outcomes.get('0')).toBeGreaterThan(0);
  });
});

describe('fuzz: the real bin (seeded sample)', () => {
  it('node bin/typed-mlp.js eval FILE on a few hundred fuzzed files: exit 0 or 2 by the same contract, within the time bound', async () => {
    const texts = fc.sample(fileTextArb, { seed: 6_006, numRuns: 200 });
    const runOne = (text: string, i: number) =>
      new Promise<Run & { ms: number; path: string }>((resolve, reject) => {
        const path = join(dir, `bin-${i}.json`);
        writeFileSync(path, text);
        const t0 = performance.now();
        const child = spawn(process.execPath, [bin, 'eval', path], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        // A hang is killed, and then fails the exit-code check below.
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.on('error', reject);
        child.on('close', (code) => {
          clearTimeout(timer);
          resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - t0, path });
        });
      });
    // A small pool: a node process costs ~0.2 s to start, so the sample runs a few at a time.
    const results: (Run & { ms: number; path: string })[] = [];
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        const i = next++;
        results[i] = await runOne(texts[i]!, i);
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism() + 1) }, worker));
    const codes = new Map<number, number>();
    results.forEach((r, i) => {
      expectExitContract(r, `bin case ${i} (${texts[i]!.slice(0, 120)})`);
      // A process adds its start-up (~0.2 s, more on a busy machine) to the in-process bound.
      expect(r.ms, `bin case ${i} took too long`).toBeLessThan(CASE_MS + 8_000);
      codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    });
    console.log('bin exit codes', Object.fromEntries(codes));
    expect(codes.get(0)).toBeGreaterThan(10);
    expect(codes.get(2)).toBeGreaterThan(10);
  }, 120_000);
});

describe('fuzz: prototype pollution through the JSON text (parsed as the CLI does)', () => {
  it('"__proto__" and "constructor" keys anywhere in the file never reach Object.prototype', () => {
    const payloads: Json[] = [{ polluted: 'yes' }, { constructor: { prototype: { polluted: 'yes' } } }, { weights: [[[1]]], lr: 1, epochs: 1, polluted: 'yes' }];
    const nested: Json = {};
    defineOwn(nested as object, '__proto__', { polluted: 'yes' });
    payloads.push(nested);
    const WHERE = ['root', 'train', 'expected', 'X[0]', 'Y', 'weights[0]'] as const;
    fc.assert(
      fc.property(
        fc.nat({ max: fixtures.length - 1 }),
        fc.constantFrom(...WHERE),
        fc.constantFrom(...payloads),
        fc.constantFrom('__proto__', 'constructor'),
        fc.constantFrom('eval', 'train', 'gradcheck'),
        (f, where, payload, key, command) => {
          const json = structuredClone(fixtures[f]!.json);
          const carrier = (): { [key: string]: Json } => {
            const o: { [key: string]: Json } = {};
            defineOwn(o, key, structuredClone(payload));
            return o;
          };
          if (where === 'root') defineOwn(json, key, structuredClone(payload));
          else if (where === 'train' || where === 'expected') defineOwn(json[where] as object, key, structuredClone(payload));
          else if (where === 'X[0]') (json.X as Json[])[0] = carrier();
          else if (where === 'weights[0]') (json.weights as Json[])[0] = carrier();
          else json.Y = carrier();
          const text = JSON.stringify(json);
          expect(text).toContain(`"${key}":`);
          checkParse(JSON.parse(text));
          expectExitContract(runMain(command, text, command === 'train' ? ['--epochs', '1'] : []), command);
          expectNoPollution();
        },
      ),
      { seed: 6_007, numRuns: 150 },
    );
  });
});

describe('bugs found by the fuzz (minimal cases)', () => {
  it('train with an epoch count of 2³² or more is a named error, not "internal error: Invalid array length" (fixed in checks.ts)', () => {
    const text = JSON.stringify({ weights: [[[1]]], X: [[1]], Y: [1] });
    for (const epochs of ['4294967296', '9007199254740991']) {
      const r = runMain('train', text, ['--lr', '0.1', '--epochs', epochs]);
      expect(r).toEqual({ code: 2, stdout: '', stderr: `typed-mlp: --epochs is ${epochs}, but it must be at most 4294967295 (one loss is kept per epoch)\n` });
    }
    const r = runMain('train', JSON.stringify({ weights: [[[1]]], X: [[1]], Y: [1], train: { lr: 0.1, epochs: 2 ** 32 } }), []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^typed-mlp: train\.epochs is 4294967296, but it must be at most 4294967295/);
  });

  // Found by this fuzz run: `command in COMMANDS` also found the names Object.prototype gives every
  // object, so `typed-mlp toString FILE` printed "undefined" with exit 0. Fixed with Object.hasOwn.
  it('a command named like an Object.prototype member (toString, constructor, __proto__, …) is an unknown command (exit 2)', () => {
    const text = JSON.stringify({ weights: [[[1]]], X: [[1]], Y: [1] });
    for (const command of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const flags of [[], ['--lr', '1']]) {
        const r = runMain(command, text, flags);
        expect(r.code, `${command} ${flags.join(' ')}: ${r.stdout}${r.stderr}`).toBe(2);
        expect(r.stderr).toMatch(/^typed-mlp: unknown command/);
      }
    }
  });

  // Found by this fuzz run, and fixed (every forward pass now checks Z_l, `checkLogits`): finite
  // inputs whose product overflows gave Z = Infinity. `eval` then exited 0 and printed
  // "Zs":[[[null]]], "loss":null, "perSampleLoss":[null] (JSON.stringify writes null for Infinity),
  // and `gradcheck` prints "maxAbsErr":null, "maxRelErr":-1; `train` on the same file rightly
  // refuses ("the loss of batch 0 is NaN; no parameter was changed by that step", exit 2).
  it('eval and gradcheck on finite inputs whose logits overflow: a named error, or output without null', () => {
    const text = JSON.stringify({ weights: [[[1e300]]], X: [[1e300]], Y: [1] });
    for (const command of ['eval', 'gradcheck']) {
      const r = runMain(command, text, []);
      expectExitContract(r, command);
      if (r.code === 0) expect(r.stdout, `${command} printed null for a number`).not.toMatch(/null|"maxRelErr":-1/);
    }
  });

  // Found by this fuzz run, and fixed the same way: the last update is finite (both weights become
  // 2.69e307), but the loss after it is not (Z = 7e614 overflows; with y = 1 the loss's
  // (1 − y)·softplus(z) term is then 0·∞ = NaN), and `train` exited 0 with "finalLoss":null. The main
  // fuzz's exit contract now refuses any null in a successful output.
  it('train whose last update leaves a non-finite loss: a named error, or output without null', () => {
    const text = JSON.stringify({ weights: [[[1]], [[1]]], X: [[1]], Y: [1] });
    const r = runMain('train', text, ['--lr', '1e308', '--epochs', '1']);
    expectExitContract(r, 'train');
    if (r.code === 0) expect(r.stdout, 'train printed null for a number').not.toMatch(/null/);
  });
});
