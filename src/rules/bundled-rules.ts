/**
 * The bundled rules as code: the rule set validated when the package was built, embedded in the
 * package's JavaScript. Taking it reads no file, so a pricer of the bundled rules works from any
 * folder, in a bundle, and where there is no file system (a browser, an edge runtime).
 */
import { BUNDLED_RULE_SET } from './bundled-rule-set.generated.js';
import { adoptValidatedRuleSet, type RuleSet } from './rule-set.js';

let bundled: RuleSet | undefined;

/**
 * The bundled rule set, validated at build time: its rule files are named `rules/<file>`.
 * @returns the frozen rule set, the same object on every call
 */
export function bundledRuleSet(): RuleSet {
  bundled ??= adoptValidatedRuleSet(BUNDLED_RULE_SET as RuleSet, (name) => `rules/${name}`);
  return bundled;
}
