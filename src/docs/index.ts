/**
 * pricing-rules/docs: the published price list, generated from the rules.
 * @module
 */
export { renderPricingMarkdown } from './markdown.js';
