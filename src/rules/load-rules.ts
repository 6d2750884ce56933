/**
 * Reading rule files from a directory (Node only). The bundled `rules/` directory is the default.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleSetError, type RuleIssue } from '../primitives/errors.js';
import { foundAtPath } from '../primitives/file-error.js';
import { PACKAGE_ROOT } from '../primitives/package-root.js';
import { BUNDLED_RULE_FILES_HASH, BUNDLED_RULE_SET } from './bundled-rule-set.generated.js';
import { adoptBundledRuleSet } from './bundled-rules.js';
import { isBookFile } from './price-book.js';
import { parseRuleSet, type RuleSet, type RuleSource } from './rule-set.js';

/** The `rules/` directory shipped with this package. */
export const BUNDLED_RULES_DIR: string = fileURLToPath(new URL('rules/', PACKAGE_ROOT));

/**
 * Reads every `*.json` file of a rule directory, in name order.
 * @param dir - the directory; default the bundled `rules/`
 * @returns the files' names (relative to the working directory when inside it) and texts
 * @throws {@link RuleSetError} with code `READ_FAILED` when the directory or a file cannot be read,
 *   or `NO_RULE_FILES` when it holds no rule file
 */
export function readRuleSources(dir: string = BUNDLED_RULES_DIR): RuleSource[] {
  const { sources, issues } = readRuleDirectory(dir);
  if (issues.length > 0) throw new RuleSetError(issues);
  return sources;
}

/**
 * Reads every `*.json` file of a rule directory, in name order, going on past files that cannot
 * be read, so that validation lists every problem of the directory.
 * @param dir - the directory; default the bundled `rules/`
 * @returns the files that could be read, and a `READ_FAILED` issue for each that could not
 *   (or `NO_RULE_FILES` when there is none)
 */
export function readRuleDirectory(dir: string = BUNDLED_RULES_DIR): { sources: RuleSource[]; issues: RuleIssue[] } {
  const shown = displayPath(dir);
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort();
  } catch (error) {
    return { sources: [], issues: [readFailure(shown, 'a readable directory of rule files', error)] };
  }
  if (names.length === 0) {
    return {
      sources: [],
      issues: [
        {
          code: 'NO_RULE_FILES',
          severity: 'error',
          file: shown,
          line: 1,
          col: 1,
          pointer: '',
          expected: 'at least one rule file (*.json)',
          received: 'none',
        },
      ],
    };
  }
  // Price books live in the books/ folder, when there is one.
  let books: string[] = [];
  try {
    books = readdirSync(join(dir, 'books'))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `books/${name}`);
  } catch {
    // No books.
  }
  const sources: RuleSource[] = [];
  const issues: RuleIssue[] = [];
  for (const name of [...names, ...books]) {
    const file = join(dir, name);
    try {
      sources.push({ file: displayPath(file), text: readFileSync(file, 'utf8') });
    } catch (error) {
      issues.push(readFailure(displayPath(file), books.includes(name) ? 'a readable price book' : 'a readable rule file', error));
    }
  }
  return { sources, issues };
}

/**
 * A fast 64-bit hash of rule files (their base names and texts, in order), to tell whether they
 * are still the files the bundled snapshot was validated from: two 32-bit multiply-xor lanes
 * (cyrb53's mixing), cheap on a cold start where a cryptographic hash is not needed.
 * @param sources - the rule files
 * @returns 16 hex digits
 */
export function ruleFilesHash(sources: readonly RuleSource[]): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  };
  for (const { file, text } of sources) {
    mix(basename(file));
    mix('\u0000');
    mix(text);
    mix('\u0000');
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * Reads and validates a rule directory. The bundled rules were validated when the package was
 * built: while their files hash as they did then, their rule set is taken from that build
 * (nothing is parsed or validated again); any edit to them is read and validated as usual.
 * @param dir - the directory; default the bundled `rules/`
 * @returns the validated, frozen rule set
 * @throws {@link RuleSetError} listing every problem
 */
export function loadRuleSet(dir: string = BUNDLED_RULES_DIR): RuleSet {
  const sources = readRuleSources(dir);
  if (resolve(dir) === resolve(BUNDLED_RULES_DIR) && ruleFilesHash(sources) === BUNDLED_RULE_FILES_HASH) {
    return adoptBundledRuleSet((name) => displayPath(join(dir, name)));
  }
  return parseRuleSet(sources);
}

/**
 * A rule set as the bundled snapshot holds it: JSON, with rule files named by their base name
 * (the loader names them as it would have).
 * @param ruleSet - a validated rule set
 * @returns its JSON text
 */
export function snapshotJson(ruleSet: RuleSet): string {
  // A price book keeps its folder: books/<name>.
  const short = (file: string): string => (isBookFile(file) ? `books/${basename(file)}` : basename(file));
  const baseNames = (key: string, value: unknown): unknown => {
    if (key === 'file' && typeof value === 'string') return short(value);
    if (key === 'files' && Array.isArray(value)) return value.map((f: string) => short(f));
    return value;
  };
  return JSON.stringify(ruleSet, baseNames, 2);
}

/**
 * Checks the bundled snapshot against the bundled rule files it stands for. While the files hash
 * as they did when it was generated, quotes come from the snapshot, not from the files: an edit
 * to the snapshot alone would change prices that the files, the diff and the pages do not show.
 * @param dir - the rule directory being validated
 * @param sources - its files
 * @param ruleSet - the rule set they validate into
 * @returns the issue, when the directory is the bundled one and the snapshot differs from it
 */
export function bundledSnapshotIssue(dir: string, sources: readonly RuleSource[], ruleSet: RuleSet): RuleIssue | undefined {
  if (resolve(dir) !== resolve(BUNDLED_RULES_DIR)) return undefined;
  const fresh = ruleFilesHash(sources) === BUNDLED_RULE_FILES_HASH;
  if (fresh && snapshotJson(BUNDLED_RULE_SET as RuleSet) === snapshotJson(ruleSet)) return undefined;
  return {
    code: 'BUNDLED_SNAPSHOT',
    severity: fresh ? 'error' : 'warning',
    file: 'src/rules/bundled-rule-set.generated.ts',
    line: 1,
    col: 1,
    pointer: '',
    expected: 'the bundled snapshot to be the rule set these rule files validate into (run "npm run generate")',
    received: fresh
      ? 'a snapshot that differs from them, taken for the same files'
      : 'a snapshot of other rule files, which quotes do not use',
  };
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function readFailure(file: string, expected: string, error: unknown): RuleIssue {
  return { code: 'READ_FAILED', severity: 'error', file, line: 1, col: 1, pointer: '', expected, received: foundAtPath(error) };
}
