/**
 * Reconciling usage: each recorded task repriced at the instant it was submitted and compared
 * with the `creditsUsed` the API charged, and the outcomes of a whole log summed up in constant
 * memory (counts, exact credit totals, and drift grouped by model, price point and quote).
 */
import { PricingError, type PricingErrorCode } from '../primitives/errors.js';
import { ExactSum } from '../primitives/exact-sum.js';
import { pointLabel } from '../primitives/point-label.js';
import type { Pricer, Quote } from '../pricer/types.js';
import type { PriceRequest } from '../primitives/request.js';
import { formatInstant, parseInstant } from '../primitives/instant.js';
import { GroupTally, mergeBreakdowns, type GroupBy, type UsageGroups } from './usage-groups.js';
import { TaskIdSet } from './task-id-set.js';
import {
  checkUsageRecord,
  parseUsageLine,
  unparsedLine,
  type CheckedRecord,
  type MalformedRecord,
  type TaskStatus,
} from './usage-record.js';

/** What a usage record says of its task: the fields shared by the outcomes of a record that is priced or refused. */
export interface RecordedTask {
  /** The task. */
  readonly taskId: string;
  /** When it was submitted, as the record says. */
  readonly submittedAt: string;
  /** Its status: 0 pending, 1 completed, 2 failed. */
  readonly status: TaskStatus;
  /** Who it was for, when the record says. */
  readonly customerId?: string;
  /** The price book it was charged in, when not the list. */
  readonly book?: string;
  /** What the API charged (`creditsUsed`). */
  readonly charged: number;
  /** Whether the charge was refunded. */
  readonly refunded: boolean;
}

/** The quote at `submittedAt` equals `creditsUsed`. */
export interface MatchOutcome extends RecordedTask {
  /** Always `match`. */
  readonly outcome: 'match';
  /** The model. */
  readonly model: string;
  /** The price point: `10s 1080p`, `price`. */
  readonly point: string;
  /** What the rules quote: the same as `charged`. */
  readonly quoted: number;
}

/** The quote and the charge are both known, and differ. */
export interface DriftOutcome extends RecordedTask {
  /** Always `drift`. */
  readonly outcome: 'drift';
  /** The model. */
  readonly model: string;
  /** The price point: `10s 1080p`, `price`. */
  readonly point: string;
  /** What the rules price the request at, at `submittedAt`. */
  readonly quoted: number;
}

/** The rules refuse the request. */
export interface UnpriceableOutcome extends RecordedTask {
  /** Always `unpriceable`. */
  readonly outcome: 'unpriceable';
  /** The model the request named, as text. */
  readonly model: string;
  /** Why the request is refused. */
  readonly code: PricingErrorCode;
  /** The request field at fault. */
  readonly parameter: string;
  /** The refusal, as `quote` words it. */
  readonly message: string;
}

/** The line is not a usage record. */
export interface MalformedOutcome extends Omit<MalformedRecord, 'kind'> {
  /** Always `malformed`. */
  readonly outcome: 'malformed';
}

/** A task whose id came before in the log: the first occurrence counts, this one does not. */
export interface RepeatedOutcome {
  /** Always `repeated`. */
  readonly outcome: 'repeated';
  /** The task id repeated. */
  readonly taskId: string;
}

/** What reconciling one usage record found. */
export type ReconcileOutcome = MatchOutcome | DriftOutcome | UnpriceableOutcome | MalformedOutcome | RepeatedOutcome;

/**
 * What reconciling a record tells whoever listens: the outcome as calls, so that a tally counts
 * without building an object per line, and {@link OUTCOMES} builds them when they are wanted.
 */
interface OutcomeSink<T> {
  malformed(field: string, reason: string): T;
  priced(record: CheckedRecord, quote: Quote, refunded: boolean, at: number): T;
  unpriceable(record: CheckedRecord, error: PricingError, refunded: boolean, at: number): T;
}

