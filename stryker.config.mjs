// Mutation testing (issue 6, point 2): `npm run mutation`. Not part of `npm test`: a full run takes
// ~37 minutes on two cores; with `incremental` a re-run only tests the mutants whose code or
// covering tests changed since the last run (`npm run mutation -- --force` retests all). The
// figures and the surviving mutants, each with its reason: docs/mutation-testing.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  // The math and training code. Not the generated WebAssembly bytes (src/kernels/wasm-binary.ts),
  // the CLI, the plots or the ONNX exporter, which have their own (slower) suites.
  mutate: [
    'src/backprop.ts',
    'src/loss.ts',
    'src/heads/**/*.ts',
    'src/activations/**/*.ts',
    'src/optimizers/**/*.ts',
    'src/factories.ts',
    'src/builder.ts',
    'src/kernels/js.ts',
    'src/train/**/*.ts',
    'src/gradcheck.ts',
    'src/metrics/**/*.ts',
    'src/checks.ts',
    'src/validate.ts',
    'src/engine/workspace.ts',
    'src/network.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 8000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'html', 'progress-append-only'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 85, break: null },
  // Only what the suites need goes into the sandbox (bench/ alone is ~190 MB).
  ignorePatterns: ['/dist', '/docs', '/bench', '/plots', '/assembly', '/examples', '/test/consumer', '/test-d', '/reports'],
  // `// @ts-nocheck` goes into the mutated sources and tests only.
  disableTypeChecks: '{src,test}/**/*.ts',
  // Stryker rewrites the tsconfig's `extends`/`references` with the `typescript` package's JS API, which
  // TypeScript 7 (the root `typescript` here) does not have. Ours point inside the sandbox anyway, so
  // name a file that does not exist and the rewrite is skipped.
  tsconfigFile: 'tsconfig.stryker-skip-rewrite.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
