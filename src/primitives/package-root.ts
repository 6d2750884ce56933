/**
 * Where the package's own files are: `rules/`, `package.json`, the built page script.
 *
 * This module sits in `src/primitives/`, and the build bundles its code into `dist/core.js`
 * (every module ends up in files directly under `dist/`), so the package root is two folders
 * above the source file and one above the bundle: in a checkout, in the tests and in an
 * installed package alike.
 */

/** The package's root directory, as a `file:` URL ending in `/`. */
export const PACKAGE_ROOT: URL = new URL(import.meta.url.endsWith('/src/primitives/package-root.ts') ? '../../' : '../', import.meta.url);
