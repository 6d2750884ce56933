/**
 * Build step (run by `npm run build`): bundles the calculator (`page-script.ts`) with the
 * package's evaluator for the browser, into `dist/docs/calculator.bundle.js`.
 *
 * The page embeds rule files that `pricing docs` validated against the JSON Schema when it wrote
 * the page (and `docs --check` fails when the page is stale), so the bundle leaves out the
 * generated schema validator, two thirds of its size: the semantic checks, the compiler and
 * `quote` are the package's own.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url);

await build({
  entryPoints: [fileURLToPath(new URL('src/docs/page-script.ts', root))],
  outfile: fileURLToPath(new URL('dist/docs/calculator.bundle.js', root)),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [
    {
      name: 'rules-validated-by-pricing-docs',
      setup(esbuild) {
        esbuild.onResolve({ filter: /\/(rule-file|price-book)-validator\.js$/ }, () => ({
          path: 'validated-by-pricing-docs',
          namespace: 'page',
        }));
        esbuild.onLoad({ filter: /.*/, namespace: 'page' }, () => ({
          contents: 'export const ruleFileValidator = () => () => true;\nexport const priceBookValidator = () => () => true;',
          loader: 'js',
        }));
      },
    },
  ],
});
