import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { createPricer, parseInstant } from '../../src/index.js';
import { generateUsage } from '../../src/usage/index.js';
import { sampleSize } from '../support/mutation.js';
import { cli, cliProcess } from '../support/run-cli.js';
import { CHDB_INSTALLED } from '../support/clickhouse.js';
import { bookTaskLines } from '../support/usage-lines.js';

/** Generated usage records per log: fewer under mutation testing. */
const RECORDS = sampleSize(6000, 0.1);
const dir = mkdtempSync(join(tmpdir(), 'pricing-duckdb-'));
const summaryOf = async (argv: string[]) => {
  const { code, stdout, stderr } = await cli(argv);
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  return JSON.parse(stdout);
};

/** Every SQL engine that reconciles; ClickHouse when chdb is installed (always under CI=true). */
const ENGINES = [
  { engine: 'duckdb', skip: false },
  { engine: 'clickhouse', skip: !CHDB_INSTALLED },
];
/** The engines that run here. */
const INSTALLED = ENGINES.filter((e) => !e.skip).map((e) => e.engine);

describe.each(ENGINES)('pricing reconcile --engine $engine', ({ engine, skip }) => {
  if (skip) return void it.skip('needs chdb');
  it.each([
    ['the bundled rules', undefined, 31],
    ['rules with dated versions', 'test/fixtures/dated-rules', 32],
  ])('gives the same summary as the streaming engine on a generated log, with %s', async (_name, rules, seed) => {
    const file = join(dir, `generated-${seed}.jsonl`);
    const pricer = createPricer(rules);
    writeFileSync(
      file,
      `${[...generateUsage(pricer, { count: RECORDS, seed, from: Date.UTC(2026, 10, 1), until: Date.UTC(2027, 7, 1), malformedShare: 0.03 })].join('\n')}\n`,
    );
    const options = rules === undefined ? [] : ['--rules', rules];
    const streamed = await summaryOf(['reconcile', file, '--json', ...options]);
    const duck = await summaryOf(['reconcile', file, '--json', '--engine', engine, ...options]);
    expect(duck).toEqual(streamed);
    expect(streamed.lines).toBe(RECORDS);
    expect(Math.min(streamed.match, streamed.drift, streamed.unpriceable, streamed.malformed, streamed.refunded)).toBeGreaterThan(0);
  });

  it('reads gzip, and lines the stream reads alike: CRLF ends, an empty line, no newline at the end', async () => {
    const lines = [
      '{"taskId":"a","submittedAt":"2026-11-01T12:00:00+01:00","request":{"model":"veo3","duration":8.0},"status":1,"creditsUsed":63}',
      '',
      '{"taskId":"b","submittedAt":"2026-11-01","request":{"model":"nano-banana-2","resolution":"2k","inputImageUrls":"x"},"status":2,"creditsUsed":6,"creditsRefunded":null}',
      '{"taskId":"c","submittedAt":"2026-11-01T24:00:00Z","request":{},"status":1,"creditsUsed":1}',
      '{"taskId":"d","submittedAt":"2026-11-01T10:00:00Z","request":{"model":"kling/v2-1-pro","duration":"1e1"},"status":1.0,"creditsUsed":42.0}',
      '{"taskId":"e","submittedAt":"2026-11-01T10:00:00Z","request":{"model":null,"duration":true},"status":0,"creditsUsed":0}',
    ];
    const file = join(dir, 'edges.jsonl.gz');
    writeFileSync(file, gzipSync(lines.join('\r\n')));
    const streamed = await summaryOf(['reconcile', file, '--json']);
    expect(await summaryOf(['reconcile', file, '--json', '--engine', engine])).toEqual(streamed);
    expect([streamed.lines, streamed.match, streamed.malformed, streamed.unpriceable]).toEqual([6, 1, 3, 2]);
  });

  it('tells gzip by its magic bytes, as the stream does, whatever the file is named', async () => {
    const text = '{"taskId":"t","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":63}\n';
    for (const [name, bytes] of [
      ['unnamed-gzip.jsonl', gzipSync(text)],
      ['upper.JSONL.GZ', gzipSync(text)],
      ['text-named.jsonl.gz', Buffer.from(text)],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const streamed = await summaryOf(['reconcile', file, '--json']);
      expect(await summaryOf(['reconcile', file, '--json', '--engine', engine])).toEqual(streamed);
      expect([streamed.lines, streamed.match]).toEqual([1, 1]);
    }
  });

  it('checks CSV rows as strictly as JSON lines: whole credits within 2^53 − 1, a status of exactly 0, 1 or 2', async () => {
    const csv = join(dir, 'strict.csv');
    const row = (id: string, credits: string, status: string) => `${id},2026-11-01T12:00:00Z,veo3,,,,,${credits},${status}`;
    writeFileSync(
      csv,
      [
        'task_id,submitted_at,model,input_mode,duration,resolution,input_images,credits_used,status',
        row('rounded', '62.6', '1'),
        row('half-status', '63', '1.6'),
        row('huge', '9223372036854775807', '1'),
        row('ok', '63', '1'),
        row('refunded', '63', '2'),
      ].join('\n'),
    );
    const summary = await summaryOf(['reconcile', csv, '--json', '--engine', engine]);
    expect([summary.lines, summary.match, summary.malformed, summary.refunded, summary.chargedCredits]).toEqual([5, 2, 3, 1, 126]);
    expect(summary.malformedLines.map((m: { line: number }) => m.line)).toEqual([1, 2, 3]);
  });

  it('reads a byte order mark and a line over 1 MiB as the stream does', async () => {
    const record = '{"taskId":"t","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":63}';
    const bom = join(dir, 'bom.jsonl');
    writeFileSync(bom, `\ufeff${record}\n${record.replace('"t"', '"u"')}\n`);
    const long = join(dir, 'long.jsonl');
    writeFileSync(long, `${record.replace('"status"', `"pad":"${'x'.repeat(1_100_000)}","status"`)}\n${record}\n`);
    for (const [file, match, malformed] of [
      [bom, 2, 0],
      [long, 1, 1],
    ] as const) {
      const streamed = await summaryOf(['reconcile', file, '--json']);
      expect(await summaryOf(['reconcile', file, '--json', '--engine', engine])).toEqual(streamed);
      expect([streamed.match, streamed.malformed]).toEqual([match, malformed]);
    }
  });

  it('reads a file name as the file it names, never as a pattern', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pricing-glob-'));
    const line = (credits: number) =>
      `{"taskId":"t","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":${credits}}\n`;
    writeFileSync(join(folder, 'u[1].jsonl'), line(63));
    writeFileSync(join(folder, 'u1.jsonl'), line(9) + line(9));
    writeFileSync(join(folder, 'u*.jsonl'), line(63));
    for (const name of ['u[1].jsonl', 'u*.jsonl']) {
      const summary = await summaryOf(['reconcile', join(folder, name), '--json', '--engine', engine]);
      expect([summary.lines, summary.match]).toEqual([1, 1]);
    }
  });

  it('reads every malformed field, every refund form and odd request values as the stream does', async () => {
    const valid = { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: { model: 'veo3' }, status: 1, creditsUsed: 63 };
    let n = 0;
    // Each line a task of its own: a repeated id counts once.
    const line = (fields: Record<string, unknown>) => JSON.stringify({ ...valid, taskId: `t${++n}`, ...fields });
    const lines = [
      'null',
      '42',
      '"text"',
      '[1]',
      '{"taskId": ',
      line({ taskId: '' }),
      line({ taskId: 7 }),
      line({ submittedAt: 1 }),
      line({ submittedAt: '2026-11-31T00:00:00Z' }),
      line({ request: null }),
      line({ request: ['veo3'] }),
      line({ status: '1' }),
      line({ status: true }),
      line({ status: 3 }),
      line({ creditsUsed: -1 }),
      line({ creditsUsed: 1.5 }),
      line({ creditsUsed: '63' }),
      line({ creditsRefunded: 'yes' }),
      line({ creditsRefunded: true }),
      line({ status: 2, creditsRefunded: false }),
      line({ status: 0, creditsRefunded: false, creditsUsed: 64 }),
      line({ request: { model: 42 } }),
      line({ request: { model: 'veo3', inputMode: 7 } }),
      line({ request: { model: 'veo3', inputMode: 'image_to_video', inputImageUrls: ['a', 'b'] } }),
      line({ request: { model: 'sora-2-text-to-video', duration: '10s', resolution: '1080p' }, creditsUsed: 15 }),
      line({ request: { model: 'nano-banana-2', resolution: '4k', inputImageUrls: ['a'] }, creditsUsed: 9 }),
      line({ request: { model: 'nano-banana-pro', resolution: '1K' }, creditsUsed: 12, status: 2 }),
    ];
    const file = join(dir, 'fields.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const streamed = await summaryOf(['reconcile', file, '--json']);
    expect(await summaryOf(['reconcile', file, '--json', '--engine', engine])).toEqual(streamed);
    expect([streamed.lines, streamed.malformed, streamed.refunded, streamed.drift, streamed.unpriceable]).toEqual([27, 18, 3, 2, 3]);
  });

  it('reads Parquet as it reads CSV', async () => {
    const csv = join(dir, 'columns.csv');
    const parquet = join(dir, 'columns.parquet');
    writeFileSync(
      csv,
      [
        'task_id,submitted_at,model,input_mode,duration,resolution,input_images,credits_used,status',
        'a,2026-11-01T12:00:00Z,sora-2-text-to-video,,10s,1080P,,15,1',
        'b,2026-11-01T12:00:00Z,kling/v2-1-pro,,10,,1,40,2',
      ].join('\n'),
    );
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    connection.closeSync();
    const fromCsv = await summaryOf(['reconcile', csv, '--json', '--engine', engine]);
    expect(await summaryOf(['reconcile', parquet, '--json', '--engine', engine])).toEqual(fromCsv);
    expect([fromCsv.lines, fromCsv.match, fromCsv.drift]).toEqual([2, 1, 1]);
  });

  it('reads CSV with the columns of usage_records', async () => {
    const file = join(dir, 'usage.csv');
    writeFileSync(
      file,
      [
        'task_id,submitted_at,model,input_mode,duration,resolution,input_images,credits_used,status',
        'a,2026-11-01T12:00:00Z,sora-2-text-to-video,,10s,1080P,,15,1',
        'b,2026-11-01T12:00:00Z,kling/v2-1-pro,,10,,1,40,2',
        'c,2026-11-01T12:00:00Z,nano-banana-pro,,,1K,,12,1',
        ',2026-11-01T12:00:00Z,veo3,,,,,63,1',
      ].join('\n'),
    );
    const summary = await summaryOf(['reconcile', file, '--json', '--engine', engine]);
    expect(summary).toMatchObject({
      lines: 4,
      match: 1,
      drift: 1,
      unpriceable: 1,
      malformed: 1,
      refunded: 1,
      quotedCredits: 57,
      chargedCredits: 67,
      refundedCredits: 40,
      unpriceableByCode: { UNSUPPORTED_VALUE: 1 },
    });
    expect(summary.malformedLines).toEqual([
      { line: 4, field: 'row', reason: 'expected every usage_records column with a valid value, found a row without' },
    ]);
  });

  it('reads each instant by the one grammar, line by line as parseInstant does, in JSON lines and in CSV', async () => {
    // kling/v2-1-standard 10s costs 22 before 2027-01-01 and 24 from then on: a misread instant changes the quote.
    const instants = [
      '2027-01-01',
      '2026-12-31T23:59Z',
      '2027-01-01T00:00Z',
      '2027-01-01T01:59+02:00',
      '2027-01-01T02:00+02:00',
      '2026-12-31T22:00-02:00',
      '2026-12-31T23:59:59.999Z',
      '2027-01-01T00:00:00.5Z',
      '2024-02-29',
      '2027-01-01 00:00:00',
      '2027-01-01T24:00:00Z',
      '2027-01-01T23:60Z',
      '2023-02-29',
      '2027-13-01',
      '2027-01-01t00:00z',
      '2027-01-01T00:00:00+0200',
      '2027-01-01T00:00:00.1234Z',
      '2027-01-01T00:00:00',
      '2027-1-01',
    ];
    const request = { model: 'kling/v2-1-standard', duration: 10 };
    const jsonl = join(dir, 'instants.jsonl');
    writeFileSync(
      jsonl,
      instants.map((submittedAt, i) => JSON.stringify({ taskId: `t${i}`, submittedAt, request, status: 1, creditsUsed: 24 })).join('\n'),
    );
    const csv = join(dir, 'instants.csv');
    const header = 'task_id,submitted_at,model,input_mode,duration,resolution,input_images,credits_used,status';
    writeFileSync(csv, [header, ...instants.map((at, i) => `"t${i}","${at}","${request.model}",,"10",,,"24","1"`)].join('\n'));
    const rules = ['--rules', 'test/fixtures/dated-rules'];
    const streamed = await summaryOf(['reconcile', jsonl, '--json', ...rules]);
    const duck = await summaryOf(['reconcile', jsonl, '--json', '--engine', engine, ...rules]);
    const columnar = await summaryOf(['reconcile', csv, '--json', '--engine', engine, ...rules]);
    expect(duck).toEqual(streamed);
    const unread = instants.flatMap((at, i) => (parseInstant(at) === undefined ? [i + 1] : []));
    expect(unread).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    for (const summary of [streamed, columnar]) {
      expect(summary.malformedLines.map((m: { line: number }) => m.line)).toEqual(unread);
      expect({ match: summary.match, drift: summary.drift, quoted: summary.quotedCredits }).toEqual({
        match: 5,
        drift: 4,
        quoted: 5 * 24 + 4 * 22,
      });
    }
  });

  it('refuses what only the stream does, and a missing file, in one line', async () => {
    expect((await cli(['reconcile', '-', '--engine', engine])).code).toBe(2);
    expect((await cli(['reconcile', 'x.jsonl', '--engine', engine, '--out', 'o.jsonl'])).code).toBe(2);
    expect((await cli(['reconcile', 'x.jsonl', '--engine', 'sqlite'])).code).toBe(2);
    expect(await cli(['reconcile', join(dir, 'missing.jsonl'), '--engine', engine])).toEqual({
      code: 1,
      stdout: '',
      stderr: `pricing: ${join(dir, 'missing.jsonl')}: expected a usage log file, found nothing there\n`,
    });
  });
});

describe('without chdb', () => {
  it('says how to install it, in one line', () => {
    const file = join(dir, 'one-for-clickhouse.jsonl');
    writeFileSync(file, '{"taskId":"a","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":63}\n');
    // The built CLI in a process of its own, where NODE_PATH does not lead to the tests' chdb.
    const { NODE_PATH: _, ...env } = process.env;
    expect(cliProcess(['reconcile', file, '--engine', 'clickhouse'], process.cwd(), env)).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'pricing: --engine clickhouse needs the package chdb (about 550 MB): run "npm install chdb@3.4.0" (the default engine needs nothing)\n',
    });
  });
});

