/**
 * The vitest configuration of mutation testing (npm run mutate): the suite without the tests that
 * exercise the built package as a whole (the packed tarball, the browser page), which no mutant
 * of src/ can change and which would only slow every mutant's run; without the reconcile engines'
 * CLI tests, whose native engines (DuckDB, chDB) crashed Stryker's test runner in its initial run
 * (SIGSEGV), and without the ClickHouse tests, for the same reason (the sandbox links
 * test/clickhouse/node_modules: PRICING_TESTS_WITHOUT_CLICKHOUSE leaves them out); and without the peak-memory test, which measures a child process while the runners
 * share the machine (154.6 MB in a run of two runners, against 116 MB alone).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/package/**', 'test/docs/pricing-page.browser.test.ts', 'test/export/engine-reconcile.test.ts', '**/node_modules/**'],
    testNamePattern: /^(?!.*a million distinct charges)/,
    env: { PRICING_TESTS_WITHOUT_CLICKHOUSE: '1' },
  },
});
