#!/usr/bin/env node
// Compiles the float32 inference kernels of the frozen predictor (assembly/f32/forward.ts,
// AssemblyScript) and embeds the binary as base64 in src/predictor/wasm32-binary.ts, as
// scripts/build-wasm.mjs does for the float64 kernels (a separate module, so that only a program
// that makes a float32 predictor carries these bytes). Run it after editing assembly/f32/*.ts and
// commit the regenerated file. The output is deterministic (`--check` verifies the committed file).
//
//   node scripts/build-wasm-f32.mjs           rebuild src/predictor/wasm32-binary.ts
//   node scripts/build-wasm-f32.mjs --check   exit 1 if src/predictor/wasm32-binary.ts is stale
//   node scripts/build-wasm-f32.mjs --wat F   also write the text format to F
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = 'assembly/f32/forward.ts';
const target = join(root, 'src/predictor/wasm32-binary.ts');

const args = process.argv.slice(2);
const check = args.includes('--check');
const watAt = args.indexOf('--wat');
const watFile = watAt >= 0 ? args[watAt + 1] : undefined;

const flags = [
  source,
  '--outFile', 'forward32.wasm',
  ...(watFile ? ['--textFile', 'forward32.wat'] : []),
  '-O3',
  '--noAssert',
  '--runtime', 'stub', // no allocator or GC: the kernels allocate nothing
  '--importMemory', // env.memory: the predictor creates its own Memory
  '--noExportMemory',
  '--use', 'abort=', // no abort import: env.memory is the only import
  '--enable', 'simd',
  '--disable', 'bulk-memory',
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
const binary = outputs.get('forward32.wasm');
if (!(binary instanceof Uint8Array)) throw new Error('asc produced no forward32.wasm');
if (watFile) writeFileSync(watFile, outputs.get('forward32.wat'));

const module = new WebAssembly.Module(binary);
const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`);
const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
const expected = ['dataEnd', 'layer', 'narrow', 'pack', 'sigmoidInPlace', 'tanhInPlace'];
if (imports.join() !== 'env.memory:memory') throw new Error(`unexpected imports: ${imports.join(', ')}`);
if (exports.join() !== expected.join()) throw new Error(`unexpected exports: ${exports.join(', ')}`);

const base64 = Buffer.from(binary).toString('base64');
const { version } = JSON.parse(readFileSync(join(root, 'node_modules/assemblyscript/package.json'), 'utf8'));
const lines = base64.match(/.{1,100}/g) ?? [];
const text = `// GENERATED FILE: do not edit. The float32 WebAssembly SIMD inference kernels compiled from
// assembly/f32/forward.ts by AssemblyScript ${version} (scripts/build-wasm-f32.mjs). Regenerate with
// \`npm run build:wasm\`. ${binary.length} bytes; imports env.memory only; exports ${expected.join(', ')}.
export const WASM_F32_BASE64 =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}
`;

if (check) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== text) {
    console.error('src/predictor/wasm32-binary.ts is stale: run `npm run build:wasm`');
    process.exit(1);
  }
  console.log(`src/predictor/wasm32-binary.ts is current (${binary.length} bytes)`);
} else {
  writeFileSync(target, text);
  console.log(`wrote src/predictor/wasm32-binary.ts (${binary.length} bytes of wasm)`);
}
