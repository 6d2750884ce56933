/**
 * A rule set: every model of every rule file, with shared profiles resolved, validated in two
 * steps (JSON Schema, then semantic checks) and frozen.
 */
import { RuleSetError, type RuleIssue } from '../errors.js';
import { readJsonSource, type JsonSource } from './json-source.js';
import type { Assumption, Mode, PriceTable, Provenance, RuleFile, UnpricedValue } from './rule-file.js';
import { checkSchema } from './schema-validation.js';
import { checkSemantics, type CheckedFile } from './semantic-checks.js';

/** A rule file's name and text, as read from disk or from a git revision. */
export interface RuleSource {
  /** The file's path, used in every message about it. */
  readonly file: string;
  /** The file's JSON text. */
  readonly text: string;
}

/** Where something is declared: a rule file and the position of its JSON value. */
export interface RuleLocation {
  /** The rule file. */
  readonly file: string;
  /** JSON Pointer inside the file. */
  readonly pointer: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/** A model ready to compile: its price table resolved from its profile if it names one. */
export interface ModelDefinition {
  /** The API's model id. */
  readonly id: string;
  /** The modes the model supports. */
  readonly modes: readonly Mode[];
  /** The most `inputImageUrls` a request may send; absent when the model sets no limit. */
  readonly maxInputImages?: number;
  /** The price table. */
  readonly price: PriceTable;
  /** The shared profile the price comes from, if any. */
  readonly profile?: string;
  /** Points of the price settled by assumption (from the price table). */
  readonly assumptions: readonly Assumption[];
  /** Values refused on purpose. */
  readonly unpriced: readonly UnpricedValue[];
  /** The page row the price comes from. */
  readonly source: Provenance;
  /** Text the docs add to the model's Rule cell. */
  readonly note?: string;
  /** Where the model is declared. */
  readonly location: RuleLocation;
}

/** A named price table shared by several models. */
export interface ProfileDefinition {
  /** The profile's name. */
  readonly name: string;
  /** Its price table. */
  readonly price: PriceTable;
  /** Where it is declared. */
  readonly location: RuleLocation;
}

/** A validated, frozen rule set: the input of `createPricer` and `toRulesEngine`. */
export interface RuleSet {
  /** Every model, in file order. */
  readonly models: readonly ModelDefinition[];
  /** Every shared profile, in file order. */
  readonly profiles: readonly ProfileDefinition[];
  /** The rule files it was read from. */
  readonly files: readonly string[];
}

/** What validating rule sources found: every issue, and the rule set when no issue is an error. */
export interface RuleSetCheck {
  /** The rule set, when it has no errors. */
  readonly ruleSet?: RuleSet;
  /** Every problem found, errors and warnings, in file order. */
  readonly issues: readonly RuleIssue[];
}

const validated = new WeakSet<RuleSet>();

/**
 * Tells whether a value is a rule set built by {@link parseRuleSet} (and so validated).
 * @param value - anything
 * @returns true for a validated rule set
 */
export function isRuleSet(value: unknown): value is RuleSet {
  return typeof value === 'object' && value !== null && validated.has(value as RuleSet);
}

/**
 * Validates rule sources in two steps, JSON Schema then semantic checks, and reports every issue.
 * @param sources - the rule files' names and texts
 * @returns the issues, and the rule set when there is no error
 */
export function checkRuleSources(sources: readonly RuleSource[]): RuleSetCheck {
  const issues: RuleIssue[] = [];
  const checked: CheckedFile[] = [];
  for (const { file, text } of sources) {
    let source: JsonSource;
    try {
      source = readJsonSource(file, text);
    } catch (error) {
      if (error instanceof RuleSetError) {
        issues.push(...error.issues);
        continue;
      }
      throw error;
    }
    const schemaIssues = checkSchema(source);
    issues.push(...schemaIssues);
    // A file that breaks the schema has no trustworthy shape for the semantic step.
    if (schemaIssues.length === 0) checked.push({ source, rule: source.value as RuleFile });
  }
  issues.push(...checkSemantics(checked));
  const fileOrder = new Map(sources.map((s, i) => [s.file, i]));
  issues.sort((a, b) => (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) || a.line - b.line || a.col - b.col);
  if (issues.some((issue) => issue.severity === 'error')) return { issues };
  return { ruleSet: buildRuleSet(checked), issues };
}

/**
 * Validates rule sources and builds the rule set.
 * @param sources - the rule files' names and texts
 * @returns the frozen rule set
 * @throws {@link RuleSetError} listing every problem when a source is invalid
 */
export function parseRuleSet(sources: readonly RuleSource[]): RuleSet {
  const { ruleSet, issues } = checkRuleSources(sources);
  if (ruleSet === undefined) throw new RuleSetError(issues);
  return ruleSet;
}

function buildRuleSet(files: readonly CheckedFile[]): RuleSet {
  const locate = (source: JsonSource, pointer: string): RuleLocation => ({
    file: source.file,
    pointer,
    ...source.positionOf(pointer),
  });
  const profiles: ProfileDefinition[] = [];
  for (const { source, rule } of files) {
    for (const [name, price] of Object.entries(rule.profiles ?? {})) {
      profiles.push({ name, price, location: locate(source, `/profiles/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`) });
    }
  }
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const models: ModelDefinition[] = [];
  for (const { source, rule } of files) {
    rule.models.forEach((model, index) => {
      const profile = 'profile' in model.price ? model.price.profile : undefined;
      // Semantic checks guarantee that every profile reference resolves.
      const price = profile === undefined ? (model.price as PriceTable) : (byName.get(profile) as ProfileDefinition).price;
      models.push({
        id: model.id,
        modes: model.modes,
        ...(model.maxInputImages === undefined ? {} : { maxInputImages: model.maxInputImages }),
        price,
        ...(profile === undefined ? {} : { profile }),
        assumptions: price.assumptions ?? [],
        unpriced: model.unpriced ?? [],
        source: model.source,
        ...(model.note === undefined ? {} : { note: model.note }),
        location: locate(source, `/models/${index}`),
      });
    });
  }
  const ruleSet = deepFreeze({ models, profiles, files: files.map((f) => f.source.file) });
  validated.add(ruleSet);
  return ruleSet;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
