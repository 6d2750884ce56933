/**
 * What changed between two rule sets, price point by price point and model by model. Models are
 * matched by id, so a model moved to another file, or a renamed file, is not a removal; a
 * shared profile that changes moves the prices of every model it prices.
 */
import { compilePricer, type PricePoint } from '../pricer.js';
import type { Mode } from '../rules/rule-file.js';
import type { ModelDefinition, RuleSet } from '../rules/rule-set.js';

/** How one price point changed. */
export type PointChange = 'raised' | 'lowered' | 'added' | 'removed';

/** One price point that moved, appeared or disappeared. */
export interface PointDiff {
  /** How it changed. */
  readonly change: PointChange;
  /** Its duration in seconds, when it has one. */
  readonly duration?: number;
  /** Its resolution, when it has one. */
  readonly resolution?: string;
  /** The price before (absent when added). */
  readonly old?: number;
  /** The price after (absent when removed). */
  readonly new?: number;
  /** `new - old`, for raised and lowered points. */
  readonly delta?: number;
  /** The change in percent of the old price, to one decimal, for raised and lowered points. */
  readonly percent?: number;
}

/** A value before and after. */
export interface ValueChange<T> {
  /** The value before. */
  readonly from: T;
  /** The value after. */
  readonly to: T;
}

/** Items gained and lost. */
export interface ListChange<T> {
  /** Items only the new rules have. */
  readonly added: readonly T[];
  /** Items only the old rules have. */
  readonly removed: readonly T[];
}

/** Everything that changed about one model. */
export interface ModelDiff {
  /** The model id. */
  readonly model: string;
  /** `added` or `removed` for a whole model, else `changed`. */
  readonly status: 'added' | 'removed' | 'changed';
  /** The file it is declared in, before and after, when that changed. */
  readonly moved?: ValueChange<string>;
  /** The shared profile that prices it, before and after, when that changed. */
  readonly profile?: ValueChange<string | null>;
  /** Modes gained and lost. */
  readonly modes?: ListChange<Mode>;
  /** The input-image limit before and after (`null`: no limit). */
  readonly maxInputImages?: ValueChange<number | null>;
  /** Assumption flags gained and lost, by what they assume. */
  readonly assumptions?: ListChange<string>;
  /** Price points that changed, in rule order. */
  readonly points: readonly PointDiff[];
}

/** Counts of what changed. */
export interface DiffSummary {
  /** Prices raised. */
  readonly raised: number;
  /** Prices lowered. */
  readonly lowered: number;
  /** Price points added. */
  readonly added: number;
  /** Price points removed. */
  readonly removed: number;
  /** Models added. */
  readonly modelsAdded: number;
  /** Models removed. */
  readonly modelsRemoved: number;
}

/** The difference between two rule sets. */
export interface PriceDiff {
  /** Counts of what changed. */
  readonly summary: DiffSummary;
  /** Every model with a change, in the order of the new rules, then removed models. */
  readonly models: readonly ModelDiff[];
}

const pointKey = (p: { duration?: number; resolution?: string }) => `${p.duration ?? ''}\u0000${p.resolution ?? ''}`;

function fileOf(model: ModelDefinition): string {
  // A git file is shown as "revision:path"; compare the path only.
  return model.location.file.replace(/^[^:]*:(?=[^/])/, '').split(/[\\/]/).pop() ?? model.location.file;
}

function comparePoints(before: readonly PricePoint[], after: readonly PricePoint[]): PointDiff[] {
  const old = new Map(before.map((p) => [pointKey(p), p]));
  const now = new Map(after.map((p) => [pointKey(p), p]));
  const axes = (p: PricePoint) => ({ ...(p.duration === undefined ? {} : { duration: p.duration }), ...(p.resolution === undefined ? {} : { resolution: p.resolution }) });
  const diffs: PointDiff[] = [];
  for (const p of after) {
    const was = old.get(pointKey(p));
    if (was === undefined) diffs.push({ change: 'added', ...axes(p), new: p.credits });
    else if (was.credits !== p.credits) {
      const delta = p.credits - was.credits;
      diffs.push({ change: delta > 0 ? 'raised' : 'lowered', ...axes(p), old: was.credits, new: p.credits, delta, percent: Math.round((delta * 1000) / was.credits) / 10 });
    }
  }
  for (const p of before) if (!now.has(pointKey(p))) diffs.push({ change: 'removed', ...axes(p), old: p.credits });
  return diffs;
}

/**
 * Compares two rule sets.
 * @param base - the rules before
 * @param head - the rules after
 * @returns every change, with counts
 */