/** Builds each outcome as an object. */
const OUTCOMES: OutcomeSink<ReconcileOutcome> = {
  malformed: (field, reason) => ({ outcome: 'malformed', field, reason }),
  priced: (record, quote, refunded) => {
    const { taskId, submittedAt, status, creditsUsed: charged } = record;
    const point = pointLabel(quote);
    const who = customerAndBook(record);
    if (quote.credits === charged)
      return { outcome: 'match', taskId, submittedAt, status, ...who, model: quote.model, point, quoted: charged, charged, refunded };
    return { outcome: 'drift', taskId, submittedAt, status, ...who, model: quote.model, point, quoted: quote.credits, charged, refunded };
  },
  unpriceable: (record, error, refunded) => ({
    outcome: 'unpriceable',
    taskId: record.taskId,
    submittedAt: record.submittedAt,
    status: record.status,
    ...customerAndBook(record),
    model: modelText(record),
    code: error.code,
    parameter: error.parameter,
    message: error.message,
    charged: record.creditsUsed,
    refunded,
  }),
};

/** The customer and book a record names, as outcome fields. */
const customerAndBook = (record: CheckedRecord): { customerId?: string; book?: string } => ({
  ...(record.customerId === undefined ? {} : { customerId: record.customerId }),
  ...(record.book === undefined ? {} : { book: record.book }),
});

/** The model a record's request names, as text. */
const modelText = (record: CheckedRecord): string =>
  typeof record.request.model === 'string' ? record.request.model : String(record.request.model);

/** The instant of the quote in progress: one object, reused, as `quote` reads it synchronously. */
const quotedAt = { at: 0 };
/** The instant and book of the quote in progress, for a task charged in a price book. */
const quotedInBook = { at: 0, book: '' };

/**
 * Prices a recorded request at an instant, a refusal returned rather than thrown. A refusal in a
 * log is an outcome to count, not a fault to trace: its stack is not captured.
 * @param pricer - the rules
 * @param request - the request body
 * @param at - epoch milliseconds
 * @param book - the price book the task was charged in; the list when undefined
 * @returns the quote, or the refusal
 */
export function quoteOrRefusal(pricer: Pricer, request: PriceRequest, at: number, book?: string): Quote | PricingError {
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    if (book !== undefined) {
      quotedInBook.at = at;
      quotedInBook.book = book;
      return pricer.quote(request, quotedInBook);
    }
    quotedAt.at = at;
    return pricer.quote(request, quotedAt);
  } catch (error) {
    if (error instanceof PricingError) return error;
    throw error;
  } finally {
    Error.stackTraceLimit = stackLimit;
  }
}

/** Reconciles a parsed line and tells the sink what it found. */
function reconcileValue<T>(pricer: Pricer, value: unknown, sink: OutcomeSink<T>): T {
  const unparsed = unparsedLine(value);
  if (unparsed !== undefined) return sink.malformed(unparsed.field, unparsed.reason);
  const checked = checkUsageRecord(value);
  if (typeof checked !== 'number') return sink.malformed(checked.field, checked.reason);
  const record = value as CheckedRecord;
  const refunded = record.status === 2 || record.creditsRefunded === true;
  const quote = quoteOrRefusal(pricer, record.request, checked, record.book);
  return quote instanceof PricingError ? sink.unpriceable(record, quote, refunded, checked) : sink.priced(record, quote, refunded, checked);
}

/**
 * Reconciles one usage record: its request priced at `submittedAt`, compared with `creditsUsed`.
 * @param pricer - the pricer of the rules to check the charges against
 * @param record - a parsed usage record (anything: a value that is not a record is `malformed`)
 * @returns the outcome
 */
export function reconcileRecord(pricer: Pricer, record: unknown): ReconcileOutcome {
  return reconcileValue(pricer, record, OUTCOMES);
}

/**
 * Reconciles one line of a usage log.
 * @param pricer - the pricer of the rules to check the charges against
 * @param line - the line's text
 * @returns the outcome; a line that is not JSON, or not a record, is `malformed`
 */
export function reconcileLine(pricer: Pricer, line: string): ReconcileOutcome {
  return reconcileValue(pricer, parseUsageLine(line), OUTCOMES);
}

/**
 * Drift at one price point and quote: how often the API charged something else, and how much.
 * Charges are summed, not listed, so that a log of a million different charges makes one group
 * per point, not a million.
 */
