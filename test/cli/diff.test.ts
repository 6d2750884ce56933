import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/run-cli.js';
import { createRulesRepo, type RulesRepo } from '../support/rules-repo.js';

const moved = (file: string, to: string) => ({ from: file, to });

describe('pricing diff between git revisions', () => {
  let repo: RulesRepo;

  beforeAll(() => {
    repo = createRulesRepo();
    // Second commit: the shared Sora 2 profile is repriced (two models move), the veo file is
    // renamed, a Kling model moves to another file, a limit is raised and an assumption dropped.
    repo.edit('40-sora-2.json', (r) => {
      r.profiles['sora-2'].credits = [
        [4, 10, 20],
        [8, 16, 30],
      ];
    });
    repo.rename('60-veo.json', '65-veo.json');
    let kling: unknown;
    repo.edit('30-kling.json', (r) => {
      kling = r.models.splice(1, 1)[0];
    });
    repo.edit('50-hailuo.json', (r) => {
      r.models.push(kling);
    });
    repo.edit('10-gpt-image.json', (r) => {
      r.models[0].maxInputImages = 6;
      r.models[0].note = 'inputImageUrls up to 6 switches the request into edit mode automatically.';
    });
    repo.edit('70-wan.json', (r) => {
      delete r.profiles['wan-2-6'].assumptions;
    });
    repo.commit('Reprice Sora 2, rename the veo file, move kling/v2-1-pro');
    // Third commit: a model and a price point are removed.
    repo.edit('65-veo.json', (r) => {
      r.models = r.models.filter((m: { id: string }) => m.id !== 'veo3_lite');
    });
    repo.edit('40-sora-2.json', (r) => {
      const pro = r.models.find((m: { id: string }) => m.id === 'sora-2-pro-text-to-video');
      pro.price.durations = [5, 10];
      pro.price.credits = [
        [16, 32],
        [24, 48],
      ];
    });
    repo.commit('Drop veo3_lite and 20 s of sora-2-pro');
  });

  const soraPoints = [
    { change: 'lowered', duration: 5, resolution: '720p', old: 5, new: 4, delta: -1, percent: -20 },
    { change: 'raised', duration: 10, resolution: '1080p', old: 15, new: 16, delta: 1, percent: 6.7 },
  ];

  it('reports every moved price as JSON; a shared profile moves both its models; moves and renames are not removals', async () => {
    const { code, stdout, stderr } = await cli(['diff', 'HEAD~2', 'HEAD~1', '--json', '--allow-history-edits'], repo.dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({
      summary: {
        raised: 2,
        lowered: 2,
        added: 0,
        removed: 0,
        modelsAdded: 0,
        modelsRemoved: 0,
        scheduled: 0,
        historyEdits: 2,
        corrections: 0,
      },
      models: [
        { model: 'gpt-image-2', status: 'changed', maxInputImages: { from: 4, to: 6 }, points: [] },
        { model: 'sora-2-text-to-video', status: 'changed', points: soraPoints, history: [{ from: null, points: soraPoints }] },
        { model: 'sora-2-image-to-video', status: 'changed', points: soraPoints, history: [{ from: null, points: soraPoints }] },
        { model: 'kling/v2-1-pro', status: 'changed', moved: moved('30-kling.json', '50-hailuo.json'), points: [] },
        { model: 'veo3_fast', status: 'changed', moved: moved('60-veo.json', '65-veo.json'), points: [] },
        { model: 'veo3', status: 'changed', moved: moved('60-veo.json', '65-veo.json'), points: [] },
        { model: 'veo3_lite', status: 'changed', moved: moved('60-veo.json', '65-veo.json'), points: [] },
        {
          model: 'wan/2-6-text-to-video',
          status: 'changed',
          assumptions: { added: [], removed: ['durations 5, 10 and 15 s'] },
          points: [],
        },
        {
          model: 'wan/2-6-image-to-video',
          status: 'changed',
          assumptions: { added: [], removed: ['durations 5, 10 and 15 s'] },
          points: [],
        },
      ],
      breaking: [],
    });
  });

  it('prints the same as a Markdown table grouped by model, with a one-line summary', async () => {
    const { code, stdout } = await cli(['diff', 'HEAD~2', 'HEAD~1', '--markdown', '--allow-history-edits'], repo.dir);
    expect(code).toBe(0);
    const table = [
      '| Change | Point | Old | New | Δ | Δ % |',
      '|---|---|--:|--:|--:|--:|',
      '| lowered | 5s 720p | 5 | 4 | −1 | −20% |',
      '| raised | 10s 1080p | 15 | 16 | +1 | +6.7% |',
      '',
    ];
    // A change to the prices in force is a rewrite of the prices since always: listed once, there.
    const soraTable = ['**History rewritten since always**', '', ...table];
    expect(stdout).toBe(
      [
        '## Price changes',
        '',
        '**2 prices raised, 2 lowered; 2 rewrites of prices already in force**',
        '',
        '### `gpt-image-2`',
        '',
        '- Input-image limit: 4 → 6.',
        '',
        '### `sora-2-text-to-video`',
        '',
        ...soraTable,
        '### `sora-2-image-to-video`',
        '',
        ...soraTable,
        '### `kling/v2-1-pro`',
        '',
        '- Moved from `30-kling.json` to `50-hailuo.json`.',
        '',
        '### `veo3_fast`',
        '',
        '- Moved from `60-veo.json` to `65-veo.json`.',
        '',
        '### `veo3`',
        '',
        '- Moved from `60-veo.json` to `65-veo.json`.',
        '',
        '### `veo3_lite`',
        '',
        '- Moved from `60-veo.json` to `65-veo.json`.',
        '',
        '### `wan/2-6-text-to-video`',
        '',
        '- Assumptions: − durations 5, 10 and 15 s.',
        '',
        '### `wan/2-6-image-to-video`',
        '',
        '- Assumptions: − durations 5, 10 and 15 s.',
        '',
      ].join('\n'),
    );
  });

  it('fails with exit 1 and names what was removed', async () => {
    const { code, stdout, stderr } = await cli(['diff', 'HEAD~1', 'HEAD', '--json'], repo.dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'pricing: 2 breaking changes: sora-2-pro-text-to-video history rewritten since always: 20s 720p 64 → not priced, 20s 1080p 96 → not priced; veo3_lite model removed\n',
    );
    const diff = JSON.parse(stdout);
    expect(diff.summary).toEqual({
      raised: 0,
      lowered: 0,
      added: 0,
      removed: 3,
      modelsAdded: 0,
      modelsRemoved: 1,
      scheduled: 0,
      historyEdits: 1,
      corrections: 0,
    });
    const removed = [
      { change: 'removed', duration: 20, resolution: '720p', old: 64 },
      { change: 'removed', duration: 20, resolution: '1080p', old: 96 },
    ];
    expect(diff.models).toEqual([
      // Removed from the price in force since always: tasks already charged at it would no longer reprice.
      { model: 'sora-2-pro-text-to-video', status: 'changed', points: removed, history: [{ from: null, points: removed }] },
      { model: 'veo3_lite', status: 'removed', points: [{ change: 'removed', duration: 8, old: 5 }] },
    ]);
    expect(diff.breaking).toEqual([
      {
        model: 'sora-2-pro-text-to-video',
        kind: 'rewrite',
        reason: 'history rewritten since always: 20s 720p 64 → not priced, 20s 1080p 96 → not priced',
      },
      { model: 'veo3_lite', kind: 'removal', reason: 'model removed' },
    ]);
  });

  it('lists removals and rewrites in the Markdown, each kind after what it means; --allow-removals lets only removals through', async () => {
    const markdown = await cli(['diff', 'HEAD~1', 'HEAD', '--markdown'], repo.dir);
    expect(markdown.stdout).toContain('**3 prices removed (1 model removed); 1 rewrite of prices already in force**');
    expect(markdown.stdout).toContain('- Model removed: requests for it will be refused.');
    expect(markdown.stdout).toContain(
      [
        '### Breaking changes',
        '',
        'These rewrite prices already in force: tasks already charged would reprice differently, or not at all. A price change is a new dated version; a price that was wrong says why in a "correction" on its version:',
        '',
        '- `sora-2-pro-text-to-video`: history rewritten since always: 20s 720p 64 → not priced, 20s 1080p 96 → not priced',
        '',
        'Billing code may still send these requests; the change fails unless they are intended:',
        '',
        '- `veo3_lite`: model removed',
        '',
      ].join('\n'),
    );
    const allowed = await cli(['diff', 'HEAD~1', 'HEAD', '--allow-removals'], repo.dir);
    expect({ code: allowed.code, stderr: allowed.stderr }).toEqual({
      code: 1,
      stderr:
        'pricing: 1 breaking change: sora-2-pro-text-to-video history rewritten since always: 20s 720p 64 → not priced, 20s 1080p 96 → not priced\n',
    });
    expect((await cli(['diff', 'HEAD~1', 'HEAD', '--allow-removals', '--allow-history-edits'], repo.dir)).code).toBe(0);
  });

  it('turns moves larger than --max-change into failures', async () => {
    const { code, stderr } = await cli(['diff', 'HEAD~2', 'HEAD~1', '--max-change', '10', '--allow-history-edits'], repo.dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'pricing: 2 breaking changes: sora-2-text-to-video 5s 720p lowered by 20% (more than 10%); sora-2-image-to-video 5s 720p lowered by 20% (more than 10%)\n',
    );
    expect((await cli(['diff', 'HEAD~2', 'HEAD~1', '--max-change', '20', '--allow-history-edits'], repo.dir)).code).toBe(0);
  });

  it('compares with the working tree when no head is given', async () => {
    repo.edit('20-nano-banana.json', (r) => {
      r.models[1].price.credits = [4, 7, 8];
    });
    try {
      const { code, stdout } = await cli(['diff', 'HEAD', '--allow-history-edits'], repo.dir);
      expect(code).toBe(0);
      expect(stdout).toBe(
        '1 price raised; 1 rewrite of prices already in force\n\nnano-banana-2\n  History rewritten since always:\n    raised   2K         6 → 7 (+1, +16.7%)\n',
      );
    } finally {
      repo.git('checkout', '--', 'rules');
    }
  });

  it('refuses an unknown revision with exit 2 and no stack trace', async () => {
    expect(await cli(['diff', 'no-such-branch'], repo.dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: "no-such-branch" is not a git revision\nSee "pricing diff --help".\n',
    });
    expect((await cli(['diff', 'HEAD', '--json', '--markdown'], repo.dir)).code).toBe(2);
    expect((await cli(['diff', 'HEAD', '--max-change', 'lots'], repo.dir)).code).toBe(2);
  });

  it('reports an unreadable rule file in a revision at its revision, file, line and column', async () => {
    repo.edit('10-gpt-image.json', (r) => {
      r.models[0].price.credits = 'three';
    });
    repo.commit('Break gpt-image-2');
    const { code, stderr } = await cli(['diff', 'HEAD~1', 'HEAD'], repo.dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'HEAD:rules/10-gpt-image.json:14:20: expected an integer (A whole, positive number of credits), found "three"\npricing: invalid rules: 1 error, 0 warnings\n',
    );
    repo.git('reset', '-q', '--hard', 'HEAD~1');
  });
});

describe('pricing diff between directories', () => {
  it('compares two rule directories, given with --base-dir and --head-dir', async () => {
    const base = mkdtempSync(join(tmpdir(), 'pricing-base-'));
    const head = createRulesRepo();
    cpSync('rules', base, { recursive: true });
    head.edit('80-seedance.json', (r) => {
      r.models[0].modes = ['text-to-video'];
    });
    const { code, stdout, stderr } = await cli(['diff', '--base-dir', base, '--head-dir', join(head.dir, 'rules'), '--json']);
    expect(code).toBe(1);
    expect(stderr).toBe('pricing: 1 breaking change: bytedance/seedance-1.5-pro mode image-to-video removed\n');
    expect(JSON.parse(stdout).models).toEqual([
      { model: 'bytedance/seedance-1.5-pro', status: 'changed', modes: { added: [], removed: ['image-to-video'] }, points: [] },
    ]);
  });
});

describe('pricing diff reads revisions only from git', () => {
  /** A pull request that forges its base: a folder named like the base revision, holding the edited rules. */
  const forged = (name: (repo: RulesRepo) => string) => {
    const repo = createRulesRepo();
    const base = name(repo);
    repo.edit('60-veo.json', (r) => {
      r.models.find((m: { id: string }) => m.id === 'veo3').price.credits = 6;
    });
    cpSync(join(repo.dir, 'rules'), join(repo.dir, base, 'rules'), { recursive: true });
    cpSync(join(repo.dir, 'rules'), join(repo.dir, base), { recursive: true });
    repo.commit('Lower veo3, and a folder named like the base');
    return { repo, base };
  };

  it.each([
    ['the base commit id', (repo: RulesRepo) => repo.git('rev-parse', 'HEAD').trim()],
    [
      'a branch name',
      (repo: RulesRepo) => {
        repo.git('branch', 'release');
        return 'release';
      },
    ],
  ])('sees the change when the tree holds a folder named like the base (%s)', async (_name, name) => {
    const { repo, base } = forged(name);
    const { code, stdout, stderr } = await cli(['diff', base, 'HEAD', '--at', '2026-11-24'], repo.dir);
    expect(code).toBe(1);
    expect(stdout).toContain('veo3');
    expect(stderr).toBe('pricing: 1 breaking change: veo3 history rewritten since always: 8s 63 → 6\n');
    const lint = await cli(['lint', '--rules', 'rules', '--base', base, '--at', '2026-11-24'], repo.dir);
    expect(lint.stderr).toContain('found 63 changed in place to 6');
  });

  it('refuses a directory given as a revision, and says how to give one', async () => {
    const repo = createRulesRepo();
    expect(await cli(['diff', 'rules'], repo.dir)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pricing: "rules" is not a git revision (a directory of rules is given with --base-dir or --head-dir)\nSee "pricing diff --help".\n',
    });
    expect((await cli(['diff', 'HEAD', 'HEAD', '--head-dir', 'rules'], repo.dir)).stderr).toBe(
      'pricing: choose one of <head> and --head-dir\nSee "pricing diff --help".\n',
    );
    expect((await cli(['lint', '--base', 'HEAD', '--base-dir', 'rules'], repo.dir)).code).toBe(2);
  });
});

