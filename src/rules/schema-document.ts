/**
 * The rule-file JSON Schema, read from `schemas/rule-file.schema.json` (the one file editors
 * validate against, so there is no second copy to drift). The browser bundle of the pricing
 * page replaces this module with the schema inlined.
 */
import { readFileSync } from 'node:fs';

/** The parsed JSON Schema (draft 2020-12) of a rule file. */
export const ruleFileSchema: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../schemas/rule-file.schema.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
