/**
 * Where the package's own files are: `rules/`, `package.json`, the built page script.
 *
 * This module sits at the top of `src/`, and its built code at the top of `dist/` (the build
 * bundles every module into files directly under `dist/`), so the directory above it is the
 * package root in a checkout, in the tests and in an installed package alike.
 */

/** The package's root directory, as a `file:` URL ending in `/`. */
export const PACKAGE_ROOT: URL = new URL('../', import.meta.url);
