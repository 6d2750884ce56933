/**
 * pricing-rules/docs: the published price list, generated from the rules.
 * @module pricing-rules/docs
 */
export { renderPricingMarkdown } from './markdown.js';
