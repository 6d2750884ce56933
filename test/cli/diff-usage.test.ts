import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { replayUsage } from '../../src/usage/index.js';
import { madeByFirstTest } from '../support/mutation.js';
import { cli } from '../support/run-cli.js';
import { createRulesRepo } from '../support/rules-repo.js';

const pricer = madeByFirstTest(() => createPricer());
const dir = mkdtempSync(join(tmpdir(), 'pricing-usage-'));

/** The bundled rules, then a commit where veo3 rises from 63 to 70 on 2027-01-01: after every task of the sample (October 2026). */
function veo3RisesIn2027() {
  const repo = createRulesRepo();
  repo.edit('60-veo.json', (r) => {
    const veo3 = r.models.find((m: { id: string }) => m.id === 'veo3');
    veo3.prices = [
      { price: veo3.price },
      { from: '2027-01-01', price: { ...veo3.price, credits: 70 }, reason: 'Hypothetical test data: a rise.' },
    ];
    delete veo3.price;
  });
  repo.commit('veo3 rises in 2027');
  return repo;
}

describe('pricing diff --usage: the revenue impact of a change', () => {
  const usage = join(dir, 'diff-usage.jsonl');
  const task = (id: string, submittedAt: string, request: Record<string, unknown>, creditsUsed: number, status = 1) =>
    JSON.stringify({ taskId: id, submittedAt, request, status, creditsUsed });
  writeFileSync(
    usage,
    [
      task('a', '2026-10-01T00:00:00Z', { model: 'nano-banana-2', resolution: '2K' }, 6),
      task('b', '2026-10-20T00:00:00Z', { model: 'nano-banana-2', resolution: '2K' }, 6),
      task('c', '2026-10-21T00:00:00Z', { model: 'nano-banana-2', resolution: '2K' }, 6, 2),
      task('d', '2026-10-22T00:00:00Z', { model: 'nano-banana-2', resolution: '4K' }, 8),
      task('e', '2026-10-23T00:00:00Z', { model: 'veo3' }, 63),
      task('f', '2026-10-24T00:00:00Z', { model: 'sora-2-text-to-video', duration: 15, resolution: '720p' }, 15),
      'not a record',
    ].join('\n'),
  );

  it('replays the usage under both revisions: a dated rise counts from its date only, and a removed point makes tasks unpriceable', async () => {
    const repo = createRulesRepo();
    repo.edit('20-nano-banana.json', (r) => {
      const model = r.models[1];
      model.prices = [
        { price: { ...model.price, resolutions: ['1K', '2K'], credits: [4, 6] } },
        { from: '2026-10-15', price: { ...model.price, resolutions: ['1K', '2K'], credits: [4, 7] }, reason: 'Hypothetical test data.' },
      ];
      delete model.price;
    });
    repo.commit('Raise nano-banana-2 2K from 2026-10-15 and drop 4K');
    const { code, stdout } = await cli(
      ['diff', 'HEAD~1', 'HEAD', '--usage', usage, '--json', '--allow-history-edits', '--allow-removals', '--at', '2026-11-24'],
      repo.dir,
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout).usage).toEqual({
      tasks: 6,
      refunded: 1,
      malformed: 1,
      // Before: 6 + 6 + 8 + 63 (c is refunded, f refused). After: 6 + 7 + 63 (d's 4K is gone).
      baseCredits: 83,
      headCredits: 76,
      deltaCredits: -7,
      percent: -8.4,
      becameUnpriceable: 1,
      becamePriceable: 0,
      // Its prices in force were rewritten (allowed here), not corrected.
      models: [{ model: 'nano-banana-2', tasks: 3, baseCredits: 20, headCredits: 13, deltaCredits: -7, percent: -35, change: 'rewrite' }],
    });
    const markdown = await cli(
      ['diff', 'HEAD~1', 'HEAD', '--usage', usage, '--markdown', '--allow-history-edits', '--allow-removals', '--at', '2026-11-24'],
      repo.dir,
    );
    expect(markdown.stdout.startsWith('## Revenue impact\n\n**−7 credits (−8.4%) on 6 tasks; 1 task would become unpriceable**\n')).toBe(
      true,
    );
    expect(markdown.stdout).toContain('| `nano-banana-2` | 3 | 20 | 13 | −7 | −35% | rewrite |');
    expect(markdown.stdout.indexOf('## Revenue impact')).toBeLessThan(markdown.stdout.indexOf('## Price changes'));
  });

  it('projects a scheduled change onto the sample as if its tasks were submitted on its date, labelled apart', async () => {
    const repo = veo3RisesIn2027();
    const { code, stdout } = await cli(['diff', 'HEAD~1', 'HEAD', '--usage', usage, '--json', '--at', '2026-11-24'], repo.dir);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    // At the instants the tasks were submitted, nothing moves: the rise is still to come.
    expect([json.usage.deltaCredits, json.usage.at]).toEqual([0, undefined]);
    expect(json.projections).toEqual([
      {
        at: '2027-01-01T00:00:00.000Z',
        tasks: 6,
        refunded: 1,
        malformed: 1,
        // On 2027-01-01 the sample brings 6 + 6 + 8 + 63 before and 6 + 6 + 8 + 70 after.
        baseCredits: 83,
        headCredits: 90,
        deltaCredits: 7,
        percent: 8.4,
        becameUnpriceable: 0,
        becamePriceable: 0,
        models: [{ model: 'veo3', tasks: 1, baseCredits: 63, headCredits: 70, deltaCredits: 7, percent: 11.1, change: 'scheduled' }],
      },
    ]);
    const text = await cli(['diff', 'HEAD~1', 'HEAD', '--usage', usage, '--at', '2026-11-24'], repo.dir);
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      'Revenue impact: ±0 credits (±0%) on 6 tasks (83 → 83 credits)',
      '',
      'Projected revenue impact from 2027-01-01: +7 credits (+8.4%) on 6 tasks (83 → 90 credits)',
      '  veo3                                       63 → 70         +7 (+11.1%) scheduled',
    ]);
  });

  it('labels the revenue a correction moves apart from an undeclared rewrite', async () => {
    const repo = createRulesRepo();
    repo.edit('60-veo.json', (r) => {
      const veo3 = r.models.find((m: { id: string }) => m.id === 'veo3');
      veo3.prices = [{ price: { ...veo3.price, credits: 62 }, correction: 'the list says 62' }];
      delete veo3.price;
    });
    repo.edit('20-nano-banana.json', (r) => {
      r.models[1].price.credits = [4, 7, 8];
    });
    const { code, stdout } = await cli(
      ['diff', 'HEAD', '--usage', usage, '--json', '--allow-history-edits', '--at', '2026-11-24'],
      repo.dir,
    );
    expect(code).toBe(0);
    expect(
      JSON.parse(stdout).usage.models.map((m: { model: string; deltaCredits: number; change: string }) => [
        m.model,
        m.deltaCredits,
        m.change,
      ]),
    ).toEqual([
      ['nano-banana-2', 2, 'rewrite'],
      ['veo3', -1, 'correction'],
    ]);
  });

  it('fails --max-revenue-change when the revenue moves past it, now or projected, and needs --usage', async () => {
    const repo = veo3RisesIn2027();
    const run = (max: string) =>
      cli(['diff', 'HEAD~1', 'HEAD', '--usage', usage, '--max-revenue-change', max, '--at', '2026-11-24'], repo.dir);
    // +7 on 83 is +8.43%: past 8.4, within 8.5.
    expect((await run('8.5')).code).toBe(0);
    const failed = await run('8.4');
    expect({ code: failed.code, stderr: failed.stderr }).toEqual({
      code: 1,
      stderr: 'pricing: 1 breaking change: revenue from 2027-01-01 moves by +7 credits (+8.4%, more than 8.4%)\n',
    });
    expect((await cli(['diff', 'HEAD~1', 'HEAD', '--max-revenue-change', '5'], repo.dir)).stderr).toBe(
      'pricing: --max-revenue-change needs --usage FILE\nSee "pricing diff --help".\n',
    );
  });

  it('replays usage in the library with the same answer', async () => {
    const impact = await replayUsage(pricer(), pricer(), readFileSync(usage, 'utf8').split('\n'));
    expect([impact.baseCredits, impact.headCredits, impact.deltaCredits, impact.percent, impact.models]).toEqual([83, 83, 0, 0, []]);
  });

  it('exits 1 when the usage log cannot be read', async () => {
    const repo = createRulesRepo();
    expect(await cli(['diff', 'HEAD', '--rules', 'rules', '--usage', 'missing.jsonl'], repo.dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: `pricing: ${join(repo.dir, 'missing.jsonl')}: expected a usage log file, found nothing there\n`,
    });
  });
});
