/**
 * A fuzz run of the saved-network loader (issue 6). fast-check generates arbitrary values and JSON,
 * near-valid saved networks, and a few thousand mutated copies of real saved networks (deleted and
 * renamed keys, swapped types, numbers as strings, wrong versions, extra or missing layers, 1e400,
 * -0, 100 000 nested arrays, `__proto__` / `constructor` / `prototype` keys, then text damage:
 * truncation, flipped and inserted characters, duplicate keys, a BOM). Every case must either load
 * a network of the requested sizes with finite parameters equal to the file's (an unmutated file
 * round-trips exactly), or throw a TypedMlpError with a documented code. Never another exception,
 * never longer than CASE_MS, never a change to Object.prototype. Every run is seeded.
 *
 * The CLI does not read saved networks (it reads SPEC §3 case files, fuzzed in fuzz-cli.test.ts),
 * so the last runs only check that it refuses a (mutated) saved network by name, and add the text
 * damage fuzz-cli.test.ts does not do (flipped and inserted characters, deep nesting) to fixtures.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadNetwork, type Matrix, network, type Network, type HeadName, saveNetwork, TypedMlpError } from '../src/index.js';
import { defineOwn, type Json, type Mutation, mutationArbitrary, sharedMutation, walkTo } from './helpers/json-mutation.js';

// Stop a failing property's shrinking after 20 s (before vitest's 30 s timeout), as fuzz-cli does.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: true });

/** The time bound of one case (they take well under 10 ms; a hang or a blow-up shows here). */
const CASE_MS = 2000;
/** The codes loadNetwork may throw (README "Errors"); E_INPUT is the CLI's only. */
const LOAD_CODES = ['E_FORMAT', 'E_SHAPE', 'E_VALUE'];

type AnyNet = Network<number[], HeadName>;

// ---------------------------------------------------------------------------------------------
// The corpus: real saved networks, with and without biases, over every activation
// ---------------------------------------------------------------------------------------------

/** Gives each bias distinct non-zero values (they start at zero), so a mutation of one shows. */
function withBiases<N extends Network<number[], HeadName>>(net: N): N {
  (net.biases as readonly (Matrix | null)[]).forEach((b, l) => b?.data.forEach((_, i) => (b.data[i] = (i + 1) * (l % 2 ? -0.125 : 0.375))));
  return net;
}

const nets: AnyNet[] = [
  network(2, { seed: 1 }).relu(3).sigmoid(1),
  withBiases(network(3, { seed: 2, bias: true }).tanh(4).leakyRelu(2).softmax(3)),
  withBiases(network(1, { seed: 3 }).hidden(2, 'linear', { bias: true }).sigmoid(2)),
  withBiases(network(4, { seed: 4, bias: true }).sigmoid(1)),
  withBiases(network(2, { seed: 5 }).sigmoid(3, { bias: true }) as AnyNet),
] as AnyNet[];
const corpus = nets.map((net) => ({ sizes: [...net.sizes], text: JSON.stringify(saveNetwork(net)) }));

// ---------------------------------------------------------------------------------------------
// What every case must satisfy
// ---------------------------------------------------------------------------------------------

function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
  expect(([] as unknown as Record<string, unknown>).polluted, 'Array.prototype was polluted').toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
}

/**
 * loadNetwork(input, sizes): a network of the requested sizes whose parameters are finite and are
 * the file's own, or a named error. Returns the outcome ('ok' or the error's code) for the tally.
 */
function checkLoad(input: unknown, sizes: readonly number[] | undefined): string {
  const t0 = performance.now();
  let net: AnyNet | undefined;
  let error: unknown;
  try {
    net = (sizes === undefined ? loadNetwork(input) : loadNetwork(input, sizes)) as AnyNet;
  } catch (e) {
    error = e;
  }
  expect(performance.now() - t0, 'loadNetwork took too long').toBeLessThan(CASE_MS);
  expectNoPollution();
  if (net !== undefined) {
    expectLoaded(net, input, sizes);
    return 'ok';
  }
  if (!(error instanceof TypedMlpError)) throw new Error(`loadNetwork threw a ${error instanceof Error ? error.name : typeof error}, not a TypedMlpError: ${String(error)}`);
  expect(LOAD_CODES).toContain(error.code);
  expect(error.name).toMatch(/^(Format|Shape|Value)Error$/);
  expect(error.message).toMatch(/^[^\n]+$/);
  return error.code;
}

