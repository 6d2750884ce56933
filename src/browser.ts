/**
 * pricing-rules for browsers and edge runtimes: the `browser` and `worker` conditions of the main
 * entry, and `pricing-rules/browser`. The pricer of the bundled rules (embedded in the code:
 * nothing is read, no Node module is loaded), its errors and its types. Rule files, usage logs,
 * review, docs and export need Node: they are in the main entry and its subpaths.
 * @module pricing-rules/browser
 */
export { createBundledPricer as createPricer } from './pricer/bundled-pricer.js';
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
export { PricingError, type PricingErrorCode, type PricingErrorDetails, type PricingErrorJson } from './primitives/errors.js';
export { parseInstant, formatInstant, readInstant, EARLIEST_INSTANT, INSTANT_FORMS } from './primitives/instant.js';
export { pointLabel } from './primitives/point-label.js';
export { requestBody, type PriceRequest, type InputMode } from './primitives/request.js';
export { MODES, type Mode } from './rules/rule-file.js';
export type { PricedModel } from './rules/price-versions.js';
