import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../src/index.js';
import {
  emptyCounts,
  generateUsage,
  lineBatches,
  MAX_LINE_BYTES,
  reconcileLines,
  reconcileRecord,
  replayUsage,
  type ReconcileSummary,
} from '../src/usage/index.js';
import { runCli } from '../src/cli/run-cli.js';
import { madeByFirstTest } from './support/mutation.js';
import { cli } from './support/run-cli.js';
import { createRulesRepo } from './support/rules-repo.js';

const pricer = madeByFirstTest(() => createPricer());
const dir = mkdtempSync(join(tmpdir(), 'pricing-usage-'));
const record = (fields: Record<string, unknown>) =>
  JSON.stringify({ taskId: 't', submittedAt: '2026-11-01T12:00:00Z', status: 1, ...fields });

/** Runs the CLI with standard input and a stderr that says whether it is a terminal. */
async function cliWith(argv: readonly string[], stdin: string, isTTY = false) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY },
    cwd: process.cwd(),
    stdin: Readable.from([Buffer.from(stdin)]),
  });
  return { code, stdout, stderr };
}

describe('reconcileRecord', () => {
  it('matches a charge equal to the quote at submittedAt', () => {
    expect(
      reconcileRecord(
        pricer(),
        JSON.parse(
          record({ taskId: 'a', request: { model: 'sora-2-text-to-video', duration: '10s', resolution: '1080P' }, creditsUsed: 15 }),
        ),
      ),
    ).toEqual({
      outcome: 'match',
      taskId: 'a',
      model: 'sora-2-text-to-video',
      point: '10s 1080p',
      credits: 15,
      refunded: false,
    });
  });

  it('reports drift with the quote and the charge, and refunds by status 2 or creditsRefunded', () => {
    expect(
      reconcileRecord(pricer(), {
        taskId: 'b',
        submittedAt: '2026-11-01T12:00:00Z',
        request: { model: 'veo3' },
        status: 2,
        creditsUsed: 60,
      }),
    ).toEqual({
      outcome: 'drift',
      taskId: 'b',
      model: 'veo3',
      point: '8s',
      quoted: 63,
      charged: 60,
      refunded: true,
    });
    expect(
      reconcileRecord(pricer(), {
        taskId: 'c',
        submittedAt: '2026-11-01T12:00:00Z',
        request: { model: 'veo3' },
        status: 1,
        creditsUsed: 63,
        creditsRefunded: true,
      }),
    ).toMatchObject({ outcome: 'match', refunded: true });
  });

  it('keeps the PricingError code of a refused request', () => {
    expect(
      reconcileRecord(
        pricer(),
        JSON.parse(record({ request: { model: 'sora-2-text-to-video', duration: 15, resolution: '1080p' }, creditsUsed: 22 })),
      ),
    ).toEqual({
      outcome: 'unpriceable',
      taskId: 't',
      model: 'sora-2-text-to-video',
      code: 'UNSUPPORTED_VALUE',
      parameter: 'duration',
      message: 'sora-2-text-to-video: duration 15s is not priced; allowed: 5s, 10s, 20s',
      charged: 22,
      refunded: false,
    });
  });

  it('reprices at the version in force when the task was submitted', () => {
    const dated = createPricer('test/fixtures/dated-rules');
    const at = (submittedAt: string) =>
      reconcileRecord(dated, {
        taskId: 'd',
        submittedAt,
        request: { model: 'kling/v2-1-standard', duration: 10 },
        status: 1,
        creditsUsed: 22,
      });
    expect(at('2026-12-31T23:59:59.999Z')).toMatchObject({ outcome: 'match', credits: 22 });
    expect(at('2027-01-01T00:00:00Z')).toMatchObject({ outcome: 'drift', quoted: 24, charged: 22 });
  });

  it.each([
    [[1, 2], 'line', 'expected a JSON object (a usage record), found an array'],
    [
      { submittedAt: '2026-11-01T12:00:00Z', request: {}, status: 1, creditsUsed: 1 },
      'taskId',
      'expected a non-empty string, found nothing',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-31T12:00:00Z', request: {}, status: 1, creditsUsed: 1 },
      'submittedAt',
      'expected an ISO 8601 instant (2026-11-01T12:00:00Z), found "2026-11-31T12:00:00Z"',
    ],
    [
      { taskId: 't', submittedAt: 1_700_000_000_000, request: {}, status: 1, creditsUsed: 1 },
      'submittedAt',
      'expected an ISO 8601 instant (2026-11-01T12:00:00Z), found 1700000000000',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: null, status: 1, creditsUsed: 1 },
      'request',
      'expected the request body, an object, found null',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: {}, status: '1', creditsUsed: 1 },
      'status',
      'expected 0 (pending), 1 (completed) or 2 (failed), found "1"',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: {}, status: 1, creditsUsed: 1.5 },
      'creditsUsed',
      'expected a whole number of credits ≥ 0, found 1.5',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: {}, status: 1, creditsUsed: 1, creditsRefunded: 'yes' },
      'creditsRefunded',
      'expected true or false when present, found "yes"',
    ],
  ])('says which field of a malformed record is wrong: %j', (value, field, reason) => {
    expect(reconcileRecord(pricer(), value)).toEqual({ outcome: 'malformed', field, reason });
  });
});

