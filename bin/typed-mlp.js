#!/usr/bin/env node
// The `typed-mlp` command; the compiled CLI lives in dist/ (built by `npm install` via `prepare`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = main(process.argv.slice(2));
