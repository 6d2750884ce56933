/**
 * pricing-rules: the credit prices of a generative image/video API as validated JSON rules,
 * compiled into an exact, synchronous evaluator.
 * @packageDocumentation
 */
export { createPricer } from './create-pricer.js';
export { compilePricer, type Pricer, type Quote, type PricePoint, type CreditRange, type AtOptions, type KnownModel } from './pricer.js';
export type { ModelId, ModelRequests } from './model-types.generated.js';
export { parseInstant, formatInstant, readInstant, EARLIEST_INSTANT, INSTANT_FORMS } from './instant.js';
export { toRulesEngine, PRICE_EVENT, AT_FACT } from './rules-engine.js';
export { PricingError, RuleSetError, formatRuleIssue, type PricingErrorCode, type PricingErrorDetails, type RuleIssue, type Severity } from './errors.js';
export { readDuration, readResolution, readInputMode, countInputImages, MISSING, INVALID, INPUT_MODES, type PriceRequest, type InputMode } from './request.js';
export { loadRuleSet, readRuleSources, BUNDLED_RULES_DIR } from './rules/load-rules.js';
export { parseRuleSet, checkRuleSources, isRuleSet, type RuleSet, type RuleSource, type RuleSetCheck, type ModelDefinition, type ProfileDefinition, type RuleLocation, type PriceVersion } from './rules/rule-set.js';
export { modelAt, versionIndexAt, type PricedModel } from './rules/price-versions.js';
export { ruleSetVersion } from './rules/rule-set-version.js';
export { MODES, type Mode, type PriceTable, type PriceKind, type FlatPrice, type PerResolutionPrice, type PerDurationPrice, type MatrixPrice, type Assumption, type Provenance, type UnpricedValue, type ModelRule, type RuleFile, type ProfileReference, type PriceVersionRule, type DatedProfile } from './rules/rule-file.js';
export { diffRuleSets, breakingChanges, type PriceDiff, type ModelDiff, type PointDiff, type PointChange, type DiffSummary, type BreakingChange, type ValueChange, type ListChange, type ScheduledChange, type HistoryEdit, type DiffOptions, type BreakingOptions } from './diff/price-diff.js';
export { lintRuleSources, RATE_OUTLIER_FACTOR, type LintOptions } from './lint/lint-rules.js';
export { renderPricingMarkdown } from './docs/markdown.js';
export { pointLabel } from './point-label.js';
export { usageRecordOf, readUsageLine, isMalformed, OVERLONG_LINE, type UsageRecord, type MalformedRecord, type TaskStatus } from './usage/usage-record.js';
export { reconcileRecord, reconcileLine, reconcileLines, ReconcileTally, MALFORMED_LINES_KEPT, type ReconcileOutcome, type MatchOutcome, type DriftOutcome, type UnpriceableOutcome, type MalformedOutcome, type ReconcileSummary, type DriftGroup, type MalformedLine } from './usage/reconcile.js';
export { openUsage, readUsageLines, lineBatches, UsageInputError, MAX_LINE_BYTES, type UsageSource } from './usage/usage-file.js';
export { generateUsage, emptyCounts, type GeneratedUsageCounts, type UsageGeneratorOptions } from './usage/usage-generator.js';
export { replayUsage, RevenueTally, impactLine, renderImpactMarkdown, renderImpactText, type RevenueImpact, type ModelRevenue } from './usage/revenue-impact.js';
export { renderReconcileText, renderReconcileMarkdown, formatCount, DRIFT_GROUPS_SHOWN } from './usage/render-reconcile.js';
