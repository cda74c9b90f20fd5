import { expect } from 'vitest';

/** The tolerance of SPEC §1: relative 1e-9 against the float64 reference. */
export const REL = 1e-9;

/**
 * Asserts that two numbers, or nested arrays of numbers, agree to a relative `rel`: for every pair,
 * |a − e| ≤ rel·max(|a|, |e|). Exact zeros must be matched by exact zeros (or values below 1e-300).
 * Reports the path of the first entry that differs.
 */
export function expectClose(actual: unknown, expected: unknown, rel = REL, path = '$'): void {
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} should be a number`).toBe('number');
    const a = actual as number;
    const diff = Math.abs(a - expected);
    const ok = diff <= rel * Math.max(Math.abs(a), Math.abs(expected)) || diff < 1e-300;
    if (!ok) expect.fail(`${path}: got ${a}, expected ${expected} (relative error ${diff / Math.abs(expected)})`);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} should be an array`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path} length`).toBe(expected.length);
    expected.forEach((e, i) => expectClose(a[i], e, rel, `${path}[${i}]`));
    return;
  }
  expect(actual, path).toEqual(expected);
}
