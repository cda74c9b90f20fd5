/**
 * The bytes of a base64 text (an embedded WebAssembly module): Node's Buffer where there is one,
 * else `atob` (browsers, Deno, Bun).
 *
 * @example
 * ```ts
 * decodeBase64('AGFzbQ=='); // Uint8Array [0, 97, 115, 109], "\0asm"
 * ```
 */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  if (typeof Buffer === 'function') return new Uint8Array(Buffer.from(text, 'base64'));
  const chars = atob(text);
  const bytes = new Uint8Array(chars.length);
  for (let i = 0; i < chars.length; i++) bytes[i] = chars.charCodeAt(i);
  return bytes;
}
