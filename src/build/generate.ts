/**
 * `npm run generate`: writes the generated sources committed in `src/` (the standalone rule-file
 * validator and the model types of the bundled rules). Run it after changing the schema or the
 * rules; a test fails while a committed file differs from what this generates.
 */
import { writeFileSync } from 'node:fs';
import { generatedSources } from './generated-sources.js';

for (const { path, text } of generatedSources()) {
  writeFileSync(new URL(`../../${path}`, import.meta.url), text);
  process.stderr.write(`wrote ${path}\n`);
}
