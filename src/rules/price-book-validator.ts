/**
 * The price-book JSON Schema, compiled by ajv when the package is built (standalone code in
 * `price-book-validator.generated.cjs`, beside this module in `src/` and beside the bundles in
 * `dist/`), required the first time a price book is validated.
 */
import { createRequire } from 'node:module';
import type { RuleFileValidator } from './rule-file-validator.js';

let loaded: RuleFileValidator | undefined;

/**
 * The validator, loaded once.
 * @returns the generated validate function
 */
export function priceBookValidator(): RuleFileValidator {
  loaded ??= createRequire(import.meta.url)('./price-book-validator.generated.cjs') as RuleFileValidator;
  return loaded;
}
