import { expect } from 'vitest';
import type { TypedMlpError } from '../../src/index.js';

/**
 * Runs `act` and asserts that it throws a `kind` whose message is `message` (exactly, for a string;
 * matching, for a RegExp) and whose code is `code` (exactly, for a string; any `E_…` by default).
 * Returns the error, for further checks.
 */
export function expectNamed(
  act: () => unknown,
  kind: new (message: string) => TypedMlpError,
  message: string | RegExp,
  code: string | RegExp = /^E_/,
): TypedMlpError {
  let caught: unknown;
  try {
    act();
  } catch (e) {
    caught = e;
  }
  expect(caught, `expected a ${kind.name}`).toBeInstanceOf(kind);
  const error = caught as TypedMlpError;
  if (typeof code === 'string') expect(error.code).toBe(code);
  else expect(error.code).toMatch(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}
