/**
 * Reconciling a usage log with DuckDB, for files too large or too columnar for the Node stream:
 * DuckDB reads the log (JSONL, gzip or not, CSV or Parquet, by extension), checks every record
 * as the streaming reader does, prices it with the SQL that `pricing export --format sql`
 * writes, and sums the outcomes into the same summary. Only the first malformed lines go back
 * to Node, to be explained with the streaming reader's words.
 *
 * `@duckdb/node-api` is an optional peer dependency (its native binary is 68 MB, which a service
 * that only quotes does not install), loaded only here.
 */
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { INSTANT_PATTERN } from '../primitives/instant.js';
import { priceTable } from './price-table.js';
import { renderPriceSql } from './sql.js';
import { type Sql, sql, sqlCode } from './sql-template.js';
import type { PricingErrorCode } from '../primitives/errors.js';
import { compilePricer } from '../pricer/compile-pricer.js';
import { pointLabel } from '../primitives/point-label.js';
import type { RuleSet } from '../rules/rule-set.js';
import {
  compareDriftGroups,
  MALFORMED_LINES_KEPT,
  type DriftGroup,
  type MalformedLine,
  type ReconcileSummary,
} from '../usage/reconcile.js';
import { MAX_LINE_BYTES, startsWithGzipMagic } from '../usage/usage-file.js';
import { isMalformed, OVERLONG_LINE, readUsageLine } from '../usage/usage-record.js';

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

/** The fields a usage line is read for, extracted in one pass: `f[1]` is `taskId`, and so on. */
const FIELDS = [
  '$.taskId',
  '$.submittedAt',
  '$.request',
  '$.status',
  '$.creditsUsed',
  '$.creditsRefunded',
  '$.request.model',
  '$.request.inputMode',
  '$.request.duration',
  '$.request.resolution',
  '$.request.inputImageUrls',
] as const;
type FieldPath = (typeof FIELDS)[number];
const field = (path: FieldPath): Sql => sqlCode(`f[${FIELDS.indexOf(path) + 1}]`);

/** A field's JSON type, with 'NULL' for a field that is absent. */
const typeOf = (path: FieldPath): Sql => sql`COALESCE(json_type(${field(path)}), 'NULL')`;

/** A JSON number's value, or NULL. */
const numberOf = (path: FieldPath): Sql => sql`TRY_CAST(${field(path)} AS DOUBLE)`;

/** A JSON string's text. */
const stringOf = (path: FieldPath): Sql => sql`json_extract_string(${field(path)}, '$')`;

/** A JSON value's text for a usage_records text column: strings as they are, absent or null as NULL, anything else as `other`. */
const textColumn = (path: FieldPath, other: Sql): Sql =>
  sql`CASE ${typeOf(path)} WHEN 'NULL' THEN NULL WHEN 'VARCHAR' THEN ${stringOf(path)} ELSE ${other} END`;

/**
 * The instant a text holds, read as `parseInstant` reads it: NULL unless the text follows the
 * shared grammar and the calendar holds the date. DuckDB's cast needs the seconds, which the
 * grammar lets a writer leave out (`2027-01-01T09:30+02:00`): they are put in first.
 */
const instantOf = (text: Sql): Sql =>
  sql`CASE WHEN regexp_full_match(${text}, ${INSTANT_PATTERN}) THEN TRY_CAST(regexp_replace(${text}, ${'^([0-9-]{10}T[0-9]{2}:[0-9]{2})(Z|[+-])'}, ${'\\1:00\\2'}) AS TIMESTAMPTZ) END`;

/** The instant of a `submitted_at` column: text by the shared grammar, a timestamp column as it is. */
const submittedAtColumn = sql`CASE WHEN typeof(submitted_at) = 'VARCHAR' THEN ${instantOf(sql`CAST(submitted_at AS VARCHAR)`)} ELSE TRY_CAST(submitted_at AS TIMESTAMPTZ) END`;

/** The stream's marker of a line over 1 MiB, as SQL: it starts with NUL, which a SQL literal cannot hold. */
const overlongLine = sql`chr(0) || ${OVERLONG_LINE.slice(1)}`;

