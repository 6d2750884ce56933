/**
 * Build step (the last of `npm run build`): bundles the package's JavaScript into a few ES modules
 * directly under `dist/`, so that an import reads two files instead of one per source module:
 *
 * - `core.js`: every module the main entry reaches (the pricer, the rules, the errors), once;
 * - `index.js`, `usage.js`, `review.js`, `docs.js`, `export.js` and `cli.js`: the package's exports
 *   and its executable, which import the core from `core.js` and share the rest in chunks;
 * - `browser.js`: the entry for browsers and edge runtimes, self-contained, with no Node module.
 *
 * Each module exists once, so `PricingError` is one class and a rule set made by one entry is
 * recognised by another. `tsc` has already written the declarations (`dist/**\/*.d.ts`), which stay
 * where they are, and one `.js` file per module, which this step replaces. All JavaScript ends up
 * in one directory, beside the generated validator that `rule-file-validator.ts` requires.
 */
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/', root);

/** Each export of package.json, by the name of its file under dist/. */
const ENTRIES: Record<string, string> = {
  index: 'src/index.ts',
  usage: 'src/usage/index.ts',
  review: 'src/review/index.ts',
  docs: 'src/docs/index.ts',
  export: 'src/export/index.ts',
  cli: 'src/cli/main.ts',
};

/** The calculator's browser bundle, written by the step before: not a module of the package. */
const KEPT = new Set(['docs/calculator.bundle.js']);

for (const entry of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (entry.endsWith('.js') && !KEPT.has(entry.split('\\').join('/'))) rmSync(new URL(entry, dist));
}

/** Options of every build: Node ES modules; json-rules-engine and the optional DuckDB stay dependencies, loaded when used. */
const NODE: BuildOptions = {
  absWorkingDir: fileURLToPath(root),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  legalComments: 'none',
  logLevel: 'warning',
};
const srcFile = (path: string): string => fileURLToPath(new URL(path, root));

// The core: the source files the main entry reaches, as one module that exports all they export.
const reached = await build({ ...NODE, entryPoints: [srcFile(ENTRIES.index as string)], write: false, metafile: true });
const coreFiles = Object.keys(reached.metafile.inputs).filter((input) => input.startsWith('src/') && input !== ENTRIES.index);
const coreSet = new Set(coreFiles.map((input) => srcFile(input)));
await build({
  ...NODE,
  stdin: {
    contents: coreFiles.map((input) => `export * from './${input}';`).join('\n'),
    resolveDir: fileURLToPath(root),
    sourcefile: 'core.js',
    loader: 'ts',
  },
  outfile: fileURLToPath(new URL('core.js', dist)),
});

// The entries, each core module replaced by an import of core.js, sharing the rest in chunks.
await build({
  ...NODE,
  entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, path]) => [name, srcFile(path)])),
  outdir: fileURLToPath(dist),
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  splitting: true,
  plugins: [
    {
      name: 'core-from-core-js',
      setup(esbuild) {
        esbuild.onResolve({ filter: /^\.\.?\// }, (args) => {
          const path = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
          return coreSet.has(path) ? { path: './core.js', external: true } : undefined;
        });
      },
    },
  ],
});

for (const name of ['rule-file-validator', 'price-book-validator'])
  copyFileSync(new URL(`src/rules/${name}.generated.cjs`, root), new URL(`${name}.generated.cjs`, dist));

// The entry for browsers and edge runtimes: one self-contained module, no Node module in it. It
// prices the bundled rules only, validated when the package was built: the rule-file validator,
// which Node loads from a file, is left out, and says so if anything asks for it.
await build({
  ...NODE,
  platform: 'browser',
  target: 'es2022',
  packages: 'bundle',
  entryPoints: [srcFile('src/browser.ts')],
  outfile: fileURLToPath(new URL('browser.js', dist)),
  plugins: [
    {
      name: 'no-rule-file-validator',
      setup(esbuild) {
        esbuild.onResolve({ filter: /\/(rule-file|price-book)-validator\.js$/ }, () => ({ path: 'validators', namespace: 'browser' }));
        esbuild.onLoad({ filter: /.*/, namespace: 'browser' }, () => ({
          contents:
            "const needsNode = () => { throw new Error('pricing-rules/browser prices the bundled rules only: validating rule files needs Node'); };\nexport const ruleFileValidator = needsNode;\nexport const priceBookValidator = needsNode;",
          loader: 'js',
        }));
      },
    },
  ],
});
