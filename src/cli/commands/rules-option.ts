/**
 * The `--rules DIR` option shared by every command.
 */
import { resolve } from 'node:path';
import type { CliIO, ParsedArgs } from '../command.js';

/**
 * The rule directory a command reads.
 * @param values - parsed options
 * @param io - gives the working directory
 * @returns the directory, or undefined for the bundled rules
 */
export function rulesDir(values: ParsedArgs['values'], io: CliIO): string | undefined {
  const dir = values.rules;
  return typeof dir === 'string' ? resolve(io.cwd, dir) : undefined;
}
