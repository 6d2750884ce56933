import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';

const SCRIPT = resolve('.github/scripts/republish-pages.sh');
const PRICING = `${process.execPath} ${resolve('dist/cli.js')}`;
/** Before and after kling/v2-1-standard's version of 2027-01-01 comes into force. */
const BEFORE = '2026-12-15';
const AFTER = '2027-01-02';

/** A repository with the dated rules and their pages published on BEFORE. */
function publishedRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pricing-pages-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'pricing@example.test');
  git('config', 'user.name', 'Pricing maintainer');
  cpSync('test/fixtures/dated-rules', join(dir, 'rules'), { recursive: true });
  mkdirSync(join(dir, 'docs'));
  republish(dir, BEFORE);
  git('add', '-A');
  git('commit', '-q', '-m', 'Rules and pages');
  return dir;
}

function republish(dir: string, at: string): string {
  const run = spawnSync('bash', [SCRIPT], { cwd: dir, encoding: 'utf8', env: { ...process.env, PRICING, AT: at } });
  expect(run.status).toBe(0);
  return run.stdout;
}

const check = (dir: string, format: string, at: string) =>
  cli(['docs', '--check', '--rules', 'rules', '--format', format, '--out', `docs/pricing.${format}`, '--at', at], dir);

describe('pages when the calendar moves past a scheduled version', () => {
  it('still pass the check on the day it comes into force, saying to republish, and pass cleanly once republished', async () => {
    const dir = publishedRepo();
    for (const format of ['md', 'html']) {
      expect(await check(dir, format, AFTER)).toEqual({
        code: 0,
        stdout: `docs/pricing.${format} is up to date with the rules\n`,
        stderr: `pricing: docs/pricing.${format} shows the prices before 2027-01-01, when a scheduled version came into force; republish it: run "npm run docs" (the pricing-pages workflow does it daily)\n`,
      });
    }
    const before = readFileSync(join(dir, 'docs/pricing.md'), 'utf8');
    expect(republish(dir, AFTER)).toBe('The pricing pages changed: a scheduled version came into force.\n');
    expect(readFileSync(join(dir, 'docs/pricing.md'), 'utf8')).not.toBe(before);
    for (const format of ['md', 'html']) {
      expect(await check(dir, format, AFTER)).toEqual({
        code: 0,
        stdout: `docs/pricing.${format} is up to date with the rules\n`,
        stderr: '',
      });
    }
    execFileSync('git', ['commit', '-q', '-am', 'Republish the pages'], { cwd: dir });
    expect(republish(dir, AFTER)).toBe('The pricing pages are current.\n');
  });

  it('fail the check when the rules changed, at any instant', async () => {
    const dir = publishedRepo();
    const file = join(dir, 'rules/dated.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"credits": [11, 22]', '"credits": [11, 23]'));
    for (const at of [BEFORE, AFTER]) {
      expect(await check(dir, 'md', at)).toEqual({
        code: 1,
        stdout: '',
        stderr: 'pricing: docs/pricing.md is stale: the rules generate a different page; run "npm run docs" and commit it\n',
      });
    }
  });
});
