// Writes a consumer file with one deep typed net, to measure and test the compiler's cost.
//   node scripts/gen-deep.mjs LAYERS [typed|untyped] > file.ts
// typed: 100 layers means fromWeights of 100 literal-dim matrices AND a 100-call builder chain,
// with widths in the thousands; untyped: the same program with every dim widened to `number`.
const layers = Number(process.argv[2] ?? 100);
const typed = (process.argv[3] ?? 'typed') === 'typed';
const sizes = Array.from({ length: layers + 1 }, (_, i) => (i === 0 ? 4096 : i === layers ? 1 : 1000 + ((i * 37) % 3000)));
const lit = (n) => (typed ? String(n) : `(${n} as number)`);
const out = [];
out.push(`import { fromWeights, network, zeros } from 'typed-mlp';`);
out.push(`const net = fromWeights([`);
for (let l = 0; l < layers; l++) out.push(`  zeros(${lit(sizes[l])}, ${lit(sizes[l + 1])}),`);
out.push(`]);`);
out.push(`const built = network(${lit(sizes[0])})`);
for (let l = 1; l < layers; l++) out.push(`  .relu(${lit(sizes[l])})`);
out.push(`  .sigmoid(${lit(sizes[layers])});`);
out.push(`export const yhat = net.forward(zeros(${lit(7)}, ${lit(sizes[0])}));`);
out.push(`export const grads = built.gradients(zeros(${lit(2)}, ${lit(sizes[0])}), zeros(${lit(2)}, ${lit(1)}));`);
out.push(`export const sizesOf = net.sizes;`);
if (typed) {
  out.push(`export const same: typeof built = net;`);
  out.push(`export const last: 1 = sizesOf[${layers}];`);
}
console.log(out.join('\n'));
