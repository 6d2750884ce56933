/**
 * Reconciling a usage log with DuckDB, for logs too large or too columnar for the Node stream:
 * the records go into DuckDB and are priced with the SQL that `pricing export --format sql`
 * writes (see {@link reconcileInEngine}). DuckDB reads CSV and Parquet itself, with the checks
 * the stream makes of a JSON line.
 *
 * `@duckdb/node-api` is an optional peer dependency (its native binary is 68 MB, which a service
 * that only quotes does not install), loaded only here.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INSTANT_PATTERN } from '../primitives/instant.js';
import type { RuleSet } from '../rules/rule-set.js';
import type { ReconcileSummary } from '../usage/reconcile.js';
import { reconcileInEngine, type ReconcileEngine } from './engine-reconcile.js';
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

/** The instant of a `submitted_at` column: text by the shared grammar, a timestamp column as it is. */
const submittedAtColumn = sql`CASE WHEN typeof(submitted_at) = 'VARCHAR' THEN ${instantOf(sql`CAST(submitted_at AS VARCHAR)`)} ELSE TRY_CAST(submitted_at AS TIMESTAMPTZ) END`;

/**
 * Whether a column holds credits as a usage record does: a whole number from 0 to 2^53 − 1, read
 * exactly (a cast to an integer would round 62.6 to 63 and count it a match).
 */
const wholeCredits = (column: Sql): Sql =>
  sql`COALESCE(TRY_CAST(${column} AS DOUBLE) BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER} AND TRY_CAST(${column} AS DOUBLE) = floor(TRY_CAST(${column} AS DOUBLE)), FALSE)`;

/** Reads a CSV or Parquet log whose columns are those of usage_records (and, optionally, credits_refunded) into usage_input. */
function columnarSql(file: string, format: 'csv' | 'parquet'): Sql {
  const source = format === 'csv' ? sql`read_csv(${file}, header = true, all_varchar = true)` : sql`read_parquet(${file})`;
  return sql`
CREATE TEMP TABLE usage_source AS SELECT CAST(row_number() OVER () AS BIGINT) AS line, * FROM ${source};
CREATE TEMP TABLE usage_input AS
SELECT
  'line ' || line AS task_id,
  line,
  ${submittedAtColumn} AS submitted_at,
  CAST(model AS VARCHAR) AS model,
  CAST(input_mode AS VARCHAR) AS input_mode,
  CAST(duration AS VARCHAR) AS duration,
  CAST(resolution AS VARCHAR) AS resolution,
  TRY_CAST(input_images AS BIGINT) AS input_images,
  CAST(CASE WHEN ${wholeCredits(sql`credits_used`)} THEN TRY_CAST(credits_used AS DOUBLE) END AS BIGINT) AS credits_used,
  CAST(CASE WHEN TRY_CAST(status AS DOUBLE) IN (0, 1, 2) THEN TRY_CAST(status AS DOUBLE) END AS BIGINT) AS status,
  (TRY_CAST(status AS DOUBLE) = 2 OR lower(CAST(COALESCE(TRY_CAST(to_json(s) ->> 'credits_refunded' AS VARCHAR), 'false') AS VARCHAR)) = 'true') AS refunded,
  (task_id IS NULL OR CAST(task_id AS VARCHAR) = '' OR ${submittedAtColumn} IS NULL
    OR TRY_CAST(status AS DOUBLE) IS NULL OR TRY_CAST(status AS DOUBLE) NOT IN (0, 1, 2)
    OR NOT ${wholeCredits(sql`credits_used`)}) AS malformed
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

/**
 * A path DuckDB reads as the file it names: DuckDB takes `*`, `?`, `[` and `{` in a file name as
 * a pattern (`u[1].jsonl` would read `u1.jsonl`), so such a name is read through a link with a
 * plain name, in a folder of its own.
 */
function literalPath(file: string): { path: string; release: () => void } {
  if (!/[*?[\]{}]/.test(file)) return { path: file, release: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'pricing-duckdb-log-'));
  const path = join(dir, `log${extname(file.replace(/\.gz$/i, '')).toLowerCase()}`);
  symlinkSync(resolve(file), path);
  return { path, release: () => rmSync(dir, { recursive: true, force: true }) };
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
  task_id: 'VARCHAR', line: 'BIGINT', submitted_at: 'TIMESTAMPTZ', model: 'VARCHAR', input_mode: 'VARCHAR', duration: 'VARCHAR',
  resolution: 'VARCHAR', input_images: 'BIGINT', credits_used: 'BIGINT', status: 'BIGINT', refunded: 'BOOLEAN'})`.text,
      ),
    loadColumnar: (file, format) => run(columnarSql(file, format).text),
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