/** A loaded network: the requested sizes, finite parameters, and exactly what the file says. */
function expectLoaded(net: AnyNet, input: unknown, sizes: readonly number[] | undefined): void {
  const file = (typeof input === 'string' ? JSON.parse(input) : input) as { sizes: number[]; activations: string[]; layers: { weights: number[][]; bias?: number[] | null }[] };
  expect(net.sizes).toEqual(sizes ?? file.sizes);
  expect(net.sizes).toEqual(file.sizes);
  net.weights.forEach((w) => expect(w.data.every(Number.isFinite)).toBe(true));
  (net.biases as readonly (Matrix | null)[]).forEach((b) => expect(b === null || b.data.every(Number.isFinite)).toBe(true));
  const saved = saveNetwork(net);
  expect(saved.activations).toEqual(file.activations);
  expect(saved.layers).toEqual(file.layers.map((l) => ({ weights: l.weights, bias: l.bias ?? null })));
}

function tally(outcomes: Map<string, number>, outcome: string): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

/** The sizes to ask for: none, the file's own, or others (a file of other sizes must be refused). */
function requestArb(own: readonly number[]): fc.Arbitrary<readonly number[] | undefined> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(undefined) },
    { weight: 3, arbitrary: fc.constant(own) },
    { weight: 1, arbitrary: fc.constantFrom<readonly number[]>([...own, 1], own.slice(1), own.map((n, i) => (i === 0 ? n + 1 : n)), [], [0]) },
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations of a saved network's JSON tree, then of its text
// ---------------------------------------------------------------------------------------------

/** Placeholders replaced in the text after JSON.stringify: what JSON.stringify cannot write itself. */
const DEPTH = 100_000;
const TEXT_LITERALS: Record<string, string> = {
  '\u0000inf': '1e400',
  '\u0000-inf': '-1e400',
  '\u0000tiny': '1e-400',
  '\u0000-zero': '-0',
  '\u0000big': '1.7976931348623157e308',
  '\u0000deepArrays': `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  '\u0000deepObjects': `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
};

function toText(value: Json): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const [placeholder, literal] of Object.entries(TEXT_LITERALS)) text = text.split(JSON.stringify(placeholder)).join(literal);
  return text;
}

/** The placeholders of small literals; the deep ones (≈ 50 ms each to parse) are drawn rarely, by 'special'. */
const SMALL_LITERALS = Object.keys(TEXT_LITERALS).filter((p) => !p.includes('deep'));

const junkArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...SMALL_LITERALS, ...SMALL_LITERALS, '', '1', '0.5', 'NaN', 'Infinity', 'relu', 'softmax', 'typed-mlp'),
  fc.constantFrom<Json>(null, true, false, 0, -1, 1, 2, 2.5, 1e21, 2 ** 53, Number.MAX_VALUE, Number.MIN_VALUE, 1.0000000000000002),
  fc.constantFrom<Json>([], [[]], [[1]], [[1, 2], [3]], [[[1]]], [1, [2]], [[null]], [['1']], {}, { weights: [[1]], bias: null }, { length: 1 }),
  fc.string({ maxLength: 6 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const OPS = ['delete', 'rename', 'replace', 'swapType', 'numberAsString', 'duplicate', 'truncate', 'wrap', 'unwrap', 'special', 'protoKey', 'constructorKey', 'prototypeKey'] as const;

type Op = (typeof OPS)[number];

const mutationArb = mutationArbitrary(OPS, junkArb);

/** Weighted towards the layers, which hold most of what the loader checks. */
const TOP: (string | null)[] = ['format', 'version', 'version', 'sizes', 'sizes', 'activations', 'activations', 'layers', 'layers', 'layers', 'layers', 'layers', 'layers', null];

/** Numbers written as strings, all the way down ([[0.5]] → [["0.5"]]). */
function numbersAsStrings(v: Json): Json {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(numbersAsStrings);
  return v;
}

/** Applies one mutation to a JSON tree (in place where it can); returns the root. */
function mutate(root: Json, m: Mutation<Op>): Json {
  const place = walkTo(root, TOP, m.walk);
  const { parent, key, node, set } = place;
  const target = node !== null && typeof node === 'object' && !Array.isArray(node) ? node : parent !== undefined && !Array.isArray(parent) ? parent : root;
  switch (m.op) {
    case 'delete':
      if (parent === undefined) return root;
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      return root;
    case 'rename': // "weights" → "Weights", "weightsx", or a prototype member's name
      if (parent === undefined || Array.isArray(parent)) return root;
      delete parent[key as string];
      defineOwn(parent, [`${String(key).charAt(0).toUpperCase()}${String(key).slice(1)}`, `${String(key)}x`, 'toString', 'hasOwnProperty'][m.k % 4]!, node);
      return root;
    case 'numberAsString':
      return set(numbersAsStrings(node));
    case 'special': // 1e400, -0, …; one time in 8, 100 000 nested arrays or objects
      return set(m.k % 8 === 0 ? ['\u0000deepArrays', '\u0000deepObjects'][(m.k >> 3) % 2]! : SMALL_LITERALS[m.k % SMALL_LITERALS.length]!);
    case 'protoKey':
    case 'constructorKey':
    case 'prototypeKey': {
      const name = { protoKey: '__proto__', constructorKey: 'constructor', prototypeKey: 'prototype' }[m.op];
      const payload: Json = { polluted: 'yes', prototype: { polluted: 'yes' }, format: 'typed-mlp', version: 1, bias: [1], weights: [[1]] };
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) defineOwn(target, name, payload);
      return root;
    }
    default: // replace, swapType, duplicate, truncate, wrap, unwrap
      return sharedMutation(root, place, m.op, m);
  }
}

const TEXT_OPS = ['none', 'none', 'none', 'none', 'none', 'truncate', 'flip', 'insert', 'remove', 'dupKey', 'dupKeyInLayer', 'protoFirst', 'bom', 'spaces'] as const;
/** What a flipped or inserted character becomes: JSON's structure, number parts, and odd code points. */
const CHARS = ['{', '}', '[', ']', '"', ',', ':', '-', '+', '.', 'e', 'E', '0', '9', ' ', '\\', '\n', '\u0000', '\u00e9', '\ud83d', '\uFEFF', 'n', 't'];

function damageText(text: string, op: (typeof TEXT_OPS)[number], k: number, c: number): string {
  const at = k % (text.length + 1);
  const ch = CHARS[c % CHARS.length]!;
  switch (op) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return `${text.slice(0, at)}${ch}${text.slice(at + 1)}`;
    case 'insert':
      return `${text.slice(0, at)}${ch}${text.slice(at)}`;
    case 'remove':
      return `${text.slice(0, at)}${text.slice(at + 1)}`;
    case 'dupKey': // a second "version" or "sizes": JSON.parse alone would keep the last silently
      return text.startsWith('{') ? `{"${['version', 'sizes', 'format'][c % 3]}": ${['2', '[1, 1]', '"x"'][k % 3]},${text.slice(1)}` : text;
    case 'dupKeyInLayer':
      return text.replace('"bias":', '"bias":null,"bias":');
    case 'protoFirst':
      return text.startsWith('{') ? `{"__proto__": {"polluted": "yes", "format": "typed-mlp"}, ${text.slice(1)}` : text;
    case 'bom':
      return `\uFEFF${text}`;
    case 'spaces': // valid JSON still
      return ` \n\t${text}\r\n `;
  }
}

/** A mutated saved network (0–4 tree mutations, then maybe text damage) with the sizes to ask for. */
const mutatedSavedArb = fc
  .record({
    net: fc.nat({ max: corpus.length - 1 }),
    mutations: fc.array(mutationArb, { minLength: 0, maxLength: 4 }),
    textOp: fc.constantFrom(...TEXT_OPS),
    k: fc.nat(),
    c: fc.nat(),
  })
  .chain(({ net, mutations, textOp, k, c }) => {
    let json = JSON.parse(corpus[net]!.text) as Json;
    for (const m of mutations) json = mutate(json, m);
    const text = damageText(toText(json), textOp, k, c);
    const unmutated = mutations.length === 0 && textOp === 'none';
    return requestArb(corpus[net]!.sizes).map((sizes) => ({ text, sizes, net, unmutated }));
  });

