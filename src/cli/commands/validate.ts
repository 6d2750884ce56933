/**
 * `pricing validate`: every problem of a rule directory as `path:line:col: message`, then a count.
 */
import { formatRuleIssue, RuleSetError } from '../../primitives/errors.js';
import { countIssues } from '../count-issues.js';
import { bundledSnapshotIssue, readRuleDirectory } from '../../rules/load-rules.js';
import { checkRuleSources } from '../../rules/rule-set.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { rulesDir } from './rules-option.js';

/** `pricing validate`. */
export const validateCommand: Command = {
  name: 'validate',
  help: `Usage: pricing validate [options]

Checks every rule file: JSON syntax, the JSON Schema (schemas/rule-file.schema.json), then
semantic rules (model ids and profiles defined once, profile references resolve, one price per
matrix cell, no repeated axis value). For the bundled rules, also that the snapshot the package
quotes from is the rule set the files validate into. Prints each problem as path:line:col: message, then a count.
Exits 1 when there is an error.

Options:
  --rules DIR             rule directory (default: the bundled rules)
  -h, --help              show this help
`,
  options: { rules: { type: 'string' } },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'validate');
    const dir = rulesDir(values, io);
    const read = readRuleDirectory(dir);
    const sources = read.sources;
    const checked = checkRuleSources(sources);
    const issues = [...read.issues, ...checked.issues];
    const ruleSet = read.issues.length === 0 ? checked.ruleSet : undefined;
    if (ruleSet === undefined) throw new RuleSetError(issues);
    const snapshot = bundledSnapshotIssue(dir, sources, ruleSet);
    if (snapshot?.severity === 'error') throw new RuleSetError([snapshot]);
    if (snapshot !== undefined) issues.push(snapshot);
    for (const issue of issues) io.stderr.write(`${formatRuleIssue(issue)}\n`);
    io.stdout.write(
      `${sources.length} rule files, ${ruleSet.models.length} models, ${ruleSet.profiles.length} shared profiles: ${countIssues(issues)}\n`,
    );
    return EXIT.ok;
  },
};
