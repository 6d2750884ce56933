/**
 * pricing-rules/usage: usage logs. Reconcile recorded tasks against the rules, replay a log under
 * two rule sets for the revenue effect of a change, read JSONL (gzip, stdin) in constant memory,
 * and generate realistic logs with known answers.
 * @module pricing-rules/usage
 */
export {
  usageRecordOf,
  readUsageLine,
  isMalformed,
  type UsageRecord,
  type MalformedRecord,
  type TaskStatus,
} from './usage-record.js';
export {
  reconcileRecord,
  reconcileLine,
  reconcileLines,
  ReconcileTally,
  MALFORMED_LINES_KEPT,
  type ReconcileOutcome,
  type RecordedTask,
  type MatchOutcome,
  type DriftOutcome,
  type UnpriceableOutcome,
  type MalformedOutcome,
  type ReconcileSummary,
  type DriftGroup,
  type ModelDrift,
  type MalformedLine,
  type TallyOptions,
  type RepeatedOutcome,
  type RepeatedLine,
} from './reconcile.js';
export { TASK_IDS_CHECKED } from './task-id-set.js';
export { GROUP_BYS, GROUPS_KEPT, OTHER_GROUP, type GroupBy, type UsageGroup, type UsageGroups } from './usage-groups.js';
export { openUsage, readUsageLines, UsageInputError, MAX_LINE_BYTES, type UsageSource } from './usage-file.js';
export { generateUsage, emptyCounts, type GeneratedUsageCounts, type UsageGeneratorOptions } from './usage-generator.js';
export {
  replayUsage,
  RevenueTally,
  revenueBreaking,
  impactLine,
  renderImpactMarkdown,
  renderImpactText,
  type RevenueImpact,
  type ModelRevenue,
  type RevenueChange,
} from './revenue-impact.js';
export { renderReconcileText, renderReconcileMarkdown, DRIFT_GROUPS_SHOWN } from './render-reconcile.js';
