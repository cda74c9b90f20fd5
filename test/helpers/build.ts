import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * For a test file run alone before any build: runs `npm run build`'s script (scripts/build.mjs: tsc,
 * then the bundles the package ships) unless every one of `files` (paths from the repository's
 * root) is there already, and expects it to print nothing. `npm test` builds first, so there it
 * does nothing.
 */
export function buildIfMissing(...files: string[]): void {
  if (files.every((f) => existsSync(join(root, f)))) return;
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, encoding: 'utf8' });
  expect(b.stdout + b.stderr).toBe('');
}
