/**
 * Reconciling usage: each recorded task repriced at the instant it was submitted and compared
 * with the `creditsUsed` the API charged, and the outcomes of a whole log summed up in constant
 * memory (counts, credit totals, and drift grouped by model and price point).
 */
import { PricingError, type PricingErrorCode } from '../errors.js';
import { pointLabel } from '../point-label.js';
import type { Pricer } from '../pricer.js';
import { isMalformed, readUsageLine, usageRecordOf, type MalformedRecord, type UsageRecord } from './usage-record.js';

/** The quote at `submittedAt` equals `creditsUsed`. */
export interface MatchOutcome {
  /** Always `match`. */
  readonly outcome: 'match';
  /** The task. */
  readonly taskId: string;
  /** The model. */
  readonly model: string;
  /** The price point: `10s 1080p`, `price`. */
  readonly point: string;
  /** The credits quoted and charged. */
  readonly credits: number;
  /** Whether the charge was refunded. */
  readonly refunded: boolean;
}

/** The quote and the charge are both known, and differ. */
export interface DriftOutcome {
  /** Always `drift`. */
  readonly outcome: 'drift';
  /** The task. */
  readonly taskId: string;
  /** The model. */
  readonly model: string;
  /** The price point: `10s 1080p`, `price`. */
  readonly point: string;
  /** What the rules price the request at, at `submittedAt`. */
  readonly quoted: number;
  /** What the API charged (`creditsUsed`). */
  readonly charged: number;
  /** Whether the charge was refunded. */
  readonly refunded: boolean;
}

/** The rules refuse the request. */
export interface UnpriceableOutcome {
  /** Always `unpriceable`. */
  readonly outcome: 'unpriceable';
  /** The task. */
  readonly taskId: string;
  /** The model the request named, as text. */
  readonly model: string;
  /** Why the request is refused. */
  readonly code: PricingErrorCode;
  /** The request field at fault. */
  readonly parameter: string;
  /** The refusal, as `quote` words it. */
  readonly message: string;
  /** What the API charged (`creditsUsed`). */
  readonly charged: number;
  /** Whether the charge was refunded. */
  readonly refunded: boolean;
}

/** The line is not a usage record. */
export interface MalformedOutcome extends Omit<MalformedRecord, 'kind'> {
  /** Always `malformed`. */
  readonly outcome: 'malformed';
}

/** What reconciling one usage record found. */
export type ReconcileOutcome = MatchOutcome | DriftOutcome | UnpriceableOutcome | MalformedOutcome;

function outcomeOf(pricer: Pricer, read: UsageRecord | MalformedRecord): ReconcileOutcome {
  if (isMalformed(read)) return { outcome: 'malformed', field: read.field, reason: read.reason };
  const { taskId, request, creditsUsed: charged, refunded } = read;
  try {
    const quote = pricer.quote(request, { at: read.submittedAtMs });
    const point = pointLabel(quote);
    if (quote.credits === charged) return { outcome: 'match', taskId, model: quote.model, point, credits: charged, refunded };
    return { outcome: 'drift', taskId, model: quote.model, point, quoted: quote.credits, charged, refunded };
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
    const model = typeof request.model === 'string' ? request.model : String(request.model);
    return { outcome: 'unpriceable', taskId, model, code: error.code, parameter: error.parameter, message: error.message, charged, refunded };
  }
}

/**
 * Reconciles one usage record: its request priced at `submittedAt`, compared with `creditsUsed`.
 * @param pricer - the pricer of the rules to check the charges against
 * @param record - a parsed usage record (anything: a value that is not a record is `malformed`)
 * @returns the outcome
 */
export function reconcileRecord(pricer: Pricer, record: unknown): ReconcileOutcome {
  return outcomeOf(pricer, usageRecordOf(record));
}

/**
 * Reconciles one line of a usage log.
 * @param pricer - the pricer of the rules to check the charges against
 * @param line - the line's text
 * @returns the outcome; a line that is not JSON, or not a record, is `malformed`
 */
export function reconcileLine(pricer: Pricer, line: string): ReconcileOutcome {
  return outcomeOf(pricer, readUsageLine(line));
}

/** Drift at one price point: how often the rules and the API disagreed, and by how much. */
export interface DriftGroup {
  /** The model. */
  readonly model: string;
  /** The price point. */
  readonly point: string;
  /** What the rules quote. */
  readonly quoted: number;
  /** What the API charged. */
  readonly charged: number;
  /** How many tasks. */
  readonly count: number;
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

/** What a whole usage log reconciles to. Every count and credit total is an integer. */
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
  /** Tasks refunded (status 2 or `creditsRefunded`), among the well-formed lines. */
  readonly refunded: number;
  /** Sum of the quotes over priced lines (match and drift). */
  readonly quotedCredits: number;
  /** Sum of `creditsUsed` over well-formed lines. */
  readonly chargedCredits: number;
  /** Sum of `creditsUsed` over refunded lines. */
  readonly refundedCredits: number;
  /** `chargedCredits - refundedCredits`: what the log earned. */
  readonly netCredits: number;
  /** Unpriceable tasks by `PricingError` code. */
  readonly unpriceableByCode: Readonly<Partial<Record<PricingErrorCode, number>>>;
  /** Drift by model, price point, quote and charge; most tasks first. */
  readonly driftGroups: readonly DriftGroup[];
  /** The first {@link MALFORMED_LINES_KEPT} malformed lines, with their line numbers. */
  readonly malformedLines: readonly MalformedLine[];
}

