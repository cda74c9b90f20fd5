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

/** What each row compiles: the three forms together at 50 and 100 layers, and each form alone at 1000. */
export const cases = [
  { layers: 50, form: 'all' },
  { layers: 100, form: 'all' },
  { layers: 1000, form: 'fromWeights' },
  { layers: 1000, form: 'fromSizes' },
  { layers: 1000, form: 'builder' },
];

/** The figures of `--extendedDiagnostics` (TypeScript 5.x and 7 print the same names). */
function diagnostics(out) {
  const num = (name) => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)(K|s)?`, 'm').exec(out);
    return m ? Number(m[1]) : undefined;
  };
  return { types: num('Types'), instantiations: num('Instantiations'), memoryKB: num('Memory used'), checkS: num('Check time') };
}

/** Returns rows { compiler, version, layers, form, typed: {ms, ok, out, diag}, untyped: {…} }. */
export function tscCost({ runs = 3, log = () => {} } = {}) {
  const layers = cases;
  const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-bench-tsc-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'typed-mlp'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    const files = {};
    for (const { layers: n, form } of layers) {
      for (const kind of ['typed', 'untyped']) {
        const gen = spawnSync(process.execPath, [join(root, 'scripts/gen-deep.mjs'), String(n), kind, form], { encoding: 'utf8' });
        if (gen.status !== 0) throw new Error(`gen-deep.mjs ${n} ${kind} ${form} failed: ${gen.stderr}`);
        const file = `deep-${n}-${form}-${kind}.ts`;
        writeFileSync(join(dir, file), gen.stdout);
        const config = `tsconfig.${n}.${form}.${kind}.json`;
        writeFileSync(
          join(dir, config),
          JSON.stringify({
            compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', noEmit: true, skipLibCheck: true, types: [] },
            files: [file],
          }),
        );
        files[`${n}.${form}.${kind}`] = config;
      }
    }
    // Runs interleave (round r: every compiler × size × typed/untyped once), so a change in the
    // machine's load hits the typed and the untyped file alike.
    const rows = [];
    for (const c of compilers) {
      const v = spawnSync(process.execPath, [c.tsc, '-v'], { encoding: 'utf8' });
      const version = (v.stdout || '').trim().replace(/^Version\s*/, '') || 'unavailable';
      for (const { layers: n, form } of layers) {
        const row = { compiler: c.name, version, layers: n, form, tsc: c.tsc };
        for (const kind of ['typed', 'untyped']) row[kind] = { times: [], ok: true, out: '' };
        rows.push(row);
      }
    }
    for (let r = 0; r < runs; r++) {
      for (const row of rows) {
        for (const kind of ['typed', 'untyped']) {
          const t0 = performance.now();
          const p = spawnSync(process.execPath, [row.tsc, '--noEmit', '--extendedDiagnostics', '-p', files[`${row.layers}.${row.form}.${kind}`]], { cwd: dir, encoding: 'utf8' });
          row[kind].times.push(performance.now() - t0);
          row[kind].diag = diagnostics(p.stdout);
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
        const d = row[kind].diag ?? {};
        log(`  tsc ${row.compiler} ${row.layers} layers ${row.form} ${kind}: ${row[kind].ms.toFixed(0)} ms, check ${d.checkS} s, ${d.types} types, ${d.instantiations} instantiations${row[kind].ok ? '' : ` FAILED ${row[kind].out}`}`);
      }
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
