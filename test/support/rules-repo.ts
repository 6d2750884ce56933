/**
 * A temporary git repository holding a copy of the bundled rules, for tests of `pricing diff`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RulesRepo {
  /** The repository's directory. */
  readonly dir: string;
  /** Runs git in it. */
  git(...args: string[]): string;
  /** Rewrites a rule file through a function of its parsed JSON. */
  edit(file: string, change: (rules: any) => void): void;
  /** Renames a file in the working tree. */
  rename(from: string, to: string): void;
  /** Commits everything; returns the commit id. */
  commit(message: string): string;
}

/** Creates the repository with the bundled rules committed once. */
export function createRulesRepo(): RulesRepo {
  const dir = mkdtempSync(join(tmpdir(), 'pricing-diff-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'pricing@example.test');
  git('config', 'user.name', 'Pricing maintainer');
  cpSync('rules', join(dir, 'rules'), { recursive: true });
  const repo: RulesRepo = {
    dir,
    git,
    edit(file, change) {
      const path = join(dir, 'rules', file);
      const rules = JSON.parse(readFileSync(path, 'utf8'));
      change(rules);
      writeFileSync(path, `${JSON.stringify(rules, null, 2)}\n`);
    },
    rename(from, to) {
      renameSync(join(dir, 'rules', from), join(dir, 'rules', to));
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
  repo.commit('Bundled rules');
  return repo;
}
