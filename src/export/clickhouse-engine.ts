/**
 * Reconciling a usage log with ClickHouse's engine, embedded (chdb): the records go into
 * ClickHouse and are priced with the SQL that `pricing export --format sql --dialect clickhouse`
 * writes (see {@link reconcileInEngine}). ClickHouse reads CSV and Parquet itself, with the
 * checks the stream makes of a JSON line.
 *
 * chdb weighs about 550 MB: it is no dependency of the package, and is loaded only here, from
 * wherever Node finds it (the project's node_modules, or NODE_PATH).
 */
import { createRequire } from 'node:module';
import { INSTANT_PATTERN } from '../primitives/instant.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { ReconcileSummary } from '../usage/reconcile.js';
import { reconcileInEngine, type ReconcileEngine } from './engine-reconcile.js';
import { literalPath } from './literal-path.js';
import { NUMBER_PATTERN } from './number-pattern.js';
import { spelling } from './sql-dialect.js';
import { type Sql, sql, sqlCode } from './sql-template.js';

/** chdb is not installed: it is installed only by those who use it. */
export class ClickHouseMissingError extends Error {
  /** Always `ClickHouseMissingError`. */
  override readonly name = 'ClickHouseMissingError';
  /** Says how to install the package. */
  constructor() {
    super('--engine clickhouse needs the package chdb (about 550 MB): run "npm install chdb@3.4.0" (the default engine needs nothing)');
  }
}

/** The part of a chdb session the engine uses. */
interface ChdbSession {
  query(query: string, format?: string): string;
  cleanup(): void;
}

function openSession(): ChdbSession {
  let chdb: { Session: new () => ChdbSession };
  try {
    chdb = createRequire(import.meta.url)('chdb') as typeof chdb;
  } catch {
    throw new ClickHouseMissingError();
  }
  return new chdb.Session();
}

/** The columns of usage_records a CSV or Parquet log must have; `credits_refunded` may be there too. */
const COLUMNS = ['task_id', 'submitted_at', 'model', 'input_mode', 'duration', 'resolution', 'input_images', 'credits_used', 'status'];

/** A column of the log as text, NULL as NULL. */
const textOf = (column: string): Sql => sql`CAST(src.${sqlCode(`\`${column}\``)} AS Nullable(String))`;

/** A column's number, read by the one grammar of a number, or NULL. */
const numberOf = (column: string): Sql =>
  sql`if(match(coalesce(${textOf(column)}, ''), ${NUMBER_PATTERN}), toFloat64OrNull(${textOf(column)}), NULL)`;

/**
 * The instant a text holds, in epoch milliseconds, read as `parseInstant` reads it: NULL unless
 * the text follows the shared grammar and the calendar holds the date. It is computed in
 * integers, epoch days by Howard Hinnant's days-from-civil, so that no parser's leniency or range
 * comes in.
 */
function instantMsOf(text: Sql): Sql {
  const g = (n: number): Sql => sql`toInt64OrZero(groups[${n}])`;
  return sql`(WITH extractGroups(coalesce(${text}, ''), ${INSTANT_PATTERN}) AS groups,
    ${g(1)} AS y, ${g(2)} AS m, ${g(3)} AS d,
    y - if(m <= 2, 1, 0) AS ey, intDiv(ey, 400) AS era, ey - era * 400 AS yoe,
    intDiv(153 * (m + if(m > 2, -3, 9)) + 2, 5) + d - 1 AS doy,
    era * 146097 + yoe * 365 + intDiv(yoe, 4) - intDiv(yoe, 100) + doy - 719468 AS days,
    if(m = 2, if(y % 4 = 0 AND (y % 100 != 0 OR y % 400 = 0), 29, 28), if(m IN (4, 6, 9, 11), 30, 31)) AS month_days,
    ${g(5)} * 3600000 + ${g(6)} * 60000 + ${g(8)} * 1000 + toInt64OrZero(rightPad(groups[10], 3, '0')) AS day_ms,
    if(groups[12] = '-', -1, 1) * (${g(13)} * 3600000 + ${g(14)} * 60000) AS offset_ms,
    days * 86400000 + day_ms - offset_ms AS epoch_ms
  SELECT if(length(groups) > 0 AND m BETWEEN 1 AND 12 AND d BETWEEN 1 AND month_days, epoch_ms, NULL))`;
}

/**
 * An instant (epoch ms) as DateTime64, kept within what DateTime64 holds: every version starts
 * inside that range, so the price in force is the same.
 */
function clampedInstant(ms: Sql): Sql {
  const [earliest, latest] = spelling('clickhouse').range;
  return sql`fromUnixTimestamp64Milli(least(greatest(${ms}, ${earliest}), ${latest}), 'UTC')`;
}

/** Whether a number is whole, from 0 to 2^53 − 1: credits as a usage record holds them, or a count. */
const whole = (value: Sql): Sql => sql`coalesce(${value} BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER} AND ${value} = floor(${value}), false)`;

/** The columns of a CSV or Parquet log, and their types. */
function describe(session: ChdbSession, source: Sql): Map<string, string> {
  const rows = session.query(sql`DESCRIBE ${source}`.text, 'JSONEachRow').split('\n').filter(Boolean);
  return new Map(rows.map((row) => JSON.parse(row) as { name: string; type: string }).map((c) => [c.name, c.type]));
}

function columnarSql(session: ChdbSession, file: string, format: 'csv' | 'parquet'): Sql {
  const source = format === 'csv' ? sql`file(${file}, 'CSVWithNames')` : sql`file(${file}, 'Parquet')`;
  const types = describe(session, source);
  const missing = COLUMNS.filter((c) => !types.has(c));
  if (missing.length > 0) throw new Error(`expected the columns of usage_records, found none named ${missing.join(', ')}`);
  const optional = (column: string): Sql => (types.has(column) ? sql`nullIf(${textOf(column)}, '')` : sql`CAST(NULL AS Nullable(String))`);
  const refunds = types.has('credits_refunded') ? sql`lower(coalesce(${textOf('credits_refunded')}, 'false')) = 'true'` : sql`false`;
  // A timestamp column is an instant as it is; text is read by the grammar.
  const submittedMs = /DateTime|Date/.test(types.get('submitted_at') ?? '')
    ? sql`toUnixTimestamp64Milli(toDateTime64(src.submitted_at, 3, 'UTC'))`
    : instantMsOf(textOf('submitted_at'));
  const submitted = clampedInstant(submittedMs);
  const typed =
    format === 'csv'
      ? sql`file(${file}, 'CSVWithNames', ${[...types.keys()].map((c) => `\`${c.replace(/`/g, '``')}\` Nullable(String)`).join(', ')})`
      : source;
  const credits = numberOf('credits_used');
  const status = numberOf('status');
  const images = numberOf('input_images');
  return sql`
