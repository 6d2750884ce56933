/**
 * The vitest configuration of mutation testing (npm run mutate): the suite without the tests that
 * exercise the built package as a whole (the packed tarball, the browser page), which no mutant
 * of src/ can change and which would only slow every mutant's run.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/package/**', 'test/docs/pricing-page.browser.test.ts', '**/node_modules/**'],
  },
});
