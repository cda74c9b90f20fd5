import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/typed-mlp.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-cli-'));
let count = 0;

/** Runs the real `typed-mlp` bin (the compiled dist/, as `npx typed-mlp` would) and captures it. */
export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return cliWith({}, ...args);
}

/** The same, with extra environment variables (e.g. TYPED_MLP_KERNELS=js for the plain path). */
export function cliWith(env: Record<string, string>, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Writes `content` (an object is JSON-encoded, a string is written as is) to a fresh temp file. */
export function tempFile(content: unknown): string {
  const path = join(dir, `case-${count++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

/**
 * A temp folder of the calling test file's own, removed after its tests: `path(name)` is a fresh
 * path in it (not created), `file(name, text)` a fresh file holding `text`. The folder is the file's
 * alone, so a test can check that a failed command created nothing in it.
 */
export function scratchDir(prefix: string): { dir: string; path: (name: string) => string; file: (name: string, text: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const path = (name: string) => join(dir, `${n++}-${name}`);
  const file = (name: string, text: string) => {
    const p = path(name);
    writeFileSync(p, text);
    return p;
  };
  return { dir, path, file };
}
