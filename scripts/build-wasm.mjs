#!/usr/bin/env node
// Compiles the WebAssembly SIMD kernels (assembly/kernels.ts, AssemblyScript, and the files it
// imports: assembly/packed.ts, assembly/direct.ts) and embeds the binary as base64 in
// src/kernels/wasm-binary.ts, so the published package has no runtime dependency and
// needs no .wasm file next to it. Run `npm run build:wasm` after editing assembly/*.ts and
// commit the regenerated src/kernels/wasm-binary.ts. The output is deterministic: the same source
// and compiler version give the same bytes (`--check` verifies that the committed file is current).
//
//   node scripts/build-wasm.mjs           rebuild src/kernels/wasm-binary.ts
//   node scripts/build-wasm.mjs --check   exit 1 if src/kernels/wasm-binary.ts is stale
//   node scripts/build-wasm.mjs --wat F   also write the text format to F (for reading the code)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'assembly/kernels.ts';
const target = join(root, 'src/kernels/wasm-binary.ts');

const args = process.argv.slice(2);
const check = args.includes('--check');
const watAt = args.indexOf('--wat');
const watFile = watAt >= 0 ? args[watAt + 1] : undefined;

const flags = [
  source,
  '--outFile', 'kernels.wasm',
  ...(watFile ? ['--textFile', 'kernels.wat'] : []),
  '-O3', // optimizeLevel 3, shrinkLevel 0
  '--noAssert',
  '--runtime', 'stub', // no allocator or GC: the kernels allocate nothing
  '--importMemory', // env.memory: the host creates the Memory...
  '--noExportMemory', // ...so there is nothing to export
  '--use', 'abort=', // no abort import: env.memory is the only import
  '--enable', 'simd',
  '--disable', 'bulk-memory', // not needed; keeps the module loadable on older engines
  '--baseDir', root,
];

const outputs = new Map();
const { error, stderr } = await asc.main(flags, {
  writeFile(name, contents) {
    outputs.set(name, contents);
  },
});
if (error) {
  console.error(stderr.toString());
  console.error(error.message);
  process.exit(1);
}
const binary = outputs.get('kernels.wasm');
if (!(binary instanceof Uint8Array)) throw new Error('asc produced no kernels.wasm');
if (watFile) writeFileSync(watFile, outputs.get('kernels.wat'));

// The module must import only env.memory and export exactly the kernel interface.
const module = new WebAssembly.Module(binary);
const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`);
const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
const expected = ['adam', 'addRows', 'addScaled', 'biasAct', 'colSums', 'dropout', 'gemm', 'gemmTA', 'gemmTB', 'gemmTBRelu', 'momentum', 'momentumCheck', 'multiply', 'relu', 'scale', 'sgd', 'sgdCheck', 'sumSquares'];
if (imports.join() !== 'env.memory:memory') throw new Error(`unexpected imports: ${imports.join(', ')}`);
if (exports.join() !== expected.join()) throw new Error(`unexpected exports: ${exports.join(', ')}`);

const base64 = Buffer.from(binary).toString('base64');
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/assemblyscript/package.json'), 'utf8'));
const lines = base64.match(/.{1,100}/g) ?? [];
const text = `// GENERATED FILE: do not edit. The WebAssembly SIMD kernels compiled from assembly/kernels.ts
// by AssemblyScript ${version} (scripts/build-wasm.mjs). Regenerate with \`npm run build:wasm\`.
// ${binary.length} bytes; imports env.memory only; exports ${expected.join(', ')}.
export const WASM_KERNELS_BASE64 =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}
`;

if (check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('src/kernels/wasm-binary.ts is stale: run `npm run build:wasm`');
    process.exit(1);
  }
  console.log(`src/kernels/wasm-binary.ts is current (${binary.length} bytes)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote src/kernels/wasm-binary.ts (${binary.length} bytes of wasm)`);
}
