// Installs the runtimes that `npm run test:runtimes` runs the library in, from the npm registry,
// at pinned versions, into a folder of their own (not the project's node_modules):
//   node test/runtimes/install.mjs [FOLDER]
// FOLDER defaults to $TYPED_MLP_RUNTIMES_DIR, else ~/.cache/typed-mlp/runtimes. Takes ~380 MB.
//
// Each runtime comes as the platform package that carries its binary (what the `deno` and `bun`
// packages pull in as optional dependencies): no install script runs and nothing is downloaded
// from anywhere but the npm registry. Already installed at the right version: nothing to do.
// Exits non-zero, saying why, when a runtime cannot be installed or does not start.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { runtimesDir, runtimeBinaries } from './runtimes.mjs';

const dir = process.argv[2] ?? runtimesDir();
const bins = runtimeBinaries(dir);

function version(bin, args) {
  if (!existsSync(bin)) return undefined;
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

const missing = bins.filter((b) => !version(b.path, b.versionArgs)?.includes(b.version));
if (missing.length === 0) {
  console.log(`runtimes: ${bins.map((b) => `${b.name} ${b.version}`).join(', ')} already in ${dir}`);
  process.exit(0);
}

mkdirSync(dir, { recursive: true });
const manifest = `${dir}/package.json`;
if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'typed-mlp-test-runtimes', private: true }, null, 2) + '\n');
const specs = missing.map((b) => `${b.pkg}@${b.version}`);
console.log(`runtimes: installing ${specs.join(' ')} into ${dir}`);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['install', '--prefix', dir, '--no-audit', '--no-fund', '--ignore-scripts', '--save-exact', ...specs], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error(`runtimes: npm install ${specs.join(' ')} failed (exit ${r.status})`);
  process.exit(1);
}
let bad = 0;
for (const b of bins) {
  const v = version(b.path, b.versionArgs);
  if (!v?.includes(b.version)) {
    console.error(`runtimes: ${b.name} ${b.version} did not install or does not start: ${b.path}`);
    bad++;
  } else console.log(`runtimes: ${b.name} ${b.version} at ${b.path}`);
}
process.exit(bad === 0 ? 0 : 1);
