import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createPricer, loadRuleSet, PricingError, type PriceRequest } from '../../src/index.js';
import { priceTable } from '../../src/export/price-table.js';
import { renderPriceSql } from '../../src/export/sql.js';
import { cli } from '../support/run-cli.js';
import { pagePoints } from '../support/published-page.js';
import { madeByFirstTest, sampleSize } from '../support/mutation.js';
import { CHDB_INSTALLED, clickHouseRows, openClickHouse, type ClickHouseSession } from '../support/clickhouse.js';

/** One row of usage_records, and the request body it stands for. */
interface UsageRow {
  readonly taskId: string;
  readonly submittedAt: string;
  readonly request: PriceRequest;
  /** The price book the task was charged in, when any. */
  readonly book: string | null;
  readonly columns: {
    model: string | null;
    input_mode: string | null;
    duration: string | null;
    resolution: string | null;
    input_images: number | null;
  };
}

const DATED = 'test/fixtures/dated-rules';
const BOOKS = 'test/fixtures/book-rules';
const PINS = 'test/fixtures/pin-rules';
const DAY = 86_400_000;
/** Random usage rows per rule set: fewer under mutation testing, where each covered mutant loads them again. */
const ROWS = sampleSize(4000, 0.1);

/** Requests for price points of the table, spelled as billing code may send them, within their version's interval. */
function validRequests(points: ReturnType<typeof priceTable>['points']) {
  return fc
    .tuple(fc.constantFrom(...points), fc.integer({ min: 0, max: 400 * DAY }), fc.boolean(), fc.boolean(), fc.integer({ min: 1, max: 3 }))
    .map(([p, offset, spelled, lower, images]) => {
      const from = p.valid_from === null ? Date.UTC(2026, 0, 1) : Date.parse(p.valid_from);
      const until = p.valid_until === null ? from + 400 * DAY : Date.parse(p.valid_until);
      const video = p.mode.endsWith('-video');
      return {
        model: p.model as string | null,
        duration: p.duration === null ? null : spelled ? `${p.duration}s` : p.duration,
        resolution: p.resolution === null ? null : lower ? p.resolution.toLowerCase() : p.resolution,
        inputMode: video && !p.mode.startsWith('image-') ? 'text_to_video' : video && spelled ? 'image_to_video' : null,
        images: p.mode.startsWith('image-') ? images : null,
        instant: from + (offset % Math.max(1, until - from)),
      };
    });
}

/** Random usage rows: valid and off-grid requests, submitted around every version boundary. */
function randomRows(
  models: readonly string[],
  boundaries: readonly number[],
  count: number,
  seed: number,
  points: ReturnType<typeof priceTable>['points'],
  books: readonly string[] = [],
): UsageRow[] {
  const duration = fc.oneof(
    fc.constant(null),
    fc.integer({ min: 1, max: 25 }),
    fc.constantFrom(5, 8, 10, 15, 20, 1_234_567),
    fc.constantFrom('5', '10', '20', '8', '10s', '5s', '8s', '15s', 'ten', '', '010', ' 10', '10.5', '-5', '0', '1234567', '10S'),
  );
  const resolution = fc.oneof(
    fc.constant(null),
    fc.constantFrom('720p', '1080P', '1080p', '2k', '2K', '4K', '4k', '1K', '1k', '8K', '', '480p', '2\u212A', '720P ', '720'),
  );
  const inputMode = fc.oneof(
    fc.constant(null),
    fc.constantFrom('text_to_video', 'text-to-video', 'image_to_video', 'image-to-video', 'video', ''),
  );
  const images = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 16 }), fc.constant(-1));
  const instant = fc.oneof(
    fc.tuple(fc.constantFrom(...boundaries), fc.integer({ min: -2 * DAY, max: 2 * DAY })).map(([b, d]) => b + d),
    fc.constantFrom(...boundaries.flatMap((b) => [b - 1, b])),
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) }),
  );
  const offGrid = fc.record({
    model: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...models) },
      { weight: 1, arbitrary: fc.constantFrom('sora-3', 'veo4', '', 'VEO3', null) },
    ),
    duration,
    resolution,
    inputMode,
    images,
    instant,
  });
  const row = fc.tuple(
    fc.oneof(offGrid, validRequests(points)),
    books.length === 0 ? fc.constant(null) : fc.constantFrom(null, 'nobody', ...books),
  );
  return fc.sample(row, { numRuns: count, seed }).map(([r, book], i) => ({
    taskId: `t${i}`,
    submittedAt: new Date(r.instant).toISOString(),
    book,
    request: {
      ...(r.model === null ? {} : { model: r.model }),
      ...(r.duration === null ? {} : { duration: r.duration }),
      ...(r.resolution === null ? {} : { resolution: r.resolution }),
      ...(r.inputMode === null ? {} : { inputMode: r.inputMode }),
      ...(r.images === null ? {} : { inputImageUrls: r.images < 0 ? 'one.png' : Array.from({ length: r.images }, (_, k) => `${k}.png`) }),
    },
    columns: {
      model: r.model,
      input_mode: r.inputMode,
      duration: r.duration === null ? null : String(r.duration),
      resolution: r.resolution,
      input_images: r.images,
    },
  }));
}

