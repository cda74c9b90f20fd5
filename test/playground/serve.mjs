// Helpers of the playground's browser test (and of its screenshot script): a static server for the
// built site, mounted under a subfolder so that only relative URLs work, and Chromium's launch.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const site = join(root, 'dist/playground');
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** As test/browser/run.mjs: without the background-networking flags Chromium keeps calling Google's hosts. */
export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Where the site is mounted: a subfolder, as on a static host's project page. */
export const MOUNT = '/some/sub/folder/';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** Fails with what to do when Chromium or the built site is missing. */
export function checkPrerequisites() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`the playground test needs Chromium at ${chromiumPath}: install it with \`sudo apt-get install chromium\` (Debian/Ubuntu) or set CHROMIUM_PATH.`);
  }
  if (!existsSync(join(site, 'index.html'))) throw new Error('the playground is not built (dist/playground/index.html): run `npm run build:playground` first.');
}

/** Serves dist/playground/ at MOUNT on 127.0.0.1 (a port the system picks); anything else is a 404. */
export function serveSite() {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(MOUNT)) {
      res.writeHead(404).end('not found');
      return;
    }
    const rel = normalize(path.slice(MOUNT.length)).replace(/^(\.\.[/\\])+/, '');
    const file = join(site, rel === '.' || rel === '' ? 'index.html' : rel);
    if (!file.startsWith(site) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}${MOUNT}` })));
}

/**
 * Opens the page and records everything it complains about: console errors (page and worker),
 * uncaught errors, failed requests, HTTP errors.
 */
export async function openPage(browser, url, viewport) {
  const page = await browser.newPage({ viewport });
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error (page): ${msg.text()}`);
  });
  page.on('worker', (worker) => worker.on('console', (msg) => msg.type() === 'error' && problems.push(`console.error (worker): ${msg.text()}`)));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url);
  // Ready: the worker said which kernels it uses, and the first snapshot is drawn.
  await page.waitForFunction(() => document.querySelector('[data-testid="backend"]')?.textContent !== '…' && window.__playground?.snapshot !== undefined, null, { timeout: 30_000 });
  return { page, problems };
}
