/**
 * The `--rules DIR` option shared by every command.
 */
import { resolve } from 'node:path';
import { BUNDLED_RULES_DIR } from '../../rules/load-rules.js';
import type { CliIO, ParsedArgs } from '../command.js';

/**
 * The rule directory a command reads. Without --rules it is the package's own `rules/`, read
 * from disk, so that the CLI in a clone answers for the rule files as they are edited (the
 * library's `createPricer()` takes the rules embedded at build time instead).
 * @param values - parsed options
 * @param io - gives the working directory
 * @returns the directory
 */
export function rulesDir(values: ParsedArgs['values'], io: CliIO): string {
  const dir = values.rules;
  return typeof dir === 'string' ? resolve(io.cwd, dir) : BUNDLED_RULES_DIR;
}
