/**
 * examples/csv-round-trip.ts (`npm run example:csv-round-trip`): fit and save with the CLI, predict
 * with the CLI in another process, reload with loadModel in a third; the predictions must match
 * exactly. The example's function is run from the sources, and its compiled script as npm runs it.
 * Build first: npm run build.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { csvRoundTrip } from '../examples/csv-round-trip.js';

describe('the CSV round-trip example', () => {
  it('fit → save → predict in a new process → reload with loadModel: the same classes and probabilities, to the last bit', () => {
    const r = csvRoundTrip();
    expect([r.trainRows, r.validationRows]).toEqual([72, 18]);
    expect(r.validationAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.classes).toEqual(['large "XL"', 'medium', 'small, flat']);
    expect(r.cli.map((row) => row.id)).toEqual(['N01', 'N02', 'N03', 'N04', 'N05', 'N06']);
    // parcels-new.csv was drawn from the three classes in turn: small, medium, large, twice.
    expect(r.cli.map((row) => row.size)).toEqual(['small, flat', 'medium', 'large "XL"', 'small, flat', 'medium', 'large "XL"']);
    expect(r.reloaded).toEqual(r.cli);
    expect(r.maxDifference).toBe(0);
    expect(r.match).toBe(true);
  });

  it('runs as npm runs it (the compiled script) and says the predictions match', () => {
    const script = fileURLToPath(new URL('../dist/examples/csv-round-trip.js', import.meta.url));
    const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1\. typed-mlp fit \(a new process\): 72 parcels to train, 18 to validate; validation accuracy \d+\.\d %/);
    expect(r.stdout).toMatch(/\n3\. reloaded here with loadModel: the 6 predictions match the CLI's exactly \(largest difference in a probability: 0\)\n$/);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['example:csv-round-trip']).toBe('npm run build && node dist/examples/csv-round-trip.js');
  });

  it('its data is what the example says: CRLF, a blank line, quoted fields with commas, quotes and line breaks', () => {
    const text = readFileSync(new URL('../examples/data/parcels.csv', import.meta.url), 'utf8');
    expect(text.startsWith('id,length (cm),width (cm),"weight, kg",fragile,note,size\r\n')).toBe(true);
    expect(text).toMatch(/\r\n\r\n/);
    expect(text).toMatch(/"large ""XL"""/);
    expect(text).toMatch(/"two boxes\ntaped together"/);
  });
});