/** Near-valid saved networks: small random sizes; now and then a dimension off by one, a junk entry, a bad activation. */
const nearValidArb: fc.Arbitrary<Json> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    off: fc.array(fc.oneof({ weight: 10, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1) }), { minLength: 8, maxLength: 8 }),
  })
  .chain(({ sizes, off }) => {
    const L = sizes.length - 1;
    const cell = fc.oneof({ weight: 40, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) }, { weight: 1, arbitrary: junkArb });
    const dim = (n: number, i: number) => Math.max(0, n + off[i % off.length]!);
    const mat = (r: number, c: number) => fc.array(fc.array(cell, { minLength: c, maxLength: c }), { minLength: r, maxLength: r });
    const act = (l: number) => fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...(l === L - 1 ? ['sigmoid', 'softmax'] : ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'])) }, { weight: 1, arbitrary: junkArb });
    return fc.record({
      format: fc.oneof({ weight: 20, arbitrary: fc.constant('typed-mlp') }, { weight: 1, arbitrary: junkArb }),
      version: fc.oneof({ weight: 20, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: junkArb }),
      sizes: fc.constant(sizes),
      activations: fc.tuple(...sizes.slice(1).map((_, l) => act(l))),
      layers: fc.tuple(
        ...sizes.slice(1).map((n, l) =>
          fc.record({ weights: mat(dim(sizes[l]!, 2 * l), dim(n, 2 * l + 1)), bias: fc.oneof(fc.constant(null), fc.array(cell, { minLength: dim(n, l + 5), maxLength: dim(n, l + 5) })) }),
        ),
      ),
    }) as fc.Arbitrary<Json>;
  });

// ---------------------------------------------------------------------------------------------
// The runs
// ---------------------------------------------------------------------------------------------

const counts: Record<string, number> = {};
afterAll(() => console.log('fuzz-load case counts', counts));

describe('fuzz: loadNetwork on arbitrary values and JSON (seeded)', () => {
  it('fc.anything() as an object, and serialised: a network or a named error, never another exception', () => {
    const outcomes = new Map<string, number>();
    const anything = fc.anything({ maxDepth: 4, withTypedArray: true, withNullPrototype: true, withMap: true, withSet: true, withBoxedValues: true, withDate: true });
    fc.assert(
      fc.property(anything, fc.boolean(), (v, serialise) => {
        // JSON.stringify throws on some of these (a cycle is not drawn; a Date or Map just loses data).
        const input = serialise ? (JSON.stringify(v) ?? 'undefined') : v;
        tally(outcomes, checkLoad(input, undefined));
      }),
      { seed: 6_101, numRuns: 800 },
    );
    counts.anything = 800;
    expect(outcomes.get('E_FORMAT')).toBeGreaterThan(0);
  });

  it('fc.jsonValue() text, and objects with the five keys holding arbitrary JSON', () => {
    const outcomes = new Map<string, number>();
    const keys = fc.record(
      { format: fc.oneof(fc.constant('typed-mlp'), fc.jsonValue()), version: fc.oneof(fc.constant(1), fc.jsonValue()), sizes: fc.jsonValue(), activations: fc.jsonValue(), layers: fc.jsonValue() },
      { requiredKeys: ['format', 'version'] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), keys), (v) => tally(outcomes, checkLoad(JSON.stringify(v), undefined))),
      { seed: 6_102, numRuns: 800 },
    );
    counts.json = 800;
    expect(outcomes.get('E_FORMAT')).toBeGreaterThan(100);
  });

  it('near-valid saved networks reach every check, and load when they fit', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(nearValidArb, fc.boolean(), (v, asText) => tally(outcomes, checkLoad(asText ? toText(v) : JSON.parse(toText(v)), undefined))),
      { seed: 6_103, numRuns: 800 },
    );
    counts.nearValid = 800;
    console.log('near-valid outcomes', Object.fromEntries(outcomes));
    for (const o of ['ok', 'E_FORMAT', 'E_SHAPE', 'E_VALUE']) expect(outcomes.get(o), o).toBeGreaterThan(10);
  });
});