describe('a corpus of hostile logs', () => {
  const valid = '{"taskId":"t","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":63}';
  const text = (...lines: string[]) => Buffer.from(lines.join('\n'));
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
  /** Each case: a name and the bytes of its log. */
  const CORPUS: [string, Buffer][] = [
    ['a byte order mark before line 1', bytes([0xef, 0xbb, 0xbf], `${valid}\n${valid}\n`)],
    ['a line cut at byte 0x01', bytes(valid.slice(0, 40), [0x01], valid.slice(40), '\n', valid)],
    [
      'a bare \\r inside a line',
      text(valid.replace('"status"', '"note":"a\rb","status"'), valid.replace(',"status"', ',\r"status"'), valid),
    ],
    ['CRLF line ends and a last line without one', text(`${valid}\r`, `${valid}\r`, valid)],
    [
      'duplicate keys: the last one wins, as in JSON.parse',
      text(
        valid.replace('"creditsUsed":63', '"creditsUsed":63,"creditsUsed":9'),
        valid.replace(
          '"request":{"model":"veo3"}',
          '"request":{"model":"veo3","model":"sora-2-text-to-video","duration":10,"resolution":"720p"}',
        ),
        valid.replace('"taskId":"t"', '"taskId":"","taskId":"u"'),
      ),
    ],
    [
      'a line over 1 MiB and one over 2 MiB',
      text(
        valid.replace('"status"', `"pad":"${'x'.repeat(1_100_000)}","status"`),
        valid,
        valid.replace('"status"', `"pad":"${'y'.repeat(2_200_000)}","status"`),
        valid,
      ),
    ],
    [
      'invalid UTF-8 inside strings and outside them',
      bytes(
        valid.replace('veo3', 'veo3X').split('X')[0] as string,
        [0xff, 0xfe],
        valid.replace('veo3', 'veo3X').split('X')[1] as string,
        '\n',
        valid.slice(0, 10),
        [0xc3],
        valid.slice(10),
        '\n',
        valid,
      ),
    ],
    [
      'JSON that only lenient readers take: NaN, Infinity, trailing commas, comments',
      text(
        valid.replace('63}', 'NaN}'),
        valid.replace('"creditsUsed":63', '"creditsUsed":Infinity'),
        valid.replace('63}', '63,}'),
        valid.replace('{"model":"veo3"}', '{"model":"veo3",}'),
        valid.replace('63}', '63 /* c */}'),
        `${valid} x`,
        `${valid}${valid}`,
        "{'taskId':'t'}",
      ),
    ],
    [
      'odd numbers: 1e400, -0, 6.3e1, 63.0, 2^53 + 1',
      text(
        valid.replace('{"model":"veo3"}', '{"model":"kling/v2-1-pro","duration":1e400}'),
        valid.replace('{"model":"veo3"}', '{"model":"kling/v2-1-pro","duration":-0}'),
        valid.replace('63}', '6.3e1}'),
        valid.replace('63}', '63.0}'),
        valid.replace('63}', '9007199254740993}'),
        valid.replace('{"model":"veo3"}', '{"model":"kling/v2-1-pro","duration":10.0}'),
      ),
    ],
    [
      'escapes: NUL, a lone surrogate, an escaped key',
      text(
        valid.replace('veo3', 'veo3\\u0000'),
        valid.replace('veo3', '\\ud800'),
        valid.replace('"creditsUsed"', '"credits\\u0055sed"'),
        valid.replace('veo3', 've\\u006f3'),
      ),
    ],
    [
      'instants: without seconds, with an offset, at the ends of time',
      text(
        valid.replace('2026-11-01T12:00:00Z', '2027-01-01T09:30+02:00'),
        valid.replace('2026-11-01T12:00:00Z', '0001-01-01T00:00:00Z'),
        valid.replace('2026-11-01T12:00:00Z', '9999-12-31T23:59:59.999Z'),
        valid.replace('2026-11-01T12:00:00Z', '1899-12-31'),
        valid.replace('2026-11-01T12:00:00Z', '2300-01-01'),
      ),
    ],
    [
      'empty and blank lines, a model that is not a string, a request that is not an object',
      text(
        '',
        '   ',
        valid.replace('"veo3"', '42'),
        valid.replace('"veo3"', '{"id":"veo3"}'),
        valid.replace('{"model":"veo3"}', '"veo3"'),
        '\t',
        valid,
      ),
    ],
  ];

  it.each(CORPUS)('%s: every engine gives the summary of the stream', async (name, content) => {
    const file = join(dir, `hostile-${name.replace(/[^a-z0-9]+/gi, '-')}.jsonl`);
    // Each line a task of its own (a repeated id counts once), its bytes as they were.
    let n = 0;
    writeFileSync(
      file,
      Buffer.from(
        content.toString('latin1').replace(/"taskId":"t"/g, () => `"taskId":"t${++n}"`),
        'latin1',
      ),
    );
    const streamed = await summaryOf(['reconcile', file, '--json']);
    for (const engine of INSTALLED)
      expect({ engine, summary: await summaryOf(['reconcile', file, '--json', '--engine', engine]) }).toEqual({
        engine,
        summary: streamed,
      });
    expect(streamed.lines).toBeGreaterThan(1);
  });

  it('a gzip log cut short is an error in every engine, not a shorter log', async () => {
    const file = join(dir, 'cut.jsonl.gz');
    const whole = gzipSync(`${`${valid}\n`.repeat(2000)}`);
    writeFileSync(file, whole.subarray(0, whole.length - 40));
    const streamed = await cli(['reconcile', file, '--json']);
    expect(streamed.code).toBe(1);
    expect(streamed.stderr).toMatch(/^pricing: .*cut\.jsonl\.gz: unexpected end of file\n$/);
    for (const engine of INSTALLED)
      expect({ engine, ...(await cli(['reconcile', file, '--json', '--engine', engine])) }).toEqual({ engine, ...streamed });
  });
});

