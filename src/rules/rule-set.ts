/**
 * A rule set: every model of every rule file, with shared profiles resolved, validated in two
 * steps (JSON Schema, then semantic checks) and frozen.
 */
import { RuleSetError, sortIssues, type RuleIssue } from '../primitives/errors.js';
import { formatInstant, parseInstant } from '../primitives/instant.js';
import { escapePointerToken, readJsonSource, type JsonSource, type RuleLocation } from './json-source.js';
import type {
  Assumption,
  DatedProfile,
  Mode,
  PriceTable,
  PriceVersionRule,
  ProfileReference,
  Provenance,
  RuleFile,
  UnpricedValue,
} from './rule-file.js';
import { checkBooks, isBookFile, type CheckedBookFile, type PriceBook } from './price-book.js';
import { priceBookValidator } from './price-book-validator.js';
import { checkSchema } from './schema-validation.js';
import { checkSemantics, type CheckedFile } from './semantic-checks.js';

/** A rule file's name and text, as read from disk or from a git revision. */
export interface RuleSource {
  /** The file's path, used in every message about it. */
  readonly file: string;
  /** The file's JSON text. */
  readonly text: string;
}

export type { RuleLocation } from './json-source.js';

/**
 * One version of a model's price, resolved: the table in force from `from` until the next
 * version's `from` (a half-open interval), with its provenance.
 */
export interface PriceVersion {
  /** When it comes into force, in epoch milliseconds; `null`: since always. */
  readonly from: number | null;
  /** `from` as an ISO string (`2027-01-01T00:00:00.000Z`), or `null` since always. */
  readonly effectiveFrom: string | null;
  /** The price table. */
  readonly price: PriceTable;
  /** The shared profile the price comes from, if any. */
  readonly profile?: string;
  /** Points of the price settled by assumption (from the price table). */
  readonly assumptions: readonly Assumption[];
  /** The row of the price list this version comes from (the model's own row for its first version). */
  readonly source?: Provenance;
  /** Why the price changed on that date. */
  readonly reason?: string;
  /** Why the version was corrected in place, when it was. */
  readonly correction?: string;
  /** Where the price table of this version is declared. */
  readonly location: RuleLocation;
}

/** A model ready to compile: its dated price versions resolved, shared profiles included. */
export interface ModelDefinition {
  /** The API's model id. */
  readonly id: string;
  /** The modes the model supports. */
  readonly modes: readonly Mode[];
  /** The most `inputImageUrls` a request may send; absent when the model sets no limit. */
  readonly maxInputImages?: number;
  /** Its price versions in ascending `from` order; at least one. */
  readonly versions: readonly PriceVersion[];
  /** Values refused on purpose. */
  readonly unpriced: readonly UnpricedValue[];
  /** The page row the price comes from. */
  readonly source: Provenance;
  /** Text the docs add to the model's Rule cell. */
  readonly note?: string;
  /** Where the model is declared. */
  readonly location: RuleLocation;
}

/** A named price table shared by several models, with its dated versions. */
export interface ProfileDefinition {
  /** The profile's name. */
  readonly name: string;
  /** Its versions in ascending `from` order; the first is in force since always. */
  readonly versions: readonly PriceVersion[];
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
  /** The price books of its `books/` folder, when it has any. */
  readonly books?: readonly PriceBook[];
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
  const books: CheckedBookFile[] = [];
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
    const book = isBookFile(file);
    const schemaIssues = book ? checkSchema(source, priceBookValidator) : checkSchema(source);
    issues.push(...schemaIssues);
    // A file that breaks the schema has no trustworthy shape for the semantic step.
    if (schemaIssues.length > 0) continue;
    if (book) books.push({ source });
    else checked.push({ source, rule: source.value as RuleFile });
  }
  issues.push(...checkSemantics(checked));
  const order = sources.map((s) => s.file);
  sortIssues(issues, order);
  if (issues.some((issue) => issue.severity === 'error')) return { issues };
  const ruleSet = buildRuleSet(checked);
  if (books.length === 0) return { ruleSet, issues };
  // Books are checked against the list's models: only once the list itself is valid.
  const booked = checkBooks(books, ruleSet.models);
  issues.push(...booked.issues);
  sortIssues(issues, order);
  if (issues.some((issue) => issue.severity === 'error')) return { issues };
  return { ruleSet: withBooks(ruleSet, booked.books), issues };
}

