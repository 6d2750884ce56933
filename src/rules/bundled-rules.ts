/**
 * The bundled rules as code: the rule set validated when the package was built, embedded in the
 * package's JavaScript. Taking it reads no file, so a pricer of the bundled rules works from any
 * folder, in a bundle, and where there is no file system (a browser, an edge runtime).
 */
import { BUNDLED_RULE_SET, BUNDLED_RULE_SET_VERSION } from './bundled-rule-set.generated.js';
import { adoptValidatedRuleSet, type RuleSet } from './rule-set.js';
import { recordRuleSetVersion } from './rule-set-version.js';

let bundled: RuleSet | undefined;

/**
 * The bundled rule set, validated at build time, with its version hashed then.
 * @param fileName - how its rule files are named, from their base names
 * @returns a frozen rule set
 */
export function adoptBundledRuleSet(fileName: (baseName: string) => string): RuleSet {
  const ruleSet = adoptValidatedRuleSet(BUNDLED_RULE_SET as RuleSet, fileName);
  recordRuleSetVersion(ruleSet, BUNDLED_RULE_SET_VERSION);
  return ruleSet;
}

/**
 * The bundled rule set, validated at build time: its rule files are named `rules/<file>`.
 * @returns the frozen rule set, the same object on every call
 */
export function bundledRuleSet(): RuleSet {
  bundled ??= adoptBundledRuleSet((name) => `rules/${name}`);
  return bundled;
}
