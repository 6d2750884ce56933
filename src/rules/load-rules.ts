/**
 * Reading rule files from a directory (Node only). The bundled `rules/` directory is the default.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSetError } from '../errors.js';
import { parseRuleSet, type RuleSet, type RuleSource } from './rule-set.js';

/** The `rules/` directory shipped with this package. */
export const BUNDLED_RULES_DIR: string = fileURLToPath(new URL('../../rules/', import.meta.url));

/**
 * Reads every `*.json` file of a rule directory, in name order.
 * @param dir - the directory; default the bundled `rules/`
 * @returns the files' names (relative to the working directory when inside it) and texts
 * @throws {@link RuleSetError} with code `READ_FAILED` when the directory or a file cannot be read,
 *   or `NO_RULE_FILES` when it holds no rule file
 */
export function readRuleSources(dir: string = BUNDLED_RULES_DIR): RuleSource[] {
  const shown = displayPath(dir);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    throw readFailure(shown, 'a readable directory of rule files', error);
  }
  if (names.length === 0) {
    throw new RuleSetError([
      { code: 'NO_RULE_FILES', severity: 'error', file: shown, line: 1, col: 1, pointer: '', expected: 'at least one rule file (*.json)', received: 'none' },
    ]);
  }
  return names.map((name) => {
    const file = join(dir, name);
    try {
      return { file: displayPath(file), text: readFileSync(file, 'utf8') };
    } catch (error) {
      throw readFailure(displayPath(file), 'a readable rule file', error);
    }
  });
}

/**
 * Reads and validates a rule directory.
 * @param dir - the directory; default the bundled `rules/`
 * @returns the validated, frozen rule set
 * @throws {@link RuleSetError} listing every problem
 */
export function loadRuleSet(dir: string = BUNDLED_RULES_DIR): RuleSet {
  return parseRuleSet(readRuleSources(dir));
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function readFailure(file: string, expected: string, error: unknown): RuleSetError {
  const code = (error as NodeJS.ErrnoException).code;
  const received = code === 'ENOENT' ? 'nothing there' : code === 'ENOTDIR' ? 'not a directory' : String((error as Error).message);
  return new RuleSetError([{ code: 'READ_FAILED', severity: 'error', file, line: 1, col: 1, pointer: '', expected, received }]);
}