describe('fuzz: loadNetwork on mutated real saved networks (seeded)', () => {
  it('a few thousand mutated files: a network of the requested sizes that is the file\'s own, or a named error; unmutated files round-trip exactly', () => {
    const outcomes = new Map<string, number>();
    let unmutated = 0;
    let deep = 0;
    fc.assert(
      fc.property(mutatedSavedArb, ({ text, sizes, net, unmutated: clean }) => {
        if (text.length > 2 * DEPTH) deep++;
        const outcome = checkLoad(text, sizes);
        tally(outcomes, outcome);
        if (!clean) return;
        unmutated++;
        const own = sizes === undefined || (sizes.length === corpus[net]!.sizes.length && sizes.every((n, i) => n === corpus[net]!.sizes[i]));
        expect(outcome).toBe(own ? 'ok' : 'E_FORMAT');
        if (own) expect(JSON.stringify(saveNetwork(loadNetwork(text)))).toBe(corpus[net]!.text);
      }),
      { seed: 6_104, numRuns: 3000 },
    );
    counts.mutated = 3000;
    console.log('mutated-saved outcomes', Object.fromEntries(outcomes), { unmutated, deep });
    for (const o of ['ok', 'E_FORMAT', 'E_SHAPE', 'E_VALUE']) expect(outcomes.get(o), o).toBeGreaterThan(20);
    expect(unmutated).toBeGreaterThan(20);
    expect(deep).toBeGreaterThan(5);
  });

  it('deep nesting (100 000 arrays or objects) anywhere: a named error or a load that ignores it, no stack overflow', () => {
    const deepArrays = TEXT_LITERALS['\u0000deepArrays']!;
    const deepObjects = TEXT_LITERALS['\u0000deepObjects']!;
    const base = corpus[1]!.text;
    const texts = [
      deepArrays,
      deepObjects,
      `{"x":${deepObjects},${base.slice(1)}`, // an unknown key: ignored, the file loads
      base.replace('"sizes":', `"sizes":${deepArrays},"sizes2":`),
      base.replace('"bias":[', `"bias":[${deepArrays},`),
      base.replace('"weights":[', `"weights":[${deepArrays},`),
      base.replace('"layers":[', `"layers":[${deepObjects},`),
      `${deepArrays.slice(0, DEPTH)}`, // unclosed
      `{"a":${'['.repeat(1_000_000)}`, // a million, unclosed
    ];
    const outcomes = texts.map((t) => checkLoad(t, undefined));
    counts.deep = texts.length;
    expect(outcomes).toEqual(['E_FORMAT', 'E_FORMAT', 'ok', 'E_FORMAT', 'E_FORMAT', 'E_VALUE', 'E_FORMAT', 'E_FORMAT', 'E_FORMAT']);
  });
});

describe('the CLI and saved networks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-fuzz-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const here = fileURLToPath(new URL('.', import.meta.url));
  const fixtures = readdirSync(join(here, 'fixtures'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readFileSync(join(here, 'fixtures', f), 'utf8'));

  /** main in-process on `text` as FILE: exit 0 with one JSON line, or 2 with one named line and empty stdout. */
  function runMain(text: string, i: number): number {
    const path = join(dir, `case-${i % 16}.json`);
    writeFileSync(path, text);
    let stdout = '';
    let stderr = '';
    const t0 = performance.now();
    const code = main(['eval', path], { out: (t) => void (stdout += t), err: (t) => void (stderr += t) });
    expect(performance.now() - t0, 'main took too long').toBeLessThan(CASE_MS);
    expectNoPollution();
    if (code === 0) {
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^[^\n]+\n$/);
      expect(stdout).not.toMatch(/null/);
    } else {
      expect(code, stderr).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^typed-mlp: [^\n]+\n$/);
      expect(stderr).not.toMatch(/internal error/);
    }
    return code;
  }

  it('eval on a (mutated) saved network instead of a case file: exit 2 by name, never a crash', () => {
    let i = 0;
    fc.assert(
      fc.property(mutatedSavedArb, ({ text }) => {
        expect(runMain(text, i++)).toBe(2);
      }),
      { seed: 6_105, numRuns: 200 },
    );
    counts.cliSaved = 200;
    const r = runMain(corpus[0]!.text, 0);
    expect(r).toBe(2);
  });

  it('fixtures with flipped, inserted or removed characters, or deeply nested values: exit 0 or 2 by the contract', () => {
    const codes = new Map<string, number>();
    let i = 0;
    const op = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('flip', 'insert', 'remove', 'truncate') }, { weight: 1, arbitrary: fc.constantFrom('deepX', 'deepExtra') }) as fc.Arbitrary<string>;
    fc.assert(
      fc.property(fc.nat({ max: fixtures.length - 1 }), op, fc.nat(), fc.nat(), (f, o, k, c) => {
        const text = fixtures[f]!;
        const damaged =
          o === 'deepX' ? text.replace('"X": [', `"X": [${TEXT_LITERALS['\u0000deepArrays']}, `).replace('"X":[', `"X":[${TEXT_LITERALS['\u0000deepArrays']},`)
          : o === 'deepExtra' ? `{"extra": ${TEXT_LITERALS['\u0000deepObjects']}, ${text.trimStart().slice(1)}`
          : damageText(text, o as (typeof TEXT_OPS)[number], k, c);
        tally(codes, String(runMain(damaged, i++)));
      }),
      { seed: 6_106, numRuns: 300 },
    );
    counts.cliFixtures = 300;
    console.log('cli fixture-damage exit codes', Object.fromEntries(codes));
    expect(codes.get('0')).toBeGreaterThan(10);
    expect(codes.get('2')).toBeGreaterThan(10);
  });
});
