// One program for Node, Deno and Bun: the built library (plain ESM, relative .js imports) trains
// XOR and iris and prints one JSON line, which test/runtimes/run.mjs asserts. Deno runs it as
// `deno run --no-prompt program.mjs`, with no --allow-* flag: it reads no file, no environment
// variable and no network (the iris data is inlined in iris-data.mjs); the library's own reads of
// the environment (TYPED_MLP_KERNELS, CI) are refused there, and must be harmless.
import * as lib from '../../dist/src/index.js';
import { IRIS } from './iris-data.mjs';
import { workload } from './workload.mjs';

// `program.mjs --progress`: iris training shows its progress on stderr. Deno.args needs no permission.
const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
console.log(JSON.stringify(workload(lib, IRIS, { progress: args.includes('--progress') })));
