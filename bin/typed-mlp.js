#!/usr/bin/env node
// The `typed-mlp` command; the compiled CLI lives in dist/ (built by `npm run build`, and by `npm pack` via `prepack`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = main(process.argv.slice(2));
