// Issue 13, point 6: the fallback is visible, and reading the environment never crashes. Each case
// runs the built library in a child process whose globals are changed before it is imported: a
// Content-Security-Policy that forbids compiling WebAssembly, and an environment (as Deno's without
// --allow-env) that throws on every read.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = new URL('../dist/src/index.js', import.meta.url).href;
const root = fileURLToPath(new URL('..', import.meta.url));

function run(prelude: string, body: string) {
  const code = `${prelude}\nconst lib = await import(${JSON.stringify(dist)});\n${body}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', cwd: root, env: { ...process.env, TYPED_MLP_KERNELS: '' } });
}

const train = `
const net = lib.network(2, { seed: 1 }).tanh(4).sigmoid(1);
const X = lib.matrix([[0, 0], [0, 1], [1, 0], [1, 1]]);
const Y = lib.column([0, 1, 1, 0]);
net.fit(X, Y, { lr: 0.5, epochs: 3 });
lib.network(2, { seed: 2 }).relu(3).sigmoid(1).forward(X);
process.stdout.write(JSON.stringify({ backend: lib.kernelBackend(), fallback: lib.kernelFallback() ?? null, loss: net.loss(X, Y) }) + String.fromCharCode(10));
`;

describe('kernels', () => {
  it('by default: WebAssembly SIMD, no fallback, nothing said', () => {
    const r = run('', train);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'wasm-simd', fallback: null });
    expect(r.stderr).toBe('');
  });

  it('under a policy that forbids compiling WebAssembly: kernelBackend() says js from the start, and the user is told once', () => {
    const csp = `
const refuse = function () { throw new EvalError('WebAssembly.Module(): Wasm code generation disallowed by embedder'); };
WebAssembly.Module = refuse;`;
    const r = run(csp, `console.log(lib.kernelBackend());\n${train}`);
    expect(r.status).toBe(0);
    const [first, last] = r.stdout.trim().split('\n');
    expect(first).toBe('js');
    const out = JSON.parse(last!);
    expect(out.backend).toBe('js');
    expect(out.fallback).toMatch(/^WebAssembly could not be compiled here \(WebAssembly.Module\(\): Wasm code generation disallowed by embedder\)$/);
    expect(Number.isFinite(out.loss)).toBe(true);
    const warnings = r.stderr.trim().split('\n').filter((l) => l.startsWith('typed-mlp:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^typed-mlp: using the plain TypeScript kernels, several times slower than WebAssembly SIMD: WebAssembly could not be compiled here/);
  });
});

describe('an environment that throws on every read (Deno without --allow-env)', () => {
  it('training, with progress on, never touches it fatally', () => {
    const deny = `
const denied = new Proxy({}, { get() { throw new Error('NotCapable: Requires env access'); }, has() { throw new Error('NotCapable: Requires env access'); } });
Object.defineProperty(process, 'env', { get() { return denied; } });`;
    // Installed after the import (Node's own module loader reads the environment) and before the
    // library first reads it: the kernels are chosen, and CI is looked up, on first use.
    const r = run('', `${deny}\n${train.replace('epochs: 3 }', 'epochs: 3, progress: { stream: { write() {}, isTTY: false } } }')}`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ backend: 'wasm-simd', fallback: null });
  });
});
