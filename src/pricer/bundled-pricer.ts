/**
 * A pricer of the bundled rules, from the rule set embedded in the package: no file read and no
 * Node module, so it runs in a bundle, a browser and an edge runtime alike.
 */
import { bundledRuleSet } from '../rules/bundled-rules.js';
import { compilePricer } from './compile-pricer.js';
import type { ModelId } from './model-types.generated.js';
import type { Pricer } from './types.js';

/**
 * Builds a pricer of the bundled rules, typed with their model ids.
 * @returns an immutable pricer whose `quote` is a synchronous lookup
 */
export function createBundledPricer(): Pricer<ModelId> {
  return compilePricer(bundledRuleSet()) as Pricer<ModelId>;
}