describe('pricing diff of prices removed from the past', () => {
  /** kling/v2-1-standard at 11/22 since always and 12/24 from 2026-10-01, committed; then `change` in the working tree. */
  const removed = (change: (versions: { from?: string; price: { credits: number[]; durations: number[] } }[]) => void) => {
    const repo = createRulesRepo();
    const versions = [
      { price: { kind: 'per-duration', durations: [5, 10], credits: [11, 22] } },
      { from: '2026-10-01', price: { kind: 'per-duration', durations: [5, 10], credits: [12, 24] }, reason: 'Hypothetical test data.' },
    ];
    const write = () =>
      repo.edit('30-kling.json', (r) => {
        r.models[0].prices = versions;
        delete r.models[0].price;
      });
    write();
    repo.commit('Dated kling prices');
    change(versions);
    repo.edit('30-kling.json', (r) => {
      r.models[0].prices = versions;
    });
    return cli(['diff', 'HEAD', '--at', '2026-11-24'], repo.dir);
  };

  it('exits 1 when a version once in force is removed', async () => {
    const { code, stderr } = await removed((versions) => versions.shift());
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: 'pricing: 1 breaking change: kling/v2-1-standard history rewritten since always: 5s 11 → not priced, 10s 22 → not priced\n',
    });
  });

  it('exits 1 when a point of a version no longer in force is removed', async () => {
    const { code, stderr } = await removed((versions) => {
      versions[0] = { price: { ...versions[0]!.price, durations: [5], credits: [11] } };
    });
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: 'pricing: 1 breaking change: kling/v2-1-standard history rewritten since always: 10s 22 → not priced\n',
    });
  });
});

