/**
 * The rule-file JSON Schema, compiled by ajv when the package is built (standalone code in
 * `rule-file-validator.generated.cjs`, beside this module in `src/` and beside the bundles in
 * `dist/`), required the first time a rule file is validated: an import of the package parses none
 * of it. The pricing page's bundle replaces this module (its
 * embedded rules were validated when the page was generated).
 */
import { createRequire } from 'node:module';

/** One schema violation, as ajv reports it (the fields this package reads). */
export interface SchemaError {
  /** The JSON Schema keyword that failed: `required`, `type`, `oneOf`, ... */
  readonly keyword: string;
  /** JSON Pointer to the failing value. */
  readonly instancePath: string;
  /** Where the keyword is in the schema. */
  readonly schemaPath: string;
  /** The keyword's parameters (`missingProperty`, `allowedValues`, ...). */
  readonly params: Record<string, unknown>;
  /** ajv's own wording. */
  readonly message?: string;
  /** The keyword's value in the schema. */
  readonly schema?: unknown;
  /** The schema object holding the keyword. */
  readonly parentSchema?: Record<string, unknown>;
  /** The failing value. */
  readonly data?: unknown;
}

/** ajv's validate function: true when the data conforms, else false with `errors` set. */
export interface RuleFileValidator {
  (data: unknown): boolean;
  /** The schema violations of the last failed call. */
  errors?: SchemaError[] | null;
}

let loaded: RuleFileValidator | undefined;

/**
 * The validator, loaded once.
 * @returns the generated validate function
 */
export function ruleFileValidator(): RuleFileValidator {
  loaded ??= createRequire(import.meta.url)('./rule-file-validator.generated.cjs') as RuleFileValidator;
  return loaded;
}
