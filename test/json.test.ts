import { describe, expect, it } from 'vitest';
import { findDuplicateKey, parseStrictJson } from '../src/io/json.js';
import { FormatError, loadNetwork, network, saveNetwork } from '../src/index.js';
import { cli, tempFile } from './helpers/cli.js';

describe('findDuplicateKey', () => {
  it('finds a key repeated in one object, at its line and column', () => {
    expect(findDuplicateKey('{"a": 1,\n "b": 2, "a": 3}')).toEqual({ key: 'a', line: 2, column: 10 }) // ' "b": 2, "a"': the quote is the 10th character;
  });

  it('looks inside nested objects and arrays of objects', () => {
    expect(findDuplicateKey('{"x": [{"k": 1}, {"k": 2, "k": 3}]}')?.key).toBe('k');
    expect(findDuplicateKey('{"x": {"y": {"z": 1, "z": 1}}}')?.key).toBe('z');
  });

  it('treats escaped spellings of one key as the same key', () => {
    expect(findDuplicateKey('{"lr": 1, "\\u006cr": 2}')?.key).toBe('lr');
  });

  it('has no false positives: the same key in sibling objects, equal values, key-like text inside strings', () => {
    expect(findDuplicateKey('[{"a": 1}, {"a": 1}]')).toBeUndefined();
    expect(findDuplicateKey('{"a": {"a": {"a": 1}}}')).toBeUndefined();
    expect(findDuplicateKey('{"a": "\\"a\\": 1, \\"a\\"", "b": ["a", "a"]}')).toBeUndefined();
    expect(findDuplicateKey('{"a": [1, {"b": 2}], "b": 3}')).toBeUndefined();
  });

  it('walks 100 000 nested objects or arrays without recursion (no stack overflow), finding a duplicate at the bottom', () => {
    const D = 100_000;
    expect(findDuplicateKey(`${'{"a":'.repeat(D)}{"k":1,"k":2}${'}'.repeat(D)}`)).toEqual({ key: 'k', line: 1, column: 5 * D + 8 });
    expect(findDuplicateKey(`${'['.repeat(D)}{"k":1,"k":2}${']'.repeat(D)}`)).toEqual({ key: 'k', line: 1, column: D + 8 });
    expect(findDuplicateKey(`${'{"a":'.repeat(D)}1${'}'.repeat(D)}`)).toBeUndefined();
    const fail = (m: string) => new FormatError(m);
    expect(() => parseStrictJson(`${'{"a":'.repeat(D)}{"k":1,"k":2}${'}'.repeat(D)}`, fail)).toThrow(new FormatError(`duplicate key "k" (line 1, column ${5 * D + 8}): JSON would silently keep only the last value`));
    expect(Array.isArray(parseStrictJson(`${'['.repeat(10 * D)}${']'.repeat(10 * D)}`, fail))).toBe(true);
  });

  it('parseStrictJson returns the value when all is well, and names what is wrong otherwise', () => {
    const fail = (m: string) => new Error(m);
    expect(parseStrictJson('{"a": [1, 2]}', fail)).toEqual({ a: [1, 2] });
    expect(() => parseStrictJson('{"a": 1, "a": 2}', fail)).toThrow('duplicate key "a" (line 1, column 10): JSON would silently keep only the last value');
    expect(() => parseStrictJson('{"a": ', fail)).toThrow(/^not valid JSON: /);
  });
});

describe('duplicate keys are refused where JSON comes in', () => {
  it('by the CLI: exit 2, one line naming the key', () => {
    const r = cli('train', tempFile('{"weights": [[[1], [2]]], "X": [[0, 1]], "Y": [1], "train": {"lr": 0.1, "lr": 100, "epochs": 1}}'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^typed-mlp: FILE ".*" is duplicate key "lr" \(line 1, column \d+\): JSON would silently keep only the last value\n$/);
  });

  it('by loadNetwork: a FormatError', () => {
    const text = JSON.stringify(saveNetwork(network(2, { seed: 1 }).relu(2).sigmoid(1))).replace('"version":1', '"version":1,"version":1');
    expect(() => loadNetwork(text)).toThrow(FormatError);
    expect(() => loadNetwork(text)).toThrow(/duplicate key "version"/);
  });
});