/** A validated rule set with its books: frozen, and marked validated. */
function withBooks(ruleSet: RuleSet, books: readonly PriceBook[]): RuleSet {
  const booked = deepFreeze({ ...ruleSet, books });
  validated.add(booked);
  return booked;
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
    for (const [name, declared] of Object.entries(rule.profiles ?? {})) {
      const pointer = `/profiles/${escapePointerToken(name)}`;
      const versions = versionRules(declared as PriceTable | DatedProfile, pointer).map(({ version, pointer: at }) =>
        resolvedVersion(version, version.price as PriceTable, undefined, locate(source, at)),
      );
      profiles.push({ name, versions, location: locate(source, pointer) });
    }
  }
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const models: ModelDefinition[] = [];
  for (const { source, rule } of files) {
    rule.models.forEach((model, index) => {
      const pointer = `/models/${index}`;
      const declared = versionRules(
        model.prices === undefined ? (model.price as PriceTable | ProfileReference) : { prices: model.prices },
        `${pointer}/price`,
        pointer,
      );
      const versions: PriceVersion[] = [];
      declared.forEach(({ version, pointer: at }, i) => {
        const from = instantOf(version.from);
        const until = instantOf(declared[i + 1]?.version.from) ?? Number.POSITIVE_INFINITY;
        const first = i === 0 ? { source: model.source, ...version } : version;
        if (!('profile' in version.price)) {
          versions.push(resolvedVersion(first, version.price, undefined, locate(source, at)));
          return;
        }
        // Semantic checks guarantee that every profile reference resolves. The model follows
        // the profile's versions while this version of its own is in force.
        const profile = byName.get(version.price.profile) as ProfileDefinition;
        profile.versions.forEach((p, j) => {
          const pUntil = profile.versions[j + 1]?.from ?? Number.POSITIVE_INFINITY;
          if (pUntil <= (from ?? Number.NEGATIVE_INFINITY) || (p.from ?? Number.NEGATIVE_INFINITY) >= until) return;
          const starts = from === null || (p.from !== null && p.from > from) ? p.from : from;
          const own = starts === from ? first : { reason: p.reason, source: p.source, correction: p.correction };
          versions.push({
            ...resolvedVersion(own, p.price, profile.name, p.location),
            from: starts,
            effectiveFrom: starts === null ? null : formatInstant(starts),
          });
        });
      });
      models.push({
        id: model.id,
        modes: model.modes,
        ...(model.maxInputImages === undefined ? {} : { maxInputImages: model.maxInputImages }),
        versions,
        unpriced: model.unpriced ?? [],
        source: model.source,
        ...(model.note === undefined ? {} : { note: model.note }),
        location: locate(source, pointer),
      });
    });
  }
  const ruleSet = deepFreeze({ models, profiles, files: files.map((f) => f.source.file) });
  validated.add(ruleSet);
  return ruleSet;
}

/** The versions a `price` or `prices` declares, each with the pointer of its price table. */
function versionRules<P>(
  declared: P | { readonly prices: readonly PriceVersionRule<P>[] },
  pricePointer: string,
  container = pricePointer,
): { version: PriceVersionRule<P>; pointer: string }[] {
  if (typeof declared === 'object' && declared !== null && 'prices' in declared) {
    return declared.prices.map((version, i) => ({ version, pointer: `${container}/prices/${i}/price` }));
  }
  return [{ version: { price: declared as P }, pointer: pricePointer }];
}

function instantOf(text: string | undefined): number | null {
  // Semantic checks guarantee that every `from` is a valid instant.
  return text === undefined ? null : (parseInstant(text) as number);
}

function resolvedVersion(
  version: {
    readonly from?: string | undefined;
    readonly source?: Provenance | undefined;
    readonly reason?: string | undefined;
    readonly correction?: string | undefined;
  },
  price: PriceTable,
  profile: string | undefined,
  location: RuleLocation,
): PriceVersion {
  const from = instantOf(version.from);
  return {
    from,
    effectiveFrom: from === null ? null : formatInstant(from),
    price,
    ...(profile === undefined ? {} : { profile }),
    assumptions: price.assumptions ?? [],
    ...(version.source === undefined ? {} : { source: version.source }),
    ...(version.reason === undefined ? {} : { reason: version.reason }),
    ...(version.correction === undefined ? {} : { correction: version.correction }),
    location,
  };
}

/**
 * Adopts a rule set that `parseRuleSet` built and the build serialised (the bundled rules'
 * snapshot): freezes it and marks it validated, naming each rule file as the loader would.
 * @param data - the serialised rule set, its files named by their base name
 * @param fileName - the name to show for a rule file of that base name
 * @returns the frozen, validated rule set
 */
export function adoptValidatedRuleSet(data: RuleSet, fileName: (baseName: string) => string): RuleSet {
  const rename = (location: RuleLocation): RuleLocation => ({ ...location, file: fileName(location.file) });
  const ruleSet = deepFreeze({
    models: data.models.map((m) => ({
      ...m,
      location: rename(m.location),
      versions: m.versions.map((v) => ({ ...v, location: rename(v.location) })),
    })),
    profiles: data.profiles.map((p) => ({
      ...p,
      location: rename(p.location),
      versions: p.versions.map((v) => ({ ...v, location: rename(v.location) })),
    })),
    files: data.files.map(fileName),
    ...(data.books === undefined
      ? {}
      : {
          books: data.books.map((b) => ({
            ...b,
            location: rename(b.location),
            adjustments: b.adjustments.map((a) => ({ ...a, location: rename(a.location) })),
          })),
        }),
  });
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