export interface DriftGroup {
  /** The model. */
  readonly model: string;
  /** The price point. */
  readonly point: string;
  /** What the rules quote. */
  readonly quoted: number;
  /** How many tasks were charged something else. */
  readonly count: number;
  /** The credits they were charged, in all. */
  readonly chargedCredits: bigint;
  /** `chargedCredits` less the quotes: positive when the API charged more than the rules. */
  readonly deltaCredits: bigint;
  /** The smallest charge among them. */
  readonly minCharged: number;
  /** The largest charge among them. */
  readonly maxCharged: number;
  /** When the first of them was submitted (ISO 8601). */
  readonly firstAt: string;
  /** When the last of them was submitted (ISO 8601). */
  readonly lastAt: string;
}

/** The drift of one model, over all its points and quotes. */
export interface ModelDrift {
  /** The model. */
  readonly model: string;
  /** How many of its tasks drifted. */
  readonly count: number;
  /** Credits charged less quoted, over them. */
  readonly deltaCredits: bigint;
  /** When the first of them was submitted (ISO 8601). */
  readonly firstAt: string;
  /** When the last of them was submitted (ISO 8601). */
  readonly lastAt: string;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const magnitude = (n: bigint): bigint => (n < 0n ? -n : n);
const byBigint = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
/** The earlier of two ISO instants, as `formatInstant` writes them. */
const earlier = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);
/** The later of two ISO instants, as `formatInstant` writes them. */
const later = (a: string, b: string): string => (Date.parse(a) >= Date.parse(b) ? a : b);

/**
 * Orders drift groups for a report: most tasks first, then the largest difference in credits,
 * then by model, point and quote, so that every engine lists them alike.
 * @param a - one group
 * @param b - another
 * @returns a negative number when `a` comes first
 */
export function compareDriftGroups(a: DriftGroup, b: DriftGroup): number {
  return (
    b.count - a.count ||
    byBigint(magnitude(b.deltaCredits), magnitude(a.deltaCredits)) ||
    byCodeUnit(a.model, b.model) ||
    byCodeUnit(a.point, b.point) ||
    a.quoted - b.quoted
  );
}

/** A repeated task, by its 1-based line number. */
export interface RepeatedLine {
  /** 1-based line number in the log. */
  readonly line: number;
  /** The task id that came before. */
  readonly taskId: string;
}

/** A malformed line, by its 1-based line number. */
export interface MalformedLine {
  /** 1-based line number in the log. */
  readonly line: number;
  /** The field at fault. */
  readonly field: string;
  /** Why. */
  readonly reason: string;
}

/** What a whole usage log reconciles to. Every count is an integer; credit totals are exact bigints. */
export interface ReconcileSummary {
  /** The rule set's version the log was checked against. */
  readonly rulesVersion: string;
  /** Lines read. */
  readonly lines: number;
  /** Tasks whose charge equals the quote. */
  readonly match: number;
  /** Tasks whose charge differs from the quote. */
  readonly drift: number;
  /** Tasks whose request the rules refuse. */
  readonly unpriceable: number;
  /** Lines that are not usage records. */
  readonly malformed: number;
  /** Well-formed lines whose `taskId` came before: counted once, at their first occurrence. */
  readonly repeated: number;
  /** The first {@link MALFORMED_LINES_KEPT} repeated tasks, with their line numbers. */
  readonly repeatedLines: readonly RepeatedLine[];
  /** Tasks not checked for a repeat: past {@link TASK_IDS_CHECKED} distinct ids (0 in the SQL engines, which check all). */
  readonly uncheckedTaskIds: number;
  /** Tasks refunded (status 2 or `creditsRefunded`), among the well-formed lines. */
  readonly refunded: number;
  /** Tasks still pending (status 0), among the well-formed lines. */
  readonly pending: number;
  /** Sum of the quotes over priced lines (match and drift). */
  readonly quotedCredits: bigint;
  /** Sum of `creditsUsed` over well-formed lines: `pricedChargedCredits` and `unpriceableChargedCredits`. */
  readonly chargedCredits: bigint;
  /** Sum of `creditsUsed` over priced lines (match and drift): what the quotes are compared with. */
  readonly pricedChargedCredits: bigint;
  /** Sum of `creditsUsed` over unpriceable lines: charges the rules cannot check. */
  readonly unpriceableChargedCredits: bigint;
  /** Over drifted tasks charged more than quoted, the credits charged above the quote. */
  readonly overchargedCredits: bigint;
  /** Over drifted tasks charged less than quoted, the credits charged below the quote. */
  readonly underchargedCredits: bigint;
  /** Sum of `creditsUsed` over refunded lines. */
  readonly refundedCredits: bigint;
  /** `chargedCredits - refundedCredits`: what the log earned. */
  readonly netCredits: bigint;
  /** Unpriceable tasks by `PricingError` code. */
  readonly unpriceableByCode: Readonly<Partial<Record<PricingErrorCode, number>>>;
  /** Drift by model, price point and quote; most tasks first. */
  readonly driftGroups: readonly DriftGroup[];
  /** Drift by model; the largest difference in credits first. */
  readonly driftByModel: readonly ModelDrift[];
  /** The first {@link MALFORMED_LINES_KEPT} malformed lines, with their line numbers. */
  readonly malformedLines: readonly MalformedLine[];
  /** The breakdown asked for (`groupBy`), if any. */
  readonly groups?: UsageGroups;
}