const literal = (value: string | number | null) =>
  value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;

function insertRows(rows: readonly UsageRow[], instantType = 'TIMESTAMP WITH TIME ZONE'): string[] {
  const statements: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => {
      const c = r.columns;
      return `(${literal(r.taskId)}, CAST(${literal(r.submittedAt)} AS ${instantType}), ${literal(c.model)}, ${literal(c.input_mode)}, ${literal(c.duration)}, ${literal(c.resolution)}, ${literal(c.input_images)}, 1, 1, ${literal(r.book)})`;
    });
    statements.push(
      `INSERT INTO usage_records (task_id, submitted_at, model, input_mode, duration, resolution, input_images, credits_used, status, book) VALUES ${values.join(', ')};`,
    );
  }
  return statements;
}

/** What quote says of each row: credits, or the refusal's code. */
function expected(
  rulesDir: string | undefined,
  rows: readonly UsageRow[],
): Map<string, { credits: number | null; refusal: string | null }> {
  const pricer = createPricer(rulesDir);
  return new Map<string, { credits: number | null; refusal: string | null }>(
    rows.map((r) => {
      try {
        const options = r.book === null ? { at: r.submittedAt } : { at: r.submittedAt, book: r.book };
        return [r.taskId, { credits: pricer.quote(r.request, options).credits, refusal: null }];
      } catch (error) {
        if (!(error instanceof PricingError)) throw error;
        return [r.taskId, { credits: null, refusal: error.code }];
      }
    }),
  );
}

const asResult = (credits: unknown, refusal: unknown) => ({
  credits: credits === null ? null : Number(credits),
  refusal: refusal as string | null,
});

/**
 * Asserts that an engine's view gave one row per task, each with the credits or the refusal
 * code quote gives, naming the request and instant of a row that differs.
 */
function expectSameAsQuote(
  rows: readonly UsageRow[],
  quoted: ReadonlyMap<string, { credits: number | null; refusal: string | null }>,
  result: readonly { task_id: unknown; quoted_credits: unknown; refusal: unknown }[],
): void {
  expect(result.length).toBe(rows.length);
  const got = new Map(result.map((r) => [r.task_id as string, asResult(r.quoted_credits, r.refusal)]));
  for (const row of rows)
    expect({ task: row.taskId, request: row.request, at: row.submittedAt, ...got.get(row.taskId) }).toEqual({
      task: row.taskId,
      request: row.request,
      at: row.submittedAt,
      ...quoted.get(row.taskId),
    });
}

const EVERY_CODE = [
  'INVALID_PARAMETER',
  'MISSING_PARAMETER',
  'TOO_MANY_INPUT_IMAGES',
  'UNKNOWN_MODEL',
  'UNSUPPORTED_MODE',
  'UNSUPPORTED_VALUE',
];

/**
 * One DuckDB and one Postgres for the file, each rule set in a schema of its own: starting PGlite
 * takes seconds, and mutation testing runs this file again for every mutant it covers.
 */
let engines: Promise<{ duck: DuckDBConnection; pg: PGlite }> | undefined;
/** chdb opens one session a process: the rule sets take turns in it. */
let clickHouse: ClickHouseSession | undefined;
const openEngines = () =>
  (engines ??= (async () => ({ duck: await (await DuckDBInstance.create(':memory:')).connect(), pg: new PGlite() }))());

afterAll(async () => {
  clickHouse?.cleanup();
  if (engines === undefined) return;
  const { duck, pg } = await engines;
  duck.closeSync();
  await pg.close();
});

