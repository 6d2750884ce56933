/**
 * A pricer of the bundled rules, from the rule set embedded in the package: no file read and no
 * Node module, so it runs in a bundle, a browser and an edge runtime alike.
 */
import { bundledRuleSet } from '../rules/bundled-rules.js';
import { compilePricer } from './compile-pricer.js';
import type { BundledPricer } from './types.js';

/**
 * Builds a pricer of the bundled rules, typed with their model ids.
 * @returns an immutable pricer whose `quote` is a synchronous lookup
 */
export function createBundledPricer(): BundledPricer {
  return compilePricer(bundledRuleSet()) as BundledPricer;
}
