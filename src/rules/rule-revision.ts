/**
 * Rule files as they are in a git revision (read from git objects, no checkout) or in a directory.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readRuleSources } from './load-rules.js';
import type { RuleSource } from './rule-set.js';

/** A revision that is neither a directory nor a git commit, or whose rules git cannot list. */
export class UnknownRevisionError extends Error {
  override readonly name = 'UnknownRevisionError';
  /**
   * @param revision - what was asked for
   * @param detail - why it could not be read
   * @param message - the whole message, when it is not that the revision is unknown
   */
  constructor(
    readonly revision: string,
    detail: string,
    message = `"${revision}" is neither a directory nor a git revision${detail === '' ? '' : ` (${detail})`}`,
  ) {
    super(message);
  }
}

function git(cwd: string, args: readonly string[], input?: string): Buffer {
  return execFileSync('git', args, { cwd, input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** The first line git wrote to stderr, for a message. */
function gitMessage(error: unknown): string {
  return (
    String((error as { stderr?: unknown }).stderr ?? '')
      .trim()
      .split('\n')[0]
      ?.replace(/^fatal: /, '') ?? ''
  );
}

/**
 * Reads blobs with one `git cat-file --batch`, however many there are.
 * @param cwd - inside the repository
 * @param ids - blob ids
 * @returns their contents as UTF-8, in order
 */
function readBlobs(cwd: string, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const out = git(cwd, ['cat-file', '--batch'], `${ids.join('\n')}\n`);
  const texts: string[] = [];
  let at = 0;
  for (const id of ids) {
    const headerEnd = out.indexOf(10, at);
    const [, type, size] = out.toString('utf8', at, headerEnd).split(' ');
    if (type !== 'blob') throw new Error(`git cat-file: ${id} is not a blob`);
    const start = headerEnd + 1;
    texts.push(out.toString('utf8', start, start + Number(size)));
    at = start + Number(size) + 1; // the blob, then a newline
  }
  return texts;
}

/**
 * Reads the rule files of a revision.
 * @param revision - a directory of rule files, or a git revision (`main`, `HEAD~1`, a commit id)
 * @param rulesPath - where the rules live inside a git revision, relative to `cwd`
 * @param cwd - the working directory (inside the git repository for revisions)
 * @returns the rule files, none for a revision without rules; names are `revision:path` for git revisions
 * @throws {@link UnknownRevisionError} when the revision is neither, or git cannot read it; `RuleSetError` when a directory holds no rule file
 */
export function readRevisionSources(revision: string, rulesPath: string, cwd: string): RuleSource[] {
  const dir = resolve(cwd, revision);
  if (existsSync(dir) && statSync(dir).isDirectory()) return readRuleSources(dir);
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])
      .toString('utf8')
      .trim();
  } catch (error) {
    throw new UnknownRevisionError(revision, gitMessage(error).startsWith('not a git repository') ? 'not inside a git repository' : '');
  }
  // rev-parse accepts forms that name no single commit (^HEAD): only an object id is one.
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) throw new UnknownRevisionError(revision, 'not a single commit');
  let listing: string;
  try {
    // -z: names as they are (git quotes non-ASCII names otherwise); the object id of each blob.
    listing = git(cwd, ['ls-tree', '-z', '--full-name', commit, '--', `${rulesPath.replace(/\/$/, '')}/`]).toString('utf8');
  } catch (error) {
    throw new UnknownRevisionError(revision, '', `cannot read "${rulesPath}" in ${revision}: ${gitMessage(error)}`);
  }
  const entries = listing
    .split('\0')
    .filter((entry) => entry !== '')
    .map((entry) => {
      const tab = entry.indexOf('\t');
      const [, type, id] = entry.slice(0, tab).split(' ');
      return { type, id: id as string, name: entry.slice(tab + 1) };
    })
    .filter((e) => e.type === 'blob' && e.name.endsWith('.json'))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A revision from before the rules existed prices nothing: against it, every model is added.
  const texts = readBlobs(
    cwd,
    entries.map((e) => e.id),
  );
  return entries.map((e, i) => ({ file: `${revision}:${e.name}`, text: texts[i] as string }));
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
