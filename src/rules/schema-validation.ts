/**
 * Step one of validation: the JSON Schema, its errors located in the source text and told as
 * "expected ..., found ...". The schema is compiled by ajv when the package is built (see
 * `rule-file-validator.ts`): loading rules compiles nothing.
 */
import { echo } from '../primitives/echo.js';
import type { RuleIssue } from '../primitives/errors.js';
import type { JsonSource } from './json-source.js';
import { ruleFileValidator, type RuleFileValidator, type SchemaError as ErrorObject } from './rule-file-validator.js';

/**
 * Checks a parsed file against its JSON Schema: `schemas/rule-file.schema.json` by default.
 * @param source - the file, read with positions
 * @param validator - the schema's compiled validator; default the rule file's
 * @returns one issue per schema violation, located at `file:line:col`; empty when the file conforms
 */
export function checkSchema(source: JsonSource, validator: () => RuleFileValidator = ruleFileValidator): RuleIssue[] {
  const validate = validator();
  if (validate(source.value)) return [];
  const issues: RuleIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // "must match then/else schema" only repeats the errors found inside the branch, "property
    // name must be valid" the error found in the name, and the branches of "price or prices" are
    // told once, by the oneOf error itself.
    if (error.keyword === 'if' || error.keyword === 'propertyNames' || /\/oneOf\/\d+\/required$/.test(error.schemaPath)) continue;
    const { pointer, expected, received } = describe(error);
    const key = `${pointer}\u0000${expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = source.positionOf(pointer);
    issues.push({ code: 'SCHEMA', severity: 'error', file: source.file, line: at.line, col: at.col, pointer, expected, received });
  }
  return issues;
}

/**
 * Renders a JSON value for a message: short, and recognisable in the file.
 * @param value - any JSON value
 * @returns e.g. `2.5`, `"720"`, `an object`, `an array of 3`
 */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value !== null && typeof value === 'object') return 'an object';
  return typeof value === 'string' ? echo(value) : JSON.stringify(value);
}

function describe(error: ErrorObject): { pointer: string; expected: string; received: string } {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as { description?: string; properties?: Record<string, unknown> };
  const what = schema.description === undefined ? '' : ` (${schema.description.replace(/\.$/, '')})`;
  const received = renderValue(error.data);
  switch (error.keyword) {
    case 'required':
      return {
        pointer: error.instancePath,
        expected: `property "${String(params.missingProperty)}"`,
        received: 'an object without it',
      };
    case 'additionalProperties': {
      const allowed = Object.keys(schema.properties ?? {});
      return {
        pointer: `${error.instancePath}/${String(params.additionalProperty)}`,
        expected: `only the properties ${allowed.map((k) => `"${k}"`).join(', ')}`,
        received: `unknown property "${String(params.additionalProperty)}"`,
      };
    }
    case 'type':
      return { pointer: error.instancePath, expected: `${article(String(params.type))}${what}`, received };
    case 'enum':
      return {
        pointer: error.instancePath,
        expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
        received,
      };
    case 'minimum':
      return { pointer: error.instancePath, expected: `a number ≥ ${String(params.limit)}${what}`, received };
    case 'maximum':
      return {
        pointer: error.instancePath,
        expected: `a number ≤ ${String(params.limit)} (the largest whole number arithmetic keeps exact)${what}`,
        received,
      };
    case 'pattern':
      return { pointer: error.instancePath, expected: `a string matching ${String(params.pattern)}${what}`, received };
    case 'oneOf': {
      const both = Array.isArray(params.passingSchemas);
      const options = ((error.schema ?? []) as { required?: string[] }[]).map((branch) => `"${branch.required?.[0] ?? '?'}"`).join(' or ');
      return { pointer: error.instancePath, expected: `exactly one of the properties ${options}`, received: both ? 'both' : 'neither' };
    }
    case 'minItems':
      return { pointer: error.instancePath, expected: `at least ${String(params.limit)} item(s)`, received };
    case 'minLength':
      return { pointer: error.instancePath, expected: 'a non-empty string', received };
    case 'uniqueItems':
      return {
        pointer: `${error.instancePath}/${String(params.i)}`,
        expected: 'each item once',
        received: `a repeat of item ${String(params.j)}`,
      };
    default:
      return { pointer: error.instancePath, expected: `a value that ${error.message ?? 'conforms to the schema'}`, received };
  }
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
