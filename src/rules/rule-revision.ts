/**
 * Rule files as they are in a git revision, read from git objects (no checkout). A revision is
 * only ever a git revision: a directory with the same name, which a pull request can add to its
 * own tree, is never read in its place. Directories of rules are read by `readRuleSources`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RuleSource } from './rule-set.js';

/** A name that is not a git commit, or whose rules git cannot list. */
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
    message = `"${revision}" is not a git revision${detail === '' ? '' : ` (${detail})`}`,
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

/** Whether a name is a directory, for the hint that directories are given another way. */
function isDirectory(cwd: string, name: string): boolean {
  const path = resolve(cwd, name);
  return existsSync(path) && statSync(path).isDirectory();
}

/**
 * Reads the rule files of a git revision.
 * @param revision - a git revision (`main`, `HEAD~1`, a commit id); never a directory, even one of that name
 * @param rulesPath - where the rules live inside the revision, relative to `cwd`
 * @param cwd - the working directory, inside the git repository
 * @returns the rule files, none for a revision without rules; named `revision:path`
 * @throws {@link UnknownRevisionError} when git knows no single commit by that name, or cannot read it
 */
export function readRevisionSources(revision: string, rulesPath: string, cwd: string): RuleSource[] {
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`])
      .toString('utf8')
      .trim();
  } catch (error) {
    const outside = gitMessage(error).startsWith('not a git repository');
    const detail = outside
      ? 'not inside a git repository'
      : isDirectory(cwd, revision)
        ? 'a directory of rules is given with --base-dir or --head-dir'
        : '';
    throw new UnknownRevisionError(revision, detail);
  }
  // rev-parse accepts forms that name no single commit (^HEAD): only an object id is one.
  if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) throw new UnknownRevisionError(revision, 'not a single commit');
  let listing: string;
  try {
    // -z: names as they are (git quotes non-ASCII names otherwise); the object id of each blob.
    // The rule files, and the price books of books/: as a rule directory is read.
    const dir = rulesPath.replace(/\/$/, '');
    listing = git(cwd, ['ls-tree', '-z', '--full-name', commit, '--', `${dir}/`, `${dir}/books/`]).toString('utf8');
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
