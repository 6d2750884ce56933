import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRevisionSources, UnknownRevisionError } from '../../src/rules/rule-revision.js';
import { thrown } from '../support/thrown.js';
import { madeByFirstTest } from '../support/mutation.js';
import { createRulesRepo } from '../support/rules-repo.js';

const refusal = (run: () => unknown): UnknownRevisionError => thrown(run, UnknownRevisionError);

describe('rule files of a git revision', () => {
  /** The bundled rules committed, then a commit that adds a subdirectory, a non-JSON file and an empty rule-named file beside them. */
  const repo = madeByFirstTest(() => {
    const repo = createRulesRepo();
    mkdirSync(join(repo.dir, 'rules', 'drafts.json'));
    writeFileSync(join(repo.dir, 'rules', 'drafts.json', 'draft.json'), '{}\n');
    writeFileSync(join(repo.dir, 'rules', 'README.md'), '# not a rule file\n');
    writeFileSync(join(repo.dir, 'rules-old.json'), '{}\n');
    const withExtras = repo.commit('Add files the loader skips');
    return { ...repo, withExtras };
  });
  const bundled = readdirSync('rules')
    .filter((name) => name.endsWith('.json'))
    .sort();

  it('are the .json blobs directly in the rules directory, named revision:path, in name order, with their exact text', () => {
    const sources = readRevisionSources('HEAD', 'rules', repo().dir);
    expect(sources.map((s) => s.file)).toEqual(bundled.map((name) => `HEAD:rules/${name}`));
    expect(sources.map((s) => s.text)).toEqual(bundled.map((name) => readFileSync(join('rules', name), 'utf8')));
  });

  it('are the same for a rules path with a trailing slash and for a commit id, named by what was asked', () => {
    const { dir, withExtras } = repo();
    expect(readRevisionSources('HEAD', 'rules/', dir).map((s) => s.file)).toEqual(bundled.map((name) => `HEAD:rules/${name}`));
    const byId = readRevisionSources(withExtras, 'rules', dir);
    expect(byId.map((s) => s.file)).toEqual(bundled.map((name) => `${withExtras}:rules/${name}`));
    expect(byId.map((s) => s.text)).toEqual(readRevisionSources('HEAD', 'rules', dir).map((s) => s.text));
  });

  it('are none in a revision whose rules directory is missing', () => {
    expect(readRevisionSources('HEAD', 'no-rules-here', repo().dir)).toEqual([]);
  });

  it('never read a directory in place of a revision, even one named like it', () => {
    const { dir, git } = repo();
    const head = git('rev-parse', 'HEAD').trim();
    // A tree can hold folders named like the revisions it is compared with: they are never read.
    for (const name of [head, 'main', 'HEAD']) {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'forged.json'), '{}\n');
      expect(readRevisionSources(name, 'rules', dir).map((s) => s.file)).toEqual(bundled.map((file) => `${name}:rules/${file}`));
    }
    const directory = refusal(() => readRevisionSources('rules', 'rules', dir));
    expect(directory.message).toBe('"rules" is not a git revision (a directory of rules is given with --base-dir or --head-dir)');
  });

  it('refuse a revision that is no commit, a range, and a revision outside any repository, saying which', () => {
    const unknown = refusal(() => readRevisionSources('no-such-branch', 'rules', repo().dir));
    expect([unknown.name, unknown.revision, unknown.message]).toEqual([
      'UnknownRevisionError',
      'no-such-branch',
      '"no-such-branch" is not a git revision',
    ]);
    expect(refusal(() => readRevisionSources('^HEAD', 'rules', repo().dir)).message).toBe(
      '"^HEAD" is not a git revision (not a single commit)',
    );
    const outside = mkdtempSync(join(tmpdir(), 'pricing-no-git-'));
    expect(refusal(() => readRevisionSources('HEAD', 'rules', outside)).message).toBe(
      '"HEAD" is not a git revision (not inside a git repository)',
    );
  });
});
