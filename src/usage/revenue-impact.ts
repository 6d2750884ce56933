/**
 * What a price change does to revenue: a usage log replayed under the rules before and after the
 * change, each task priced at the instant it was submitted (what corrections and rewrites of
 * prices already in force do), or every task as if submitted at one instant (what a scheduled
 * change will do, projected on the same tasks). A refunded task brings no credits under either
 * rules, so it counts toward what becomes (un)priceable but not toward credits.
 */
import { PricingError } from '../primitives/errors.js';
import { instantLabel } from '../primitives/instant.js';
import type { BreakingChange } from '../review/price-diff.js';
import type { Pricer } from '../pricer/types.js';
import { codeSpan } from '../primitives/markdown-escape.js';
import { formatCount, signed } from '../primitives/number-text.js';
import type { PriceRequest } from '../primitives/request.js';
import { quoteOrRefusal } from './reconcile.js';
import { isMalformed, readUsageLine, type MalformedRecord, type UsageRecord } from './usage-record.js';

/** The revenue of one model under both rule sets. */
export interface ModelRevenue {
  /** The model id, as the requests name it. */
  readonly model: string;
  /** Tasks of the model that were not refunded. */
  readonly tasks: number;
  /** Credits under the base rules. */
  readonly baseCredits: number;
  /** Credits under the head rules. */
  readonly headCredits: number;
  /** `headCredits - baseCredits`. */
  readonly deltaCredits: number;
  /** The change in percent of `baseCredits`, to one decimal; `null` when the base earned nothing. */
  readonly percent: number | null;
  /**
   * What moved the model's revenue, when a review says: `correction` (a price in force corrected,
   * with a reason), `rewrite` (a price in force changed without one), `scheduled` (a dated change
   * still to come).
   */
  readonly change?: RevenueChange;
}

/** What moved a model's revenue: see {@link ModelRevenue.change}. */
export type RevenueChange = 'correction' | 'rewrite' | 'scheduled';

/** The revenue effect of a change over a usage log. Credits and counts are integers. */
export interface RevenueImpact {
  /** The instant every task was priced at (ISO string), for a projection; absent: each at its own. */
  readonly at?: string;
  /** Well-formed records replayed. */
  readonly tasks: number;
  /** Refunded tasks among them (no credits under either rules). */
  readonly refunded: number;
  /** Lines that are not usage records, left out. */
  readonly malformed: number;
  /** Credits the tasks bring under the base rules. */
  readonly baseCredits: number;
  /** Credits the tasks bring under the head rules. */
  readonly headCredits: number;
  /** `headCredits - baseCredits`. */
  readonly deltaCredits: number;
  /** The change in percent of `baseCredits`, to one decimal; `null` when the base earned nothing. */
  readonly percent: number | null;
  /** Tasks the base rules price and the head rules refuse. */
  readonly becameUnpriceable: number;
  /** Tasks the base rules refuse and the head rules price. */
  readonly becamePriceable: number;
  /** Every model whose revenue or priceability changed, the largest change in credits first. */
  readonly models: readonly ModelRevenue[];
}

const percentOf = (delta: number, base: number): number | null => (base === 0 ? null : Math.round((delta * 1000) / base) / 10);

function creditsOrRefusal(pricer: Pricer, request: PriceRequest, at: number, book: string | undefined): number | undefined {
  const quote = quoteOrRefusal(pricer, request, at, book);
  return quote instanceof PricingError ? undefined : quote.credits;
}

/** Replays usage lines under two rule sets, in memory bounded by the number of models. */
export class RevenueTally {
  private tasks = 0;
  private refunded = 0;
  private malformed = 0;
  private becameUnpriceable = 0;
  private becamePriceable = 0;
  private readonly byModel = new Map<string, { tasks: number; base: number; head: number; moved: boolean }>();

