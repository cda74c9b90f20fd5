import { defineConfig } from 'vitest/config';

/**
 * The vitest config Stryker uses (`npm run mutation`, see stryker.config.mjs): only the in-process
 * suites that exercise the math and training code, so one mutant's run takes seconds. The slow,
 * process-spawning suites (CLI, compile messages, package, wasm build, docs, ONNX, plots, iris,
 * fuzzing) are left to `npm test`.
 */
export default defineConfig({
  test: {
    include: [
      'test/fixtures.test.ts',
      'test/gradcheck.test.ts',
      'test/conventions.test.ts',
      'test/network.test.ts',
      'test/fit.test.ts',
      'test/optimizers.test.ts',
      'test/activations.test.ts',
      'test/matrix.test.ts',
      'test/io.test.ts',
      'test/kernels.test.ts',
      'test/progress.test.ts',
      'test/hostile.test.ts',
      'test/memory.test.ts',
      'test/reference-loop.test.ts',
      'test/gradcheck-report.test.ts',
      'test/overflow.test.ts',
      'test/messages.test.ts',
      'test/training-control.test.ts',
      'test/regression.test.ts',
      'test/metrics.test.ts',
      'test/model-fixtures.test.ts',
      'test/readme.test.ts',
      'test/registries.test.ts',
    ],
    testTimeout: 120_000,
    // Deliberately NOT `env: { TYPED_MLP_KERNELS: 'js' }`. Under Stryker's instrumentation every
    // arithmetic step of src/kernels/js.ts goes through a mutant switch and a coverage counter, and
    // making those loops the default path for every suite slowed the instrumented run ~2.5× (the
    // 9-6-6-1 optimizer training test: 2 s → 19 s). The plain kernels are exercised anyway: the
    // wasm kernels hand tiny products to them (WASM_PLAIN_BELOW), test/kernels.test.ts compares the
    // wasm kernels against them on 60+ shapes, and the fixture, gradcheck and activation suites run
    // a second pass on them (test/helpers/backends.ts).
  },
});