export function diffRuleSets(base: RuleSet, head: RuleSet): PriceDiff {
  const oldPricer = compilePricer(base);
  const newPricer = compilePricer(head);
  const oldModels = new Map(base.models.map((m) => [m.id, m]));
  const newIds = new Set(head.models.map((m) => m.id));
  const models: ModelDiff[] = [];

  for (const model of head.models) {
    const was = oldModels.get(model.id);
    if (was === undefined) {
      models.push({ model: model.id, status: 'added', points: comparePoints([], newPricer.pricePoints(model.id)) });
      continue;
    }
    const points = comparePoints(oldPricer.pricePoints(model.id), newPricer.pricePoints(model.id));
    const modesAdded = model.modes.filter((m) => !was.modes.includes(m));
    const modesRemoved = was.modes.filter((m) => !model.modes.includes(m));
    const limitBefore = was.maxInputImages ?? null;
    const limitAfter = model.maxInputImages ?? null;
    const assumedBefore = was.assumptions.map((a) => a.about);
    const assumedAfter = model.assumptions.map((a) => a.about);
    const assumptionsAdded = assumedAfter.filter((a) => !assumedBefore.includes(a));
    const assumptionsRemoved = assumedBefore.filter((a) => !assumedAfter.includes(a));
    const diff: ModelDiff = {
      model: model.id,
      status: 'changed',
      ...(fileOf(was) === fileOf(model) ? {} : { moved: { from: fileOf(was), to: fileOf(model) } }),
      ...(was.profile === model.profile ? {} : { profile: { from: was.profile ?? null, to: model.profile ?? null } }),
      ...(modesAdded.length + modesRemoved.length === 0 ? {} : { modes: { added: modesAdded, removed: modesRemoved } }),
      ...(limitBefore === limitAfter ? {} : { maxInputImages: { from: limitBefore, to: limitAfter } }),
      ...(assumptionsAdded.length + assumptionsRemoved.length === 0 ? {} : { assumptions: { added: assumptionsAdded, removed: assumptionsRemoved } }),
      points,
    };
    if (Object.keys(diff).length > 3 || points.length > 0) models.push(diff);
  }
  for (const was of base.models) {
    if (newIds.has(was.id)) continue;
    models.push({ model: was.id, status: 'removed', points: comparePoints(oldPricer.pricePoints(was.id), []) });
  }

  const all = models.flatMap((m) => m.points);
  const count = (change: PointChange) => all.filter((p) => p.change === change).length;
  return {
    summary: {
      raised: count('raised'),
      lowered: count('lowered'),
      added: count('added'),
      removed: count('removed'),
      modelsAdded: models.filter((m) => m.status === 'added').length,
      modelsRemoved: models.filter((m) => m.status === 'removed').length,
    },
    models,
  };
}

/** A change that fails the review: something billing code relies on is gone, or a price moved too far. */
export interface BreakingChange {
  /** The model. */
  readonly model: string;
  /** What broke, in words: `model removed`, `10s 1080p removed`, `mode image-to-video removed`, `5s raised by 150%`. */
  readonly reason: string;
}

/** Describes a price point's axes: `10s 1080p`, `4K`, or `price` for a flat price. */
export function pointLabel(p: { duration?: number; resolution?: string }): string {
  const parts = [p.duration === undefined ? undefined : `${p.duration}s`, p.resolution].filter((x) => x !== undefined);
  return parts.length === 0 ? 'price' : parts.join(' ');
}

/**
 * The changes that fail a review.
 * @param diff - the diff
 * @param options - `allowRemovals` accepts removals; `maxChange` (percent) fails larger moves
 * @returns the breaking changes, empty when the change may land
 */
export function breakingChanges(diff: PriceDiff, options: { readonly allowRemovals?: boolean; readonly maxChange?: number }): BreakingChange[] {
  const breaking: BreakingChange[] = [];
  for (const m of diff.models) {
    if (options.allowRemovals !== true) {
      if (m.status === 'removed') breaking.push({ model: m.model, reason: 'model removed' });
      else {
        for (const p of m.points) if (p.change === 'removed') breaking.push({ model: m.model, reason: `${pointLabel(p)} removed` });
        for (const mode of m.modes?.removed ?? []) breaking.push({ model: m.model, reason: `mode ${mode} removed` });
        const limit = m.maxInputImages;
        if (limit !== undefined && limit.to !== null && (limit.from === null || limit.to < limit.from)) {
          breaking.push({ model: m.model, reason: `input-image limit lowered from ${limit.from ?? 'none'} to ${limit.to}` });
        }
      }
    }
    if (options.maxChange !== undefined) {
      for (const p of m.points) {
        if (p.percent !== undefined && Math.abs(p.percent) > options.maxChange) {
          breaking.push({ model: m.model, reason: `${pointLabel(p)} ${p.change} by ${Math.abs(p.percent)}% (more than ${options.maxChange}%)` });
        }
      }
    }
  }
  return breaking;
}
