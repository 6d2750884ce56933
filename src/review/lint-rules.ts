/**
 * `pricing lint`: semantic rules over a valid rule set that catch prices that look wrong, reported
 * as errors or warnings at `file:line:col`.
 *
 * Errors: a price that decreases as duration or resolution grows; a model whose modes contradict
 * its id; a model whose provenance row is not its own; an assumption without a reason.
 * Warnings: credits per second far from the rest of the family; a profile used by one model or
 * none; a provenance row whose credits disagree with the price table; an input-image limit or
 * note that contradicts the modes; and, given the rules before the change, the price of a
 * version already in force changed in place without a `correction` saying why.
 */
import { sortIssues, type RuleIssue, type Severity } from '../primitives/errors.js';
import { instantLabel } from '../primitives/instant.js';
import { pointLabel } from '../primitives/point-label.js';
import { creditsText } from '../rules/credits-text.js';
import { priceCells, type PriceCell } from '../rules/price-cells.js';
import { sectionOf, takesImages } from '../rules/modes.js';
import { readJsonSource, type JsonSource } from '../rules/json-source.js';
import type { PriceTable } from '../rules/rule-file.js';
import { samePrices } from '../rules/rule-set-version.js';
import { parseRuleSet, type ModelDefinition, type PriceVersion, type RuleSet, type RuleSource } from '../rules/rule-set.js';

/**
 * How far (as a factor either way) a model's credits per second may be from its family's median
 * before it is flagged. Premium and budget tiers of one family differ by up to about 7× on the
 * published list (veo3 against veo3_fast); a slipped digit is 10×.
 */
export const RATE_OUTLIER_FACTOR = 8;

/** Orders resolutions as they grow: `720p` < `1080p`, `1K` < `2K` < `4K`. */
export function resolutionRank(resolution: string): number {
  return Number.parseInt(resolution, 10) * (resolution.toUpperCase().endsWith('K') ? 1000 : 1);
}

type Report = (severity: Severity, code: string, pointer: string, expected: string, received: string) => void;

/**
 * Price books: an adjustment that raises a price above the list (a customer agreement is
 * usually a discount: a typo in a percent's sign is the likelier story), and one that has
 * expired (it prices nothing from now on: old, or a wrong `until`).
 */
function checkBooks(ruleSet: RuleSet, now: number, reporter: (file: string) => Report): void {
  for (const book of ruleSet.books ?? []) {
    for (const a of book.adjustments) {
      const report = reporter(a.location.file);
      if (a.kind === 'percent' && a.value > 0)
        report(
          'warning',
          'BOOK_ABOVE_LIST',
          `${a.location.pointer}/percent`,
          'an adjustment at or below the list price',
          `+${a.value}%, above it`,
        );
      if (a.kind === 'credits') {
        const above = ruleSet.models
          .filter((m) => a.models === '*' || a.models.includes(m.id))
          .filter((m) => m.versions.every((v) => priceCells(v.price).every((c) => c.credits < a.value)));
        if (above.length > 0)
          report(
            'warning',
            'BOOK_ABOVE_LIST',
            `${a.location.pointer}/credits`,
            'an adjustment at or below the list price',
            `${a.value} credits, above every list price of ${above.map((m) => m.id).join(', ')}`,
          );
      }
      if (a.until !== null && a.until <= now)
        report(
          'warning',
          'EXPIRED_ADJUSTMENT',
          `${a.location.pointer}/until`,
          'an adjustment still in force or to come',
          `one that ended on ${instantLabel(new Date(a.until).toISOString())}`,
        );
    }
  }
}

/** What the lint compares the rules with. */
export interface LintOptions {
  /** The rules before the change (a pull request's merge base): enables the history check. */
  readonly base?: RuleSet;
  /** The review's "now", epoch milliseconds; default the current time. */
  readonly at?: number;
}

/**
 * Lints a rule set.
 * @param sources - the rule files; they must pass validation first
 * @param options - the rules before the change, and the review's instant
 * @returns the issues, in file order
 * @throws `RuleSetError` (from the main entry) when the rule files are invalid
 */
