// The package embeds the compiled kernel module (src/kernels/wasm-binary.ts); this keeps it in step
// with its source (assembly/kernels.ts): a fresh, deterministic build must give the same bytes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { wasmKernels } from '../src/kernels/wasm.js';

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

it('the matrix-vector and outer products are small exports of their own, which the products of a net with a one-unit output layer run in', async () => {
  // V8 recompiles a hot wasm function with TurboFan on a worker thread; its memory grows with the
  // function. With these loops inlined into gemm, gemmTA and gemmTBRelu (bodies of 3-5 KB), B's
  // 64-128-128-1 made all three hot, at 1.3-1.5 MB of compiler memory each, the largest transient of
  // one fit (bench/README.md). src/kernels/wasm.ts calls these for m = 1 and k = 1.
  const { WASM_KERNELS_BASE64 } = await import('../src/kernels/wasm-binary.js');
  const { decodeBase64 } = await import('../src/kernels/base64.js');
  const sizes = exportedBodySizes(decodeBase64(WASM_KERNELS_BASE64));
  expect(sizes.get('gemm')).toBeGreaterThan(2000); // the parse finds the bodies: the products keep their direct loops inlined
  for (const name of ['gemv', 'gemvTA', 'outer', 'outerRelu']) expect(sizes.get(name), name).toBeLessThan(1000);
});

it('the host sends m = 1 and k = 1 to those exports, and the rest to the products', () => {
  const k = wasmKernels(new WebAssembly.Memory({ initial: 1 }));
  const x = (k as unknown as { x: Record<string, (...args: number[]) => void> }).x;
  const called: string[] = [];
  const spied = Object.fromEntries(Object.keys(x).map((name) => [name, (...args: number[]) => (called.push(name), x[name]!(...args))]));
  (k as unknown as { x: unknown }).x = spied;
  k.gemm(0, 1024, 2048, 8, 8, 1);
  k.gemmTA(0, 1024, 2048, 8, 8, 1, 8);
  k.gemmTB(0, 1024, 2048, 8, 1, 8);
  k.gemmTBRelu(0, 1024, 2048, 2048, 8, 1, 8);
  k.gemm(0, 1024, 2048, 8, 8, 8);
  k.gemmTA(0, 1024, 2048, 8, 8, 8, 8);
  k.gemmTB(0, 1024, 2048, 8, 8, 8);
  k.gemmTBRelu(0, 1024, 2048, 2048, 8, 8, 8);
  expect(called).toEqual(['gemv', 'gemvTA', 'outer', 'outerRelu', 'gemm', 'gemmTA', 'gemmTB', 'gemmTBRelu']);
});