/** How many malformed lines a summary keeps to show. */
export const MALFORMED_LINES_KEPT = 20;

/**
 * Sums outcomes into a summary, in memory that does not grow with the log (drift groups are
 * bounded by the price points and the charges seen for them).
 */
export class ReconcileTally {
  private lines = 0;
  private match = 0;
  private drift = 0;
  private unpriceable = 0;
  private malformed = 0;
  private refunded = 0;
  private quotedCredits = 0;
  private chargedCredits = 0;
  private refundedCredits = 0;
  private readonly byCode = new Map<PricingErrorCode, number>();
  private readonly groups = new Map<string, { model: string; point: string; quoted: number; charged: number; count: number }>();
  private readonly malformedLines: MalformedLine[] = [];

  /** @param pricer - the pricer the outcomes come from; its version is reported */
  constructor(private readonly pricer: Pricer) {}

  /**
   * Reconciles one line and counts its outcome.
   * @param line - the line's text
   * @returns the outcome
   */
  addLine(line: string): ReconcileOutcome {
    const outcome = reconcileLine(this.pricer, line);
    this.add(outcome);
    return outcome;
  }

  /**
   * Counts an outcome as the next line of the log.
   * @param outcome - the outcome of that line
   */
  add(outcome: ReconcileOutcome): void {
    this.lines++;
    switch (outcome.outcome) {
      case 'malformed':
        this.malformed++;
        if (this.malformedLines.length < MALFORMED_LINES_KEPT) this.malformedLines.push({ line: this.lines, field: outcome.field, reason: outcome.reason });
        return;
      case 'match':
        this.match++;
        this.quotedCredits += outcome.credits;
        this.charge(outcome.credits, outcome.refunded);
        return;
      case 'drift': {
        this.drift++;
        this.quotedCredits += outcome.quoted;
        this.charge(outcome.charged, outcome.refunded);
        const key = `${outcome.model}\u0000${outcome.point}\u0000${outcome.quoted}\u0000${outcome.charged}`;
        const group = this.groups.get(key);
        if (group === undefined) this.groups.set(key, { model: outcome.model, point: outcome.point, quoted: outcome.quoted, charged: outcome.charged, count: 1 });
        else group.count++;
        return;
      }
      case 'unpriceable':
        this.unpriceable++;
        this.byCode.set(outcome.code, (this.byCode.get(outcome.code) ?? 0) + 1);
        this.charge(outcome.charged, outcome.refunded);
        return;
    }
  }

  private charge(credits: number, refunded: boolean): void {
    this.chargedCredits += credits;
    if (refunded) {
      this.refunded++;
      this.refundedCredits += credits;
    }
  }

  /** @returns the summary of every line counted so far */
  summary(): ReconcileSummary {
    const driftGroups = [...this.groups.values()].sort(
      (a, b) => b.count - a.count || Math.abs(b.charged - b.quoted) - Math.abs(a.charged - a.quoted) || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0) || (a.point < b.point ? -1 : 1),
    );
    return {
      rulesVersion: this.pricer.version,
      lines: this.lines,
      match: this.match,
      drift: this.drift,
      unpriceable: this.unpriceable,
      malformed: this.malformed,
      refunded: this.refunded,
      quotedCredits: this.quotedCredits,
      chargedCredits: this.chargedCredits,
      refundedCredits: this.refundedCredits,
      netCredits: this.chargedCredits - this.refundedCredits,
      unpriceableByCode: Object.fromEntries([...this.byCode].sort(([a], [b]) => (a < b ? -1 : 1))),
      driftGroups: driftGroups.map((g) => ({ ...g })),
      malformedLines: [...this.malformedLines],
    };
  }
}

/**
 * Reconciles a usage log, line by line, in constant memory.
 * @param pricer - the pricer of the rules to check the charges against
 * @param lines - the log's lines (an async iterable streams a file of any size)
 * @param onOutcome - called with each line's outcome and 1-based line number, e.g. to write them out
 * @returns the summary
 */
export async function reconcileLines(pricer: Pricer, lines: AsyncIterable<string> | Iterable<string>, onOutcome?: (outcome: ReconcileOutcome, line: number) => void): Promise<ReconcileSummary> {
  const tally = new ReconcileTally(pricer);
  let n = 0;
  for await (const line of lines) {
    const outcome = tally.addLine(line);
    n++;
    onOutcome?.(outcome, n);
  }
  return tally.summary();
}
