/**
 * A reconciliation broken down by day, model, customer or book: per group, the tasks of each
 * outcome and the credits quoted and charged, exact. Memory is bounded: past
 * {@link GROUPS_KEPT} groups, further keys are summed in one group, {@link OTHER_GROUP}.
 */
import { ExactSum } from '../primitives/exact-sum.js';
import { formatInstant } from '../primitives/instant.js';

/** What a reconciliation can be broken down by. */
export type GroupBy = 'day' | 'model' | 'customer' | 'book';

/** The breakdowns, for option parsing. */
export const GROUP_BYS: readonly GroupBy[] = ['day', 'model', 'customer', 'book'];

/** How many groups are kept apart; the rest are summed in {@link OTHER_GROUP}. */
export const GROUPS_KEPT = 10_000;

/** The group of every key past {@link GROUPS_KEPT}. */
export const OTHER_GROUP = '(other)';

/** One group of a breakdown. */
export interface UsageGroup {
  /** The day (`2026-11-01`, UTC), the model, the customer (`(none)` when a record names none) or the book (`(list)`). */
  readonly key: string;
  /** Well-formed tasks. */
  readonly tasks: number;
  /** Tasks whose charge equals the quote. */
  readonly match: number;
  /** Tasks charged otherwise than quoted. */
  readonly drift: number;
  /** Tasks the rules refuse. */
  readonly unpriceable: number;
  /** Tasks refunded. */
  readonly refunded: number;
  /** Tasks pending (status 0). */
  readonly pending: number;
  /** The quotes of the priced tasks. */
  readonly quotedCredits: bigint;
  /** What the priced tasks were charged. */
  readonly pricedChargedCredits: bigint;
  /** What the unpriceable tasks were charged. */
  readonly unpriceableChargedCredits: bigint;
  /** `pricedChargedCredits − quotedCredits`: positive when the API charged more than the rules. */
  readonly deltaCredits: bigint;
}

/** A breakdown. */
export interface UsageGroups {
  /** What it is broken down by. */
  readonly by: GroupBy;
  /** The groups: by day in order of days, else the most charged first. */
  readonly groups: readonly UsageGroup[];
}

interface GroupCounts {
  tasks: number;
  match: number;
  drift: number;
  unpriceable: number;
  refunded: number;
  pending: number;
  readonly quoted: ExactSum;
  readonly priced: ExactSum;
  readonly unpriced: ExactSum;
}

/** What one task is, for its group. */
export interface GroupedTask {
  /** The model, as the request names it. */
  readonly model: string;
  /** When it was submitted, epoch ms. */
  readonly at: number;
  /** Who it was for. */
  readonly customerId: string | undefined;
  /** The book it was charged in. */
  readonly book: string | undefined;
  /** Its status. */
  readonly status: number;
  /** Whether it was refunded. */
  readonly refunded: boolean;
  /** What it was charged. */
  readonly charged: number;
  /** What the rules quote, `undefined` when they refuse it. */
  readonly quoted: number | undefined;
}

/** Sums tasks into the groups of a breakdown. */
export class GroupTally {
  private readonly counts = new Map<string, GroupCounts>();

  /** @param by - what to break the tasks down by */
  constructor(readonly by: GroupBy) {}

  private keyOf(task: GroupedTask): string {
    switch (this.by) {
      case 'day':
        return formatInstant(task.at).slice(0, 10);
      case 'model':
        return task.model;
      case 'customer':
        return task.customerId ?? '(none)';
      case 'book':
        return task.book ?? '(list)';
    }
  }

  /**
   * Counts a task in its group.
   * @param task - the task
   */
  add(task: GroupedTask): void {
    let key = this.keyOf(task);
    if (!this.counts.has(key) && this.counts.size >= GROUPS_KEPT) key = OTHER_GROUP;
    let group = this.counts.get(key);
    if (group === undefined) {
      group = {
        tasks: 0,
        match: 0,
        drift: 0,
        unpriceable: 0,
        refunded: 0,
        pending: 0,
        quoted: new ExactSum(),
        priced: new ExactSum(),
        unpriced: new ExactSum(),
      };
      this.counts.set(key, group);
    }
    group.tasks++;
    if (task.refunded) group.refunded++;
    if (task.status === 0) group.pending++;
    if (task.quoted === undefined) {
      group.unpriceable++;
      group.unpriced.add(task.charged);
      return;
    }
    if (task.quoted === task.charged) group.match++;
    else group.drift++;
    group.quoted.add(task.quoted);
    group.priced.add(task.charged);
  }

  /** @returns the breakdown so far */
  summary(): UsageGroups {
    const groups = [...this.counts].map(([key, g]): UsageGroup => {
      const quoted = g.quoted.value();
      const priced = g.priced.value();
      return {
        key,
        tasks: g.tasks,
        match: g.match,
        drift: g.drift,
        unpriceable: g.unpriceable,
        refunded: g.refunded,
        pending: g.pending,
        quotedCredits: quoted,
        pricedChargedCredits: priced,
        unpriceableChargedCredits: g.unpriced.value(),
        deltaCredits: priced - quoted,
      };
    });
    return { by: this.by, groups: sortGroups(this.by, groups) };
  }
}

/** Two groups of one key, added up. */
function addGroups(a: UsageGroup, b: UsageGroup): UsageGroup {
  return {
    key: a.key,
    tasks: a.tasks + b.tasks,
    match: a.match + b.match,
    drift: a.drift + b.drift,
    unpriceable: a.unpriceable + b.unpriceable,
    refunded: a.refunded + b.refunded,
    pending: a.pending + b.pending,
    quotedCredits: a.quotedCredits + b.quotedCredits,
    pricedChargedCredits: a.pricedChargedCredits + b.pricedChargedCredits,
    unpriceableChargedCredits: a.unpriceableChargedCredits + b.unpriceableChargedCredits,
    deltaCredits: a.deltaCredits + b.deltaCredits,
  };
}

/**
 * The breakdowns of two parts of a log, added up group by group, and bounded as one tally is: a
 * key the first part does not hold joins {@link OTHER_GROUP} once {@link GROUPS_KEPT} groups are
 * kept. Below that bound the merge is the breakdown of the whole log; past it, which keys stay
 * apart depends on how the log was split.
 * @param a - the breakdown of one part
 * @param b - the breakdown of the other, by the same
 * @returns the breakdown of both
 */
export function mergeBreakdowns(a: UsageGroups, b: UsageGroups): UsageGroups {
  const rows = new Map<string, UsageGroup>(a.groups.map((g) => [g.key, g]));
  for (const g of b.groups) {
    const key = rows.has(g.key) || rows.size < GROUPS_KEPT ? g.key : OTHER_GROUP;
    const seen = rows.get(key);
    rows.set(key, seen === undefined ? { ...g, key } : addGroups(seen, g));
  }
  return { by: a.by, groups: sortGroups(a.by, [...rows.values()]) };
}

/**
 * Orders the groups of a breakdown: days in order, anything else the most charged first.
 * @param by - what the groups are
 * @param groups - the groups
 * @returns them, sorted
 */
export function sortGroups(by: GroupBy, groups: UsageGroup[]): UsageGroup[] {
  const byKey = (a: UsageGroup, b: UsageGroup): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const charged = (g: UsageGroup): bigint => g.pricedChargedCredits + g.unpriceableChargedCredits;
  return groups.sort(by === 'day' ? byKey : (a, b) => (charged(b) > charged(a) ? 1 : charged(b) < charged(a) ? -1 : byKey(a, b)));
}
