// What a user's compiler prints: consumer files importing the built package by name ('typed-mlp'),
// compiled by TypeScript 7 (native) and 5.9, with the messages read back.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const compilers = {
  'TypeScript 7': join(root, 'node_modules/typescript/bin/tsc'),
  'TypeScript 5.9': join(root, 'node_modules/typescript5/bin/tsc'),
};

/** Compiles the given files with a strict nodenext config and returns the diagnostics text. */
function compile(tsc: string, files: string[]): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'typed-mlp-tsc-'));
  const config = join(dir, 'tsconfig.json');
  writeFileSync(
    config,
    JSON.stringify({
      compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', noEmit: true, skipLibCheck: false, types: [], pretty: false },
      files: files.map((f) => join(root, f)),
    }),
  );
  const r = spawnSync(process.execPath, [tsc, '-p', config], { encoding: 'utf8', cwd: root });
  return { status: r.status, output: r.stdout + r.stderr };
}

describe.each(Object.entries(compilers))('%s', (_, tsc) => {
  it('compiles a correct consumer file without a diagnostic', () => {
    const r = compile(tsc, ['test/consumer/ok.ts']);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects a mismatched chain at the offending matrix, in plain words', () => {
    const r = compile(tsc, ['test/consumer/mismatch.ts']);
    expect(r.status).not.toBe(0);
    expect(r.output).toContain('mismatch.ts(6,37): error TS2322');
    expect(r.output).toContain(
      `Type 'Matrix<4, 1>' is not assignable to type '"layer 2 expects 4 inputs, but layer 1 gives 3 outputs (weights[1] is 4×1, weights[0] is 2×3)"'.`,
    );
  });

  it('names the wrong batch width and the wrong label count', () => {
    const r = compile(tsc, ['test/consumer/batch.ts']);
    expect(r.output).toContain(`is not assignable to type '"X has 8 columns but the network expects 9"'`);
    expect(r.output).toContain(`is not assignable to type '"Y has 3 rows but X has 5"'`);
  });

  it('type-checks a 100-layer net with widths in the thousands, and catches a mismatch at layer 79', () => {
    const gen = (extra: string[]) => spawnSync(process.execPath, [join(root, 'scripts/gen-deep.mjs'), ...extra], { encoding: 'utf8' }).stdout;
    const good = join(root, 'test/consumer/.deep-ok.generated.ts');
    const bad = join(root, 'test/consumer/.deep-bad.generated.ts');
    writeFileSync(good, gen(['100', 'typed']));
    const lines = gen(['100', 'typed']).split('\n');
    lines[79] = lines[79]!.replace(/zeros\((\d+), \d+\)/, 'zeros($1, 5)');
    writeFileSync(bad, lines.join('\n'));
    const ok = compile(tsc, ['test/consumer/.deep-ok.generated.ts']);
    expect(ok.output).toBe('');
    const r = compile(tsc, ['test/consumer/.deep-bad.generated.ts']);
    expect(r.output).not.toContain('excessively deep');
    expect(r.output).toMatch(/"layer 79 expects \d+ inputs, but layer 78 gives 5 outputs/);
  });

  it('catches a mismatch at layer 1200 of a 1200-layer fromWeights, with the sentence (no TS2589)', () => {
    const lines = spawnSync(process.execPath, [join(root, 'scripts/gen-deep.mjs'), '1200', 'typed', 'fromWeights'], { encoding: 'utf8' }).stdout.split('\n');
    const lastMatrix = lines.map((l) => l.startsWith('  zeros(')).lastIndexOf(true);
    lines[lastMatrix] = lines[lastMatrix]!.replace(/zeros\(\d+, /, 'zeros(5, ');
    writeFileSync(join(root, 'test/consumer/.deep-1200-bad.generated.ts'), lines.join('\n'));
    const r = compile(tsc, ['test/consumer/.deep-1200-bad.generated.ts']);
    expect(r.output).not.toContain('excessively deep');
    expect(r.output).toMatch(/"layer 1200 expects 5 inputs, but layer 1199 gives \d+ outputs \(weights\[1199\] is 5×1, weights\[1198\] is \d+×\d+\)"/);
  });
});