describe('a hand-built usage log', () => {
  const lines = [
    record({ taskId: 'matched', request: { model: 'nano-banana-2', resolution: '2k', prompt: 'p' }, creditsUsed: 6 }),
    record({ taskId: 'drifted', request: { model: 'kling/v2-1-pro', duration: 10 }, creditsUsed: 40 }),
    record({ taskId: 'refunded', request: { model: 'veo3' }, status: 2, creditsUsed: 63, creditsRefunded: true }),
    record({ taskId: 'refused', request: { model: 'nano-banana-pro', resolution: '1K' }, creditsUsed: 12 }),
    '{"taskId": "broken", "submittedAt": ',
  ];
  const file = join(dir, 'hand-built.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const expected = (): ReconcileSummary => ({
    rulesVersion: pricer().version,
    lines: 5,
    match: 2,
    drift: 1,
    unpriceable: 1,
    malformed: 1,
    refunded: 1,
    quotedCredits: 6 + 42 + 63,
    chargedCredits: 6 + 40 + 63 + 12,
    refundedCredits: 63,
    netCredits: 6 + 40 + 12,
    unpriceableByCode: { UNSUPPORTED_VALUE: 1 },
    driftGroups: [{ model: 'kling/v2-1-pro', point: '10s', quoted: 42, charged: 40, count: 1 }],
    malformedLines: [{ line: 5, field: 'line', reason: 'expected a JSON object, found text that is not JSON' }],
  });

  it('reports each line as what it is, with exact credit totals (--json)', async () => {
    const { code, stdout, stderr } = await cli(['reconcile', file, '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(expected());
  });

  it('prints a summary a person reads at a glance', async () => {
    const { stdout } = await cli(['reconcile', file]);
    expect(stdout).toBe(
      [
        `Reconciled 5 lines of ${file} against rules ${pricer().version}:`,
        '  match                   2',
        '  drift                   1',
        '  unpriceable             1  (UNSUPPORTED_VALUE 1)',
        '  malformed               1',
        '  refunded                1',
        'Credits: quoted 111, charged 121, refunded 63, net 58',
        '',
        'Drift by model and price point, most tasks first:',
        '  MODEL           POINT  QUOTED  CHARGED  TASKS',
        '  kling/v2-1-pro  10s        42       40      1',
        '',
        'Malformed lines:',
        '  line 5: line: expected a JSON object, found text that is not JSON',
        '',
      ].join('\n'),
    );
  });

  it('writes one outcome per input line with --out, malformed ones included', async () => {
    const out = join(dir, 'outcomes.jsonl');
    expect((await cli(['reconcile', file, '--out', out, '--json'])).code).toBe(0);
    const outcomes = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(outcomes.map((o) => [o.line, o.outcome, o.taskId ?? null])).toEqual([
      [1, 'match', 'matched'],
      [2, 'drift', 'drifted'],
      [3, 'match', 'refunded'],
      [4, 'unpriceable', 'refused'],
      [5, 'malformed', null],
    ]);
    expect(outcomes[3]).toMatchObject({ code: 'UNSUPPORTED_VALUE', parameter: 'resolution', charged: 12 });
  });

  it('exits 1 with --fail-on-drift when a charge drifted, and reads gzip and standard input alike', async () => {
    expect((await cli(['reconcile', file, '--fail-on-drift'])).code).toBe(1);
    const gz = join(dir, 'hand-built.jsonl.gz');
    writeFileSync(gz, gzipSync(readFileSync(file)));
    expect(JSON.parse((await cli(['reconcile', gz, '--json'])).stdout)).toEqual(expected());
    expect(JSON.parse((await cliWith(['reconcile', '-', '--json'], readFileSync(file, 'utf8'))).stdout)).toEqual(expected());
  });

  it('renders Markdown with the outcomes, credits, drift and malformed lines', async () => {
    const { stdout } = await cli(['reconcile', file, '--markdown']);
    expect(stdout).toContain('| drift | 1 |\n| unpriceable | 1 |\n| ↳ `UNSUPPORTED_VALUE` | 1 |\n');
    expect(stdout).toContain('| net | 58 |');
    expect(stdout).toContain('| `kling/v2-1-pro` | 10s | 42 | 40 | 1 |');
    expect(stdout).toContain('| 5 | line | expected a JSON object, found text that is not JSON |');
  });

  it('draws a progress line on a terminal only, and clears it', async () => {
    const text = readFileSync(file, 'utf8');
    expect((await cliWith(['reconcile', '-', '--json'], text, false)).stderr).toBe('');
    expect((await cliWith(['reconcile', '-', '--json'], text, true)).stderr.endsWith('\r\u001b[K')).toBe(true);
  });

  it('exits 1 with one line when the log cannot be read', async () => {
    expect(await cli(['reconcile', join(dir, 'missing.jsonl')])).toEqual({
      code: 1,
      stdout: '',
      stderr: `pricing: ${join(dir, 'missing.jsonl')}: expected a usage log file, found nothing there\n`,
    });
    const corrupt = join(dir, 'corrupt.jsonl.gz');
    writeFileSync(corrupt, 'not gzip at all');
    expect(await cli(['reconcile', corrupt])).toEqual({ code: 1, stdout: '', stderr: `pricing: ${corrupt}: incorrect header check\n` });
    expect((await cli(['reconcile'])).code).toBe(2);
    expect((await cli(['reconcile', file, '--json', '--markdown'])).code).toBe(2);
  });
});

describe('a generated usage log with known answers', () => {
  const counts = emptyCounts();
  const file = join(dir, 'generated.jsonl');
  // Written by the test that reads it, so that mutation testing counts the generator to that test.
  const generated = madeByFirstTest(() =>
    writeFileSync(file, `${[...generateUsage(pricer(), { count: 20_000, seed: 42 }, counts)].join('\n')}\n`),
  );

  it('reconciles to exactly the counts and credit totals it was generated with', async () => {
    generated();
    const { code, stdout } = await cli(['reconcile', file, '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect({
      lines: summary.lines,
      match: summary.match,
      drift: summary.drift,
      unpriceable: summary.unpriceable,
      malformed: summary.malformed,
      refunded: summary.refunded,
      quotedCredits: summary.quotedCredits,
      chargedCredits: summary.chargedCredits,
      refundedCredits: summary.refundedCredits,
      unpriceableByCode: summary.unpriceableByCode,
    }).toEqual({
      ...counts,
      unpriceableByCode: Object.fromEntries(Object.entries(counts.unpriceableByCode).sort(([a], [b]) => (a < b ? -1 : 1))),
    });
    expect(counts.lines).toBe(20_000);
    expect(Object.keys(counts.unpriceableByCode).sort()).toEqual([
      'INVALID_PARAMETER',
      'MISSING_PARAMETER',
      'TOO_MANY_INPUT_IMAGES',
      'UNKNOWN_MODEL',
      'UNSUPPORTED_MODE',
      'UNSUPPORTED_VALUE',
    ]);
    expect(Math.min(counts.drift, counts.malformed, counts.refunded)).toBeGreaterThan(0);
  });

  it('is the same log for the same seed, and another for another seed', () => {
    const again = [...generateUsage(pricer(), { count: 50, seed: 42 })];
    expect([...generateUsage(pricer(), { count: 50, seed: 42 })]).toEqual(again);
    expect([...generateUsage(pricer(), { count: 50, seed: 43 })]).not.toEqual(again);
  });

  it('agrees with the usage-record JSON Schema: a line the reader accepts is one the schema accepts', async () => {
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync('schemas/usage-record.schema.json', 'utf8')));
    let checked = 0;
    for (const line of generateUsage(pricer(), { count: 3000, seed: 9, malformedShare: 0.2 })) {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        continue;
      }
      const outcome = reconcileRecord(pricer(), value);
      expect(validate(value)).toBe(outcome.outcome !== 'malformed');
      checked++;
    }
    expect(checked).toBeGreaterThan(2500);
  });
});

