// The package embeds the compiled kernel module (src/kernels/wasm-binary.ts); this keeps it in step
// with its source (assembly/kernels.ts): a fresh, deterministic build must give the same bytes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('src/kernels/wasm-binary.ts is the build of assembly/kernels.ts', () => {
  const script = fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toMatch(/is current/);
  expect(r.status).toBe(0);
});
