// Writes a consumer file with one deep typed net, to measure and test the compiler's cost.
//   node scripts/gen-deep.mjs LAYERS [typed|untyped] [all|fromWeights|fromSizes|builder] > file.ts
// typed: literal dims, widths in the thousands; untyped: the same program with every dim widened
// to `number`. The form: fromWeights of LAYERS literal-dim matrices, fromSizes of LAYERS + 1
// literal sizes, or the builder chain of LAYERS calls (split into statements of at most 100 calls:
// TypeScript 5.9 overflows its own stack on a single chain of ~600 calls, whatever the types);
// `all` (the default) puts the three in one file.
const layers = Number(process.argv[2] ?? 100);
const typed = (process.argv[3] ?? 'typed') === 'typed';
const form = process.argv[4] ?? 'all';
const sizes = Array.from({ length: layers + 1 }, (_, i) => (i === 0 ? 4096 : i === layers ? 1 : 1000 + ((i * 37) % 3000)));
const lit = (n) => (typed ? String(n) : `(${n} as number)`);
const out = [`import { fromSizes, fromWeights, network, zeros } from 'typed-mlp';`];
const nets = [];
if (form === 'all' || form === 'fromWeights') {
  out.push(`const net = fromWeights([`);
  for (let l = 0; l < layers; l++) out.push(`  zeros(${lit(sizes[l])}, ${lit(sizes[l + 1])}),`);
  out.push(`]);`);
  out.push(`export const yhat = net.forward(zeros(${lit(7)}, ${lit(sizes[0])}));`);
  out.push(`export const sizesOf = net.sizes;`);
  if (typed) out.push(`export const last: 1 = sizesOf[${layers}];`);
  nets.push('net');
}
if (form === 'all' || form === 'fromSizes') {
  out.push(`const listed = fromSizes([${sizes.map(lit).join(', ')}]);`);
  out.push(`export const listedYhat = listed.forward(zeros(${lit(3)}, ${lit(sizes[0])}));`);
  nets.push('listed');
}
if (form === 'all' || form === 'builder') {
  let chunk = 0;
  out.push(`const b0 = network(${lit(sizes[0])})`);
  for (let l = 1; l < layers; l++) {
    if (l % 100 === 0) {
      out.push(`;`);
      out.push(`const b${++chunk} = b${chunk - 1}`);
    }
    out.push(`  .relu(${lit(sizes[l])})`);
  }
  out.push(`;`);
  out.push(`const built = b${chunk}.sigmoid(${lit(sizes[layers])});`);
  out.push(`export const grads = built.gradients(zeros(${lit(2)}, ${lit(sizes[0])}), zeros(${lit(2)}, ${lit(1)}));`);
  nets.push('built');
}
// Every form gives the same type.
if (typed) for (const n of nets.slice(1)) out.push(`export const same${n}: typeof ${nets[0]} = ${n};`);
console.log(out.join('\n'));
