/**
 * Rule files as they are in a git revision (read from git objects, no checkout) or in a directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRuleSources } from '../rules/load-rules.js';
import type { RuleSource } from '../rules/rule-set.js';

/** A revision that is neither a directory nor a git commit. */
export class UnknownRevisionError extends Error {
  override readonly name = 'UnknownRevisionError';
  /**
   * @param revision - what was asked for
   * @param detail - why it could not be read
   */
  constructor(readonly revision: string, detail: string) {
    super(`"${revision}" is neither a directory nor a git revision${detail === '' ? '' : ` (${detail})`}`);
  }
}

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Reads the rule files of a revision.
 * @param revision - a directory of rule files, or a git revision (`main`, `HEAD~1`, a commit id)
 * @param rulesPath - where the rules live inside a git revision, relative to `cwd`
 * @param cwd - the working directory (inside the git repository for revisions)
 * @returns the rule files, none for a revision without rules; names are `revision:path` for git revisions
 * @throws {@link UnknownRevisionError} when the revision is neither; `RuleSetError` when a directory holds no rule file
 */
export function readRevisionSources(revision: string, rulesPath: string, cwd: string): RuleSource[] {
  const dir = resolve(cwd, revision);
  if (existsSync(dir) && statSync(dir).isDirectory()) return readRuleSources(dir);
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`]).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim().split('\n')[0] ?? '';
    throw new UnknownRevisionError(revision, stderr.startsWith('fatal: not a git repository') ? 'not inside a git repository' : '');
  }
  const names = git(cwd, ['ls-tree', '--name-only', commit, '--', `${rulesPath.replace(/\/$/, '')}/`])
    .split('\n')
    .filter((name) => name.endsWith('.json'))
    .sort();
  // A revision from before the rules existed prices nothing: against it, every model is added.
  return names.map((name) => ({ file: `${revision}:${name}`, text: git(cwd, ['show', `${commit}:./${name}`]) }));
}

/**
 * The rule directory of the working tree.
 * @param rulesPath - the rules directory, relative to `cwd`
 * @param cwd - the working directory
 * @returns its absolute path
 */
export function workingTreeRules(rulesPath: string, cwd: string): string {
  return join(resolve(cwd), rulesPath);
}
