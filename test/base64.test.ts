import { afterEach, expect, it, vi } from 'vitest';
import { decodeBase64 } from '../src/kernels/base64.js';
import { mulberry32 } from '../src/random.js';

// The embedded wasm modules are decoded by Buffer in Node and by atob elsewhere (browsers, Deno,
// Bun): both branches must give the same bytes, for every length mod 3 (base64 padding).
const u = mulberry32(9);
const samples = [0, 1, 2, 3, 4, 5, 255, 256, 1000].map((n) => Uint8Array.from({ length: n }, () => Math.floor(u() * 256)));

afterEach(() => vi.unstubAllGlobals());

it.each([['Buffer (Node)', false], ['atob (no Buffer)', true]] as const)('decodeBase64 through %s gives back the bytes', (_, hideBuffer) => {
  const texts = samples.map((bytes) => Buffer.from(bytes).toString('base64'));
  if (hideBuffer) vi.stubGlobal('Buffer', undefined);
  texts.forEach((text, i) => expect(Array.from(decodeBase64(text)), `${samples[i]!.length} bytes`).toEqual(Array.from(samples[i]!)));
});
