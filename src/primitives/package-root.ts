/**
 * Where the package's own files are: `rules/`, `package.json`, the built page script.
 *
 * This module sits in `src/primitives/` (and `tsc` writes it to `dist/primitives/`, which the
 * build steps run from), while the build bundles its code into `dist/core.js`: the package root
 * is two folders above the module file and one above the bundle, in a checkout, in the tests and
 * in an installed package alike. Bundled by a service into CommonJS, the code has no module URL
 * (`import.meta` is empty there): the root is then the working directory. Nothing reads a file
 * from it to price the bundled rules, which are part of the code.
 */
import { pathToFileURL } from 'node:url';

const moduleUrl: string | undefined = import.meta.url;

/** The package's root directory, as a `file:` URL ending in `/`. */
export const PACKAGE_ROOT: URL =
  moduleUrl === undefined
    ? pathToFileURL(`${process.cwd()}/`)
    : new URL(/\/primitives\/package-root\.[jt]s$/.test(moduleUrl) ? '../../' : '../', moduleUrl);