  /**
   * @param base - the rules before the change
   * @param head - the rules after it
   * @param at - price every task as if submitted at this instant (epoch ms); default each at its own
   */
  constructor(
    private readonly base: Pricer,
    private readonly head: Pricer,
    private readonly at?: number,
  ) {}

  /**
   * Replays one line.
   * @param line - a usage log line
   */
  addLine(line: string): void {
    this.addRead(readUsageLine(line));
  }

  /**
   * Replays one line already read, so that several tallies of one log (the replay at the tasks'
   * own instants, and each projection) read each line once.
   * @param record - what {@link readUsageLine} read from the line
   */
  addRead(record: UsageRecord | MalformedRecord): void {
    if (isMalformed(record)) {
      this.malformed++;
      return;
    }
    this.tasks++;
    const at = this.at ?? record.submittedAtMs;
    // A task is replayed in the price book it was charged in.
    const before = creditsOrRefusal(this.base, record.request, at, record.book);
    const after = creditsOrRefusal(this.head, record.request, at, record.book);
    if (before !== undefined && after === undefined) this.becameUnpriceable++;
    if (before === undefined && after !== undefined) this.becamePriceable++;
    if (before === undefined && after === undefined) return;
    const id = typeof record.request.model === 'string' ? record.request.model : String(record.request.model);
    let model = this.byModel.get(id);
    if (model === undefined) {
      model = { tasks: 0, base: 0, head: 0, moved: false };
      this.byModel.set(id, model);
    }
    if (before !== after) model.moved = true;
    if (record.refunded) {
      this.refunded++;
      return;
    }
    model.tasks++;
    model.base += before ?? 0;
    model.head += after ?? 0;
  }

  /** @returns the impact of every line replayed so far */
  impact(): RevenueImpact {
    let baseCredits = 0;
    let headCredits = 0;
    const models: ModelRevenue[] = [];
    for (const [model, m] of this.byModel) {
      baseCredits += m.base;
      headCredits += m.head;
      if (m.moved)
        models.push({
          model,
          tasks: m.tasks,
          baseCredits: m.base,
          headCredits: m.head,
          deltaCredits: m.head - m.base,
          percent: percentOf(m.head - m.base, m.base),
        });
    }
    models.sort((a, b) => Math.abs(b.deltaCredits) - Math.abs(a.deltaCredits) || (a.model < b.model ? -1 : 1));
    return {
      ...(this.at === undefined ? {} : { at: new Date(this.at).toISOString() }),
      tasks: this.tasks,
      refunded: this.refunded,
      malformed: this.malformed,
      baseCredits,
      headCredits,
      deltaCredits: headCredits - baseCredits,
      percent: percentOf(headCredits - baseCredits, baseCredits),
      becameUnpriceable: this.becameUnpriceable,
      becamePriceable: this.becamePriceable,
      models,
    };
  }
}

/**
 * Replays a usage log under two rule sets.
 * @param base - the rules before the change
 * @param head - the rules after it
 * @param lines - the log's lines
 * @returns the revenue impact
 */
export async function replayUsage(base: Pricer, head: Pricer, lines: AsyncIterable<string> | Iterable<string>): Promise<RevenueImpact> {
  const tally = new RevenueTally(base, head);
  for await (const line of lines) tally.addLine(line);
  return tally.impact();
}

const signedPercent = (p: number | null): string => (p === null ? 'n/a' : signed(p, '%'));

/** What an impact measures: the tasks at their own instants, or projected onto a scheduled date. */
function impactTitle(impact: RevenueImpact): string {
  return impact.at === undefined ? 'Revenue impact' : `Projected revenue impact from ${instantLabel(impact.at)}`;
}

/**
 * The revenue moves that fail a review: an impact whose credits move by more than `maxChange`
 * percent of what the base rules earn (compared unrounded; any move counts when the base earned
 * nothing).
 * @param impacts - the impact at the tasks' own instants, and any projection
 * @param maxChange - the largest move allowed, in percent
 * @returns a breaking change of kind `revenue` for each impact past it
 */
