/**
 * The words the price list uses for a price table: the "Credits per call" and "Rule" cells,
 * rendered from the pricing kind so that the docs cannot drift from the rules.
 */
import type { PriceTable, UnpricedValue } from '../rules/rule-file.js';
import type { ModelDefinition, RuleSet } from '../rules/rule-set.js';

/** The two tables of the price list. */
export type Section = 'Image models' | 'Video models';

/**
 * The table a model belongs to.
 * @param model - the model
 * @returns `Video models` when it makes video, else `Image models`
 */
export function sectionOf(model: ModelDefinition): Section {
  return model.modes.some((m) => m.endsWith('-video')) ? 'Video models' : 'Image models';
}

/**
 * The "Credits per call" cell.
 * @param price - the price table
 * @returns `3`, `4, 6, 8`, or `5, 10, 20 at 720p; 8, 15, 30 at 1080p`
 */
export function creditsText(price: PriceTable): string {
  switch (price.kind) {
    case 'flat':
      return String(price.credits);
    case 'per-resolution':
    case 'per-duration':
      return price.credits.join(', ');
    case 'duration-by-resolution':
      return price.resolutions.map((r, i) => `${(price.credits[i] ?? []).join(', ')} at ${r}`).join('; ');
  }
}

/**
 * The rule the price table states: `Flat rate per 8-second clip.`, `1K = 4, 2K = 6, 4K = 8.`,
 * `5s = 11, 10s = 22.`, `Duration and resolution both affect credits.`
 * @param price - the price table
 * @returns one sentence
 */
export function kindText(price: PriceTable): string {
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
 * @param model - a model
 * @param ruleSet - its rule set
 * @returns that model's id, or undefined when the model's price is its own or it is the first
 */
export function profileLeader(model: ModelDefinition, ruleSet: RuleSet): string | undefined {
  if (model.profile === undefined) return undefined;
  const leader = ruleSet.models.find((m) => m.profile === model.profile);
  return leader === undefined || leader.id === model.id ? undefined : leader.id;
}

/**
 * The assumption note the docs add to a Rule cell, naming the assumed durations.
 * @param model - a model
 * @returns e.g. `Durations 5, 10, 20 s (assumption).`, or undefined without assumptions
 */
export function assumptionNote(model: ModelDefinition): string | undefined {
  if (model.assumptions.length === 0) return undefined;
  const durations = model.price.kind === 'per-duration' || model.price.kind === 'duration-by-resolution' ? model.price.durations : [];
  return durations.length > 0 ? `Durations ${durations.join(', ')} s (assumption).` : 'Priced by assumption.';
}

/**
 * The "Rule" cell: the pricing kind (or the shared profile), the model's note, then the
 * assumption note.
 * @param model - a model
 * @param ruleSet - its rule set, to find who introduces a shared profile
 * @returns the cell text
 */
export function ruleText(model: ModelDefinition, ruleSet: RuleSet): string {
  const leader = profileLeader(model, ruleSet);
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
 * Collects the assumptions of a rule set, merging those stated alike for several models.
 * @param ruleSet - the rule set
 * @returns one entry per distinct assumption
 */
export function assumptionsOf(ruleSet: RuleSet): AssumptionEntry[] {
  const entries = new Map<string, { about: string; reason: string; models: string[] }>();
  for (const model of ruleSet.models) {
    for (const { about, reason } of model.assumptions) {
      const key = `${about}\u0000${reason}`;
      const entry = entries.get(key) ?? entries.set(key, { about, reason, models: [] }).get(key)!;
      entry.models.push(model.id);
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
