// docs/derivation.md quotes src/ verbatim; this keeps the quotes true when the code changes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [readFileSync(join(dir, e.name), 'utf8')] : [],
  );
}

it('every line of code quoted in docs/derivation.md is a line of src/', () => {
  const doc = readFileSync(join(root, 'docs/derivation.md'), 'utf8');
  const srcLines = new Set(sources(join(root, 'src')).flatMap((s) => s.split('\n').map((l) => l.trim())));
  const quoted = [...doc.matchAll(/```ts\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').map((l) => l.trim()));
  const missing = quoted.filter((l) => l !== '' && l !== '…' && !srcLines.has(l));
  expect(quoted.length).toBeGreaterThan(30);
  expect(missing).toEqual([]);
});
