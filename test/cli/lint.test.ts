import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../support/run-cli.js';
import { createRulesRepo } from '../support/rules-repo.js';

const FILE = 'test/fixtures/lint-rules/lint-cases.json';
/** Rules that validate and lint with one warning and no error. */
const WARNINGS = 'test/fixtures/lint-warnings';

describe('pricing lint', () => {
  it('passes the bundled rules, even with --strict', async () => {
    expect(await cli(['lint', '--strict'])).toEqual({ code: 0, stdout: 'lint: 0 errors, 0 warnings\n', stderr: '' });
  });

  it('reports every rule at path:line:col, errors failing and warnings not', async () => {
    const { code, stdout, stderr } = await cli(['lint', '--rules', 'test/fixtures/lint-rules']);
    expect({ code, stdout }).toEqual({ code: 1, stdout: 'lint: 5 errors, 8 warnings\n' });
    expect(stderr.split('\n')).toEqual([
      `${FILE}:5:15: warning: expected a shared profile priced for two models or more, found only hailuo/02-text-to-video-standard uses it; inline its price`,
      `${FILE}:6:15: warning: expected a shared profile priced for two models or more, found no model uses it`,
      `${FILE}:11:16: expected only text-to-video, as the id "hailuo/02-text-to-video-standard" says, found text-to-video, image-to-video`,
      `${FILE}:18:80: expected a price that does not decrease as duration grows (≥ 42, the price at 5s), found 21 at 10s`,
      `${FILE}:19:53: warning: expected the row's credits to match the price table (42, 21), found 21, 42`,
      `${FILE}:24:16: warning: expected credits per second within 8× of the family's median (3.20/s), found 220.00/s, 68.8× above`,
      `${FILE}:25:53: warning: expected the row's credits to match the price table (1100, 2200), found 11, 22`,
      `${FILE}:34:40: expected a price that does not decrease as resolution grows (≥ 32, the price at 10s 720p), found 30 at 10s 1080p`,
      `${FILE}:35:74: expected the reason for assuming durations 5, 10 and 20 s, found a blank reason`,
      `${FILE}:37:53: expected the price list row of sora-2-pro-text-to-video, found a row for "sora-2-text-to-video"`,
      `${FILE}:42:25: warning: expected maxInputImages 0 for a model without an image-to-* mode, found 2`,
      `${FILE}:44:30: warning: expected "Video models" for a model with modes text-to-video, found "Image models"`,
      `${FILE}:45:15: warning: expected a note that agrees with maxInputImages (2), found "inputImageUrls up to 3"`,
      '',
    ]);
  });

  it('fails on warnings only with --strict', async () => {
    const warning = `${WARNINGS}/hailuo.json:5:15: warning: expected a shared profile priced for two models or more, found only hailuo/02-text-to-video-standard uses it; inline its price\n`;
    expect(await cli(['lint', '--rules', WARNINGS])).toEqual({ code: 0, stdout: 'lint: 0 errors, 1 warning\n', stderr: warning });
    expect(await cli(['lint', '--strict', '--rules', WARNINGS])).toEqual({
      code: 1,
      stdout: 'lint: 0 errors, 1 warning\n',
      stderr: warning,
    });
  });

  it('fails on rules that do not validate, with or without --strict', async () => {
    expect((await cli(['lint', '--rules', 'test/fixtures/broken-rules/syntax'])).code).toBe(1);
  });
});

describe('pricing lint --base', () => {
  it('warns when a price already in force changes in place without a correction, and refuses an unknown base', async () => {
    const repo = createRulesRepo();
    repo.edit('50-hailuo.json', (r) => {
      r.profiles['hailuo-02-pro'].credits = [24, 50];
    });
    const { code, stdout, stderr } = await cli(['lint', '--rules', 'rules', '--base', 'HEAD', '--at', '2026-11-24'], repo.dir);
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'lint: 0 errors, 3 warnings\n' });
    expect(stderr.split('\n').filter((line) => line.includes('in place'))).toEqual([
      `${repo.dir}/rules/50-hailuo.json:16:22: warning: expected a new dated version for a price change, or a "correction" saying why the price in force since always was wrong, found 24, 48 changed in place to 24, 50`,
    ]);
    expect((await cli(['lint', '--rules', 'rules', '--base', 'no-such-revision'], repo.dir)).code).toBe(2);
  });
});

describe('the pricing workflow', () => {
  const workflow = parse(readFileSync('.github/workflows/pricing.yml', 'utf8'));
  const steps = workflow.jobs['review-prices'].steps as { run?: string; uses?: string }[];
  const commands = steps.flatMap((s) =>
    (s.run ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );

  it('runs on pull requests that touch rules/ or schemas/', () => {
    expect(workflow.on).toEqual({ pull_request: { paths: ['rules/**', 'schemas/**'] } });
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
  });

  it('installs, validates, lints and diffs against the merge base, calling only the CLI', () => {
    expect(commands.filter((c) => c.includes('pricing'))).toEqual([
      'npx pricing validate',
      'npx pricing lint --base "$merge_base"',
      'npx pricing diff "$merge_base" HEAD --markdown "${usage[@]}" > price-diff.md',
    ]);
    expect(commands).toContain('npm ci');
    expect(commands).toContain('merge_base="$(git merge-base "$BASE_SHA" HEAD)"');
    expect(commands).toContain('cat price-diff.md >> "$GITHUB_STEP_SUMMARY"');
    expect(commands).toContain('if [ -f "$USAGE_SAMPLE" ]; then usage=(--usage "$USAGE_SAMPLE"); fi');
    expect(steps.find((s) => s.run?.includes('pricing diff'))).toMatchObject({
      env: { USAGE_SAMPLE: "${{ vars.PRICING_USAGE_SAMPLE || 'usage/sample.jsonl.gz' }}" },
    });
    expect(commands.at(-1)).toBe('exit "$status"');
  });
});
