/**
 * The words the price list uses for a price table: the "Credits per call" and "Rule" cells,
 * rendered from the pricing kind so that the docs cannot drift from the rules.
 */
import { instantLabel } from '../primitives/instant.js';
import { creditsText } from '../rules/credits-text.js';
import { modelAt, type PricedModel } from '../rules/price-versions.js';
import type { PriceTable, UnpricedValue } from '../rules/rule-file.js';
import type { PriceVersion, RuleSet } from '../rules/rule-set.js';

/**
 * The rule the price table states: `Flat rate per 8-second clip.`, `1K = 4, 2K = 6, 4K = 8.`,
 * `5s = 11, 10s = 22.`, `Duration and resolution both affect credits.`
 * @param price - the price table
 * @returns one sentence
 */
function kindText(price: PriceTable): string {
  switch (price.kind) {
    case 'flat':
      return price.clipSeconds === undefined ? 'Flat rate.' : `Flat rate per ${price.clipSeconds}-second clip.`;
    case 'per-resolution':
      return `${price.resolutions.map((r, i) => `${r} = ${price.credits[i]}`).join(', ')}.`;
    case 'per-duration':
      return `${price.durations.map((d, i) => `${d}s = ${price.credits[i]}`).join(', ')}.`;
    case 'duration-by-resolution':
      return 'Duration and resolution both affect credits.';
  }
}

/**
 * The model that introduces a shared profile: the first one, in rule order, priced by it.
 * @param model - a model as priced at the page's instant
 * @param models - every model as priced at that instant
 * @returns that model's id, or undefined when the model's price is its own or it is the first
 */
function profileLeader(model: PricedModel, models: readonly PricedModel[]): string | undefined {
  if (model.profile === undefined) return undefined;
  const leader = models.find((m) => m.profile === model.profile);
  return leader === undefined || leader.id === model.id ? undefined : leader.id;
}

/**
 * The assumption note the docs add to a Rule cell, naming the assumed durations.
 * @param model - a model
 * @returns e.g. `Durations 5, 10, 20 s (assumption).`, or undefined without assumptions
 */
function assumptionNote(model: PricedModel): string | undefined {
  if (model.assumptions.length === 0) return undefined;
  const durations = model.price.kind === 'per-duration' || model.price.kind === 'duration-by-resolution' ? model.price.durations : [];
  return durations.length > 0 ? `Durations ${durations.join(', ')} s (assumption).` : 'Priced by assumption.';
}

/**
 * The "Rule" cell: the pricing kind (or the shared profile), the model's note, then the
 * assumption note.
 * @param model - a model as priced at the page's instant
 * @param models - every model as priced at that instant, to find who introduces a shared profile
 * @returns the cell text
 */
export function ruleText(model: PricedModel, models: readonly PricedModel[]): string {
  const leader = profileLeader(model, models);
  return [leader === undefined ? kindText(model.price) : `Same pricing profile as ${leader}.`, model.note, assumptionNote(model)]
    .filter((part) => part !== undefined)
    .join(' ');
}

/** Every distinct assumption, with the models it prices, in rule order. */
export interface AssumptionEntry {
  /** What was assumed. */
  readonly about: string;
  /** Why. */
  readonly reason: string;
  /** The models whose prices rest on it. */
  readonly models: readonly string[];
}

/**
 * Collects the assumptions of the prices in force, merging those stated alike for several models.
 * @param models - every model as priced at the page's instant
 * @returns one entry per distinct assumption
 */
export function assumptionsOf(models: readonly PricedModel[]): AssumptionEntry[] {
  const entries = new Map<string, { about: string; reason: string; models: string[] }>();
  for (const model of models) {
    for (const { about, reason } of model.assumptions) {
      const key = `${about}\u0000${reason}`;
      const entry = entries.get(key);
      if (entry === undefined) entries.set(key, { about, reason, models: [model.id] });
      else entry.models.push(model.id);
    }
  }
  return [...entries.values()];
}

/** A value a model refuses on purpose, with the model. */
export interface UnpricedEntry extends UnpricedValue {
  /** The model id. */
  readonly model: string;
}

/**
 * Collects the values the rules refuse on purpose (open questions among them).
 * @param ruleSet - the rule set
 * @returns one entry per refused value, in rule order
 */
