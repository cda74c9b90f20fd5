// `npm run lint:package`: publint and arethetypeswrong on the tarball `npm pack` makes from a fresh build.
//
// The tarball is packed into a temporary directory and removed from there, so a
// typed-mlp-<version>.tgz of yours in the repository (the README's install route makes one) is
// never overwritten or deleted, as `attw --pack .` would. dist/ is built once, here; the pack itself
// runs no script.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPackage } from './build-package.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = (script, args) => execFileSync(process.execPath, [join(root, 'node_modules', script), ...args], { cwd: root, stdio: 'inherit' });

await buildPackage();
const tmp = mkdtempSync(join(tmpdir(), 'typed-mlp-lint-'));
let failed = false;
try {
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: root, encoding: 'utf8' });
  const tarball = join(tmp, JSON.parse(packed)[0].filename);
  for (const [script, args] of [
    ['publint/src/cli.js', ['run', tarball, '--strict']],
    ['@arethetypeswrong/cli/dist/index.js', [tarball, '--profile', 'esm-only', '--no-definitely-typed']],
  ]) {
    try {
      node(script, args);
    } catch {
      failed = true; // run both linters, then fail
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
