/**
 * pricing-rules/review: what a pull request to the rules changes (every price point, scheduled
 * versions, rewrites of history) and what looks wrong in them (the lint).
 * @module pricing-rules/review
 */
export {
  diffRuleSets,
  breakingChanges,
  type PriceDiff,
  type ModelDiff,
  type PointDiff,
  type PointChange,
  type DiffSummary,
  type BreakingChange,
  type BreakingKind,
  type ValueChange,
  type ListChange,
  type ScheduledChange,
  type HistoryEdit,
  type DiffOptions,
  type BreakingOptions,
} from './price-diff.js';
export { diffBooks, type BookDiff, type BookPointChange } from './book-diff.js';
export { lintRuleSources, RATE_OUTLIER_FACTOR, type LintOptions } from './lint-rules.js';
