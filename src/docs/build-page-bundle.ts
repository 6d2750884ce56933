/**
 * Build step (run by `npm run build`): bundles the calculator (`page-script.ts`) with the
 * package's evaluator for the browser, into `dist/docs/calculator.bundle.js`. The rule-file schema is
 * inlined in place of `schema-document.ts`, which reads it from disk under Node.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('../../', import.meta.url);
const schema = readFileSync(new URL('schemas/rule-file.schema.json', root), 'utf8');

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
      name: 'inline-rule-file-schema',
      setup(esbuild) {
        esbuild.onResolve({ filter: /\/schema-document\.js$/ }, () => ({ path: 'rule-file-schema', namespace: 'inline' }));
        esbuild.onLoad({ filter: /.*/, namespace: 'inline' }, () => ({ contents: `export const ruleFileSchema = ${schema};`, loader: 'js' }));
      },
    },
  ],
});
