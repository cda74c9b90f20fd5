// The float32 predictor embeds its own compiled module (src/predictor/wasm32-binary.ts); this keeps
// it in step with its source (assembly/f32/forward.ts): a fresh, deterministic build gives the same bytes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('src/predictor/wasm32-binary.ts is the build of assembly/f32/forward.ts', () => {
  const script = fileURLToPath(new URL('../scripts/build-wasm-f32.mjs', import.meta.url));
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  expect(r.stdout + r.stderr).toMatch(/is current/);
  expect(r.status).toBe(0);
});