describe('the line reader', () => {
  const linesOf = async (chunks: readonly (string | Buffer)[]) => {
    const lines: string[] = [];
    for await (const batch of lineBatches(Readable.from(chunks))) lines.push(...batch);
    return lines;
  };

  it('splits any chunking of a text into the same lines: \\n and \\r\\n end a line, a last line needs none', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
          { maxLength: 12 },
        ),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, crlf, cuts) => {
          const text = lines.map((l) => `${l}${crlf ? '\r\n' : '\n'}`).join('');
          const bytes = Buffer.from(text, 'utf8');
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((start, i) => bytes.subarray(start, [...at, bytes.length][i])).filter((c) => c.length > 0);
          expect(await linesOf(chunks)).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
    expect(await linesOf(['a\nb'])).toEqual(['a', 'b']);
    expect(await linesOf([])).toEqual([]);
  });

  it('does not keep a line longer than 1 MiB: it reads as a malformed record', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 10);
    const lines = await linesOf([
      `${record({ request: { model: 'veo3' }, creditsUsed: 63 })}\n${long.slice(0, 700_000)}`,
      `${long.slice(700_000)}\n{"z":1}\n`,
    ]);
    expect(lines).toHaveLength(3);
    const summary = await reconcileLines(pricer(), lines);
    expect([summary.match, summary.malformed, summary.malformedLines]).toEqual([
      1,
      2,
      [
        { line: 2, field: 'line', reason: 'expected a line of at most 1 MiB, found a longer one' },
        { line: 3, field: 'taskId', reason: 'expected a non-empty string, found nothing' },
      ],
    ]);
  });
});

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
      models: [{ model: 'nano-banana-2', tasks: 3, baseCredits: 20, headCredits: 13, deltaCredits: -7, percent: -35 }],
    });
    const markdown = await cli(
      ['diff', 'HEAD~1', 'HEAD', '--usage', usage, '--markdown', '--allow-history-edits', '--allow-removals', '--at', '2026-11-24'],
      repo.dir,
    );
    expect(markdown.stdout.startsWith('## Revenue impact\n\n**−7 credits (−8.4%) on 6 tasks; 1 task would become unpriceable**\n')).toBe(
      true,
    );
    expect(markdown.stdout).toContain('| `nano-banana-2` | 3 | 20 | 13 | −7 | −35% |');
    expect(markdown.stdout.indexOf('## Revenue impact')).toBeLessThan(markdown.stdout.indexOf('## Price changes'));
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