/** Reads a JSONL log into `usage_lines` (every line, numbered) and `usage_records` (the well-formed ones). */
function jsonlSql(file: string): Sql {
  const isNumber = (path: FieldPath): Sql => sql`${typeOf(path)} IN ('UBIGINT', 'BIGINT', 'DOUBLE')`;
  const duration = '$.request.duration' as const;
  return sql`
CREATE TEMP TABLE usage_lines AS
SELECT CAST(row_number() OVER () AS BIGINT) AS line,
  -- As the stream: a line longer than 1 MiB is not read, and reads as the stream's marker for it.
  CASE WHEN strlen(text) > ${MAX_LINE_BYTES} THEN ${overlongLine} ELSE COALESCE(text, '') END AS text
FROM read_csv(${file}, columns = {'text': 'VARCHAR'}, header = false, delim = ${'\x01'}, quote = '', escape = '', compression = ${startsWithGzipMagic(file) ? 'gzip' : 'none'},
  auto_detect = false, strict_mode = false, max_line_size = ${2 * MAX_LINE_BYTES});

CREATE TEMP TABLE usage_parsed AS
SELECT line, CASE WHEN malformed THEN text END AS text, f, refunded, malformed FROM (
SELECT line, text, f,
  (f IS NOT NULL AND (${numberOf('$.status')} = 2 OR (${typeOf('$.creditsRefunded')} = 'BOOLEAN' AND CAST(${field('$.creditsRefunded')} AS VARCHAR) = 'true'))) AS refunded,
  CASE
    WHEN f IS NULL THEN TRUE
    WHEN ${typeOf('$.taskId')} <> 'VARCHAR' OR ${stringOf('$.taskId')} = '' THEN TRUE
    WHEN ${typeOf('$.submittedAt')} <> 'VARCHAR' THEN TRUE
    WHEN ${instantOf(stringOf('$.submittedAt'))} IS NULL THEN TRUE
    WHEN ${typeOf('$.request')} <> 'OBJECT' THEN TRUE
    WHEN NOT ${isNumber('$.status')} OR ${numberOf('$.status')} NOT IN (0, 1, 2) THEN TRUE
    WHEN NOT ${isNumber('$.creditsUsed')} OR ${numberOf('$.creditsUsed')} < 0 OR ${numberOf('$.creditsUsed')} > ${Number.MAX_SAFE_INTEGER} OR ${numberOf('$.creditsUsed')} <> floor(${numberOf('$.creditsUsed')}) THEN TRUE
    WHEN ${typeOf('$.creditsRefunded')} NOT IN ('NULL', 'BOOLEAN') OR (json_type(${field('$.creditsRefunded')}) = 'NULL') THEN TRUE
    ELSE FALSE
  END AS malformed
FROM (
  -- A line that is not JSON, or whose top level is not an object, has no fields: malformed.
  SELECT line, text, CASE WHEN json_valid(text) AND json_type(text) = 'OBJECT' THEN json_extract(text, [${FIELDS}]) END AS f
  FROM usage_lines
));
DROP TABLE usage_lines;

INSERT INTO usage_records
SELECT
  'line ' || line,
  ${instantOf(stringOf('$.submittedAt'))},
  ${textColumn('$.request.model', sql`CAST(${field('$.request.model')} AS VARCHAR)`)},
  ${textColumn('$.request.inputMode', sql`''`)},
  CASE ${typeOf(duration)}
    WHEN 'NULL' THEN NULL
    WHEN 'VARCHAR' THEN ${stringOf(duration)}
    WHEN 'UBIGINT' THEN CAST(${field(duration)} AS VARCHAR)
    WHEN 'BIGINT' THEN CAST(${field(duration)} AS VARCHAR)
    WHEN 'DOUBLE' THEN CASE
      WHEN ${numberOf(duration)} = floor(${numberOf(duration)}) AND ${numberOf(duration)} BETWEEN ${-Number.MAX_SAFE_INTEGER} AND ${Number.MAX_SAFE_INTEGER}
      THEN CAST(CAST(${numberOf(duration)} AS BIGINT) AS VARCHAR)
      ELSE CAST(${field(duration)} AS VARCHAR) END
    ELSE ''
  END,
  ${textColumn('$.request.resolution', sql`''`)},
  CASE ${typeOf('$.request.inputImageUrls')} WHEN 'NULL' THEN NULL WHEN 'ARRAY' THEN CAST(json_array_length(${field('$.request.inputImageUrls')}) AS BIGINT) ELSE -1 END,
  CAST(${numberOf('$.creditsUsed')} AS BIGINT),
  CAST(${numberOf('$.status')} AS BIGINT)
FROM usage_parsed
WHERE NOT malformed;

-- usage_records can carry only text in model: a model that is not a string is marked here, to be refused as quote refuses it.
CREATE TEMP TABLE usage_checked AS SELECT line, text, refunded, malformed, (NOT malformed AND ${typeOf('$.request.model')} <> 'VARCHAR' AND ${typeOf('$.request.model')} <> 'NULL') AS model_invalid FROM usage_parsed;
DROP TABLE usage_parsed;
`;
}