describe('pricing diff of a correction', () => {
  /** veo3's price in force since always, corrected in place; veo3_fast's changed too, without a correction when `undeclared`. */
  const corrected = (undeclared: boolean) => {
    const repo = createRulesRepo();
    repo.edit('60-veo.json', (r) => {
      const veo3 = r.models.find((m: { id: string }) => m.id === 'veo3');
      veo3.prices = [{ price: { ...veo3.price, credits: 62 }, correction: 'the list says 62: 63 was mistyped' }];
      delete veo3.price;
      if (undeclared) r.models.find((m: { id: string }) => m.id === 'veo3_fast').price.credits = 10;
    });
    return repo;
  };

  it('passes a correction with its reason, and shows the reason once, beside the prices it corrects', async () => {
    const repo = corrected(false);
    expect(await cli(['diff', 'HEAD', '--at', '2026-11-24'], repo.dir)).toEqual({
      code: 0,
      stdout: [
        '1 price lowered; 1 correction',
        '',
        'veo3',
        '  Corrected since always: the list says 62: 63 was mistyped',
        '    lowered  8s         63 → 62 (−1, −1.6%)',
        '',
      ].join('\n'),
      stderr: '',
    });
    const lint = await cli(['lint', '--rules', 'rules', '--base', 'HEAD', '--at', '2026-11-24'], repo.dir);
    expect(lint.stderr).not.toContain('in place');
  });

  it('still fails on a second rewrite in the same change that no correction declares', async () => {
    const { code, stderr } = await cli(['diff', 'HEAD', '--at', '2026-11-24'], corrected(true).dir);
    expect({ code, stderr }).toEqual({
      code: 1,
      stderr: 'pricing: 1 breaking change: veo3_fast history rewritten since always: 8s 9 → 10\n',
    });
  });
});

