/**
 * Reconciling a usage log with DuckDB, for logs too large or too columnar for the Node stream:
 * the records go into DuckDB and are priced with the SQL that `pricing export --format sql`
 * writes (see {@link reconcileInEngine}). DuckDB reads CSV and Parquet itself, with the checks
 * the stream makes of a JSON line.
 *
 * `@duckdb/node-api` is an optional peer dependency (its native binary is 68 MB, which a service
 * that only quotes does not install), loaded only here.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INSTANT_PATTERN } from '../primitives/instant.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { ReconcileSummary } from '../usage/reconcile.js';
import { reconcileInEngine, type ReconcileEngine } from './engine-reconcile.js';
import { literalPath } from './literal-path.js';
import { NUMBER_PATTERN } from './number-pattern.js';
import { type Sql, sql, sqlCode } from './sql-template.js';

/** DuckDB is not installed: the optional peer dependency is installed only by those who use it. */
export class DuckDBMissingError extends Error {
  /** Always `DuckDBMissingError`. */
  override readonly name = 'DuckDBMissingError';
  /** Says how to install the package. */
  constructor() {
    super(
      '--engine duckdb needs the optional package @duckdb/node-api: run "npm install @duckdb/node-api@1.5.6-r.1" (the default engine needs nothing)',
    );
  }
}

/**
 * The instant a text holds, read as `parseInstant` reads it: NULL unless the text follows the
 * shared grammar and the calendar holds the date. DuckDB's cast needs the seconds, which the
 * grammar lets a writer leave out (`2027-01-01T09:30+02:00`): they are put in first.
 */
const instantOf = (text: Sql): Sql =>
  sql`CASE WHEN regexp_full_match(${text}, ${INSTANT_PATTERN}) THEN TRY_CAST(regexp_replace(${text}, ${'^([0-9-]{10}T[0-9]{2}:[0-9]{2})(Z|[+-])'}, ${'\\1:00\\2'}) AS TIMESTAMPTZ) END`;

/** A column of the log as text, NULL as NULL. */
const textOf = (column: string): Sql => sql`CAST(s.${sqlCode(`"${column}"`)} AS VARCHAR)`;

/** A column's number, read by the one grammar of a number, or NULL. */
const numberOf = (column: string): Sql =>
  sql`CASE WHEN regexp_full_match(${textOf(column)}, ${NUMBER_PATTERN}) THEN CAST(${textOf(column)} AS DOUBLE) END`;

/** Whether a number is whole, from 0 to 2^53 − 1: credits as a usage record holds them, or a count. */
const whole = (value: Sql): Sql => sql`COALESCE(${value} BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER} AND ${value} = floor(${value}), FALSE)`;

/** Reads a CSV or Parquet log into usage_source, numbering its rows. */
function columnarSourceSql(file: string, format: 'csv' | 'parquet'): Sql {
  const source = format === 'csv' ? sql`read_csv(${file}, header = true, all_varchar = true)` : sql`read_parquet(${file})`;
  return sql`CREATE TEMP TABLE usage_source AS SELECT CAST(row_number() OVER () AS BIGINT) AS line, * FROM ${source}`;
}

/**
 * Checks usage_source's rows into usage_input: its columns are those of usage_records, with
 * `credits_refunded`, `customer_id` and `book` optional.
 */
function columnarSql(columns: readonly string[]): Sql {
  const optional = (column: string): Sql => (columns.includes(column) ? sql`NULLIF(${textOf(column)}, '')` : sql`CAST(NULL AS VARCHAR)`);
  const credits = numberOf('credits_used');
  const status = numberOf('status');
  const images = numberOf('input_images');
  const submitted = sql`CASE WHEN typeof(s.submitted_at) = 'VARCHAR' THEN ${instantOf(textOf('submitted_at'))} ELSE TRY_CAST(s.submitted_at AS TIMESTAMPTZ) END`;
  return sql`
CREATE TEMP TABLE usage_input AS
SELECT
  'line ' || s.line AS task_id,
  s.line AS line,
  ${submitted} AS submitted_at,
  epoch_ms(${submitted}) AS submitted_ms,
  ${textOf('model')} AS model,
  ${textOf('input_mode')} AS input_mode,
  ${textOf('duration')} AS duration,
  ${textOf('resolution')} AS resolution,
  CASE WHEN ${textOf('input_images')} IS NULL THEN NULL WHEN ${whole(images)} THEN CAST(${images} AS BIGINT) ELSE -1 END AS input_images,
  CASE WHEN ${whole(credits)} THEN CAST(${credits} AS BIGINT) END AS credits_used,
  CASE WHEN ${status} IN (0, 1, 2) THEN CAST(${status} AS BIGINT) END AS status,
  (COALESCE(${status} = 2, FALSE) OR lower(COALESCE(CAST(to_json(s) ->> 'credits_refunded' AS VARCHAR), 'false')) = 'true') AS refunded,
  ${optional('customer_id')} AS customer_id,
  ${optional('book')} AS book,
  FALSE AS model_invalid,
  ${textOf('task_id')} AS task,
  (COALESCE(${textOf('task_id')}, '') = '' OR ${submitted} IS NULL OR NOT COALESCE(${status} IN (0, 1, 2), FALSE) OR NOT ${whole(credits)}) AS malformed
FROM usage_source s;
DROP TABLE usage_source;
`;
}