/** How a tally counts. */
export interface TallyOptions {
  /** Break the tasks down by day, model, customer or book. */
  readonly groupBy?: GroupBy;
}

/** How many malformed lines a summary keeps to show. */
export const MALFORMED_LINES_KEPT = 20;

/** A drift group as it is counted. */
interface DriftCounts {
  readonly model: string;
  readonly point: string;
  readonly quoted: number;
  count: number;
  readonly charged: ExactSum;
  minCharged: number;
  maxCharged: number;
  first: number;
  last: number;
}

/**
 * Sums outcomes into a summary, in memory that does not grow with the log: drift groups are
 * bounded by the price points and their quotes, whatever was charged.
 */
export class ReconcileTally {
  private lines = 0;
  private match = 0;
  private drift = 0;
  private unpriceable = 0;
  private malformed = 0;
  private refunded = 0;
  private pending = 0;
  private readonly quotedCredits = new ExactSum();
  private readonly pricedCharged = new ExactSum();
  private readonly unpriceableCharged = new ExactSum();
  private readonly refundedCredits = new ExactSum();
  private readonly overcharged = new ExactSum();
  private readonly undercharged = new ExactSum();
  private readonly byCode = new Map<PricingErrorCode, number>();
  private readonly groups = new Map<string, DriftCounts>();
  private readonly grouped: GroupTally | undefined;
  private readonly malformedLines: MalformedLine[] = [];
  private readonly taskIds = new TaskIdSet();
  private repeated = 0;
  private unchecked = 0;
  private readonly repeatedLines: RepeatedLine[] = [];
  /** The line number of the line being counted. */
  private line = 0;
  /** Counts each outcome as it is told, without building it. */
  private readonly counter: OutcomeSink<void> = {
    malformed: (field, reason) => this.countMalformed(field, reason),
    priced: (record, quote, refunded, at) => {
      if (this.isRepeat(record.taskId)) return;
      this.countPriced(quote, record.creditsUsed, refunded, record.status, at);
      this.grouped?.add({ ...taskOf(record, refunded, at), model: quote.model, quoted: quote.credits });
    },
    unpriceable: (record, error, refunded, at) => {
      if (this.isRepeat(record.taskId)) return;
      this.countUnpriceable(error.code, record.creditsUsed, refunded, record.status);
      this.grouped?.add({ ...taskOf(record, refunded, at), model: modelText(record), quoted: undefined });
    },
  };

  /**
   * @param pricer - the pricer the outcomes come from; its version is reported
   * @param options - `groupBy`: a breakdown to count as well
   */
  constructor(
    private readonly pricer: Pricer,
    options: TallyOptions = {},
  ) {
    this.grouped = options.groupBy === undefined ? undefined : new GroupTally(options.groupBy);
  }

