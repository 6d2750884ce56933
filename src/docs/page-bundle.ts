/**
 * The calculator bundle that `npm run build` writes to `dist/docs/calculator.bundle.js`.
 */
import { readFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../primitives/package-root.js';

/** Where the build writes the bundle. */
const PAGE_BUNDLE_PATH = new URL('dist/docs/calculator.bundle.js', PACKAGE_ROOT);

/**
 * Reads the calculator bundle.
 * @returns its JavaScript
 * @throws Error when the package has not been built
 */
export function readPageBundle(): string {
  try {
    return readFileSync(PAGE_BUNDLE_PATH, 'utf8');
  } catch {
    throw new Error(`the pricing page script is missing at ${PAGE_BUNDLE_PATH.pathname}: run "npm run build"`);
  }
}