describe('pricing quote --request', () => {
  it('prices a request body as billing code sends it', async () => {
    expect(
      await cli(['quote', '--request', '{"model":"sora-2-text-to-video","duration":"10s","resolution":"1080P","prompt":"x"}']),
    ).toEqual({
      code: 0,
      stdout: 'sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits\n',
      stderr: '',
    });
  });

  it('prints a refusal as JSON with --json, on every quote path', async () => {
    const refusal = {
      error: {
        code: 'UNSUPPORTED_VALUE',
        message: 'sora-2-text-to-video: duration 15s is not priced; allowed: 5s, 10s, 20s',
        model: 'sora-2-text-to-video',
        parameter: 'duration',
        allowed: ['5s', '10s', '20s'],
        received: '15s',
      },
    };
    const fromBody = await cli(['quote', '--request', '{"model":"sora-2-text-to-video","duration":15,"resolution":"1080p"}', '--json']);
    const fromOptions = await cli(['quote', 'sora-2-text-to-video', '--duration', '15', '--resolution', '1080p', '--json']);
    for (const result of [fromBody, fromOptions]) {
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 1, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual(refusal);
    }
  });

  it('reads one body per line from standard input and writes one result per line', async () => {
    const { code, stdout } = await cliWith(
      ['quote', '--request', '-', '--at', '2026-11-01'],
      '{"model":"veo3"}\nnot json\n{"model":"gpt-image-2","inputImageUrls":[1,2,3,4,5]}\n',
    );
    expect(code).toBe(0);
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      { model: 'veo3', mode: 'text-to-video', credits: 63, duration: 8, effectiveFrom: null, assumptions: [] },
      {
        error: {
          code: 'INVALID_PARAMETER',
          message: 'request text that is not JSON is not valid; allowed: a JSON object (a request body)',
          parameter: 'request',
          allowed: ['a JSON object (a request body)'],
          received: 'text that is not JSON',
        },
      },
      {
        error: {
          code: 'TOO_MANY_INPUT_IMAGES',
          message: 'gpt-image-2: inputImageUrls holds 5 images; allowed: at most 4 images',
          model: 'gpt-image-2',
          parameter: 'inputImageUrls',
          allowed: ['at most 4 images'],
          received: '5 images',
        },
      },
    ]);
  });

  it('refuses a body that is not JSON, or one mixed with request options, as usage errors', async () => {
    expect(await cli(['quote', '--request', '{model'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pricing: --request text that is not JSON is not valid; allowed: a JSON object (a request body)\nSee "pricing quote --help".\n',
    });
    expect(await cli(['quote', '--request', '{}', '--duration', '5'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: --request takes the whole request body; drop --duration\nSee "pricing quote --help".\n',
    });
  });
});