/**
 * Whether a column holds credits as a usage record does: a whole number from 0 to 2^53 − 1, read
 * exactly (a cast to an integer would round 62.6 to 63 and count it a match).
 */
const wholeCredits = (column: Sql): Sql =>
  sql`COALESCE(TRY_CAST(${column} AS DOUBLE) BETWEEN 0 AND ${Number.MAX_SAFE_INTEGER} AND TRY_CAST(${column} AS DOUBLE) = floor(TRY_CAST(${column} AS DOUBLE)), FALSE)`;

/** Reads a CSV or Parquet log whose columns are those of usage_records (and, optionally, credits_refunded). */
function columnarSql(file: string, reader: 'read_csv' | 'read_parquet'): Sql {
  const source = reader === 'read_csv' ? sql`read_csv(${file}, header = true, all_varchar = true)` : sql`read_parquet(${file})`;
  return sql`
CREATE TEMP TABLE usage_source AS SELECT CAST(row_number() OVER () AS BIGINT) AS line, * FROM ${source};
CREATE TEMP TABLE usage_checked AS
SELECT line, '' AS text, NULL AS json, FALSE AS model_invalid,
  (TRY_CAST(status AS DOUBLE) = 2 OR lower(CAST(COALESCE(TRY_CAST(to_json(s) ->> 'credits_refunded' AS VARCHAR), 'false') AS VARCHAR)) = 'true') AS refunded,
  (task_id IS NULL OR CAST(task_id AS VARCHAR) = '' OR ${submittedAtColumn} IS NULL
    OR TRY_CAST(status AS DOUBLE) IS NULL OR TRY_CAST(status AS DOUBLE) NOT IN (0, 1, 2)
    OR NOT ${wholeCredits(sql`credits_used`)}) AS malformed,
  s.*
FROM usage_source s;
INSERT INTO usage_records
SELECT 'line ' || line, ${submittedAtColumn}, CAST(model AS VARCHAR), CAST(input_mode AS VARCHAR), CAST(duration AS VARCHAR),
  CAST(resolution AS VARCHAR), TRY_CAST(input_images AS BIGINT), CAST(TRY_CAST(credits_used AS DOUBLE) AS BIGINT), CAST(TRY_CAST(status AS DOUBLE) AS BIGINT)
FROM usage_checked WHERE NOT malformed;
`;
}

/** The extension of a file, without `.gz`. */
const extension = (file: string): string => file.toLowerCase().replace(/\.gz$/, '').replace(/^.*\./, '');
const isColumnar = (file: string): boolean => ['csv', 'parquet'].includes(extension(file));

