// The browser page: typed-mlp imported by its package name, as an app would (esbuild resolves it
// through package.json "exports" to dist/src/index.js and bundles it). It trains XOR and iris on
// the main thread, then has a module Worker (worker.mjs, bundled apart) do the same, and hands both
// results to the test through window.__typedMlp and the page's <pre id="result">.
import * as lib from 'typed-mlp';
import { IRIS } from '../runtimes/iris-data.mjs';
import { workload } from '../runtimes/workload.mjs';

function inWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = (e) => {
      worker.terminate();
      if (e.data.error) reject(new Error(`in the worker: ${e.data.error}`));
      else resolve(e.data.result);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(`the worker failed: ${e.message ?? 'no message'} (${e.filename ?? '?'}:${e.lineno ?? '?'})`));
    };
  });
}

async function main() {
  const page = workload(lib, IRIS);
  const worker = await inWorker();
  return { page, worker };
}

const out = document.getElementById('result');
main().then(
  (result) => {
    out.textContent = JSON.stringify(result, null, 2);
    window.__typedMlp = { result };
  },
  (e) => {
    out.textContent = `error: ${e && e.stack ? e.stack : e}`;
    window.__typedMlp = { error: String(e && e.stack ? e.stack : e) };
  },
);
