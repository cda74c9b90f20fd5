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

/** The body size in bytes of each exported function of a wasm module (its entry in the code section), by export name. */
function exportedBodySizes(bytes: Uint8Array<ArrayBuffer>): Map<string, number> {
  let at = 8; // magic, version
  const u32 = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++]!;
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  // Function indices count the imported functions first.
  const imported = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).filter((i) => i.kind === 'function').length;
  const exports = new Map<string, number>();
  const bodies: number[] = [];
  while (at < bytes.length) {
    const id = bytes[at++]!;
    const size = u32();
    const end = at + size;
    if (id === 7) {
      for (let n = u32(); n > 0; n--) {
        const len = u32();
        const name = new TextDecoder().decode(bytes.subarray(at, at + len));
        at += len;
        const kind = bytes[at++]!;
        const index = u32();
        if (kind === 0) exports.set(name, index);
      }
    } else if (id === 10) {
      for (let n = u32(); n > 0; n--) {
        const len = u32();
        bodies.push(len);
        at += len;
      }
    }
    at = end;
  }
  return new Map([...exports].map(([name, index]) => [name, bodies[index - imported]!]));
}

it("the products' exported functions only dispatch: each path is a function of its own, so a hot one is recompiled small", async () => {
  // V8 recompiles a hot wasm function with TurboFan on a worker thread; its memory grows with the
  // function (1.3-1.5 MB for each of gemm, gemmTA and gemmTBRelu when the direct loops were inlined
  // into them: bodies of 3-5 KB), the largest transient of one fit of B (bench/README.md).
  const { WASM_KERNELS_BASE64 } = await import('../src/kernels/wasm-binary.js');
  const { decodeBase64 } = await import('../src/kernels/base64.js');
  const sizes = exportedBodySizes(decodeBase64(WASM_KERNELS_BASE64));
  expect(sizes.get('sgd')).toBeGreaterThan(100); // the parse finds the bodies
  for (const name of ['gemm', 'gemmTA', 'gemmTB', 'gemmTBRelu']) expect(sizes.get(name), name).toBeLessThan(400);
});
