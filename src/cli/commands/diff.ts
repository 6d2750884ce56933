/**
 * `pricing diff <base> [<head>]`: every price that moves between two revisions of the rules.
 */
import { readRuleSources } from '../../rules/load-rules.js';
import { parseRuleSet } from '../../rules/rule-set.js';
import { breakingChanges, diffRuleSets, type PriceDiff } from '../../review/price-diff.js';
import { renderDiffMarkdown, renderDiffText } from '../../review/render-diff.js';
import { readRevisionSources, UnknownRevisionError, workingTreeRules } from '../../rules/rule-revision.js';
import { resolve } from 'node:path';
import { compilePricer } from '../../pricer/compile-pricer.js';
import {
  renderImpactMarkdown,
  renderImpactText,
  RevenueTally,
  revenueBreaking,
  type RevenueChange,
  type RevenueImpact,
} from '../../usage/revenue-impact.js';
import { openUsage, UsageInputError } from '../../usage/usage-file.js';
import { readUsageLine } from '../../usage/usage-record.js';
import { EXIT, InputError, instantOption, UsageError, type CliIO, type Command } from '../command.js';
import type { RuleSet, RuleSource } from '../../rules/rule-set.js';

/**
 * Replays a usage log under both rule sets in one pass: each task at the instant it was
 * submitted, and, for each date a scheduled change comes into force, every task as if submitted
 * then (a sample older than the date would otherwise show the change as nothing).
 */
async function revenueImpacts(
  file: string,
  base: RuleSet,
  head: RuleSet,
  scheduled: readonly number[],
  io: CliIO,
): Promise<RevenueImpact[]> {
  const [basePricer, headPricer] = [compilePricer(base), compilePricer(head)];
  const tallies = [new RevenueTally(basePricer, headPricer), ...scheduled.map((at) => new RevenueTally(basePricer, headPricer, at))];
  try {
    for await (const batch of openUsage(file === '-' ? '-' : resolve(io.cwd, file), io.stdin).batches)
      for (const line of batch) {
        const record = readUsageLine(line);
        for (const tally of tallies) tally.addRead(record);
      }
  } catch (error) {
    if (error instanceof UsageInputError) throw new InputError(error.message);
    throw error;
  }
  return tallies.map((tally) => tally.impact());
}

/**
 * Says what moved each model's revenue: in the replay at the tasks' own instants, a correction or
 * an undeclared rewrite of prices in force; in a projection, the scheduled change.
 */
function labelled(impacts: readonly RevenueImpact[], diff: PriceDiff): RevenueImpact[] {
  const inForce = (model: string): RevenueChange | undefined => {
    const history = diff.models.find((m) => m.model === model)?.history ?? [];
    if (history.length === 0) return undefined;
    return history.some((h) => h.correction === undefined) ? 'rewrite' : 'correction';
  };
  return impacts.map((impact) => ({
    ...impact,
    models: impact.models.map((m) => {
      const change = impact.at === undefined ? inForce(m.model) : 'scheduled';
      return change === undefined ? m : { ...m, change };
    }),
  }));
}

/** A percentage option: a number ≥ 0, or absent. */
function percentOption(value: string | boolean | undefined, name: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`${name} expects a percentage ≥ 0, found "${value}"`, 'diff');
  return Number(value);
}