describe('a log of tasks charged in price books', () => {
  const BOOKS = ['--rules', 'test/fixtures/book-rules'];

  it('every engine gives the summary of the stream: the tasks with a book are priced in it', async () => {
    const task = bookTaskLines();
    const file = join(dir, 'books.jsonl');
    writeFileSync(
      file,
      [
        task({ book: 'acme', creditsUsed: 51 }),
        task({ book: 'acme' }),
        task({ book: 'enterprise-eu', customerId: 'c' }),
        task({ book: 'nobody' }),
        task({}),
        task({ request: { model: 'kling/v2-1-standard', duration: 10, inputImageUrls: ['a'] }, creditsUsed: 22, book: 'acme' }),
      ].join('\n'),
    );
    const streamed = await summaryOf(['reconcile', file, '--json', ...BOOKS]);
    expect([streamed.match, streamed.drift, streamed.unpriceableByCode]).toEqual([3, 2, { UNKNOWN_BOOK: 1 }]);
    for (const engine of INSTALLED)
      expect({ engine, summary: await summaryOf(['reconcile', file, '--json', '--engine', engine, ...BOOKS]) }).toEqual({
        engine,
        summary: streamed,
      });
  });

  it('a CSV log with book and customer_id columns is priced in its books, as its JSON lines are', async () => {
    const rows: [string, string, number, string | null][] = [
      ['veo3', '', 51, 'acme'],
      ['veo3', '', 63, 'acme'],
      ['veo3', '', 63, 'nobody'],
      ['kling/v2-1-standard', '10', 22, 'acme'],
      ['veo3', '', 63, null],
    ];
    const csv = join(dir, 'books.csv');
    writeFileSync(
      csv,
      [
        'task_id,submitted_at,model,input_mode,duration,resolution,input_images,credits_used,status,customer_id,book',
        ...rows.map(
          ([model, duration, credits, book], i) =>
            `t${i},2027-01-15T12:00:00Z,${model},,${duration},,${model.startsWith('kling') ? 1 : ''},${credits},1,c${i},${book ?? ''}`,
        ),
      ].join('\n'),
    );
    const jsonl = join(dir, 'books-as-lines.jsonl');
    writeFileSync(
      jsonl,
      rows
        .map(([model, duration, credits, book], i) =>
          JSON.stringify({
            taskId: `t${i}`,
            submittedAt: '2027-01-15T12:00:00Z',
            request: {
              model,
              ...(duration === '' ? {} : { duration: Number(duration) }),
              ...(model.startsWith('kling') ? { inputImageUrls: ['a'] } : {}),
            },
            status: 1,
            creditsUsed: credits,
            customerId: `c${i}`,
            ...(book === null ? {} : { book }),
          }),
        )
        .join('\n'),
    );
    const streamed = await summaryOf(['reconcile', jsonl, '--json', ...BOOKS]);
    expect([streamed.match, streamed.drift, streamed.unpriceableByCode]).toEqual([3, 1, { UNKNOWN_BOOK: 1 }]);
    for (const engine of INSTALLED)
      expect({ engine, summary: await summaryOf(['reconcile', csv, '--json', '--engine', engine, ...BOOKS]) }).toEqual({
        engine,
        summary: streamed,
      });
  });
});

