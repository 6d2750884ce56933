/**
 * The pricing page of a rule directory, in either format: what `pricing docs` writes and checks.
 */
import { compilePricer } from '../pricer/compile-pricer.js';
import { readRuleSources } from '../rules/load-rules.js';
import { parseRuleSet } from '../rules/rule-set.js';
import { renderPricingHtml } from './html.js';
import { renderPricingMarkdown } from './markdown.js';
import { readPageBundle } from './page-bundle.js';

/** The formats of the pricing page. */
export type PageFormat = 'md' | 'html';

/**
 * Generates the pricing page.
 * @param format - `md` (laid out like the published price list) or `html` (with the calculator)
 * @param dir - the rule directory; default the bundled rules
 * @param at - the page's "now" in epoch milliseconds; default the current time
 * @returns the page text
 */
export function generatePricingPage(format: PageFormat, dir?: string, at: number = Date.now()): string {
  const sources = readRuleSources(dir);
  const ruleSet = parseRuleSet(sources);
  return format === 'md'
    ? renderPricingMarkdown(ruleSet, at)
    : renderPricingHtml(ruleSet, compilePricer(ruleSet), sources, readPageBundle(), at);
}
