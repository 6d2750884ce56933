/**
 * What changed between two rule sets, price point by price point and model by model. Models are
 * matched by id, so a model moved to another file, or a renamed file, is not a removal; a
 * shared profile that changes moves the prices of every model it prices.
 *
 * Prices live in time, and the diff reads them at the review's instant ("now"): `points` are the
 * changes to the prices in force now, `scheduled` the dated versions added (or cancelled) after
 * now, and `history` every change to a price at an instant up to now: a rewrite of history,
 * which reprices tasks already charged.
 */
import { EARLIEST_INSTANT, instantLabel } from '../primitives/instant.js';
import { pointLabel } from '../primitives/point-label.js';
import { compilePricer } from '../pricer/compile-pricer.js';
import type { PricePoint, Pricer } from '../pricer/types.js';
import { modelAt } from '../rules/price-versions.js';
import type { Mode } from '../rules/rule-file.js';
import { samePrices } from '../rules/rule-set-version.js';
import type { ModelDefinition, PriceVersion, RuleSet } from '../rules/rule-set.js';
import { diffBooks, type BookDiff } from './book-diff.js';

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

/** A dated version added after the review's instant, or one the change cancels. */
export interface ScheduledChange {
  /** When it comes (or came to be due) into force, as an ISO string. */
  readonly from: string;
  /** `scheduled`: the head adds it; `cancelled`: the base had it and the head does not. */
  readonly change: 'scheduled' | 'cancelled';
  /** How its prices differ from the version before it. */
  readonly points: readonly PointDiff[];
  /** Why the price changes on that date, as the version says. */
  readonly reason?: string;
  /** The row of the republished price list the version cites. */
  readonly source?: string;
}

/** A price at an instant up to the review's that the change rewrites: raised, lowered or removed. */
export interface HistoryEdit {
  /** From when the prices differ (ISO string), `null` since always. */
  readonly from: string | null;
  /** The prices that differ then, base against head. */
  readonly points: readonly PointDiff[];
  /**
   * Why the version in force then was wrong: its `correction`, when the change adds or rewrites
   * it. A correction already in the base declares no new rewrite.
   */
  readonly correction?: string;
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
  /** Price points in force at the review's instant that changed, in rule order. */
  readonly points: readonly PointDiff[];
  /** Dated versions after the review's instant that the change adds or cancels. */
  readonly scheduled?: readonly ScheduledChange[];
  /** Prices at instants up to the review's that the change rewrites. */
  readonly history?: readonly HistoryEdit[];
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
  /** Dated versions scheduled or cancelled after the review's instant. */
  readonly scheduled: number;
  /** Rewrites of prices already in force that no correction declares. */
  readonly historyEdits: number;
  /** Rewrites of prices already in force that a correction declares. */
  readonly corrections: number;
  /** Prices of price books that change on their own (not by the list under them), when any do. */
  readonly bookChanges?: number;
}

/** The difference between two rule sets. */
export interface PriceDiff {
  /** Counts of what changed. */
  readonly summary: DiffSummary;
  /** Every model with a change, in the order of the new rules, then removed models. */
  readonly models: readonly ModelDiff[];
  /** Every price book with a change of its own, when there is one. */
  readonly books?: readonly BookDiff[];
}

const pointKey = (p: { duration?: number; resolution?: string }) => `${p.duration ?? ''}\u0000${p.resolution ?? ''}`;

function fileOf(model: ModelDefinition): string {
  // A git file is shown as "revision:path"; compare the path only.
  return (
    model.location.file
      .replace(/^[^:]*:(?=[^/])/, '')
      .split(/[\\/]/)
      .pop() ?? model.location.file
  );
}