// Last: it resets the module registry, after which the CLI's commands load anew.
describe('without the optional DuckDB package', () => {
  it('says how to install it, and the default engine needs nothing', async () => {
    vi.resetModules();
    vi.doMock('@duckdb/node-api', () => {
      throw new Error("Cannot find package '@duckdb/node-api'");
    });
    const { runCli } = await import('../../src/cli/run-cli.js');
    let stderr = '';
    const io = { stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) }, cwd: process.cwd() };
    const file = join(dir, 'one.jsonl');
    writeFileSync(
      file,
      readFileSync('test/fixtures/dated-rules/dated.json', 'utf8').length > 0
        ? '{"taskId":"a","submittedAt":"2026-11-01T12:00:00Z","request":{"model":"veo3"},"status":1,"creditsUsed":63}\n'
        : '',
    );
    expect(await runCli(['reconcile', file, '--engine', 'duckdb'], io)).toBe(1);
    expect(stderr).toBe(
      'pricing: --engine duckdb needs the optional package @duckdb/node-api: run "npm install @duckdb/node-api@1.5.6-r.1" (the default engine needs nothing)\n',
    );
    expect(await runCli(['reconcile', file, '--json'], io)).toBe(0);
    vi.doUnmock('@duckdb/node-api');
  });
});
