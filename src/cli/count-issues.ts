/**
 * How many errors and warnings a list of rule issues holds, in words.
 */
import type { RuleIssue } from '../primitives/errors.js';

/**
 * Summarises a list of issues: `2 errors, 1 warning`.
 * @param issues - the issues
 * @returns the counts in words
 */
export function countIssues(issues: readonly RuleIssue[]): string {
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}