export function revenueBreaking(impacts: readonly RevenueImpact[], maxChange: number): BreakingChange[] {
  return impacts
    .filter((i) => (i.baseCredits === 0 ? i.deltaCredits !== 0 : Math.abs(i.deltaCredits) * 100 > maxChange * i.baseCredits))
    .map((i) => ({
      model: 'revenue',
      kind: 'revenue' as const,
      reason: `${i.at === undefined ? 'at the instants the tasks were submitted' : `from ${instantLabel(i.at)}`} moves by ${signed(i.deltaCredits)} credits (${signedPercent(i.percent)}, more than ${maxChange}%)`,
    }));
}

/**
 * The impact in one line: `+3,912 credits (+1.8%) on 41,220 tasks; 12 tasks would become unpriceable`.
 * @param impact - the impact
 * @returns the line
 */
export function impactLine(impact: RevenueImpact): string {
  const parts = [`${signed(impact.deltaCredits)} credits (${signedPercent(impact.percent)}) on ${formatCount(impact.tasks)} tasks`];
  if (impact.becameUnpriceable > 0)
    parts.push(`${formatCount(impact.becameUnpriceable)} task${impact.becameUnpriceable === 1 ? '' : 's'} would become unpriceable`);
  if (impact.becamePriceable > 0)
    parts.push(`${formatCount(impact.becamePriceable)} task${impact.becamePriceable === 1 ? '' : 's'} would become priceable`);
  return parts.join('; ');
}

/**
 * Renders the impact as Markdown, for the top of a pull-request comment.
 * @param impact - the impact
 * @param source - the usage log's name
 * @returns the Markdown
 */
export function renderImpactMarkdown(impact: RevenueImpact, source: string): string {
  const out = [
    `## ${impactTitle(impact)}`,
    '',
    `**${impactLine(impact)}**`,
    '',
    `Replayed ${codeSpan(source)}: ${impact.at === undefined ? 'each task priced under both rules at the instant it was submitted' : `each task priced under both rules as if submitted on ${instantLabel(impact.at)}`}. Refunded tasks (${formatCount(impact.refunded)}) bring no credits; malformed lines (${formatCount(impact.malformed)}) are left out.`,
    '',
    `Credits: ${formatCount(impact.baseCredits)} before, ${formatCount(impact.headCredits)} after.`,
    '',
  ];
  if (impact.models.length > 0) {
    // A column says what moved each model's revenue, when a review labelled them.
    const labelled = impact.models.some((m) => m.change !== undefined);
    out.push(
      `| Model | Tasks | Before | After | Δ | Δ % |${labelled ? ' Change |' : ''}`,
      `|---|--:|--:|--:|--:|--:|${labelled ? '---|' : ''}`,
    );
    for (const m of impact.models)
      out.push(
        `| ${codeSpan(m.model, true)} | ${formatCount(m.tasks)} | ${formatCount(m.baseCredits)} | ${formatCount(m.headCredits)} | ${signed(m.deltaCredits)} | ${signedPercent(m.percent)} |${labelled ? ` ${m.change ?? ''} |` : ''}`,
      );
    out.push('');
  }
  return out.join('\n');
}

/**
 * Renders the impact as plain text.
 * @param impact - the impact
 * @returns the text, ending in a newline
 */
export function renderImpactText(impact: RevenueImpact): string {
  const out = [
    `${impactTitle(impact)}: ${impactLine(impact)} (${formatCount(impact.baseCredits)} → ${formatCount(impact.headCredits)} credits)`,
  ];
  for (const m of impact.models)
    out.push(
      `  ${m.model.padEnd(34)} ${formatCount(m.baseCredits).padStart(10)} → ${formatCount(m.headCredits).padEnd(10)} ${signed(m.deltaCredits)} (${signedPercent(m.percent)})${m.change === undefined ? '' : ` ${m.change}`}`,
    );
  return `${out.join('\n')}\n`;
}
