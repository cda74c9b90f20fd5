// Loads tfjs-core once, registers the cpu and wasm backends, and switches between them. The
// backend is global state in tfjs, so every tfjs adapter calls useBackend() before its own runs.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
let loaded;

/** { tf, tfl?, wasmInfo } — imports lazily so a missing package fails only its own rows. */
export async function loadTf() {
  if (loaded) return loaded;
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  // tfjs-core's Node bundle registers no gradient functions (in a bundler one imports
  // '@tensorflow/tfjs-core/dist/register_all_gradients', an ESM-only file). In Node they come with
  // tfjs-layers (or the @tensorflow/tfjs union package), whose bundle registers all of core's
  // gradients into the registry that every copy shares; without it minimize() throws
  // "gradient function not found". So the tfjs-core adapters need this import too.
  const tfl = await import('@tensorflow/tfjs-layers');
  const version = (p) => require(`${p}/package.json`).version;
  loaded = { tf, tfl, wasm: null, wasmError: null, version: version('@tensorflow/tfjs-core'), layersVersion: version('@tensorflow/tfjs-layers') };
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // SIMD on, one thread. Only the SIMD binary is given a real path (on disk, in the package's
    // dist folder): if tfjs ever picked the plain or the threaded binary, loading would fail loudly
    // instead of silently measuring something else.
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    const simd = path.join(dist, 'tfjs-backend-wasm-simd.wasm');
    if (!existsSync(simd)) throw new Error(`missing ${simd}`);
    tf.env().set('WASM_HAS_SIMD_SUPPORT', true);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount(1);
    wasm.setWasmPaths({
      'tfjs-backend-wasm-simd.wasm': simd,
      'tfjs-backend-wasm.wasm': path.join(dist, 'NOT-USED-plain.wasm'),
      'tfjs-backend-wasm-threaded-simd.wasm': path.join(dist, 'NOT-USED-threaded.wasm'),
    });
    loaded.wasm = { module: wasm, binary: path.relative(process.cwd(), simd) };
  } catch (e) {
    loaded.wasmError = e;
  }
  return loaded;
}

/** Switches tfjs to `name` and asserts that it really is the active backend. */
export async function useBackend(tf, name) {
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
  }
  await tf.ready();
  if (tf.getBackend() !== name) throw new Error(`tfjs runs on '${tf.getBackend()}', not '${name}'`);
  if (name === 'wasm') {
    if (!tf.env().getBool('WASM_HAS_SIMD_SUPPORT')) throw new Error('tfjs wasm runs without SIMD');
    const threads = loaded.wasm.module.getThreadsCount();
    if (threads !== 1) throw new Error(`tfjs wasm runs ${threads} threads, not 1`);
  }
}

/** Float32 tensor data → Float64Array, for the float64 evaluation of final weights. */
export function toF64(t) {
  return Float64Array.from(t.dataSync());
}