export function lintRuleSources(sources: readonly RuleSource[], options: LintOptions = {}): RuleIssue[] {
  const ruleSet = parseRuleSet(sources);
  const parsed = new Map<string, JsonSource>(sources.map((s) => [s.file, readJsonSource(s.file, s.text)]));
  const issues: RuleIssue[] = [];
  const reporter =
    (file: string): Report =>
    (severity, code, pointer, expected, received) => {
      const at = (parsed.get(file) as JsonSource).positionOf(pointer);
      issues.push({ code, severity, file, line: at.line, col: at.col, pointer, expected, received });
    };

  for (const profile of ruleSet.profiles) {
    const report = reporter(profile.location.file);
    for (const version of profile.versions) {
      checkMonotone(version.price, version.location.pointer, report);
      checkAssumptions(version.price, version.location.pointer, report);
    }
    const users = ruleSet.models.filter((m) => m.versions.some((v) => v.profile === profile.name)).map((m) => m.id);
    if (users.length < 2) {
      report(
        'warning',
        users.length === 0 ? 'UNUSED_PROFILE' : 'SINGLE_USE_PROFILE',
        profile.location.pointer,
        'a shared profile priced for two models or more',
        users.length === 0 ? 'no model uses it' : `only ${users[0]} uses it; inline its price`,
      );
    }
  }

  for (const model of ruleSet.models) {
    const report = reporter(model.location.file);
    const at = model.location.pointer;
    for (const version of model.versions) {
      if (version.profile !== undefined) continue;
      checkMonotone(version.price, version.location.pointer, report);
      checkAssumptions(version.price, version.location.pointer, report);
    }
    checkModes(model, report);
    checkProvenance(model, report);
    const limit = model.maxInputImages;
    const acceptsImages = model.modes.some(takesImages);
    if (limit !== undefined && limit > 0 && !acceptsImages) {
      report(
        'warning',
        'LIMIT_CONTRADICTS_MODES',
        `${at}/maxInputImages`,
        'maxInputImages 0 for a model without an image-to-* mode',
        String(limit),
      );
    }
    const noted = /inputImageUrls up to (\d+)/.exec(model.note ?? '')?.[1];
    if (noted !== undefined && Number(noted) !== limit) {
      report(
        'warning',
        'NOTE_CONTRADICTS_LIMIT',
        `${at}/note`,
        `a note that agrees with maxInputImages (${limit ?? 'none'})`,
        `"inputImageUrls up to ${noted}"`,
      );
    }
  }

  checkRates(ruleSet.models, reporter);
  checkBooks(ruleSet, options.at ?? Date.now(), reporter);
  if (options.base !== undefined) checkHistory(options.base, ruleSet, options.at ?? Date.now(), reporter);
  return sortIssues(
    issues,
    sources.map((s) => s.file),
  );
}

/** One price on an axis: where it sits on the axis, how a reader names it, and where it is. */
interface AxisPrice {
  readonly key: number;
  readonly name: string;
  readonly credits: number;
  readonly pointer: string;
}

/** Reports each price that is lower than the one before it, in the order the axis grows. */
function checkNonDecreasing(axis: 'duration' | 'resolution', prices: readonly AxisPrice[], report: Report): void {
  const sorted = [...prices].sort((a, b) => a.key - b.key);
  for (const [i, here] of sorted.entries()) {
    const before = sorted[i - 1];
    if (before === undefined) continue;
    if (here.credits < before.credits) {
      report(
        'error',
        'PRICE_DECREASES',
        here.pointer,
        `a price that does not decrease as ${axis} grows (≥ ${before.credits}, the price at ${before.name})`,
        `${here.credits} at ${here.name}`,
      );
    }
  }
}

/** Groups cells by a key, in the order the keys first appear. */
function groupBy<K>(cells: readonly PriceCell[], key: (cell: PriceCell) => K): PriceCell[][] {
  const groups = new Map<K, PriceCell[]>();
  for (const cell of cells) {
    const group = groups.get(key(cell));
    if (group === undefined) groups.set(key(cell), [cell]);
    else group.push(cell);
  }
  return [...groups.values()];
}

/** A price never decreases as the duration grows at one resolution, nor as the resolution grows at one duration. */
function checkMonotone(price: PriceTable, pointer: string, report: Report): void {
  const cells = priceCells(price);
  const onAxis = (cell: PriceCell, key: number): AxisPrice => ({
    key,
    name: pointLabel(cell),
    credits: cell.credits,
    pointer: `${pointer}${cell.pointer}`,
  });
  for (const row of groupBy(cells, (c) => c.resolution)) {
    checkNonDecreasing(
      'duration',
      row.flatMap((c) => (c.duration === undefined ? [] : [onAxis(c, c.duration)])),
      report,
    );
  }
  for (const column of groupBy(cells, (c) => c.duration)) {
    checkNonDecreasing(
      'resolution',
      column.flatMap((c) => (c.resolution === undefined ? [] : [onAxis(c, resolutionRank(c.resolution))])),
      report,
    );
  }
}

function checkAssumptions(price: PriceTable, pointer: string, report: Report): void {
  (price.assumptions ?? []).forEach((assumption, i) => {
    if (assumption.reason.trim().length === 0) {
      report(
        'error',
        'ASSUMPTION_WITHOUT_REASON',
        `${pointer}/assumptions/${i}/reason`,
        `the reason for assuming ${assumption.about}`,
        'a blank reason',
      );
    }
  });
}