function comparePoints(before: readonly PricePoint[], after: readonly PricePoint[]): PointDiff[] {
  const old = new Map(before.map((p) => [pointKey(p), p]));
  const now = new Map(after.map((p) => [pointKey(p), p]));
  const axes = (p: PricePoint) => ({
    ...(p.duration === undefined ? {} : { duration: p.duration }),
    ...(p.resolution === undefined ? {} : { resolution: p.resolution }),
  });
  const diffs: PointDiff[] = [];
  for (const p of after) {
    const was = old.get(pointKey(p));
    if (was === undefined) diffs.push({ change: 'added', ...axes(p), new: p.credits });
    else if (was.credits !== p.credits) {
      const delta = p.credits - was.credits;
      diffs.push({
        change: delta > 0 ? 'raised' : 'lowered',
        ...axes(p),
        old: was.credits,
        new: p.credits,
        delta,
        percent: Math.round((delta * 1000) / was.credits) / 10,
      });
    }
  }
  for (const p of before) if (!now.has(pointKey(p))) diffs.push({ change: 'removed', ...axes(p), old: p.credits });
  return diffs;
}

/** The points a pricer prices for a model at an instant; none when the model is not priced then. */
function pointsAt(pricer: Pricer, model: string, at: number): readonly PricePoint[] {
  try {
    return pricer.pricePoints(model, { at });
  } catch {
    return [];
  }
}

