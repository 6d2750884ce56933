/**
 * `pricing lint`: semantic rules that catch prices that look wrong.
 */
import { formatRuleIssue } from '../../primitives/errors.js';
import { lintRuleSources } from '../../review/lint-rules.js';
import { readRuleSources } from '../../rules/load-rules.js';
import { readRevisionSources, UnknownRevisionError } from '../../rules/rule-revision.js';
import { parseRuleSet, type RuleSet } from '../../rules/rule-set.js';
import { EXIT, instantOption, UsageError, type Command } from '../command.js';
import { resolve } from 'node:path';
import { rulesDir } from './rules-option.js';
import { countIssues } from '../count-issues.js';

/** `pricing lint`. */
export const lintCommand: Command = {
  name: 'lint',
  help: `Usage: pricing lint [options]

Validates the rules, then reports as path:line:col: message
  errors:   a price that decreases as duration or resolution grows; modes that contradict the
            model id; a provenance row that is not the model's own; an assumption without a reason
  warnings: credits per second far from the rest of the family; a profile used by one model or
            none; a provenance row whose credits disagree with the price table; an input-image
            limit or note that contradicts the modes; with --base, a price already in force
            changed in place without a "correction" saying why
Exits 1 on an error, or on a warning with --strict.

Options:
  --strict                warnings fail too
  --base REV              the rules before the change, a git revision (never a directory of
                          that name), for the check of prices already in force
  --base-dir DIR          the rules before the change, from a directory
  --at INSTANT            the review's "now" (default: the current time)
  --rules DIR             rule directory (default: the bundled rules)
  -h, --help              show this help
`,
  options: {
    rules: { type: 'string' },
    strict: { type: 'boolean' },
    base: { type: 'string' },
    'base-dir': { type: 'string' },
    at: { type: 'string' },
  },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'lint');
    const at = instantOption(values.at, 'lint');
    let base: RuleSet | undefined;
    if (typeof values.base === 'string' && typeof values['base-dir'] === 'string')
      throw new UsageError('choose one of --base and --base-dir', 'lint');
    if (typeof values['base-dir'] === 'string') base = parseRuleSet(readRuleSources(resolve(io.cwd, values['base-dir'])));
    if (typeof values.base === 'string') {
      try {
        base = parseRuleSet(readRevisionSources(values.base, typeof values.rules === 'string' ? values.rules : 'rules', io.cwd));
      } catch (error) {
        if (error instanceof UnknownRevisionError) throw new UsageError(error.message, 'lint');
        throw error;
      }
    }
    const issues = lintRuleSources(readRuleSources(rulesDir(values, io)), {
      ...(base === undefined ? {} : { base }),
      ...(at === undefined ? {} : { at }),
    });
    for (const issue of issues) io.stderr.write(`${formatRuleIssue(issue)}\n`);
    io.stdout.write(`lint: ${countIssues(issues)}\n`);
    const failing = issues.filter((i) => i.severity === 'error' || values.strict === true);
    return failing.length > 0 ? EXIT.failure : EXIT.ok;
  },
};
