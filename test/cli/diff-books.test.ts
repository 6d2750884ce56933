import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';

const FIXTURE = 'test/fixtures/book-rules';

/** A copy of the book fixture, with one book's text edited. */
function copyWith(edit?: { book: string; change: (text: string) => string }): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'pricing-book-diff-')), 'rules');
  cpSync(FIXTURE, dir, { recursive: true });
  if (edit !== undefined) {
    const file = join(dir, 'books', `${edit.book}.json`);
    writeFileSync(file, edit.change(readFileSync(file, 'utf8')));
  }
  return dir;
}

const at = ['--at', '2027-02-01'];

describe('pricing diff of price books', () => {
  it('shows a book change with its reason, and fails on a rewrite of a book price already in force', async () => {
    const base = copyWith();
    const head = copyWith({
      book: 'acme',
      change: (t) => t.replace('"percent": -20, "reason": "MSA 2027, section 4"', '"percent": -25, "reason": "MSA 2027, amended"'),
    });
    const { code, stdout } = await cli(['diff', '--base-dir', base, '--head-dir', head, ...at]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      [
        'book acme',
        '  veo3_fast 8s text-to-video: 8 → 7 since always (rewrites history): MSA 2027, amended',
        '  veo3_fast 8s image-to-video: 8 → 7 since always (rewrites history): MSA 2027, amended',
        '  veo3 8s text-to-video: 51 → 48 since always (rewrites history): MSA 2027, amended',
        '  veo3 8s image-to-video: 51 → 48 since always (rewrites history): MSA 2027, amended',
      ].join('\n'),
    );
    expect(stdout).toContain('    veo3: book acme: history rewritten since always: 8s text-to-video 51 → 48\n');
    expect(stdout.split('\n')[0]).toBe('4 price-book changes');
    const json = JSON.parse((await cli(['diff', '--base-dir', base, '--head-dir', head, ...at, '--json'])).stdout);
    expect(json.books[0].changes[2]).toEqual({
      model: 'veo3',
      point: '8s',
      mode: 'text-to-video',
      from: null,
      old: 51,
      new: 48,
      reason: 'MSA 2027, amended',
      rewrite: true,
    });
  });

  it('passes a book change that starts after the review, and shows it with its date', async () => {
    const base = copyWith();
    const head = copyWith({
      book: 'enterprise',
      change: (t) =>
        t.replace(
          '"adjustments": [{ "models": "*", "percent": -5, "reason": "annual commitment" }]',
          '"adjustments": [{ "models": "*", "percent": -5, "until": "2027-06-01", "reason": "annual commitment" }, { "models": "*", "percent": -8, "from": "2027-06-01", "reason": "renewal" }]',
        ),
    });
    const { code, stdout } = await cli(['diff', '--base-dir', base, '--head-dir', head, ...at]);
    expect(code).toBe(0);
    expect(stdout).toContain('book enterprise\n');
    expect(stdout).toContain('  veo3 8s text-to-video: 60 → 58 from 2027-06-01: renewal\n');
    expect(stdout).not.toContain('rewrites history');
  });

  it('reports nothing of a book whose prices move only with the list under them', async () => {
    const base = copyWith();
    const head = copyWith();
    const file = join(head, '60-veo.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"credits": 63', '"credits": 70'));
    const { stdout } = await cli(['diff', '--base-dir', base, '--head-dir', head, ...at, '--json']);
    const json = JSON.parse(stdout);
    expect(json.books).toBeUndefined();
    expect(json.models.map((m: { model: string }) => m.model)).toEqual(['veo3']);
  });

  it('fails on a book removed, which tasks were charged in', async () => {
    const base = copyWith();
    const head = copyWith();
    const { rmSync } = await import('node:fs');
    rmSync(join(head, 'books', 'enterprise-eu.json'));
    const { code, stdout } = await cli(['diff', '--base-dir', base, '--head-dir', head, ...at]);
    expect(code).toBe(1);
    expect(stdout).toContain('book enterprise-eu (removed)');
    expect(stdout).toContain('    *: book enterprise-eu removed: tasks charged in it can no longer be repriced\n');
  });
});

describe('pricing diff --usage with price books', () => {
  it('replays each task in its book: a book change moves the revenue of its customers only', async () => {
    const base = copyWith();
    const head = copyWith({
      book: 'acme',
      change: (t) => t.replace('"percent": -20, "reason": "MSA 2027, section 4"', '"percent": -25, "reason": "MSA 2027, amended"'),
    });
    const usage = join(mkdtempSync(join(tmpdir(), 'pricing-book-usage-')), 'usage.jsonl');
    const task = (book?: string) =>
      JSON.stringify({
        taskId: 't',
        submittedAt: '2027-01-15T12:00:00Z',
        request: { model: 'veo3' },
        status: 1,
        creditsUsed: 51,
        ...(book === undefined ? {} : { book }),
      });
    writeFileSync(usage, `${[task('acme'), task('acme'), task(), task('enterprise')].join('\n')}\n`);
    const { stdout } = await cli([
      'diff',
      '--base-dir',
      base,
      '--head-dir',
      head,
      ...at,
      '--usage',
      usage,
      '--json',
      '--allow-history-edits',
    ]);
    const revenue = JSON.parse(stdout).usage;
    expect([revenue.baseCredits, revenue.headCredits, revenue.deltaCredits]).toEqual([51 + 51 + 63 + 60, 48 + 48 + 63 + 60, -6]);
  });
});