/** The dated versions after `at` that one side has and the other has not (same instant and prices). */
function scheduledChanges(
  was: ModelDefinition,
  model: ModelDefinition,
  oldPricer: Pricer,
  newPricer: Pricer,
  at: number,
): ScheduledChange[] {
  const changes: ScheduledChange[] = [];
  const future = (m: ModelDefinition) => m.versions.filter((v): v is PriceVersion & { from: number } => v.from !== null && v.from > at);
  const side = (ours: ModelDefinition, theirs: ModelDefinition, pricer: Pricer, change: ScheduledChange['change']): void => {
    for (const version of future(ours)) {
      if (future(theirs).some((v) => v.from === version.from && samePrices(v.price, version.price))) continue;
      changes.push({
        from: version.effectiveFrom as string,
        change,
        points: comparePoints(pointsAt(pricer, ours.id, version.from - 1), pointsAt(pricer, ours.id, version.from)),
        ...(version.reason === undefined ? {} : { reason: version.reason }),
        ...(version.source === undefined ? {} : { source: version.source.row }),
      });
    }
  };
  side(model, was, newPricer, 'scheduled');
  side(was, model, oldPricer, 'cancelled');
  return changes.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

/**
 * Every instant up to `at` where a price the base had is raised, lowered or removed in the head:
 * tasks already charged at it would reprice differently, or not at all. (A price added where
 * there was none changes no charge.) A rewrite is declared when the head's version in force then
 * carries a `correction` that the base's did not.
 */
function historyEdits(was: ModelDefinition, model: ModelDefinition, oldPricer: Pricer, newPricer: Pricer, at: number): HistoryEdit[] {
  const starts = new Set<number>([EARLIEST_INSTANT]);
  for (const v of [...was.versions, ...model.versions]) if (v.from !== null && v.from <= at) starts.add(v.from);
  const edits: HistoryEdit[] = [];
  for (const start of [...starts].sort((a, b) => a - b)) {
    const points = comparePoints(pointsAt(oldPricer, was.id, start), pointsAt(newPricer, model.id, start)).filter(
      (p) => p.change !== 'added',
    );
    if (points.length === 0) continue;
    const correction = modelAt(model, start)?.version.correction;
    const declared = correction !== undefined && correction !== modelAt(was, start)?.version.correction;
    edits.push({ from: start === EARLIEST_INSTANT ? null : new Date(start).toISOString(), points, ...(declared ? { correction } : {}) });
  }
  return edits;
}

/** Options of {@link diffRuleSets}. */
export interface DiffOptions {
  /** The review's instant ("now"), epoch milliseconds; default the current time. */
  readonly at?: number;
}

/**
 * Compares two rule sets.
 * @param base - the rules before
 * @param head - the rules after
 * @param options - `at`: the review's instant, which splits history from scheduled changes
 * @returns every change, with counts
 */
export function diffRuleSets(base: RuleSet, head: RuleSet, options: DiffOptions = {}): PriceDiff {
  const at = options.at ?? Date.now();
  const oldPricer = compilePricer(base);
  const newPricer = compilePricer(head);
  const oldModels = new Map(base.models.map((m) => [m.id, m]));
  const newIds = new Set(head.models.map((m) => m.id));
  const models: ModelDiff[] = [];

  for (const model of head.models) {
    const was = oldModels.get(model.id);
    if (was === undefined) {
      const scheduled = scheduledChanges({ ...model, versions: [] }, model, oldPricer, newPricer, at);
      models.push({
        model: model.id,
        status: 'added',
        points: comparePoints([], pointsAt(newPricer, model.id, at)),
        ...(scheduled.length === 0 ? {} : { scheduled }),
      });
      continue;
    }
    const points = comparePoints(pointsAt(oldPricer, model.id, at), pointsAt(newPricer, model.id, at));
    const scheduled = scheduledChanges(was, model, oldPricer, newPricer, at);
    const history = historyEdits(was, model, oldPricer, newPricer, at);
    const wasNow = modelAt(was, at);
    const isNow = modelAt(model, at);
    const modesAdded = model.modes.filter((m) => !was.modes.includes(m));
    const modesRemoved = was.modes.filter((m) => !model.modes.includes(m));
    const limitBefore = was.maxInputImages ?? null;
    const limitAfter = model.maxInputImages ?? null;
    const assumedBefore = (wasNow?.assumptions ?? []).map((a) => a.about);
    const assumedAfter = (isNow?.assumptions ?? []).map((a) => a.about);
    const assumptionsAdded = assumedAfter.filter((a) => !assumedBefore.includes(a));
    const assumptionsRemoved = assumedBefore.filter((a) => !assumedAfter.includes(a));
    const diff: ModelDiff = {
      model: model.id,
      status: 'changed',
      ...(fileOf(was) === fileOf(model) ? {} : { moved: { from: fileOf(was), to: fileOf(model) } }),
      ...(wasNow?.profile === isNow?.profile ? {} : { profile: { from: wasNow?.profile ?? null, to: isNow?.profile ?? null } }),
      ...(modesAdded.length + modesRemoved.length === 0 ? {} : { modes: { added: modesAdded, removed: modesRemoved } }),
      ...(limitBefore === limitAfter ? {} : { maxInputImages: { from: limitBefore, to: limitAfter } }),
      ...(assumptionsAdded.length + assumptionsRemoved.length === 0
        ? {}
        : { assumptions: { added: assumptionsAdded, removed: assumptionsRemoved } }),
      points,
      ...(scheduled.length === 0 ? {} : { scheduled }),
      ...(history.length === 0 ? {} : { history }),
    };
    if (Object.keys(diff).length > 3 || points.length > 0) models.push(diff);
  }
  for (const was of base.models) {
    if (newIds.has(was.id)) continue;
    models.push({ model: was.id, status: 'removed', points: comparePoints(pointsAt(oldPricer, was.id, at), []) });
  }

  const all = models.flatMap((m) => m.points);
  const count = (change: PointChange) => all.filter((p) => p.change === change).length;
  const books = diffBooks(base, head, oldPricer, newPricer, at);
  const bookChanges = books.reduce((n, b) => n + b.changes.length, 0);
  return {
    summary: {
      raised: count('raised'),
      lowered: count('lowered'),
      added: count('added'),
      removed: count('removed'),
      modelsAdded: models.filter((m) => m.status === 'added').length,
      modelsRemoved: models.filter((m) => m.status === 'removed').length,
      scheduled: models.reduce((n, m) => n + (m.scheduled?.length ?? 0), 0),
      historyEdits: models.reduce((n, m) => n + (m.history?.filter((h) => h.correction === undefined).length ?? 0), 0),
      corrections: models.reduce((n, m) => n + (m.history?.filter((h) => h.correction !== undefined).length ?? 0), 0),
      ...(books.length === 0 ? {} : { bookChanges }),
    },
    models,
    ...(books.length === 0 ? {} : { books }),
  };
}

/** What kind of change fails a review. */
export type BreakingKind = 'rewrite' | 'removal' | 'size' | 'revenue';

/** A change that fails the review: a price already charged is rewritten, something billing code relies on is gone, or a price moved too far. */
export interface BreakingChange {
  /** The model. */
  readonly model: string;
  /** The price book, for a change to a book's own prices. */
  readonly book?: string;
  /**
   * `rewrite`: a price at an instant up to now changed; `removal`: a model, mode or image allowance
   * is gone; `size`: a price moves past `maxChange`; `revenue`: a usage sample's revenue moves past
   * its bound (`model` is then `revenue`).
   */
  readonly kind: BreakingKind;
  /** What broke, in words: `history rewritten since always: 8s 63 → 6`, `model removed`, `mode image-to-video removed`, `5s raised by 150%`. */
  readonly reason: string;
}

/**
 * Describes a moved point: `5s 720p 5 → 4`.
 * @param p - a point diff
 * @returns the label and the move
 */
function pointMove(p: PointDiff): string {
  return `${pointLabel(p)} ${p.old ?? 'not priced'} → ${p.new ?? 'not priced'}`;
}

/** Options of {@link breakingChanges}. */
export interface BreakingOptions {
  /** Removals of models, modes and input images (a lowered limit) do not fail. */
  readonly allowRemovals?: boolean;
  /** Rewrites of prices already in force do not fail, declared by a correction or not: the emergency switch. */
  readonly allowHistoryEdits?: boolean;
  /** A price that moves by more than this many percent fails. */
  readonly maxChange?: number;
}

/**
 * The changes that fail a review.
 * @param diff - the diff
 * @param options - what is allowed, and the largest move in percent
 * @returns the breaking changes, empty when the change may land
 */
export function breakingChanges(diff: PriceDiff, options: BreakingOptions): BreakingChange[] {
  const breaking: BreakingChange[] = [];
  for (const m of diff.models) {
    const add = (kind: BreakingKind, reason: string): void => {
      breaking.push({ model: m.model, kind, reason });
    };
    if (options.allowHistoryEdits !== true) {
      // A point removed from the prices in force is a rewrite too: it shows here, at the instant its version began.
      for (const edit of m.history ?? []) {
        if (edit.correction !== undefined) continue;
        add(
          'rewrite',
          `history rewritten ${edit.from === null ? 'since always' : `from ${instantLabel(edit.from)}`}: ${edit.points.map(pointMove).join(', ')}`,
        );
      }
    }
    if (options.allowRemovals !== true) {
      if (m.status === 'removed') add('removal', 'model removed');
      for (const mode of m.modes?.removed ?? []) add('removal', `mode ${mode} removed`);
      const limit = m.maxInputImages;
      if (limit !== undefined && limit.to !== null && (limit.from === null || limit.to < limit.from)) {
        add('removal', `input-image limit lowered from ${limit.from ?? 'none'} to ${limit.to}`);
      }
    }
    if (options.maxChange !== undefined) {
      for (const p of [...m.points, ...(m.scheduled ?? []).flatMap((c) => c.points)]) {
        // Compared unrounded: |new - old| / old > max% ⇔ |delta| × 100 > max × old.
        if (p.delta !== undefined && p.old !== undefined && Math.abs(p.delta) * 100 > options.maxChange * p.old) {
          add('size', `${pointLabel(p)} ${p.change} by ${Math.abs(p.percent ?? 0)}% (more than ${options.maxChange}%)`);
        }
      }
    }
  }
  for (const b of diff.books ?? []) {
    if (b.status === 'removed' && options.allowRemovals !== true)
      breaking.push({
        model: '*',
        book: b.book,
        kind: 'removal',
        reason: `book ${b.book} removed: tasks charged in it can no longer be repriced`,
      });
    if (options.allowHistoryEdits === true) continue;
    for (const c of b.changes.filter((change) => change.rewrite)) {
      const since = c.from === null ? 'since always' : `from ${instantLabel(c.from)}`;
      breaking.push({
        model: c.model,
        book: b.book,
        kind: 'rewrite',
        reason: `book ${b.book}: history rewritten ${since}: ${c.point} ${c.mode} ${c.old ?? 'not priced'} → ${c.new ?? 'not priced'}`,
      });
    }
  }
  return breaking;
}
