import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { emptyCounts, generateUsage, reconcileRecord } from '../../src/usage/index.js';
import { madeByFirstTest } from '../support/mutation.js';
import { cli, cliWith } from '../support/run-cli.js';
import { bookTaskLines } from '../support/usage-lines.js';

const pricer = madeByFirstTest(() => createPricer());
const dir = mkdtempSync(join(tmpdir(), 'pricing-usage-'));
const record = (fields: Record<string, unknown>) =>
  JSON.stringify({ taskId: 't', submittedAt: '2026-11-01T12:00:00Z', status: 1, ...fields });

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
  /** The summary as its JSON reads: exact credit totals are JSON integers. */
  const expected = () => ({
    rulesVersion: pricer().version,
    lines: 5,
    match: 2,
    drift: 1,
    unpriceable: 1,
    malformed: 1,
    repeated: 0,
    repeatedLines: [],
    uncheckedTaskIds: 0,
    refunded: 1,
    pending: 0,
    quotedCredits: 6 + 42 + 63,
    chargedCredits: 6 + 40 + 63 + 12,
    pricedChargedCredits: 6 + 40 + 63,
    unpriceableChargedCredits: 12,
    overchargedCredits: 0,
    underchargedCredits: 2,
    refundedCredits: 63,
    netCredits: 6 + 40 + 12,
    unpriceableByCode: { UNSUPPORTED_VALUE: 1 },
    driftGroups: [
      {
        model: 'kling/v2-1-pro',
        point: '10s',
        quoted: 42,
        count: 1,
        chargedCredits: 40,
        deltaCredits: -2,
        minCharged: 40,
        maxCharged: 40,
        firstAt: '2026-11-01T12:00:00.000Z',
        lastAt: '2026-11-01T12:00:00.000Z',
      },
    ],
    driftByModel: [
      { model: 'kling/v2-1-pro', count: 1, deltaCredits: -2, firstAt: '2026-11-01T12:00:00.000Z', lastAt: '2026-11-01T12:00:00.000Z' },
    ],
    malformedLines: [{ line: 5, field: 'line', reason: 'expected a JSON object, found text that is not JSON' }],
  });

  it('reports each line as what it is, with exact credit totals (--json)', async () => {
    const { code, stdout, stderr } = await cli(['reconcile', file, '--json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual(expected());
  });

  it('prints credit totals past 2^53 as the exact integers they are, in text and JSON', async () => {
    const big = join(dir, 'big-charges.jsonl');
    const charge = (taskId: string) => record({ taskId, request: { model: 'veo3' }, creditsUsed: Number.MAX_SAFE_INTEGER });
    writeFileSync(big, `${[charge('big-1'), charge('big-2'), charge('big-3')].join('\n')}\n`);
    const exact = (3n * BigInt(Number.MAX_SAFE_INTEGER)).toString();
    const json = await cli(['reconcile', big, '--json']);
    expect(json.stdout).toContain(`"chargedCredits": ${exact},`);
    expect(json.stdout).toContain(`"deltaCredits": ${(BigInt(exact) - 3n * 63n).toString()},`);
    const text = await cli(['reconcile', big]);
    expect(text.stdout).toContain(`charged ${BigInt(exact).toLocaleString('en-US')} (`);
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
        '  repeated                0',
        '  refunded                1',
        '  pending                 0',
        'Credits: quoted 111, charged 121 (109 on priced tasks, 12 on unpriceable ones), refunded 63, net 58',
        'Drift: 0 credits charged above the quotes, 2 below',
        '',
        'Drift by model, the largest difference first:',
        '  MODEL           TASKS  DELTA  FIRST                     LAST',
        '  kling/v2-1-pro      1     −2  2026-11-01T12:00:00.000Z  2026-11-01T12:00:00.000Z',
        '',
        'Drift by model, price point and quote, most tasks first (delta: credits charged less quoted):',
        '  MODEL           POINT  QUOTED  CHARGED  TASKS  DELTA  FIRST                     LAST',
        '  kling/v2-1-pro  10s        42       40      1     −2  2026-11-01T12:00:00.000Z  2026-11-01T12:00:00.000Z',
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
    // gzip, told by its magic bytes, cut short: an error, not a log read in part.
    const corrupt = join(dir, 'corrupt.jsonl.gz');
    writeFileSync(corrupt, gzipSync(`${record({ request: { model: 'veo3' }, creditsUsed: 63 })}\n`).subarray(0, 20));
    expect(await cli(['reconcile', corrupt])).toEqual({ code: 1, stdout: '', stderr: `pricing: ${corrupt}: unexpected end of file\n` });
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

describe('pricing reconcile --out', () => {
  it('refuses to write the outcomes over the log it reads, and leaves the log intact', async () => {
    const log = join(dir, 'same.jsonl');
    const text = `${record({ taskId: 'a', request: { model: 'veo3' }, creditsUsed: 63 })}\n`;
    writeFileSync(log, text);
    expect(await cli(['reconcile', log, '--out', log])).toEqual({
      code: 2,
      stdout: '',
      stderr: `pricing: --out ${log} is the usage log itself: writing it would empty the log before it is read\nSee "pricing reconcile --help".\n`,
    });
    const link = join(dir, 'same-link.jsonl');
    symlinkSync(log, link);
    expect((await cli(['reconcile', log, '--out', link])).code).toBe(2);
    expect(readFileSync(log, 'utf8')).toBe(text);
  });
});

describe('the memory of a reconciliation', () => {
  it('stays bounded whatever was charged: a million distinct charges take under 150 MB, and a summary under 1 MB', async () => {
    // The built CLI in a child process that prints its peak resident set size on exit, reading the
    // log from standard input as it is written: a million tasks of veo3 (63 credits), each charged
    // a different sum.
    const child = spawn(
      process.execPath,
      [
        '--import',
        "data:text/javascript,process.on('exit', () => process.stderr.write(JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })))",
        resolve('dist/cli.js'),
        'reconcile',
        '-',
        '--json',
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const TASKS = 1_000_000;
    for (let start = 0; start < TASKS; start += 10_000) {
      let chunk = '';
      for (let i = start; i < start + 10_000; i++)
        chunk += `{"taskId":"t${i}","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":${1000 + i}}\n`;
      if (!child.stdin.write(chunk)) await new Promise((done) => child.stdin.once('drain', done));
    }
    child.stdin.end();
    expect(await exited).toBe(0);
    const summary = JSON.parse(stdout);
    expect([summary.lines, summary.drift, summary.driftGroups.length]).toEqual([TASKS, TASKS, 1]);
    expect(summary.driftGroups[0]).toMatchObject({ count: TASKS, minCharged: 1000, maxCharged: 1000 + TASKS - 1 });
    expect(stdout.length).toBeLessThan(1024 * 1024);
    const { maxRssKiB } = JSON.parse(stderr.slice(stderr.lastIndexOf('{')));
    expect(maxRssKiB / 1024).toBeLessThan(150);
  }, 120_000);
});

describe('pricing reconcile with price books', () => {
  const BOOKS = 'test/fixtures/book-rules';
  const task = bookTaskLines();
  const file = join(dir, 'books.jsonl');
  writeFileSync(
    file,
    `${[
      task({ customerId: 'acme-1', book: 'acme', creditsUsed: 51 }),
      task({ customerId: 'acme-1', book: 'acme' }),
      task({ customerId: 'globex', book: 'enterprise', creditsUsed: 60 }),
      task({ customerId: 'globex', creditsUsed: 63 }),
      task({ customerId: 7 }),
    ].join('\n')}\n`,
  );

  it('prices each task in its book, breaks the log down by customer, and carries customer and book in --out lines', async () => {
    const { code, stdout } = await cli(['reconcile', file, '--rules', BOOKS, '--group-by', 'customer']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        'By customer:',
        '  CUSTOMER  TASKS  MATCH  DRIFT  UNPRICEABLE  PENDING  QUOTED  CHARGED  DELTA',
        '  globex        2      2      0            0        0     123      123     ±0',
        '  acme-1        2      1      1            0        0     102      114    +12',
      ].join('\n'),
    );
    expect(stdout).toContain('  line 5: customerId: expected a non-empty string when present, found 7\n');
    const json = JSON.parse((await cli(['reconcile', file, '--rules', BOOKS, '--group-by', 'book', '--json'])).stdout);
    expect(json.groups.groups.map((g: { key: string; tasks: number }) => [g.key, g.tasks])).toEqual([
      ['acme', 2],
      ['(list)', 1],
      ['enterprise', 1],
    ]);
    const out = join(dir, 'books-out.jsonl');
    await cli(['reconcile', file, '--rules', BOOKS, '--out', out]);
    expect(JSON.parse(readFileSync(out, 'utf8').split('\n')[1] as string)).toEqual({
      line: 2,
      outcome: 'drift',
      taskId: 't2',
      submittedAt: '2027-01-15T12:00:00Z',
      status: 1,
      customerId: 'acme-1',
      book: 'acme',
      model: 'veo3',
      point: '8s',
      quoted: 51,
      charged: 63,
      refunded: false,
    });
  });

  it('refuses an unknown breakdown, and a breakdown in an SQL engine', async () => {
    expect((await cli(['reconcile', file, '--group-by', 'week'])).stderr).toBe(
      'pricing: --group-by expects day, model, customer, book, found "week"\nSee "pricing reconcile --help".\n',
    );
    expect((await cli(['reconcile', file, '--group-by', 'day', '--engine', 'duckdb'])).code).toBe(2);
  });
});
