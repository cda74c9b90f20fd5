// One AssemblyScript module → base64 in a generated TypeScript file, for scripts/build-wasm.mjs
// (the float64 kernels) and scripts/build-wasm-f32.mjs (the float32 predictor's): the same compiler
// flags, the same checks of the module's imports and exports, the same deterministic output, and
// the same command line (`--check`: exit 1 if the committed file is stale; `--wat F`: also write
// the text format to F).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Compiles `source` (relative to the repository) and writes, or with `--check` compares, `target`:
 * `header(version, bytes)` (the generated file's comment lines), then `export const NAME = '…' + …;`.
 * The module must import only env.memory and export exactly `expected` (sorted).
 *
 * @param {{ source: string, target: string, name: string, expected: string[], header: (version: string, bytes: number) => string }} module
 */
export async function buildWasmModule({ source, target, name, expected, header }) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const watAt = args.indexOf('--wat');
  const watFile = watAt >= 0 ? args[watAt + 1] : undefined;

  const flags = [
    source,
    '--outFile', 'module.wasm',
    ...(watFile ? ['--textFile', 'module.wat'] : []),
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
    writeFile(file, contents) {
      outputs.set(file, contents);
    },
  });
  if (error) {
    console.error(stderr.toString());
    console.error(error.message);
    process.exit(1);
  }
  const binary = outputs.get('module.wasm');
  if (!(binary instanceof Uint8Array)) throw new Error(`asc produced no module for ${source}`);
  if (watFile) writeFileSync(watFile, outputs.get('module.wat'));

  // The module must import only env.memory and export exactly the interface its host calls.
  const module = new WebAssembly.Module(binary);
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}:${i.kind}`);
  const exports = WebAssembly.Module.exports(module).map((e) => e.name).sort();
  if (imports.join() !== 'env.memory:memory') throw new Error(`unexpected imports: ${imports.join(', ')}`);
  if (exports.join() !== expected.join()) throw new Error(`unexpected exports: ${exports.join(', ')}`);

  const base64 = Buffer.from(binary).toString('base64');
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules/assemblyscript/package.json'), 'utf8'));
  const lines = base64.match(/.{1,100}/g) ?? [];
  const text = `${header(version, binary.length)}
export const ${name} =
${lines.map((l, i) => `  '${l}'${i === lines.length - 1 ? ';' : ' +'}`).join('\n')}
`;

  if (check) {
    let current = '';
    try {
      current = readFileSync(join(root, target), 'utf8');
    } catch {}
    if (current !== text) {
      console.error(`${target} is stale: run \`npm run build:wasm\``);
      process.exit(1);
    }
    console.log(`${target} is current (${binary.length} bytes)`);
  } else {
    writeFileSync(join(root, target), text);
    console.log(`wrote ${target} (${binary.length} bytes of wasm)`);
  }
}
