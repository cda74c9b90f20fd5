// Installs the competitors (bench/package.json, from bench/package-lock.json) when
// bench/node_modules is missing. They never touch the library's own dependencies.
//
// bench/.npmrc sets omit=optional: brain.js needs its peer gpu.js at load time, and gpu.js lists
// the native `gl` module as an optional dependency whose install script first tries to DOWNLOAD a
// prebuilt binary (prebuild-install) and then to compile it (node-gyp, X11/GL headers). Nothing
// may be downloaded at install time here, and brain.js's CPU NeuralNetwork never uses gl, so gl is
// simply not installed. (`--omit=optional` is passed on the command line as well.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bench = fileURLToPath(new URL('.', import.meta.url));
const marker = new URL('./node_modules/.package-lock.json', import.meta.url);

if (existsSync(marker) && !process.argv.includes('--force')) process.exit(0);

console.error('bench: installing the competitors into bench/node_modules (npm ci, from bench/package-lock.json)…');
const npm = process.env.npm_execpath;
const args = ['ci', '--omit=optional', '--no-audit', '--no-fund', '--loglevel=error'];
const r = npm
  ? spawnSync(process.execPath, [npm, ...args], { cwd: bench, stdio: 'inherit' })
  : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: bench, stdio: 'inherit' });
if (r.status !== 0) {
  console.error('bench: WARNING: npm ci in bench/ failed; the competitors that did not install are listed as "not run" in the report.');
}
