// @ts-check
/**
 * `npm run bench` (third part): how fast the `priced_usage` view prices usage where it lives.
 * PRICING_BENCH_ROWS generated usage rows (default 2,000,000) are loaded into a native
 * `usage_records` table of each engine; then, in interleaved rounds of one run, the aggregate over
 * the view (`count(*), sum(quoted_credits)`) is timed beside a bare aggregate over the same table
 * (`sum(credits_used) ... GROUP BY model`), and the ratio of their medians is printed per engine.
 * The target is a ratio of at most 5 on DuckDB and ClickHouse; PGlite (Postgres in WASM, one
 * thread) is reported on PRICING_BENCH_PG_ROWS rows (default 200,000). Each engine is measured
 * twice: on the generated log, and on the same rows with two thirds of them charged in a price
 * book (reported), so that the book joins are timed too. ClickHouse runs when chdb is installed
 * (`npm install --prefix test/clickhouse --no-save`). A script, not a test.
 */
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';
import { createPricer, parseRuleSet, readRuleSources } from '../../dist/index.js';
import { generateUsage } from '../../dist/usage.js';
import { priceTable, renderPriceSql } from '../../dist/export.js';
import { BENCH_BOOK } from './bench-book.js';

const ROWS = Number(process.env.PRICING_BENCH_ROWS ?? 2_000_000);
const PG_ROWS = Number(process.env.PRICING_BENCH_PG_ROWS ?? 200_000);
const ROUNDS = 5;
const dir = mkdtempSync(join(tmpdir(), 'pricing-sql-bench-'));
// The bundled rules and a book: the export holds the book's prices either way.
const table = priceTable(parseRuleSet([...readRuleSources(), BENCH_BOOK]));

const COLUMNS = [
  'task_id',
  'submitted_at',
  'model',
  'input_mode',
  'duration',
  'resolution',
  'input_images',
  'credits_used',
  'status',
  'book',
];

/** A CSV field: empty for NULL, quoted otherwise (an empty string stays distinct from NULL). */
const field = (/** @type {unknown} */ value) =>
  value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : `"${String(value).replace(/"/g, '""')}"`;

/**
 * Writes the generated log's well-formed records twice as CSVs of usage_records' columns: as
 * generated (no book), and with every row but each third charged in the book.
 * @param {number} count
 * @returns {Promise<{ list: string, booked: string }>} the two files
 */
async function writeRows(count) {
  const files = { list: join(dir, `usage-${count}.csv`), booked: join(dir, `usage-${count}-booked.csv`) };
  const outs = { list: createWriteStream(files.list), booked: createWriteStream(files.booked) };
  const header = `${COLUMNS.join(',')}\n`;
  let chunks = { list: header, booked: header };
  const flush = async (/** @type {boolean} */ last) => {
    for (const key of /** @type {const} */ (['list', 'booked'])) {
      if (last) outs[key].end(chunks[key]);
      else if (!outs[key].write(chunks[key])) await new Promise((done) => outs[key].once('drain', done));
    }
    chunks = { list: '', booked: '' };
  };
  let written = 0;
  for (const line of generateUsage(createPricer(), { count: Math.ceil(count * 1.02), seed: 2026, malformedShare: 0 })) {
    if (written === count) break;
    /** @type {any} */
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    const r = record.request ?? {};
    const images = Array.isArray(r.inputImageUrls) ? r.inputImageUrls.length : r.inputImageUrls === undefined ? null : -1;
    const duration = r.duration === undefined || r.duration === null ? null : String(r.duration);
    const fields = [
      record.taskId,
      record.submittedAt,
      r.model,
      r.inputMode,
      duration,
      r.resolution,
      images,
      record.creditsUsed,
      record.status,
    ];
    chunks.list += `${[...fields, null].map(field).join(',')}\n`;
    chunks.booked += `${[...fields, written % 3 === 0 ? null : 'bench'].map(field).join(',')}\n`;
    written++;
    if (chunks.list.length > 1 << 20) await flush(false);
  }
  await flush(true);
  await Promise.all(Object.values(outs).map((out) => new Promise((done) => out.once('finish', done))));
  return files;
}

