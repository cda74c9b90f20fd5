// `npm run test:browser`: the library in a real browser. esbuild bundles test/browser/page.mjs and
// worker.mjs (each importing 'typed-mlp' by name, resolved to the built dist/), a node:http server
// on 127.0.0.1 serves them, and playwright-core drives headless Chromium (Debian's `chromium`
// package, /usr/bin/chromium, or CHROMIUM_PATH) to open the page. The page trains XOR and iris on
// the main thread and in a module Worker; this file asserts both results and that the page logged
// no error, threw nothing and asked for nothing that failed.
//
// Needs: `npm run build` first (the script does it), Chromium (`apt-get install chromium`).
import { existsSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (!existsSync(chromiumPath)) {
  console.error(`test:browser needs Chromium at ${chromiumPath}: install it with \`sudo apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  process.exit(1);
}
if (!existsSync(join(root, 'dist/src/index.js'))) {
  console.error('test:browser needs the built library (dist/src/index.js): run `npm run build` first.');
  process.exit(1);
}

const { build } = await import('esbuild');
const { chromium } = await import('playwright-core');

// Without the background-networking flags, Chromium keeps trying to reach Google's hosts; on a
// closed network each attempt is refused (and logged). Playwright adds --headless and --no-sandbox
// itself, and starts Chromium with a new, empty profile directory of its own.
const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

/** Bundles the page and the worker into a new folder beside index.html. */
async function bundle() {
  const out = mkdtempSync(join(tmpdir(), 'typed-mlp-browser-'));
  await build({
    absWorkingDir: root,
    entryPoints: { page: join(here, 'page.mjs'), worker: join(here, 'worker.mjs') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: out,
    sourcemap: true,
    logLevel: 'error',
  });
  copyFileSync(join(here, 'index.html'), join(out, 'index.html'));
  return out;
}

/** A static server for one folder on 127.0.0.1, on a port the system picks. */
function serve(dir, headers = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Opens the page, waits for both results, and returns them with everything the page complained about. */
async function open(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  const warnings = [];
  const watch = (where) => (msg) => {
    if (msg.type() === 'error') problems.push(`console.error (${where}): ${msg.text()}`);
    if (msg.type() === 'warning') warnings.push(`console.warn (${where}): ${msg.text()}`);
  };
  page.on('console', (msg) => { if (!msg.worker?.()) watch('page')(msg); });
  page.on('worker', (worker) => worker.on('console', watch('worker')));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  try {
    // An uncaught error on the page ends the wait at once (the result would never come).
    const thrown = new Promise((_, reject) => page.once('pageerror', (e) => reject(new Error(`page error: ${e.message}`))));
    thrown.catch(() => {});
    await page.goto(url);
    try {
      await Promise.race([page.waitForFunction(() => window.__typedMlp !== undefined, null, { timeout: 60_000 }), thrown]);
    } catch (e) {
      throw new Error(`the page gave no result (${e.message.split('\n')[0]}); it said: ${JSON.stringify(problems)}`);
    }
    const outcome = await page.evaluate(() => window.__typedMlp);
    const text = await page.textContent('#result');
    return { ...outcome, text, problems, warnings };
  } finally {
    await page.close();
  }
}

function assertTrained(r, context, backend = 'wasm-simd') {
  assert.match(r.runtime, new RegExp(`Chrome/\\d+.* \\(${context}\\)$`), `runtime: ${r.runtime}`);
  assert.equal(r.backend, backend, `${context}: kernelBackend()`);
  if (backend === 'wasm-simd') assert.equal(r.fallback, null, `${context}: kernelFallback()`);
  else assert.match(r.fallback, /^WebAssembly could not be compiled here \(/, `${context}: kernelFallback()`);
  assert.deepEqual(r.xor.predictions, [[0], [1], [1], [0]], `${context}: XOR predictions`);
  assert.deepEqual(r.xor.reloaded, r.xor.predictions, `${context}: XOR predictions after saveNetwork, JSON and loadNetwork`);
  assert.ok(r.xor.loss < 0.05, `${context}: XOR loss ${r.xor.loss}`);
  assert.equal(r.iris.testRows, 30);
  assert.ok(r.iris.testAccuracy >= 0.9, `${context}: iris test accuracy ${r.iris.testAccuracy} < 0.9`);
}

let dir, browser;
const servers = [];

before(async () => {
  dir = await bundle();
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  for (const s of servers) s.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Serves the bundle (with these response headers) and opens it in the browser. */
async function visit(headers = {}) {
  const server = await serve(dir, headers);
  servers.push(server);
  const t0 = Date.now();
  const outcome = await open(browser, `http://127.0.0.1:${server.address().port}/`);
  const ms = (k) => JSON.stringify(outcome.result?.[k]?.ms);
  console.log(`# Chromium ${browser.version()}${headers['content-security-policy'] ? ', CSP without wasm-unsafe-eval' : ''}: ${Date.now() - t0} ms; page ${ms('page')}, worker ${ms('worker')}`);
  return outcome;
}

describe('headless Chromium, page and module Worker', () => {
  let outcome;

  before(async () => {
    outcome = await visit();
  });

  it('the page finished without an error', () => {
    assert.equal(outcome.error, undefined, outcome.error);
    assert.ok(outcome.result, 'no result');
    assert.match(outcome.text, /"worker"/, 'the result is on the page');
  });

  it('main thread: WebAssembly SIMD kernels, XOR solved, iris ≥ 90 % on 30 held-out flowers', () => {
    assertTrained(outcome.result.page, 'page');
  });

  it('module Worker: WebAssembly SIMD kernels, XOR solved, iris ≥ 90 % on 30 held-out flowers', () => {
    assertTrained(outcome.result.worker, 'worker');
  });

  it('no console error, no page error, no failed request, no typed-mlp warning', () => {
    assert.deepEqual(outcome.problems, []);
    assert.deepEqual(outcome.warnings.filter((w) => w.includes('typed-mlp')), []);
  });
});

describe('under a Content-Security-Policy that forbids compiling WebAssembly', () => {
  let outcome;

  before(async () => {
    // No 'wasm-unsafe-eval': Chromium refuses WebAssembly.Module in the page and in the Worker.
    outcome = await visit({ 'content-security-policy': "default-src 'self'; img-src data:; script-src 'self'; worker-src 'self'" });
  });

  it('both contexts fall back to the plain kernels, say why, and still train XOR and iris', () => {
    assert.equal(outcome.error, undefined, outcome.error);
    assertTrained(outcome.result.page, 'page', 'js');
    assertTrained(outcome.result.worker, 'worker', 'js');
  });

  it('the user is told once per context, on console.warn; nothing else goes wrong', () => {
    assert.deepEqual(outcome.problems, []);
    const told = outcome.warnings.filter((w) => w.includes('typed-mlp: using the plain TypeScript kernels'));
    assert.deepEqual(told.map((w) => w.slice(0, w.indexOf(':'))), ['console.warn (page)', 'console.warn (worker)']);
  });
});
