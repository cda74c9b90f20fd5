#!/usr/bin/env node
// Compiles the WebAssembly SIMD kernels (assembly/kernels.ts, AssemblyScript, and the files it
// imports: assembly/packed.ts, assembly/direct.ts) and embeds the binary as base64 in
// src/kernels/wasm-binary.ts, so the published package has no runtime dependency and
// needs no .wasm file next to it. Run `npm run build:wasm` after editing assembly/*.ts and
// commit the regenerated src/kernels/wasm-binary.ts. The output is deterministic: the same source
// and compiler version give the same bytes (`--check` verifies that the committed file is current).
// The compiling and checking are scripts/wasm-module.mjs's, shared with scripts/build-wasm-f32.mjs.
//
//   node scripts/build-wasm.mjs           rebuild src/kernels/wasm-binary.ts
//   node scripts/build-wasm.mjs --check   exit 1 if src/kernels/wasm-binary.ts is stale
//   node scripts/build-wasm.mjs --wat F   also write the text format to F (for reading the code)
import { buildWasmModule } from './wasm-module.mjs';

const expected = ['adam', 'addRows', 'addScaled', 'biasAct', 'colSums', 'dropout', 'gemm', 'gemmTA', 'gemmTB', 'gemmTBRelu', 'gemv', 'gemvTA', 'momentum', 'momentumCheck', 'multiply', 'outer', 'outerRelu', 'relu', 'scale', 'sgd', 'sgdCheck', 'sumSquares'];

await buildWasmModule({
  source: 'assembly/kernels.ts',
  target: 'src/kernels/wasm-binary.ts',
  name: 'WASM_KERNELS_BASE64',
  expected,
  header: (version, bytes) => `// GENERATED FILE: do not edit. The WebAssembly SIMD kernels compiled from assembly/kernels.ts
// by AssemblyScript ${version} (scripts/build-wasm.mjs). Regenerate with \`npm run build:wasm\`.
// ${bytes} bytes; imports env.memory only; exports ${expected.join(', ')}.`,
});