/** @param {() => Promise<unknown> | unknown} run */
async function seconds(run) {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const VIEW = 'SELECT count(*), sum(quoted_credits) FROM priced_usage';
const BARE = 'SELECT model, sum(credits_used) FROM usage_records GROUP BY model';

/**
 * Times the two queries in interleaved rounds.
 * @param {(query: string) => Promise<unknown> | unknown} run
 */
async function ratio(run) {
  await run(VIEW);
  await run(BARE);
  const view = [];
  const bare = [];
  for (let round = 0; round < ROUNDS; round++) {
    view.push(await seconds(() => run(VIEW)));
    bare.push(await seconds(() => run(BARE)));
  }
  return median(view) / median(bare);
}

/**
 * Measures one engine on both logs.
 * @param {string} engine
 * @param {number} rows
 * @param {{ list: string, booked: string }} files
 * @param {(file: string) => Promise<unknown> | unknown} load - fills usage_records from a file
 * @param {(query: string) => Promise<unknown> | unknown} run
 * @param {(query: string) => Promise<number> | number} count - the one number a query returns
 */
async function measure(engine, rows, files, load, run, count) {
  await load(files.list);
  const list = await ratio(run);
  await run('TRUNCATE TABLE usage_records');
  await load(files.booked);
  // Checked: the book prices its tasks (an unknown book would be refused, and cost nothing to join).
  const inBook = await count("SELECT count(*) FROM priced_usage WHERE book = 'bench' AND refusal IS NULL");
  if (inBook < rows / 2) throw new Error(`${engine} priced ${inBook} of the ${rows} tasks in the book`);
  const booked = await ratio(run);
  return { engine, rows, list, booked };
}

const results = [];
const csv = await writeRows(ROWS);

{
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(renderPriceSql(table, 'duckdb', ['bench']));
  const load = (/** @type {string} */ file) =>
    duck.run(
      `INSERT INTO usage_records (${COLUMNS.join(', ')}) SELECT * FROM read_csv('${file}', header = true, all_varchar = false, columns = {'task_id': 'VARCHAR', 'submitted_at': 'TIMESTAMPTZ', 'model': 'VARCHAR', 'input_mode': 'VARCHAR', 'duration': 'VARCHAR', 'resolution': 'VARCHAR', 'input_images': 'BIGINT', 'credits_used': 'BIGINT', 'status': 'BIGINT', 'book': 'VARCHAR'})`,
    );
  const count = async (/** @type {string} */ query) => Number((await duck.runAndReadAll(query)).getRows()[0]?.[0]);
  results.push({ ...(await measure('DuckDB', ROWS, csv, load, (query) => duck.runAndReadAll(query), count)), target: 5 });
  duck.closeSync();
}

const chdbModules = resolve('test/clickhouse/node_modules');
if (existsSync(join(chdbModules, 'chdb/package.json'))) {
  const chdb = createRequire(join(chdbModules, 'chdb/package.json'))('chdb');
  const session = new chdb.Session();
  session.query(renderPriceSql(table, 'clickhouse', ['bench']));
  // The file's columns named with their types: inferred, an empty field (NULL) would read as ''
  // or 0, and the view would price other requests than DuckDB's and PGlite's.
  const structure =
    "task_id String, submitted_at DateTime64(3, 'UTC'), model Nullable(String), input_mode Nullable(String), duration Nullable(String), resolution Nullable(String), input_images Nullable(Int64), credits_used Int64, status Int64, book Nullable(String)";
  const load = (/** @type {string} */ file) => {
    session.query(
      `INSERT INTO usage_records (${COLUMNS.join(', ')}) SELECT * FROM file('${file}', 'CSVWithNames', '${structure.replace(/'/g, "\\'")}') SETTINGS input_format_csv_empty_as_default = 0, format_csv_null_representation = ''`,
    );
    // Checked: the tasks NULL in the file are NULL here too.
    const nulls = session.query('SELECT count() FROM usage_records WHERE resolution IS NULL', 'CSV').trim();
    if (nulls === '0') throw new Error('ClickHouse read no NULL resolution from the generated usage');
  };
  const count = (/** @type {string} */ query) => Number(session.query(query, 'CSV').trim());
  results.push({ ...(await measure('ClickHouse', ROWS, csv, load, (query) => session.query(query, 'CSV'), count)), target: 5 });
  session.cleanup();
} else results.push({ engine: 'ClickHouse', rows: 0, list: Number.NaN, booked: Number.NaN, target: 5 });

{
  const pgCsv = PG_ROWS === ROWS ? csv : await writeRows(PG_ROWS);
  const pg = new PGlite();
  await pg.exec(renderPriceSql(table, 'postgres', ['bench']));
  const load = (/** @type {string} */ file) =>
    pg.query(`COPY usage_records (${COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], {
      blob: new Blob([readFileSync(file)]),
    });
  const count = async (/** @type {string} */ query) => Number(Object.values((await pg.query(query)).rows[0] ?? {})[0]);
  results.push({ ...(await measure('PGlite', PG_ROWS, pgCsv, load, (query) => pg.query(query), count)), target: undefined });
  await pg.close();
}
rmSync(dir, { recursive: true, force: true });

console.log(`\npriced_usage next to a bare GROUP BY over the same native table, ${ROUNDS} interleaved rounds, ratio of medians:`);
for (const { engine, rows, list, booked, target } of results) {
  if (rows === 0) {
    console.log(`  ${engine}: not measured (chdb is not installed: npm install --prefix test/clickhouse --no-save)`);
    continue;
  }
  const verdict =
    target === undefined
      ? '(reported)'
      : list <= target
        ? `(target: at most ${target}): target met`
        : `(target: at most ${target}): TARGET MISSED`;
  console.log(`  ${engine}, ${Number(rows).toLocaleString('en-US')} rows: ${list.toFixed(2)}× ${verdict}`);
  console.log(`  ${engine}, the same rows, two thirds in a price book: ${booked.toFixed(2)}× (reported)`);
}
