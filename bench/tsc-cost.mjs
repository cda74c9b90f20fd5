// The compiler's cost: wall time of `tsc --noEmit` on a consumer file with one deep net (made by
// scripts/gen-deep.mjs), typed (literal dims) against the same program untyped (every dim
// widened to `number`), with TypeScript 7 and 5.9; median of a few runs each. The consumer lives
// in a temp dir whose node_modules/typed-mlp is a symlink to this repo, so it imports the built
// package by name, exactly as a user's project would.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const compilers = [
  { name: 'TypeScript 7', tsc: join(root, 'node_modules/typescript/bin/tsc') },
  { name: 'TypeScript 5.9', tsc: join(root, 'node_modules/typescript5/bin/tsc') },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Returns rows { compiler, version, layers, typed: {ms, ok, out}, untyped: {…} }. */
export function tscCost({ layers = [50, 100], runs = 3, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-bench-tsc-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'typed-mlp'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const files = {};
    for (const n of layers) {
      for (const kind of ['typed', 'untyped']) {
        const gen = spawnSync(process.execPath, [join(root, 'scripts/gen-deep.mjs'), String(n), kind], { encoding: 'utf8' });
        if (gen.status !== 0) throw new Error(`gen-deep.mjs ${n} ${kind} failed: ${gen.stderr}`);
        const file = `deep-${n}-${kind}.ts`;
        writeFileSync(join(dir, file), gen.stdout);
        const config = `tsconfig.${n}.${kind}.json`;
        writeFileSync(
          join(dir, config),
          JSON.stringify({
            compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', noEmit: true, skipLibCheck: true, types: [] },
            files: [file],
          }),
        );
        files[`${n}.${kind}`] = config;
      }
    }
    // Runs interleave (round r: every compiler × size × typed/untyped once), so a change in the
    // machine's load hits the typed and the untyped file alike.
    const rows = [];
    for (const c of compilers) {
      const v = spawnSync(process.execPath, [c.tsc, '-v'], { encoding: 'utf8' });
      const version = (v.stdout || '').trim().replace(/^Version\s*/, '') || 'unavailable';
      for (const n of layers) {
        const row = { compiler: c.name, version, layers: n, tsc: c.tsc };
        for (const kind of ['typed', 'untyped']) row[kind] = { times: [], ok: true, out: '' };
        rows.push(row);
      }
    }
    for (let r = 0; r < runs; r++) {
      for (const row of rows) {
        for (const kind of ['typed', 'untyped']) {
          const t0 = performance.now();
          const p = spawnSync(process.execPath, [row.tsc, '--noEmit', '-p', files[`${row.layers}.${kind}`]], { cwd: dir, encoding: 'utf8' });
          row[kind].times.push(performance.now() - t0);
          if (p.status !== 0) {
            row[kind].ok = false;
            row[kind].out = (p.stdout + p.stderr).trim().split('\n').slice(0, 3).join(' | ');
          }
        }
      }
    }
    for (const row of rows) {
      for (const kind of ['typed', 'untyped']) {
        row[kind].ms = median(row[kind].times);
        log(`  tsc ${row.compiler} ${row.layers} layers ${kind}: ${row[kind].ms.toFixed(0)} ms${row[kind].ok ? '' : ` FAILED ${row[kind].out}`}`);
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
