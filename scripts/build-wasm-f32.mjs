#!/usr/bin/env node
// Compiles the float32 inference kernels of the frozen predictor (assembly/f32/forward.ts,
// AssemblyScript) and embeds the binary as base64 in src/predictor/wasm32-binary.ts, as
// scripts/build-wasm.mjs does for the float64 kernels (a separate module, so that only a program
// that makes a float32 predictor carries these bytes), through the same scripts/wasm-module.mjs.
// Run it after editing assembly/f32/*.ts and commit the regenerated file. The output is
// deterministic (`--check` verifies the committed file).
//
//   node scripts/build-wasm-f32.mjs           rebuild src/predictor/wasm32-binary.ts
//   node scripts/build-wasm-f32.mjs --check   exit 1 if src/predictor/wasm32-binary.ts is stale
//   node scripts/build-wasm-f32.mjs --wat F   also write the text format to F
import { buildWasmModule } from './wasm-module.mjs';

const expected = ['dataEnd', 'layer', 'narrow', 'pack', 'sigmoidInPlace', 'tanhInPlace'];

await buildWasmModule({
  source: 'assembly/f32/forward.ts',
  target: 'src/predictor/wasm32-binary.ts',
  name: 'WASM_F32_BASE64',
  expected,
  header: (version, bytes) => `// GENERATED FILE: do not edit. The float32 WebAssembly SIMD inference kernels compiled from
// assembly/f32/forward.ts by AssemblyScript ${version} (scripts/build-wasm-f32.mjs). Regenerate with
// \`npm run build:wasm\`. ${bytes} bytes; imports env.memory only; exports ${expected.join(', ')}.`,
});
