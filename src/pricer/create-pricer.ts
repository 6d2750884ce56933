/**
 * The entry point for billing code: load, validate and compile a rule set once. The bundled
 * rules are part of the code: a pricer of them reads no file.
 */
import { loadRuleSet } from '../rules/load-rules.js';
import { createBundledPricer } from './bundled-pricer.js';
import { compilePricer } from './compile-pricer.js';
import type { BundledPricer, Pricer } from './types.js';
import type { RuleSet } from '../rules/rule-set.js';

/**
 * Builds a pricer of the bundled rules, typed with their model ids. It reads no file: the rules
 * were validated when the package was built and are embedded in it.
 * @returns an immutable pricer whose `quote` is a synchronous lookup
 */
export function createPricer(): BundledPricer;
/**
 * Builds a pricer from a rule directory or a validated rule set.
 * @param rules - a directory of rule files, or a rule set from `loadRuleSet`/`parseRuleSet`
 * @returns an immutable pricer (model ids are checked at run time)
 */
export function createPricer(rules?: string | RuleSet): Pricer;
/**
 * Builds a pricer from a rule directory or a validated rule set.
 * @param rules - a directory of rule files (read and validated), or a rule set from
 *   `loadRuleSet`/`parseRuleSet`; default the bundled rules, embedded in the package
 * @returns an immutable pricer whose `quote` is a synchronous lookup
 * @throws {@link RuleSetError} listing every problem when the rules are invalid
 * @example
 * ```ts
 * const pricer = createPricer();
 * pricer.quote({ model: 'sora-2-text-to-video', duration: 10, resolution: '1080p' }).credits; // 15
 * ```
 */
export function createPricer(rules?: string | RuleSet): Pricer {
  if (rules === undefined) return createBundledPricer();
  return compilePricer(typeof rules === 'object' ? rules : loadRuleSet(rules));
}