CREATE TABLE usage_source ENGINE = MergeTree ORDER BY line AS
SELECT toInt64(rowNumberInAllBlocks() + 1) AS line, * FROM ${typed}
SETTINGS max_threads = 1, input_format_parallel_parsing = 0;
CREATE TABLE usage_input ENGINE = MergeTree ORDER BY line AS
SELECT
  concat('line ', toString(src.line)) AS task_id,
  src.line AS line,
  ${submitted} AS submitted_at,
  ${submittedMs} AS submitted_ms,
  ${textOf('model')} AS model,
  ${textOf('input_mode')} AS input_mode,
  ${textOf('duration')} AS duration,
  ${textOf('resolution')} AS resolution,
  if(${textOf('input_images')} IS NULL, NULL, if(${whole(images)}, toInt64(${images}), -1)) AS input_images,
  if(${whole(credits)}, toInt64(${credits}), NULL) AS credits_used,
  if(${status} IN (0, 1, 2), toInt64(${status}), NULL) AS status,
  coalesce(${status} = 2, false) OR ${refunds} AS refunded,
  ${optional('customer_id')} AS customer_id,
  ${optional('book')} AS book,
  false AS model_invalid,
  ${textOf('task_id')} AS task,
  (coalesce(${textOf('task_id')}, '') = '' OR ${submittedMs} IS NULL OR NOT coalesce(${status} IN (0, 1, 2), false) OR NOT ${whole(credits)}) AS malformed
FROM usage_source AS src;
DROP TABLE usage_source;
`;
}

/** ClickHouse, as an engine that reconciles. */
function clickhouseEngine(session: ChdbSession): ReconcileEngine {
  const run = async (statements: string): Promise<void> => {
    session.query(statements);
  };
  return {
    dialect: 'clickhouse',
    run,
    rows: async (query) =>
      session
        .query(`${query} SETTINGS output_format_json_quote_64bit_integers = 0`, 'JSONEachRow')
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    loadRecords: (rowsFile) =>
      run(
        sql`CREATE TABLE usage_input ENGINE = MergeTree ORDER BY line AS SELECT *, false AS malformed FROM file(${rowsFile}, 'JSONEachRow',
  ${"task_id String, line Int64, submitted_at DateTime64(3, 'UTC'), submitted_ms Int64, model Nullable(String), input_mode Nullable(String), duration Nullable(String), resolution Nullable(String), input_images Nullable(Int64), credits_used Int64, status Int64, refunded Bool, customer_id Nullable(String), book Nullable(String), model_invalid Bool, task String"})
SETTINGS date_time_input_format = 'best_effort'`.text,
      ),
    loadColumnar: (file, format) => run(columnarSql(session, file, format).text),
    createTableAs: (name, query) => sql`CREATE TABLE ${sqlCode(name)} ENGINE = MergeTree ORDER BY tuple() AS ${query}`,
    exactSum: (expression) => sql`toString(sum(toInt128(${expression})))`,
    close: () => session.cleanup(),
  };
}

/**
 * Reconciles a usage log with ClickHouse's engine (chdb).
 * @param file - the log: JSON lines (gzip or not, whatever the name), `.csv` or `.parquet`
 * @param ruleSet - the rules to check the charges against
 * @returns the same summary as the streaming reconciliation of the file
 * @throws {@link ClickHouseMissingError} when chdb is not installed
 */
export async function reconcileWithClickHouse(file: string, ruleSet: RuleSet): Promise<ReconcileSummary> {
  const engine = clickhouseEngine(openSession());
  const literal = literalPath(file);
  try {
    return await reconcileInEngine(engine, literal.path, ruleSet);
  } finally {
    literal.release();
    engine.close();
  }
}