describe.each([
  ['the bundled rules', undefined, 'bundled', EVERY_CODE],
  // No model of the dated fixture takes input images with a limit: too many images cannot happen.
  ['rules with dated versions and a dated profile', DATED, 'dated', EVERY_CODE.filter((c) => c !== 'TOO_MANY_INPUT_IMAGES')],
  // Tasks charged in price books (a multiplier, an overwrite, a pin, a book on a book) and in a book no rule holds.
  ['rules with price books', BOOKS, 'booked', [...EVERY_CODE.filter((c) => c !== 'TOO_MANY_INPUT_IMAGES'), 'UNKNOWN_BOOK']],
  // Books that pin prices from before every table changed its kind: a pin prices the point the list prices now.
  // Its models take images or not, in either mode: no mode can be unsupported.
  ['rules pinned across a change of kind', PINS, 'pinned', [...EVERY_CODE.filter((c) => c !== 'UNSUPPORTED_MODE'), 'UNKNOWN_BOOK']],
])('the SQL export of %s prices usage exactly as quote does', (_name, rulesDir, schema, codes) => {
  // The rules, the rows, what quote says of them, and each engine's tables are made by the tests
  // that read them: mutation testing then runs this file only for the mutants its tests execute.
  const usage = madeByFirstTest(() => {
    const ruleSet = loadRuleSet(rulesDir);
    const boundaries = [...new Set(ruleSet.models.flatMap((m) => m.versions.flatMap((v) => (v.from === null ? [] : [v.from]))))];
    const rows = randomRows(
      ruleSet.models.map((m) => m.id),
      boundaries.length > 0 ? boundaries : [Date.UTC(2026, 10, 1)],
      ROWS,
      rulesDir === undefined ? 11 : rulesDir === DATED ? 12 : rulesDir === BOOKS ? 13 : 14,
      priceTable(ruleSet).points,
      (ruleSet.books ?? []).map((b) => b.id),
    );
    return { ruleSet, rows, quoted: expected(rulesDir, rows) };
  });

  it('covers priced rows and every refusal code the rules can give', () => {
    const { quoted } = usage();
    const seen = new Set([...quoted.values()].map((q) => q.refusal ?? 'priced'));
    expect([...seen].sort()).toEqual(['priced', ...codes].sort());
    expect([...quoted.values()].filter((q) => q.refusal === null).length).toBeGreaterThan(ROWS * 0.375);
  });

  it('in DuckDB: every row has the same credits, or the same refusal code', async () => {
    const { ruleSet, rows, quoted } = usage();
    const { duck } = await openEngines();
    await duck.run(`CREATE SCHEMA ${schema}; SET schema = '${schema}';`);
    await duck.run(renderPriceSql(priceTable(ruleSet), 'duckdb', ['test']));
    for (const statement of insertRows(rows)) await duck.run(statement);
    const result = await duck.runAndReadAll(`SELECT task_id, quoted_credits, refusal FROM ${schema}.priced_usage`);
    expectSameAsQuote(rows, quoted, result.getRowObjectsJS() as { task_id: unknown; quoted_credits: unknown; refusal: unknown }[]);
  }, 120_000);

  it('in Postgres (PGlite): every row has the same credits, or the same refusal code', async () => {
    const { ruleSet, rows, quoted } = usage();
    const { pg } = await openEngines();
    await pg.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
    await pg.exec(renderPriceSql(priceTable(ruleSet), 'postgres', ['test']));
    for (const statement of insertRows(rows)) await pg.exec(statement);
    const result = await pg.query<{ task_id: string; quoted_credits: number | null; refusal: string | null }>(
      `SELECT task_id, quoted_credits, refusal FROM ${schema}.priced_usage`,
    );
    expectSameAsQuote(rows, quoted, result.rows);
  }, 120_000);

  // ClickHouse fills an unmatched LEFT JOIN with 0 and '' unless join_use_nulls = 1: the view must
  // read NULL (no price) under both settings.
  it.skipIf(!CHDB_INSTALLED).each([0, 1])(
    'in ClickHouse (chdb, join_use_nulls = %i): every row has the same credits, or the same refusal code',
    (joinUseNulls) => {
      const { ruleSet, rows, quoted } = usage();
      clickHouse ??= openClickHouse();
      const session = clickHouse;
      session.query('DROP VIEW IF EXISTS priced_usage; DROP TABLE IF EXISTS usage_records');
      session.query(renderPriceSql(priceTable(ruleSet), 'clickhouse', ['test']));
      for (const statement of insertRows(rows, "DateTime64(3, 'UTC')")) session.query(statement);
      const result = clickHouseRows(session, 'SELECT task_id, quoted_credits, refusal FROM priced_usage', {
        join_use_nulls: joinUseNulls,
      });
      expectSameAsQuote(rows, quoted, result as { task_id: unknown; quoted_credits: unknown; refusal: unknown }[]);
    },
    120_000,
  );
});

