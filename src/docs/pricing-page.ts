/**
 * The pricing page of a rule directory, in either format: what `pricing docs` writes and checks.
 * A page shows the prices in force at an instant, so a committed page goes stale in two ways: the
 * rules changed, or a scheduled version came into force since it was generated (the calendar
 * moved, the rules did not). A check tells the two apart.
 */
import { compilePricer } from '../pricer/compile-pricer.js';
import { readRuleSources } from '../rules/load-rules.js';
import { parseRuleSet, type RuleSet, type RuleSource } from '../rules/rule-set.js';
import { renderPricingHtml } from './html.js';
import { renderPricingMarkdown } from './markdown.js';
import { readPageBundle } from './page-bundle.js';

/** The formats of the pricing page. */
export type PageFormat = 'md' | 'html';

/** How a committed page compares with the rules at an instant. */
export type PageState =
  | { readonly state: 'current' }
  | { readonly state: 'missing' }
  /** The rules generate it as it is at an instant before `since`, when a scheduled version came into force: republish it. */
  | { readonly state: 'behind'; readonly since: number }
  /** No instant of the rules generates it: the rules changed since it was generated. */
  | { readonly state: 'stale' };

function render(format: PageFormat, ruleSet: RuleSet, sources: readonly RuleSource[], at: number): string {
  return format === 'md'
    ? renderPricingMarkdown(ruleSet, at)
    : renderPricingHtml(ruleSet, compilePricer(ruleSet), sources, readPageBundle(), at);
}

/**
 * Generates the pricing page.
 * @param format - `md` (laid out like the published price list) or `html` (with the calculator)
 * @param dir - the rule directory; default the bundled rules
 * @param at - the page's "now" in epoch milliseconds; default the current time
 * @returns the page text
 */
export function generatePricingPage(format: PageFormat, dir?: string, at: number = Date.now()): string {
  const sources = readRuleSources(dir);
  return render(format, parseRuleSet(sources), sources, at);
}

/**
 * Compares a committed page with the one the rules generate at an instant, and when they
 * differ, with the ones they generated just before each version that has come into force since.
 * @param format - the page's format
 * @param committed - the committed page, or undefined when there is none
 * @param dir - the rule directory; default the bundled rules
 * @param at - the instant to check for; default now
 * @returns whether the page is current, missing, behind the calendar, or stale
 */
export function pricingPageState(format: PageFormat, committed: string | undefined, dir?: string, at: number = Date.now()): PageState {
  if (committed === undefined) return { state: 'missing' };
  const sources = readRuleSources(dir);
  const ruleSet = parseRuleSet(sources);
  if (render(format, ruleSet, sources, at) === committed) return { state: 'current' };
  const comeIntoForce = [
    ...new Set(ruleSet.models.flatMap((m) => m.versions.flatMap((v) => (v.from !== null && v.from <= at ? [v.from] : [])))),
  ];
  // The first version the page does not show in force yet is the one it fell behind at.
  const since = comeIntoForce.sort((a, b) => a - b).find((d) => render(format, ruleSet, sources, d - 1) === committed);
  if (since !== undefined) return { state: 'behind', since };
  return { state: 'stale' };
}