async function connect(): Promise<DuckDBConnection> {
  let duckdb: typeof import('@duckdb/node-api');
  try {
    duckdb = await import('@duckdb/node-api');
  } catch {
    throw new DuckDBMissingError();
  }
  const instance = await duckdb.DuckDBInstance.create(':memory:');
  return instance.connect();
}

/**
 * Reconciles a usage log with DuckDB.
 * @param file - the log: `.jsonl` (or any other name: JSON lines; `.gz` for gzip), `.csv` or `.parquet`
 * @param ruleSet - the rules to check the charges against
 * @returns the same summary as the streaming reconciliation of the file
 * @throws {@link DuckDBMissingError} when `@duckdb/node-api` is not installed
 */
export async function reconcileWithDuckDB(file: string, ruleSet: RuleSet): Promise<ReconcileSummary> {
  const literal = literalPath(file);
  try {
    return await reconcileLiteral(literal.path, ruleSet);
  } finally {
    literal.release();
  }
}

/** DuckDB, as an engine that reconciles. */
function duckdbEngine(connection: DuckDBConnection): ReconcileEngine {
  const run = async (statements: string): Promise<void> => {
    await connection.run(statements);
  };
  return {
    dialect: 'duckdb',
    run,
    rows: async (query) => (await connection.runAndReadAll(query)).getRowObjectsJS() as Record<string, unknown>[],
    loadRecords: (rowsFile) =>
      run(
        sql`CREATE TEMP TABLE usage_input AS SELECT *, FALSE AS malformed FROM read_json(${rowsFile}, format = 'newline_delimited', columns = {
  task_id: 'VARCHAR', line: 'BIGINT', submitted_at: 'TIMESTAMPTZ', submitted_ms: 'BIGINT', model: 'VARCHAR', input_mode: 'VARCHAR', duration: 'VARCHAR',
  resolution: 'VARCHAR', input_images: 'BIGINT', credits_used: 'BIGINT', status: 'BIGINT', refunded: 'BOOLEAN',
  customer_id: 'VARCHAR', book: 'VARCHAR', model_invalid: 'BOOLEAN', task: 'VARCHAR'})`.text,
      ),
    loadColumnar: async (file, format) => {
      await run(columnarSourceSql(file, format).text);
      const columns = (await connection.runAndReadAll('DESCRIBE usage_source')).getRowObjectsJS().map((c) => String(c.column_name));
      await run(columnarSql(columns).text);
    },
    createTableAs: (name, query) => sql`CREATE TEMP TABLE ${sqlCode(name)} AS ${query}`,
    exactSum: (expression) => sql`CAST(COALESCE(sum(CAST(${expression} AS HUGEINT)), 0) AS VARCHAR)`,
    close: () => connection.closeSync(),
  };
}

async function reconcileLiteral(file: string, ruleSet: RuleSet): Promise<ReconcileSummary> {
  const connection = await connect();
  const engine = duckdbEngine(connection);
  try {
    await connection.run("SET TimeZone = 'UTC'");
    // A log larger than memory spills to disk instead of filling it.
    await connection.run(sql`SET memory_limit = '1GB'; SET temp_directory = ${join(tmpdir(), 'pricing-duckdb')}`.text);
    return await reconcileInEngine(engine, file, ruleSet);
  } finally {
    engine.close();
  }
}