/** The reader for a file, by its extension. */
function loadSql(file: string): Sql {
  if (extension(file) === 'parquet') return columnarSql(file, 'read_parquet');
  if (extension(file) === 'csv') return columnarSql(file, 'read_csv');
  return jsonlSql(file);
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

const n = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

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

async function reconcileLiteral(file: string, ruleSet: RuleSet): Promise<ReconcileSummary> {
  const connection = await connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    // A log larger than memory spills to disk instead of filling it.
    await connection.run(sql`SET memory_limit = '1GB'; SET temp_directory = ${join(tmpdir(), 'pricing-duckdb')}`.text);
    await connection.run(renderPriceSql(priceTable(ruleSet), 'duckdb', ['pricing reconcile --engine duckdb']));
    await connection.run(loadSql(file).text);
    // The summary reads the priced usage three times: price it once.
    await connection.run('CREATE TEMP TABLE priced AS SELECT * FROM priced_usage');
    // quote refuses a model that is not a string as invalid before anything else.
    await connection.run(`
      UPDATE priced SET refusal = 'INVALID_PARAMETER', mode = NULL, quoted_credits = NULL, price_duration = NULL, price_resolution = NULL
      WHERE task_id IN (SELECT 'line ' || line FROM usage_checked WHERE model_invalid)`);
    const rows = async (query: Sql) => (await connection.runAndReadAll(query.text)).getRowObjectsJS();
    const [totals] = await rows(sql`
      SELECT
        (SELECT count(*) FROM usage_checked) AS lines,
        (SELECT count(*) FROM usage_checked WHERE malformed) AS malformed,
        count(*) FILTER (WHERE p.refusal IS NULL AND p.quoted_credits = p.credits_used) AS match,
        count(*) FILTER (WHERE p.refusal IS NULL AND p.quoted_credits <> p.credits_used) AS drift,
        count(*) FILTER (WHERE p.refusal IS NOT NULL) AS unpriceable,
        count(*) FILTER (WHERE c.refunded) AS refunded,
        sum(p.quoted_credits) FILTER (WHERE p.refusal IS NULL) AS quoted,
        sum(p.credits_used) AS charged,
        sum(p.credits_used) FILTER (WHERE c.refunded) AS refunded_credits
      FROM priced p JOIN usage_checked c ON p.task_id = 'line ' || c.line`);
    const codes = await rows(
      sql`SELECT refusal, count(*) AS tasks FROM priced WHERE refusal IS NOT NULL GROUP BY refusal ORDER BY refusal`,
    );
    const drifts = await rows(sql`
      SELECT model, price_duration, price_resolution, quoted_credits, credits_used, count(*) AS tasks
      FROM priced WHERE refusal IS NULL AND quoted_credits <> credits_used
      GROUP BY model, price_duration, price_resolution, quoted_credits, credits_used`);
    const malformed = await rows(sql`SELECT line, text FROM usage_checked WHERE malformed ORDER BY line LIMIT ${MALFORMED_LINES_KEPT}`);

    const driftGroups: DriftGroup[] = drifts
      .map((d) => ({
        model: String(d.model),
        point: pointLabel({
          duration: d.price_duration === null ? undefined : Number(d.price_duration),
          resolution: d.price_resolution === null ? undefined : String(d.price_resolution),
        }),
        quoted: n(d.quoted_credits),
        charged: n(d.credits_used),
        count: n(d.tasks),
      }))
      .sort(compareDriftGroups);
    const columnar = isColumnar(file);
    const malformedLines: MalformedLine[] = malformed.map((m) => {
      // A CSV or Parquet row has no line text: it is malformed by a missing or out-of-range column.
      const read = columnar ? undefined : readUsageLine(String(m.text));
      return read !== undefined && isMalformed(read)
        ? { line: n(m.line), field: read.field, reason: read.reason }
        : { line: n(m.line), field: 'row', reason: 'expected every usage_records column with a valid value, found a row without' };
    });
    const quotedCredits = n(totals?.quoted);
    const chargedCredits = n(totals?.charged);
    const refundedCredits = n(totals?.refunded_credits);
    return {
      rulesVersion: compilePricer(ruleSet).version,
      lines: n(totals?.lines),
      match: n(totals?.match),
      drift: n(totals?.drift),
      unpriceable: n(totals?.unpriceable),
      malformed: n(totals?.malformed),
      refunded: n(totals?.refunded),
      quotedCredits,
      chargedCredits,
      refundedCredits,
      netCredits: chargedCredits - refundedCredits,
      unpriceableByCode: Object.fromEntries(codes.map((c) => [String(c.refusal) as PricingErrorCode, n(c.tasks)])),
      driftGroups,
      malformedLines,
    };
  } finally {
    connection.closeSync();
  }
}
