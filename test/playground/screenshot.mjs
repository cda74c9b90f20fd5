// Writes docs/playground.png, the README's picture of the playground: 1280×800, the spiral trained by
// a 2-8-8-8-1 tanh network (Adam, lr 0.01), and the derivation panel showing the test row the network
// gets most wrong. Run after `npm run build:playground`:
//   node test/playground/screenshot.mjs [out.png] [--phone phone.png]
// (--phone also writes the 390×844 view, to look at; the README shows only the wide one).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { pixelsOf, png8 } from './png8.mjs';
import { CHROMIUM_ARGS, checkPrerequisites, chromiumPath, openPage, root, serveSite } from './serve.mjs';

try {
  checkPrerequisites();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
const args = process.argv.slice(2);
const phoneAt = args.indexOf('--phone');
const phoneOut = phoneAt >= 0 ? args.splice(phoneAt, 2)[1] : undefined;
const out = args[0] ?? join(root, 'docs/playground.png');

const { server, url } = await serveSite();
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
try {
  const { page, problems } = await openPage(browser, url, { width: 1280, height: 800 });
  const byId = (id) => page.getByTestId(id);
  const generation = () => page.evaluate(() => window.__playground.data.generation);
  const fresh = async (change) => {
    const g = await generation();
    await change();
    await page.waitForFunction((g0) => window.__playground.data.generation > g0 && window.__playground.snapshot?.generation === window.__playground.data.generation, g);
  };
  await fresh(() => byId('dataset').selectOption('spiral'));
  await fresh(() => byId('add-layer').click());
  for (let l = 0; l < 3; l++) {
    while (Number(await byId(`units-${l}`).textContent()) < 8) await fresh(() => byId(`units-plus-${l}`).click());
  }
  await byId('lr').selectOption('0.01'); // Adam at 0.03 (the default) overshoots on the spiral
  await byId('speed').selectOption('0');
  await byId('play').click();
  const t0 = Date.now();
  let accuracy = 0;
  while (Date.now() - t0 < 60_000) {
    await page.waitForTimeout(500);
    accuracy = Number(await byId('test-metric').getAttribute('data-value'));
    if (accuracy >= 0.98 && Date.now() - t0 > 4000) break;
  }
  await byId('play').click();
  await page.waitForFunction(() => window.__playground.snapshot?.playing === false);
  console.log(`spiral: test accuracy ${accuracy} after ${await byId('epoch').textContent()} epochs, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`frames: ${await byId('longest-frame').textContent()}`);
  // The test point the network gets most wrong (read off the drawn output grid): its δ are not negligible.
  const worst = await page.evaluate(() => {
    const { data, snapshot } = window.__playground;
    const { resolution: res, extent: e } = data.grid;
    let best = 0;
    let err = -1;
    data.test.y.forEach((y, i) => {
      const col = Math.min(res - 1, Math.floor(((data.test.x[2 * i] + e) / (2 * e)) * res));
      const row = Math.min(res - 1, Math.floor(((e - data.test.x[2 * i + 1]) / (2 * e)) * res));
      const d = Math.abs(snapshot.output[row * res + col] - y);
      if (d > err) {
        err = d;
        best = i;
      }
    });
    return best;
  });
  await byId('derive-set').selectOption('test');
  await byId('derive-row').fill(String(worst));
  await byId('derive').click();
  await page.waitForFunction(() => window.__playground.derivation !== undefined);
  await byId('gradcheck').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="gradcheck-rel"]') !== null);
  // Show where the forward pass ends and the backward pass (δ, ∂J/∂W) begins.
  await byId('m-Yhat').evaluate((el) => {
    const panel = el.closest('.panel');
    panel.scrollTop += el.getBoundingClientRect().top - panel.getBoundingClientRect().top - 10;
  });
  await page.waitForTimeout(300);
  const shot = await page.screenshot();
  const small = png8(await pixelsOf(page, shot));
  writeFileSync(out, small);
  console.log(`wrote ${out}: ${(small.length / 1024).toFixed(0)} kB (256 colours; ${(shot.length / 1024).toFixed(0)} kB as Chromium wrote it)`);
  if (phoneOut) {
    const phone = await openPage(browser, url, { width: 390, height: 844 });
    await phone.page.getByTestId('step').click();
    await phone.page.getByTestId('derive').click();
    await phone.page.waitForFunction(() => window.__playground.derivation !== undefined);
    await phone.page.screenshot({ path: phoneOut, fullPage: true });
    console.log(`wrote ${phoneOut}`);
    problems.push(...phone.problems);
  }
  if (problems.length) console.log('problems:', problems);
} finally {
  await browser.close();
  server.close();
}