export function unpricedOf(ruleSet: RuleSet): UnpricedEntry[] {
  return ruleSet.models.flatMap((m) => m.unpriced.map((u) => ({ model: m.id, ...u })));
}

/**
 * Every model as priced at an instant; a model whose first version is still to come is left out.
 * @param ruleSet - the rule set
 * @param at - epoch milliseconds
 * @returns the models in rule order
 */
export function modelsAt(ruleSet: RuleSet, at: number): PricedModel[] {
  return ruleSet.models.flatMap((m) => modelAt(m, at) ?? []);
}

/** A price change of one model: the version that comes into force and the one before it. */
interface PriceChangeEntry {
  /** The model id. */
  readonly model: string;
  /** The version that comes into force. */
  readonly version: PriceVersion;
  /** The version it follows, undefined for a model's first version. */
  readonly previous?: PriceVersion;
}

/**
 * Splits every dated version into the past and the future of an instant.
 * @param ruleSet - the rule set
 * @param at - epoch milliseconds: the page's "now"
 * @returns `scheduled`: versions that come into force after `at`; `history`: versions no longer in force at `at`
 */
function priceTimeline(ruleSet: RuleSet, at: number): { scheduled: PriceChangeEntry[]; history: PriceChangeEntry[] } {
  const scheduled: PriceChangeEntry[] = [];
  const history: PriceChangeEntry[] = [];
  for (const model of ruleSet.models) {
    if (model.versions.length < 2 && model.versions[0]?.from === null) continue;
    model.versions.forEach((version, i) => {
      const previous = model.versions[i - 1];
      const entry = { model: model.id, version, ...(previous === undefined ? {} : { previous }) };
      if (version.from !== null && version.from > at) scheduled.push(entry);
      const next = model.versions[i + 1];
      if (next !== undefined && next.from !== null && next.from <= at) history.push(entry);
    });
  }
  scheduled.sort((a, b) => (a.version.from as number) - (b.version.from as number));
  return { scheduled, history };
}

/**
 * Says when a version was in force: `since always until 2027-01-01`, `2027-01-01 to 2027-06-01`.
 * @param version - the version
 * @param next - the version after it
 * @returns the interval in words
 */
function intervalText(version: PriceVersion, next: PriceVersion | undefined): string {
  const start = version.effectiveFrom === null ? 'since always' : `from ${instantLabel(version.effectiveFrom)}`;
  return next?.effectiveFrom == null ? start : `${start} until ${instantLabel(next.effectiveFrom)}`;
}

/**
 * Why a version came to be: its reason, its price-list row, or its correction.
 * @param version - the version
 * @returns the text, empty when the version says nothing
 */
function versionReason(version: PriceVersion): string {
  return [version.reason, version.correction === undefined ? undefined : `Corrected: ${version.correction}`]
    .filter((t) => t !== undefined)
    .join(' ');
}

/** The columns of the scheduled changes and of the price history. */
export const TIMELINE_HEADERS = {
  scheduled: ['Model ID', 'From', 'Credits per call', 'Why'],
  history: ['Model ID', 'In force', 'Credits per call', 'Why'],
} as const;

/**
 * The rows of the scheduled changes and of the price history, as text cells.
 * @param ruleSet - the rule set
 * @param at - the page's "now", epoch milliseconds
 * @returns `scheduled`: model, date, `old → new`, why; `history`: model, interval, credits, why
 */
export function timelineRows(ruleSet: RuleSet, at: number): { scheduled: string[][]; history: string[][] } {
  const { scheduled, history } = priceTimeline(ruleSet, at);
  const versionsOf = (id: string): readonly PriceVersion[] => ruleSet.models.find((m) => m.id === id)?.versions ?? [];
  return {
    scheduled: scheduled.map(({ model, version, previous }) => [
      model,
      instantLabel(version.effectiveFrom as string),
      `${previous === undefined ? 'not priced' : creditsText(previous.price)} → ${creditsText(version.price)}`,
      versionReason(version),
    ]),
    history: history.map(({ model, version }) => {
      const versions = versionsOf(model);
      return [model, intervalText(version, versions[versions.indexOf(version) + 1]), creditsText(version.price), versionReason(version)];
    }),
  };
}