describe('the SQL export at the ends of time', () => {
  // DuckDB and Postgres can hold the instants 'infinity' and '-infinity': after and before every
  // version's start, as for quote, which prices them as its latest and earliest instant.
  it.each(['duckdb', 'postgres'] as const)(
    '%s prices a task at infinity in the last version and at -infinity before the first',
    async (dialect) => {
      const pricer = createPricer(DATED);
      const request = { model: 'kling/v2-1-standard', duration: 10, inputMode: 'image_to_video', inputImageUrls: ['a.png'] };
      const latest = pricer.quote(request, { at: '9999-12-31T23:59:59.999Z' }).credits;
      const earliest = pricer.quote(request, { at: '0001-01-01T00:00:00.000Z' }).credits;
      expect([latest, earliest]).toEqual([26, 22]);
      const { duck, pg } = await openEngines();
      const schema = `ends_${dialect}`;
      const statements = [
        `CREATE SCHEMA ${schema}; SET ${dialect === 'duckdb' ? `schema = '${schema}'` : `search_path TO ${schema}`};`,
        renderPriceSql(priceTable(loadRuleSet(DATED)), dialect, ['test']),
        `INSERT INTO usage_records (task_id, submitted_at, model, input_mode, duration, input_images, credits_used, status) VALUES
        ('late', CAST('infinity' AS TIMESTAMP WITH TIME ZONE), 'kling/v2-1-standard', 'image_to_video', '10', 1, 1, 1),
        ('early', CAST('-infinity' AS TIMESTAMP WITH TIME ZONE), 'kling/v2-1-standard', 'image_to_video', '10', 1, 1, 1);`,
      ];
      const query = `SELECT task_id, quoted_credits, refusal FROM ${schema}.priced_usage ORDER BY task_id`;
      let rows: unknown[];
      if (dialect === 'duckdb') {
        for (const statement of statements) await duck.run(statement);
        rows = (await duck.runAndReadAll(query)).getRowObjectsJS().map((r) => ({ ...r, quoted_credits: Number(r.quoted_credits) }));
      } else {
        for (const statement of statements) await pg.exec(statement);
        rows = (await pg.query(query)).rows;
      }
      expect(rows).toEqual([
        { task_id: 'early', quoted_credits: earliest, refusal: null },
        { task_id: 'late', quoted_credits: latest, refusal: null },
      ]);
    },
    120_000,
  );
});

describe('pricing export', () => {
  it('lists every price point of every mode exactly once as CSV, with the page`s prices', async () => {
    const { code, stdout } = await cli(['export', '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...lines] = stdout.split('\r\n');
    expect(header).toBe('model,mode,duration,resolution,credits,valid_from,valid_until');
    expect(lines.pop()).toBe('');
    const fromPage = pagePoints().flatMap((p) =>
      p.modes.map((mode) => `${p.model},${mode},${p.duration ?? ''},${p.resolution ?? ''},${p.credits},,`),
    );
    expect(new Set(lines).size).toBe(lines.length);
    expect([...lines].sort()).toEqual(fromPage.sort());
    expect(lines).toHaveLength(72);
  });

  it('writes every version with its half-open interval, or only the versions in force --at an instant', async () => {
    const all = (await cli(['export', '--format', 'jsonl', '--rules', DATED])).stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      all.filter((r) => r.model === 'kling/v2-1-standard' && r.duration === 10).map((r) => [r.credits, r.valid_from, r.valid_until]),
    ).toEqual([
      [22, null, '2027-01-01T00:00:00.000Z'],
      [24, '2027-01-01T00:00:00.000Z', '2027-06-01T10:00:00.000Z'],
      [26, '2027-06-01T10:00:00.000Z', null],
    ]);
    const atJan = (await cli(['export', '--format', 'jsonl', '--rules', DATED, '--at', '2027-01-01'])).stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(atJan.filter((r) => r.model === 'kling/v2-1-standard').map((r) => r.credits)).toEqual([12, 24]);
    expect(atJan.some((r) => r.model === 'veo3_lite')).toBe(false);
  });

  it('quotes CSV fields as RFC 4180 asks, and refuses unknown formats and dialects', async () => {
    const { renderPriceCsv } = await import('../../src/export/price-table.js');
    expect(
      renderPriceCsv([
        { model: 'a,"b"', mode: 'text-to-image', duration: null, resolution: null, credits: 3, valid_from: null, valid_until: null },
      ]),
    ).toBe('model,mode,duration,resolution,credits,valid_from,valid_until\r\n"a,""b""",text-to-image,,,3,,\r\n');
    expect((await cli(['export', '--format', 'xml'])).code).toBe(2);
    expect((await cli(['export', '--format', 'sql', '--dialect', 'oracle'])).code).toBe(2);
    expect((await cli(['export', '--format', 'csv', '--dialect', 'postgres'])).code).toBe(2);
  });

  it('writes SQL whose first line says it is generated, with integer credit columns only', async () => {
    const { stdout } = await cli(['export', '--format', 'sql', '--dialect', 'postgres']);
    expect(stdout.split('\n')[0]).toMatch(
      /^-- Generated by "pricing export --format sql --dialect postgres" from the pricing rules \(version [0-9a-f]{16}\)\.$/,
    );
    expect(stdout).toContain('  credits BIGINT NOT NULL,');
    expect(stdout).not.toMatch(/\b(REAL|FLOAT|DOUBLE|NUMERIC|DECIMAL)\b/i);
    expect(stdout.startsWith('-- ') && stdout.includes('\nBEGIN;\n') && stdout.endsWith('COMMIT;\n')).toBe(true);
  });
});