  /**
   * Reconciles one line and counts its outcome.
   * @param line - the line's text
   * @param lineNumber - its 1-based number in the log, when the lines counted are not all of
   *   them in order (default: the next)
   */
  countLine(line: string, lineNumber?: number): void {
    this.lines++;
    this.line = lineNumber ?? this.lines;
    reconcileValue(this.pricer, parseUsageLine(line), this.counter);
  }

  /**
   * Reconciles one line and counts its outcome.
   * @param line - the line's text
   * @returns the outcome
   */
  addLine(line: string): ReconcileOutcome {
    return this.add(reconcileLine(this.pricer, line));
  }

  /**
   * Counts an outcome as the next line of the log.
   * @param outcome - the outcome of that line
   * @returns the outcome as counted: `repeated` for a task whose id came before
   */
  add(outcome: ReconcileOutcome): ReconcileOutcome {
    this.lines++;
    this.line = this.lines;
    if (outcome.outcome === 'repeated' || (outcome.outcome !== 'malformed' && this.isRepeat(outcome.taskId))) {
      if (outcome.outcome === 'repeated') this.countRepeat(outcome.taskId);
      return { outcome: 'repeated', taskId: outcome.taskId };
    }
    if (outcome.outcome !== 'malformed')
      this.grouped?.add({
        model: outcome.model,
        at: parseInstant(outcome.submittedAt) ?? 0,
        customerId: outcome.customerId,
        book: outcome.book,
        status: outcome.status,
        refunded: outcome.refunded,
        charged: outcome.charged,
        quoted: outcome.outcome === 'unpriceable' ? undefined : outcome.quoted,
      });
    switch (outcome.outcome) {
      case 'malformed':
        this.countMalformed(outcome.field, outcome.reason);
        break;
      case 'match':
      case 'drift': {
        const { quoted, charged } = outcome;
        const at = parseInstant(outcome.submittedAt) ?? 0;
        this.countPriced({ model: outcome.model, credits: quoted }, charged, outcome.refunded, outcome.status, at, outcome.point);
        break;
      }
      case 'unpriceable':
        this.countUnpriceable(outcome.code, outcome.charged, outcome.refunded, outcome.status);
        break;
    }
    return outcome;
  }

  /** Whether a task id came before; a new one is remembered. */
  private isRepeat(taskId: string): boolean {
    const visit = this.taskIds.visit(taskId);
    if (visit === 'unchecked') this.unchecked++;
    if (visit !== 'seen') return false;
    this.countRepeat(taskId);
    return true;
  }

  private countRepeat(taskId: string): void {
    this.repeated++;
    if (this.repeatedLines.length < MALFORMED_LINES_KEPT) this.repeatedLines.push({ line: this.line, taskId });
  }

  private countMalformed(field: string, reason: string): void {
    this.malformed++;
    if (this.malformedLines.length < MALFORMED_LINES_KEPT) this.malformedLines.push({ line: this.line, field, reason });
  }

  private countPriced(
    quote: Pick<Quote, 'model' | 'credits' | 'duration' | 'resolution'>,
    charged: number,
    refunded: boolean,
    status: TaskStatus,
    at: number,
    point?: string,
  ): void {
    this.quotedCredits.add(quote.credits);
    this.pricedCharged.add(charged);
    this.charge(charged, refunded, status);
    if (quote.credits === charged) {
      this.match++;
      return;
    }
    this.drift++;
    if (charged > quote.credits) this.overcharged.add(charged - quote.credits);
    else this.undercharged.add(quote.credits - charged);
    const label = point ?? pointLabel(quote);
    const key = `${quote.model}\u0000${label}\u0000${quote.credits}`;
    const group = this.groups.get(key);
    if (group === undefined) {
      const sum = new ExactSum();
      sum.add(charged);
      this.groups.set(key, {
        model: quote.model,
        point: label,
        quoted: quote.credits,
        count: 1,
        charged: sum,
        minCharged: charged,
        maxCharged: charged,
        first: at,
        last: at,
      });
    } else {
      group.count++;
      group.charged.add(charged);
      if (charged < group.minCharged) group.minCharged = charged;
      if (charged > group.maxCharged) group.maxCharged = charged;
      if (at < group.first) group.first = at;
      if (at > group.last) group.last = at;
    }
  }

