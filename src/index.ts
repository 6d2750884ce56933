/**
 * pricing-rules: the credit prices of a generative image/video API as validated JSON rules,
 * compiled into an exact, synchronous evaluator. This entry is the pricing core; usage logs
 * (`pricing-rules/usage`), the review of price changes (`pricing-rules/review`), the generated
 * pages (`pricing-rules/docs`) and the price table for SQL engines (`pricing-rules/export`) are
 * entries of their own, so that billing code loads only what it prices with.
 * @module pricing-rules
 */
export { createPricer } from './pricer/create-pricer.js';
export { compilePricer } from './pricer/compile-pricer.js';
export type {
  Pricer,
  Quote,
  PricePoint,
  CreditRange,
  AtOptions,
  QuoteOptions,
  QuoteFor,
  BookQuote,
  AppliedAdjustment,
  BookSummary,
  BundledPricer,
  BundledRequest,
  RequiredFields,
  UncheckedRequest,
} from './pricer/types.js';
export type { ModelId, ModelRequests } from './pricer/model-types.generated.js';
export { parseInstant, formatInstant, readInstant, EARLIEST_INSTANT, INSTANT_FORMS } from './primitives/instant.js';
export { toRulesEngine, PRICE_EVENT, AT_FACT, BOOK_FACT } from './pricer/rules-engine.js';
export {
  PricingError,
  RuleSetError,
  formatRuleIssue,
  type PricingErrorCode,
  type PricingErrorDetails,
  type PricingErrorJson,
  type RuleIssue,
  type Severity,
} from './primitives/errors.js';
export { requestBody, INPUT_MODES, type PriceRequest, type InputMode } from './primitives/request.js';
export { loadRuleSet, readRuleSources, BUNDLED_RULES_DIR } from './rules/load-rules.js';
export {
  parseRuleSet,
  checkRuleSources,
  isRuleSet,
  type RuleSet,
  type RuleSource,
  type RuleSetCheck,
  type ModelDefinition,
  type ProfileDefinition,
  type RuleLocation,
  type PriceVersion,
} from './rules/rule-set.js';
export { modelAt, type PricedModel } from './rules/price-versions.js';
export type { PriceBook, Adjustment, AdjustmentKind, PointFilter } from './rules/price-book.js';
export { ruleSetVersion } from './rules/rule-set-version.js';
export {
  MODES,
  type Mode,
  type PriceTable,
  type PriceKind,
  type FlatPrice,
  type PerResolutionPrice,
  type PerDurationPrice,
  type MatrixPrice,
  type Assumption,
  type Provenance,
  type UnpricedValue,
  type ModelRule,
  type RuleFile,
  type ProfileReference,
  type PriceVersionRule,
  type DatedProfile,
} from './rules/rule-file.js';
export { pointLabel } from './primitives/point-label.js';
