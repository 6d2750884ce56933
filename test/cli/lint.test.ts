import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cli } from '../support/run-cli.js';
import { createRulesRepo, type RulesRepo } from '../support/rules-repo.js';

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
  const steps = workflow.jobs['review-prices'].steps as {
    name?: string;
    run?: string;
    uses?: string;
    if?: string;
    env?: object;
    with?: object;
  }[];
  const paths = [
    'rules/**',
    'schemas/**',
    'src/**',
    'package.json',
    'package-lock.json',
    '.github/workflows/pricing.yml',
    '.github/scripts/review-prices.sh',
  ];

  it('runs on pull requests, their labels, and every push to main, for any file that can change a price', () => {
    expect(workflow.on).toEqual({
      pull_request: { types: ['opened', 'synchronize', 'reopened', 'labeled', 'unlabeled'], paths },
      push: { branches: ['main'], paths },
    });
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(steps[0]).toEqual({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
  });

  it('reviews with the script, guardrails on by default, then writes the summary and one pull-request comment', () => {
    const review = steps.find((s) => s.name === 'Review the prices against the base');
    expect(review).toEqual({
      name: 'Review the prices against the base',
      env: {
        EVENT: '${{ github.event_name }}',
        PR_BASE_SHA: '${{ github.event.pull_request.base.sha }}',
        PUSH_BEFORE: '${{ github.event.before }}',
        LABELS: "${{ join(github.event.pull_request.labels.*.name, ',') }}",
        MAX_CHANGE: "${{ vars.PRICING_MAX_CHANGE || '50' }}",
        MAX_REVENUE_CHANGE: "${{ vars.PRICING_MAX_REVENUE_CHANGE || '10' }}",
        USAGE_SAMPLE: "${{ vars.PRICING_USAGE_SAMPLE || 'usage/sample.jsonl.gz' }}",
      },
      run: 'bash .github/scripts/review-prices.sh',
    });
    expect(steps.map((s) => s.run ?? s.uses)).toEqual([
      'actions/checkout@v4',
      'actions/setup-node@v4',
      'npm ci',
      'bash .github/scripts/review-prices.sh',
      'cat price-diff.md >> "$GITHUB_STEP_SUMMARY"',
      'marocchino/sticky-pull-request-comment@v2',
    ]);
    expect(steps.at(-1)).toMatchObject({
      if: "always() && github.event_name == 'pull_request' && hashFiles('price-diff.md') != ''",
      with: { header: 'pricing', path: 'price-diff.md' },
    });
  });
});

describe('the review script of the pricing workflow', () => {
  const SCRIPT = resolve('.github/scripts/review-prices.sh');
  const PRICING = `${process.execPath} ${resolve('dist/cli.js')}`;
  /** A pull request on a copy of the rules: the base branch, then the change on top of it. */
  const pullRequest = (change: (repo: RulesRepo) => void) => {
    const repo = createRulesRepo();
    const base = repo.git('rev-parse', 'HEAD').trim();
    change(repo);
    repo.commit('The change under review');
    return { repo, base };
  };
  const review = (repo: RulesRepo, base: string, env: Record<string, string> = {}) => {
    const run = spawnSync('bash', [SCRIPT], {
      cwd: repo.dir,
      encoding: 'utf8',
      env: { ...process.env, PRICING, EVENT: 'pull_request', PR_BASE_SHA: base, LABELS: '', ...env },
    });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, markdown: readFileSync(join(repo.dir, 'price-diff.md'), 'utf8') };
  };
  /** veo3 rises from 63 to 700 in 2099: a slipped digit, for 70. */
  const typo = (repo: RulesRepo) =>
    repo.edit('60-veo.json', (r) => {
      const veo3 = r.models.find((m: { id: string }) => m.id === 'veo3');
      veo3.prices = [
        { price: veo3.price },
        { from: '2099-01-01', price: { ...veo3.price, credits: 700 }, reason: 'Hypothetical test data: a typo.' },
      ];
      delete veo3.price;
    });

  it('fails a scheduled 10× typo by default, on the lint warning and on the size of the move', () => {
    const { repo, base } = pullRequest(typo);
    const { code, stdout, stderr, markdown } = review(repo, base);
    expect(code).toBe(1);
    expect(stdout).toContain('lint: 0 errors, 1 warning');
    expect(stderr).toContain('warning: expected credits per second within 8×');
    expect(stderr).toContain('pricing: 1 breaking change: veo3 8s raised by 1011.1% (more than 50%)');
    expect(markdown).toContain('**Scheduled from 2099-01-01**: Hypothetical test data: a typo.');
  });

  it('passes the same change with the pricing:large-change label, saying so', () => {
    const { repo, base } = pullRequest(typo);
    const { code, stdout } = review(repo, base, { LABELS: 'prices,pricing:large-change' });
    expect(stdout).toContain('pricing:large-change: lint warnings and the size limits do not fail this change');
    expect(code).toBe(0);
  });

  it('takes the limit from the repository variable, and diffs a push against the commit before it', () => {
    const { repo, base } = pullRequest(typo);
    expect(review(repo, base, { MAX_CHANGE: '2000', LABELS: '' }).stderr).not.toContain('breaking change');
    const push = review(repo, '', { EVENT: 'push', PUSH_BEFORE: base, LABELS: 'pricing:large-change' });
    expect([push.code, push.markdown]).toEqual([0, expect.stringContaining('**1 scheduled change**')]);
  });

  it('fails on a lint warning alone, where the prices do not move', () => {
    const { repo, base } = pullRequest((r) =>
      r.edit('10-gpt-image.json', (rules) => {
        rules.models[0].note = 'inputImageUrls up to 5 switches the request into edit mode automatically.';
      }),
    );
    const { code, stdout, stderr, markdown } = review(repo, base);
    expect({ code, markdown }).toEqual({ code: 1, markdown: '## Price changes\n\n**No price changes.**\n' });
    expect(stdout).toContain('lint: 0 errors, 1 warning');
    expect(stderr).toContain('warning: expected a note that agrees with maxInputImages (4), found "inputImageUrls up to 5"');
  });
});