/** `pricing diff`. */
export const diffCommand: Command = {
  name: 'diff',
  help: `Usage: pricing diff <base> [<head>] [options]
       pricing diff --base-dir DIR [--head-dir DIR] [options]

Compares the rules of two revisions: every price point added, removed or changed (old → new,
absolute and percent), and changes of modes, input-image limits and assumption flags. Models are
matched by id: a model moved to another file, or a renamed file, is not a removal.

<base> and <head> are git revisions, read from git objects (no checkout): never a directory,
even one named like the revision. Directories of rules are given with --base-dir and --head-dir.
The head defaults to the rules of the working tree.

Prices are read at the review's instant (--at, default now): changes to the prices in force
then, dated versions scheduled after it (with their dates), and rewrites of history: any price
at an instant up to now that differs, which reprices tasks already charged. A price change is a
new dated version; an edit in place of a price already in force is a rewrite.

Exits 1 when a model, a price point or a mode was removed, or an input-image limit lowered
(billing code may still send those requests), unless --allow-removals; when history is
rewritten, unless --allow-history-edits; and when a price moves (now or in a scheduled
version) by more than --max-change percent. Exits 2 for an unknown revision.

Options:
  --rules DIR             where the rules live inside a revision and the working tree (default: rules)
  --base-dir DIR          the rules before, from a directory instead of a revision
  --head-dir DIR          the rules after, from a directory instead of a revision
  --markdown              print a Markdown table for a pull-request comment
  --json                  print the diff as JSON
  --allow-removals        removals do not fail
  --allow-history-edits   rewrites of prices already in force do not fail (corrections)
  --at INSTANT            the review's "now" (default: the current time)
  --usage FILE            replay a usage log (JSONL, .gz, or "-") under both revisions: the
                          revenue impact in credits and percent, per model and in total, and the
                          tasks that become unpriceable or priceable; shown first
  --max-change PCT        fail when a price moves by more than PCT percent
  --max-revenue-change PCT
                          with --usage, fail when the replayed revenue moves by more than PCT
                          percent, at the tasks' own instants or projected onto a scheduled date
  -h, --help              show this help
`,
  options: {
    rules: { type: 'string' },
    'base-dir': { type: 'string' },
    'head-dir': { type: 'string' },
    markdown: { type: 'boolean' },
    json: { type: 'boolean' },
    'allow-removals': { type: 'boolean' },
    'allow-history-edits': { type: 'boolean' },
    at: { type: 'string' },
    usage: { type: 'string' },
    'max-change': { type: 'string' },
    'max-revenue-change': { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const baseDir = typeof values['base-dir'] === 'string' ? values['base-dir'] : undefined;
    const headDir = typeof values['head-dir'] === 'string' ? values['head-dir'] : undefined;
    // With --base-dir, a lone positional is the head revision.
    const [base, head, ...extra] = baseDir === undefined ? positionals : [undefined, ...positionals];
    if (base === undefined && baseDir === undefined) throw new UsageError('missing <base> revision (or --base-dir)', 'diff');
    if (head !== undefined && headDir !== undefined) throw new UsageError('choose one of <head> and --head-dir', 'diff');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, 'diff');
    if (values.json === true && values.markdown === true) throw new UsageError('choose one of --json and --markdown', 'diff');
    const maxChange = percentOption(values['max-change'], '--max-change');
    const maxRevenueChange = percentOption(values['max-revenue-change'], '--max-revenue-change');
    if (maxRevenueChange !== undefined && typeof values.usage !== 'string')
      throw new UsageError('--max-revenue-change needs --usage FILE', 'diff');
    const rulesPath = typeof values.rules === 'string' ? values.rules : 'rules';

    let baseSources: RuleSource[];
    let headSources: RuleSource[];
    try {
      baseSources = base === undefined ? readRuleSources(resolve(io.cwd, baseDir as string)) : readRevisionSources(base, rulesPath, io.cwd);
      headSources =
        head !== undefined
          ? readRevisionSources(head, rulesPath, io.cwd)
          : readRuleSources(headDir === undefined ? workingTreeRules(rulesPath, io.cwd) : resolve(io.cwd, headDir));
    } catch (error) {
      if (error instanceof UnknownRevisionError) throw new UsageError(error.message, 'diff');
      throw error;
    }
    // A rules path that neither side has is a typo, not "no price changes".
    if (baseSources.length === 0 && headSources.length === 0) {
      throw new UsageError(`--rules "${rulesPath}": neither revision has rule files there`, 'diff');
    }
    const at = instantOption(values.at, 'diff');
    const baseRules = parseRuleSet(baseSources);
    const headRules = parseRuleSet(headSources);
    const diff = diffRuleSets(baseRules, headRules, at === undefined ? {} : { at });
    const scheduledDates = [...new Set(diff.models.flatMap((m) => (m.scheduled ?? []).map((c) => Date.parse(c.from))))].sort(
      (a, b) => a - b,
    );
    const impacts = typeof values.usage === 'string' ? await revenueImpacts(values.usage, baseRules, headRules, scheduledDates, io) : [];
    const shown = labelled(impacts, diff);
    const [usage, ...projections] = shown;
    const usageName = values.usage === '-' ? 'standard input' : String(values.usage);
    const breaking = [
      ...breakingChanges(diff, {
        allowRemovals: values['allow-removals'] === true,
        allowHistoryEdits: values['allow-history-edits'] === true,
        ...(maxChange === undefined ? {} : { maxChange }),
      }),
      ...(maxRevenueChange === undefined ? [] : revenueBreaking(impacts, maxRevenueChange)),
    ];
    if (values.json === true)
      io.stdout.write(`${JSON.stringify({ ...diff, breaking, ...(usage === undefined ? {} : { usage, projections }) }, null, 2)}\n`);
    else if (values.markdown === true)
      io.stdout.write(
        `${shown.map((impact) => `${renderImpactMarkdown(impact, usageName)}\n`).join('')}${renderDiffMarkdown(diff, breaking)}`,
      );
    else io.stdout.write(`${shown.map((impact) => `${renderImpactText(impact)}\n`).join('')}${renderDiffText(diff, breaking)}`);
    if (breaking.length > 0) {
      io.stderr.write(
        `pricing: ${breaking.length} breaking change${breaking.length === 1 ? '' : 's'}: ${breaking.map((b) => `${b.model} ${b.reason}`).join('; ')}\n`,
      );
      return EXIT.failure;
    }
    return EXIT.ok;
  },
};
