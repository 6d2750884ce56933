/**
 * Where the package's own files are: `rules/`, `package.json`, the built page script.
 *
 * This module sits in `src/primitives/` (and `tsc` writes it to `dist/primitives/`, which the
 * build steps run from), while the build bundles its code into `dist/core.js`: the package root
 * is two folders above the module file and one above the bundle, in a checkout, in the tests and
 * in an installed package alike.
 */

/** The package's root directory, as a `file:` URL ending in `/`. */
export const PACKAGE_ROOT: URL = new URL(/\/primitives\/package-root\.[jt]s$/.test(import.meta.url) ? '../../' : '../', import.meta.url);