describe('pricing diff against a revision from before the rules', () => {
  it('shows every model as added', async () => {
    const repo = createRulesRepo();
    const withRules = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '--orphan', 'before-rules');
    repo.git('rm', '-rq', '--cached', 'rules');
    repo.git('commit', '-q', '--allow-empty', '-m', 'Before the rules');
    const { code, stdout } = await cli(['diff', 'before-rules', withRules, '--json'], repo.dir);
    expect(code).toBe(0);
    const diff = JSON.parse(stdout);
    expect(diff.summary).toEqual({
      raised: 0,
      lowered: 0,
      added: 58,
      removed: 0,
      modelsAdded: 20,
      modelsRemoved: 0,
      scheduled: 0,
      historyEdits: 0,
      corrections: 0,
    });
    expect(diff.models[0]).toEqual({ model: 'gpt-image-2', status: 'added', points: [{ change: 'added', new: 3 }] });
  });
});

describe('pricing diff of dated versions', () => {
  let repo: RulesRepo;
  const NOW = '2026-11-24T12:00:00Z';
  const datedRise = (r: any, from: string) => {
    r.models[0].prices = [
      { price: r.models[0].price },
      { from, price: { kind: 'per-duration', durations: [5, 10], credits: [12, 24] }, reason: 'Hypothetical test data: a rise on a date.' },
    ];
    delete r.models[0].price;
  };

  beforeAll(() => {
    repo = createRulesRepo();
    repo.edit('30-kling.json', (r) => datedRise(r, '2027-01-01'));
    repo.commit('Schedule a Kling rise for 2027-01-01');
    repo.edit('30-kling.json', (r) => (r.models[0].prices[1].from = '2026-10-01'));
    repo.commit('Move the rise into the past');
  });

  it('shows a newly added future version as a scheduled change with its date, and passes', async () => {
    const { code, stdout, stderr } = await cli(['diff', 'HEAD~2', 'HEAD~1', '--json', '--at', NOW], repo.dir);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    const diff = JSON.parse(stdout);
    expect(diff.summary).toEqual({
      raised: 0,
      lowered: 0,
      added: 0,
      removed: 0,
      modelsAdded: 0,
      modelsRemoved: 0,
      scheduled: 1,
      historyEdits: 0,
      corrections: 0,
    });
    expect(diff.models).toEqual([
      {
        model: 'kling/v2-1-standard',
        status: 'changed',
        points: [],
        scheduled: [
          {
            from: '2027-01-01T00:00:00.000Z',
            change: 'scheduled',
            points: [
              { change: 'raised', duration: 5, old: 11, new: 12, delta: 1, percent: 9.1 },
              { change: 'raised', duration: 10, old: 22, new: 24, delta: 2, percent: 9.1 },
            ],
            reason: 'Hypothetical test data: a rise on a date.',
          },
        ],
      },
    ]);
    const markdown = await cli(['diff', 'HEAD~2', 'HEAD~1', '--markdown', '--at', NOW], repo.dir);
    expect(markdown.stdout).toBe(
      [
        '## Price changes',
        '',
        '**1 scheduled change**',
        '',
        '### `kling/v2-1-standard`',
        '',
        '**Scheduled from 2027-01-01**: Hypothetical test data: a rise on a date.',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '| raised | 5s | 11 | 12 | +1 | +9.1% |',
        '| raised | 10s | 22 | 24 | +2 | +9.1% |',
        '',
      ].join('\n'),
    );
  });

  it('fails on a version whose from moves into the past: a rewrite of history', async () => {
    const { code, stdout, stderr } = await cli(['diff', 'HEAD~1', 'HEAD', '--json', '--at', NOW], repo.dir);
    expect(code).toBe(1);
    expect(stderr).toBe('pricing: 1 breaking change: kling/v2-1-standard history rewritten from 2026-10-01: 5s 11 → 12, 10s 22 → 24\n');
    const model = JSON.parse(stdout).models[0];
    expect(model.history).toEqual([
      {
        from: '2026-10-01T00:00:00.000Z',
        points: [
          { change: 'raised', duration: 5, old: 11, new: 12, delta: 1, percent: 9.1 },
          { change: 'raised', duration: 10, old: 22, new: 24, delta: 2, percent: 9.1 },
        ],
      },
    ]);
    expect(model.scheduled).toEqual([
      {
        from: '2027-01-01T00:00:00.000Z',
        change: 'cancelled',
        points: model.history[0].points,
        reason: 'Hypothetical test data: a rise on a date.',
      },
    ]);
    expect((await cli(['diff', 'HEAD~1', 'HEAD', '--at', NOW, '--allow-history-edits'], repo.dir)).code).toBe(0);
  });

  it('reads the same change as scheduled before its date and as history after it', async () => {
    expect((await cli(['diff', 'HEAD~2', 'HEAD~1', '--at', '2026-12-31T23:59:59.999Z'], repo.dir)).code).toBe(0);
    const after = await cli(['diff', 'HEAD~2', 'HEAD~1', '--at', '2027-01-01'], repo.dir);
    expect(after.code).toBe(1);
    expect(after.stderr).toBe(
      'pricing: 1 breaking change: kling/v2-1-standard history rewritten from 2027-01-01: 5s 11 → 12, 10s 22 → 24\n',
    );
  });

  it('fails --max-change on a scheduled version too, compared unrounded', async () => {
    const { code, stderr } = await cli(['diff', 'HEAD~2', 'HEAD~1', '--at', NOW, '--max-change', '9.09'], repo.dir);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'pricing: 2 breaking changes: kling/v2-1-standard 5s raised by 9.1% (more than 9.09%); kling/v2-1-standard 10s raised by 9.1% (more than 9.09%)\n',
    );
    expect((await cli(['diff', 'HEAD~2', 'HEAD~1', '--at', NOW, '--max-change', '9.1'], repo.dir)).code).toBe(0);
  });
});