function checkModes(model: ModelDefinition, report: Report): void {
  const pointer = `${model.location.pointer}/modes`;
  for (const [inId, contradicts] of [
    ['text-to-video', 'image-to-video'],
    ['image-to-video', 'text-to-video'],
    ['text-to-image', 'image-to-image'],
    ['image-to-image', 'text-to-image'],
  ] as const) {
    if (model.id.includes(inId) && model.modes.includes(contradicts)) {
      report('error', 'MODES_CONTRADICT_ID', pointer, `only ${inId}, as the id "${model.id}" says`, model.modes.join(', '));
    }
  }
}

/** Each row of the price list a model cites (its own `source`, and each version's) is its own, and agrees with the version's table. */
function checkProvenance(model: ModelDefinition, report: Report): void {
  model.versions.forEach((version, i) => {
    const source = version.source;
    if (source === undefined) return;
    // The model's own row is its first version's; a later version cites the row of the republished list.
    const pointer = i === 0 ? `${model.location.pointer}/source` : `${version.location.pointer.replace(/\/price$/, '')}/source`;
    const cells = source.row.split(' | ');
    if (cells[0] !== model.id) {
      report('error', 'PROVENANCE_NOT_OWN_ROW', `${pointer}/row`, `the price list row of ${model.id}`, `a row for "${cells[0] ?? ''}"`);
      return;
    }
    if (cells[2] !== undefined && cells[2] !== creditsText(version.price)) {
      report(
        'warning',
        'PROVENANCE_DISAGREES',
        `${pointer}/row`,
        `the row's credits to match the price table (${creditsText(version.price)})`,
        cells[2],
      );
    }
    if (source.section !== sectionOf(model.modes)) {
      report(
        'warning',
        'PROVENANCE_DISAGREES',
        `${pointer}/section`,
        `"${sectionOf(model.modes)}" for a model with modes ${model.modes.join(', ')}`,
        `"${source.section}"`,
      );
    }
  });
}

/** The price of a version already in force changed in place: a rewrite of history that must say it is a correction. */
function checkHistory(base: RuleSet, head: RuleSet, at: number, reporter: (file: string) => Report): void {
  const before = new Map(base.models.map((m) => [m.id, m]));
  // A shared profile prices several models from one place: it is reported there once.
  const reported = new Set<string>();
  for (const model of head.models) {
    const was = before.get(model.id);
    if (was === undefined) continue;
    for (const version of model.versions) {
      if (version.from !== null && version.from > at) continue;
      const old = was.versions.find((v) => v.from === version.from);
      // A correction declares the rewrite it comes with: one already in the base declares no new one.
      if (old === undefined || (version.correction !== undefined && version.correction !== old.correction)) continue;
      if (samePrices(old.price, version.price)) continue;
      const place = `${version.location.file}\u0000${version.location.pointer}`;
      if (reported.has(place)) continue;
      reported.add(place);
      reporter(version.location.file)(
        'warning',
        'HISTORY_EDIT_WITHOUT_CORRECTION',
        version.location.pointer,
        `a new dated version for a price change, or a "correction" saying why the price in force ${version.effectiveFrom === null ? 'since always' : `since ${instantLabel(version.effectiveFrom)}`} was wrong`,
        `${creditsText(old.price)} changed in place to ${creditsText(version.price)}`,
      );
    }
  }
}

/** The version a model was priced with most recently decided: its last. */
function latest(model: ModelDefinition): PriceVersion {
  return model.versions[model.versions.length - 1] as PriceVersion;
}

/** Credits per second of every timed price point of a model's latest version. */
function ratesOf(model: ModelDefinition): number[] {
  return priceCells(latest(model).price).flatMap((c) => (c.duration === undefined ? [] : [c.credits / c.duration]));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function checkRates(models: readonly ModelDefinition[], reporter: (file: string) => Report): void {
  const families = new Map<string, ModelDefinition[]>();
  for (const model of models) {
    if (ratesOf(model).length === 0) continue;
    const family = families.get(model.location.file);
    if (family === undefined) families.set(model.location.file, [model]);
    else family.push(model);
  }
  for (const [file, family] of families) {
    if (family.length < 2) continue;
    const familyMedian = median(family.flatMap(ratesOf));
    for (const model of family) {
      const rate = median(ratesOf(model));
      const factor = rate / familyMedian;
      if (factor > RATE_OUTLIER_FACTOR || factor < 1 / RATE_OUTLIER_FACTOR) {
        const version = latest(model);
        const pointer =
          version.profile === undefined
            ? version.location.pointer
            : `${model.location.pointer}/${model.versions.length === 1 ? 'price' : `prices/${model.versions.length - 1}/price`}/profile`;
        reporter(file)(
          'warning',
          'RATE_OUTLIER',
          pointer,
          `credits per second within ${RATE_OUTLIER_FACTOR}× of the family's median (${familyMedian.toFixed(2)}/s)`,
          `${rate.toFixed(2)}/s, ${factor >= 1 ? factor.toFixed(1) : (1 / factor).toFixed(1)}× ${factor >= 1 ? 'above' : 'below'}`,
        );
      }
    }
  }
}