  private countUnpriceable(code: PricingErrorCode, charged: number, refunded: boolean, status: TaskStatus): void {
    this.unpriceable++;
    this.byCode.set(code, (this.byCode.get(code) ?? 0) + 1);
    this.unpriceableCharged.add(charged);
    this.charge(charged, refunded, status);
  }

  private charge(credits: number, refunded: boolean, status: TaskStatus): void {
    if (status === 0) this.pending++;
    if (refunded) {
      this.refunded++;
      this.refundedCredits.add(credits);
    }
  }

  /** @returns the summary of every line counted so far */
  summary(): ReconcileSummary {
    const driftGroups = [...this.groups.values()].map(
      (g): DriftGroup => ({
        model: g.model,
        point: g.point,
        quoted: g.quoted,
        count: g.count,
        chargedCredits: g.charged.value(),
        deltaCredits: g.charged.value() - BigInt(g.quoted) * BigInt(g.count),
        minCharged: g.minCharged,
        maxCharged: g.maxCharged,
        firstAt: formatInstant(g.first),
        lastAt: formatInstant(g.last),
      }),
    );
    const priced = this.pricedCharged.value();
    const unpriceable = this.unpriceableCharged.value();
    const refunded = this.refundedCredits.value();
    return {
      rulesVersion: this.pricer.version,
      lines: this.lines,
      match: this.match,
      drift: this.drift,
      unpriceable: this.unpriceable,
      malformed: this.malformed,
      repeated: this.repeated,
      repeatedLines: [...this.repeatedLines],
      uncheckedTaskIds: this.unchecked,
      refunded: this.refunded,
      pending: this.pending,
      quotedCredits: this.quotedCredits.value(),
      chargedCredits: priced + unpriceable,
      pricedChargedCredits: priced,
      unpriceableChargedCredits: unpriceable,
      overchargedCredits: this.overcharged.value(),
      underchargedCredits: this.undercharged.value(),
      refundedCredits: refunded,
      netCredits: priced + unpriceable - refunded,
      unpriceableByCode: sortedCodes(this.byCode),
      driftGroups: driftGroups.sort(compareDriftGroups),
      driftByModel: driftByModel(driftGroups),
      malformedLines: [...this.malformedLines],
      ...(this.grouped === undefined ? {} : { groups: this.grouped.summary() }),
    };
  }
}

/** What a task's group needs of its record. */
const taskOf = (record: CheckedRecord, refunded: boolean, at: number) => ({
  at,
  customerId: record.customerId,
  book: record.book,
  status: record.status,
  refunded,
  charged: record.creditsUsed,
});

/**
 * The drift of each model, from its drift groups: the largest difference in credits first.
 * @param groups - drift groups
 * @returns one total per model
 */
export function driftByModel(groups: readonly DriftGroup[]): ModelDrift[] {
  const models = new Map<string, ModelDrift>();
  for (const g of groups) {
    const seen = models.get(g.model);
    models.set(
      g.model,
      seen === undefined
        ? { model: g.model, count: g.count, deltaCredits: g.deltaCredits, firstAt: g.firstAt, lastAt: g.lastAt }
        : {
            model: g.model,
            count: seen.count + g.count,
            deltaCredits: seen.deltaCredits + g.deltaCredits,
            firstAt: earlier(g.firstAt, seen.firstAt),
            lastAt: later(g.lastAt, seen.lastAt),
          },
    );
  }
  return [...models.values()].sort(
    (a, b) => byBigint(magnitude(b.deltaCredits), magnitude(a.deltaCredits)) || b.count - a.count || byCodeUnit(a.model, b.model),
  );
}

function sortedCodes(codes: Iterable<[PricingErrorCode, number]>): Partial<Record<PricingErrorCode, number>> {
  return Object.fromEntries([...codes].sort(([a], [b]) => byCodeUnit(a, b)));
}

/**
 * Adds up the summaries of two parts of one log (each line counted in one of them, with its
 * line number in the log), as if the whole log had been counted at once.
 * @param a - one part
 * @param b - the other
 * @returns the summary of both
 */