describe('pricing diff lets no change slip past review', () => {
  it('reads rule files whose names git quotes (non-ASCII, a tab), and fails on their changes', async () => {
    const repo = createRulesRepo();
    for (const name of ['90-modèle.json', '91-tab\there.json']) {
      repo.edit('60-veo.json', () => undefined);
      const veo = JSON.parse(readFileSync(join(repo.dir, 'rules', '60-veo.json'), 'utf8'));
      const id = name.startsWith('90') ? 'veo9' : 'veo10';
      veo.models = [{ ...veo.models[1], id, source: { ...veo.models[1].source, row: veo.models[1].source.row.replace('veo3', id) } }];
      writeFileSync(join(repo.dir, 'rules', name), JSON.stringify(veo, null, 2));
    }
    repo.commit('Add two models in files with quoted names');
    repo.edit('90-modèle.json', (r) => (r.models[0].price.credits = 6300));
    rmSync(join(repo.dir, 'rules', '91-tab\there.json'));
    repo.commit('Raise one 100x, remove the other');
    const { code, stdout, stderr } = await cli(['diff', 'HEAD~1', 'HEAD', '--json', '--allow-history-edits'], repo.dir);
    expect(code).toBe(1);
    expect(stderr).toBe('pricing: 1 breaking change: veo10 model removed\n');
    const diff = JSON.parse(stdout);
    expect(diff.models.map((m: { model: string; status: string }) => [m.model, m.status])).toEqual([
      ['veo9', 'changed'],
      ['veo10', 'removed'],
    ]);
    expect(diff.models[0].points).toEqual([{ change: 'raised', duration: 8, old: 63, new: 6300, delta: 6237, percent: 9900 }]);
  });

  it('refuses a --rules path neither revision has, a malformed revision and a path outside the repository, as usage errors', async () => {
    const repo = createRulesRepo();
    expect(await cli(['diff', 'HEAD', 'HEAD', '--rules', 'rulez'], repo.dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: --rules "rulez": neither revision has rule files there\nSee "pricing diff --help".\n',
    });
    expect(await cli(['diff', '^HEAD', 'HEAD'], repo.dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: "^HEAD" is not a git revision (not a single commit)\nSee "pricing diff --help".\n',
    });
    const outside = await cli(['diff', 'HEAD', 'HEAD', '--rules', '../elsewhere'], repo.dir);
    expect(outside.code).toBe(2);
    // git's own words, its first line only, without its "fatal: " prefix.
    expect(outside.stderr).toMatch(
      /^pricing: cannot read "\.\.\/elsewhere" in HEAD: \.\.\/elsewhere\/: '\.\.\/elsewhere\/' is outside repository at '[^\n']+'\nSee "pricing diff --help"\.\n$/,
    );
  });

  it('fails --max-change on the unrounded change: +10.04% is more than 10%', async () => {
    const base = mkdtempSync(join(tmpdir(), 'pricing-max-'));
    const head = mkdtempSync(join(tmpdir(), 'pricing-max-'));
    cpSync('rules', base, { recursive: true });
    cpSync('rules', head, { recursive: true });
    const file = join(head, '30-kling.json');
    const kling = JSON.parse(readFileSync(file, 'utf8'));
    // 249 → 274 is +10.04%, shown rounded as +10%.
    const edited = JSON.parse(readFileSync(join(base, '30-kling.json'), 'utf8'));
    edited.models[0].price.credits = [249, 249];
    writeFileSync(join(base, '30-kling.json'), JSON.stringify(edited, null, 2));
    kling.models[0].price.credits = [274, 274];
    writeFileSync(file, JSON.stringify(kling, null, 2));
    const { code, stderr } = await cli(['diff', '--base-dir', base, '--head-dir', head, '--max-change', '10', '--allow-history-edits']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'pricing: 2 breaking changes: kling/v2-1-standard 5s raised by 10% (more than 10%); kling/v2-1-standard 10s raised by 10% (more than 10%)\n',
    );
  });
});