export function mergeSummaries(a: ReconcileSummary, b: ReconcileSummary): ReconcileSummary {
  const codes = new Map(Object.entries(a.unpriceableByCode) as [PricingErrorCode, number][]);
  for (const [code, n] of Object.entries(b.unpriceableByCode) as [PricingErrorCode, number][]) codes.set(code, (codes.get(code) ?? 0) + n);
  const groups = new Map<string, DriftGroup>();
  for (const g of [...a.driftGroups, ...b.driftGroups]) {
    const key = `${g.model}\u0000${g.point}\u0000${g.quoted}`;
    const seen = groups.get(key);
    groups.set(
      key,
      seen === undefined
        ? g
        : {
            ...seen,
            count: seen.count + g.count,
            chargedCredits: seen.chargedCredits + g.chargedCredits,
            deltaCredits: seen.deltaCredits + g.deltaCredits,
            minCharged: Math.min(seen.minCharged, g.minCharged),
            maxCharged: Math.max(seen.maxCharged, g.maxCharged),
            firstAt: earlier(g.firstAt, seen.firstAt),
            lastAt: later(g.lastAt, seen.lastAt),
          },
    );
  }
  const driftGroups = [...groups.values()].sort(compareDriftGroups);
  return {
    rulesVersion: a.rulesVersion,
    lines: a.lines + b.lines,
    match: a.match + b.match,
    drift: a.drift + b.drift,
    unpriceable: a.unpriceable + b.unpriceable,
    malformed: a.malformed + b.malformed,
    repeated: a.repeated + b.repeated,
    repeatedLines: [...a.repeatedLines, ...b.repeatedLines].sort((x, y) => x.line - y.line).slice(0, MALFORMED_LINES_KEPT),
    uncheckedTaskIds: a.uncheckedTaskIds + b.uncheckedTaskIds,
    refunded: a.refunded + b.refunded,
    pending: a.pending + b.pending,
    quotedCredits: a.quotedCredits + b.quotedCredits,
    chargedCredits: a.chargedCredits + b.chargedCredits,
    pricedChargedCredits: a.pricedChargedCredits + b.pricedChargedCredits,
    unpriceableChargedCredits: a.unpriceableChargedCredits + b.unpriceableChargedCredits,
    overchargedCredits: a.overchargedCredits + b.overchargedCredits,
    underchargedCredits: a.underchargedCredits + b.underchargedCredits,
    refundedCredits: a.refundedCredits + b.refundedCredits,
    netCredits: a.netCredits + b.netCredits,
    unpriceableByCode: sortedCodes(codes),
    driftGroups,
    driftByModel: driftByModel(driftGroups),
    malformedLines: [...a.malformedLines, ...b.malformedLines].sort((x, y) => x.line - y.line).slice(0, MALFORMED_LINES_KEPT),
    ...mergeGroups(a.groups, b.groups),
  };
}

/** The breakdowns of two parts of a log, when either part has one. */
function mergeGroups(a: UsageGroups | undefined, b: UsageGroups | undefined): { groups?: UsageGroups } {
  if (a === undefined || b === undefined) return a === undefined ? (b === undefined ? {} : { groups: b }) : { groups: a };
  return { groups: mergeBreakdowns(a, b) };
}

/**
 * Reconciles a usage log, line by line, in constant memory.
 * @param pricer - the pricer of the rules to check the charges against
 * @param lines - the log's lines (an async iterable streams a file of any size)
 * @param onOutcome - called with each line's outcome and 1-based line number, e.g. to write them out
 * @returns the summary
 */
export async function reconcileLines(
  pricer: Pricer,
  lines: AsyncIterable<string> | Iterable<string>,
  onOutcome?: (outcome: ReconcileOutcome, line: number) => void,
): Promise<ReconcileSummary> {
  const tally = new ReconcileTally(pricer);
  let n = 0;
  for await (const line of lines) {
    if (onOutcome === undefined) tally.countLine(line);
    else onOutcome(tally.addLine(line), ++n);
  }
  return tally.summary();
}
