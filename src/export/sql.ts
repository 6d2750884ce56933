/**
 * The price table as SQL: DDL and data of `price_points` (with `price_versions` and
 * `price_models`, which say how each model reads a request), and a view `priced_usage` over a
 * table `usage_records` that prices every task as `quote` does, refusals included.
 *
 * The view uses only portable constructs, so that the same query runs on engines beyond the two
 * it is tested on (DuckDB and Postgres): CTEs, CASE, LEFT JOIN, SELECT DISTINCT, LIKE,
 * SUBSTRING, LENGTH, REPLACE, TRANSLATE, COALESCE and CAST. It avoids ASOF joins (DuckDB,
 * Snowflake and ClickHouse only), regular expressions (each engine spells them differently),
 * LOWER and UPPER (locale-dependent: resolutions compare case-insensitively in ASCII only),
 * IS NOT DISTINCT FROM and TRY_CAST (missing on some engines): the version in force is a range
 * join on [valid_from, valid_until), and price points are joined by equality on keys where NULL
 * stands as a sentinel, so that every engine can hash-join them.
 */
import type { ModelRow, PriceRow, PriceTableExport, VersionRow } from './price-table.js';
import { joinSql, type Sql, type SqlValue, sql, sqlCode } from './sql-template.js';

/** The SQL engines the export is written and tested for. */
export type SqlDialect = 'duckdb' | 'postgres';

/** The dialects, for option parsing. */
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres'];

const instant = (value: string | null): Sql => (value === null ? sql`NULL` : sql`CAST(${value} AS TIMESTAMP WITH TIME ZONE)`);

/** ASCII letters only: `translate(x, 'A..Z', 'a..z')` is the same on every engine, in every locale. */
const asciiLower = (expression: Sql): Sql =>
  sql`TRANSLATE(${expression}, ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'}, ${'abcdefghijklmnopqrstuvwxyz'})`;

/** The expression left when every digit is removed: '' for a string of digits only. */
const withoutDigits = (expression: Sql): Sql =>
  [...'0123456789'].reduce((inner, digit) => sql`REPLACE(${inner}, ${digit}, '')`, expression);

/** Stands for "since always" in join keys, so that versions match by equality (a hash join) on every engine. */
const SINCE_ALWAYS = instant('0001-01-01T00:00:00Z');

/** Rows of data as INSERT statements. */
function insert(table: Sql, columns: Sql, rows: readonly (readonly SqlValue[])[]): string {
  const chunks: string[] = [];
  // Some engines cap the rows of one VALUES list; 500 a statement is safe everywhere.
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map(
      (row) =>
        sql`  (${joinSql(
          row.map((value) => sql`${value}`),
          ', ',
        )})`,
    );
    chunks.push(sql`INSERT INTO ${table} (${columns}) VALUES\n${joinSql(values, ',\n')};\n`.text);
  }
  return chunks.join('');
}

/** The view that prices `usage_records` as `quote` prices a request. */
export const PRICED_USAGE_VIEW: string = sql`CREATE VIEW priced_usage AS
WITH request AS (
  SELECT
    u.task_id,
    u.submitted_at,
    u.model AS requested_model,
    u.credits_used,
    u.status,
    COALESCE(u.input_images, 0) AS images,
    CASE
      WHEN u.input_mode IS NULL THEN NULL
      WHEN u.input_mode IN ('text_to_video', 'text-to-video') THEN 'text'
      WHEN u.input_mode IN ('image_to_video', 'image-to-video') THEN 'image'
      ELSE 'invalid'
    END AS input_mode,
    u.duration AS duration_text,
    CASE WHEN u.duration LIKE '%s' THEN SUBSTRING(u.duration, 1, LENGTH(u.duration) - 1) ELSE u.duration END AS duration_digits,
    u.resolution AS resolution_text,
    ${asciiLower(sqlCode('u.resolution'))} AS resolution_key
  FROM usage_records u
),
normalised AS (
  SELECT
    r.*,
    (LENGTH(r.duration_digits) BETWEEN 1 AND 15 AND SUBSTRING(r.duration_digits, 1, 1) <> '0' AND ${withoutDigits(sqlCode('r.duration_digits'))} = '') AS duration_readable
  FROM request r
),
seconds AS (
  SELECT
    n.*,
    CASE WHEN n.duration_readable THEN CAST(n.duration_digits AS BIGINT) END AS duration_seconds
  FROM normalised n
),
modelled AS (
  SELECT
    s.*,
    m.model AS known_model,
    m.video,
    m.max_input_images,
    CASE
      WHEN m.model IS NULL THEN NULL
      WHEN NOT m.video THEN CASE WHEN s.images > 0 THEN m.image_mode ELSE m.text_mode END
      WHEN s.input_mode = 'invalid' THEN NULL
      WHEN s.input_mode = 'text' AND m.text_mode IS NULL THEN NULL
      WHEN s.input_mode = 'image' AND m.image_mode IS NULL THEN NULL
      WHEN s.images > 0 THEN m.image_mode
      WHEN s.input_mode IS NULL THEN COALESCE(m.text_mode, m.image_mode)
      WHEN s.input_mode = 'text' THEN m.text_mode
      ELSE m.image_mode
    END AS mode
  FROM seconds s
  LEFT JOIN price_models m ON m.model = s.requested_model
),
versioned AS (
  SELECT
    w.*,
    v.model AS version_model,
    v.valid_from,
    v.kind,
    v.clip_seconds,
    v.has_duration,
    v.has_resolution
  FROM modelled w
  LEFT JOIN price_versions v
    ON v.model = w.known_model
    AND (v.valid_from IS NULL OR v.valid_from <= w.submitted_at)
    AND (v.valid_until IS NULL OR w.submitted_at < v.valid_until)
),
keyed AS (
  SELECT
    x.*,
    COALESCE(x.valid_from, ${SINCE_ALWAYS}) AS version_key,
    CASE WHEN x.has_duration THEN COALESCE(x.duration_seconds, x.clip_seconds) ELSE -1 END AS duration_key,
    CASE WHEN x.has_resolution THEN x.resolution_key ELSE '' END AS point_resolution_key
  FROM versioned x
),
points AS (
  SELECT p.*, COALESCE(p.valid_from, ${SINCE_ALWAYS}) AS version_key, COALESCE(p.duration, -1) AS duration_key, COALESCE(${asciiLower(sqlCode('p.resolution'))}, '') AS resolution_key
  FROM price_points p
),
resolutions AS (
  SELECT DISTINCT model, version_key, resolution_key FROM points WHERE resolution_key <> ''
),
priced AS (
  SELECT
    k.*,
    p.credits,
    p.duration AS price_duration,
    p.resolution AS price_resolution,
    (r.model IS NOT NULL) AS resolution_priced
  FROM keyed k
  LEFT JOIN points p
    ON p.model = k.known_model
    AND p.mode = k.mode
    AND p.version_key = k.version_key
    AND p.duration_key = k.duration_key
    AND p.resolution_key = k.point_resolution_key
  LEFT JOIN resolutions r
    ON r.model = k.known_model
    AND r.version_key = k.version_key
    AND r.resolution_key = k.resolution_key
),
decided AS (
  SELECT
    y.*,
    CASE
      WHEN y.requested_model IS NULL THEN 'MISSING_PARAMETER'
      WHEN y.known_model IS NULL THEN 'UNKNOWN_MODEL'
      WHEN y.version_model IS NULL THEN 'UNSUPPORTED_VALUE'
      WHEN y.images < 0 THEN 'INVALID_PARAMETER'
      WHEN y.video AND y.input_mode = 'invalid' THEN 'INVALID_PARAMETER'
      WHEN y.mode IS NULL THEN 'UNSUPPORTED_MODE'
      WHEN y.max_input_images IS NOT NULL AND y.images > y.max_input_images THEN 'TOO_MANY_INPUT_IMAGES'
      WHEN y.has_duration AND y.duration_text IS NOT NULL AND NOT y.duration_readable THEN 'INVALID_PARAMETER'
      WHEN y.has_duration AND y.duration_text IS NULL AND y.clip_seconds IS NULL THEN 'MISSING_PARAMETER'
      WHEN y.has_resolution AND y.resolution_text IS NULL THEN 'MISSING_PARAMETER'
      WHEN y.has_resolution AND y.resolution_text = '' THEN 'INVALID_PARAMETER'
      WHEN y.has_resolution AND NOT y.resolution_priced THEN 'UNSUPPORTED_VALUE'
      WHEN y.credits IS NULL THEN 'UNSUPPORTED_VALUE'
    END AS refusal
  FROM priced y
)
SELECT
  task_id,
  submitted_at,
  requested_model AS model,
  CASE WHEN refusal IS NULL THEN mode END AS mode,
  CASE WHEN refusal IS NULL THEN credits END AS quoted_credits,
  refusal,
  credits_used,
  status,
  CASE WHEN refusal IS NULL THEN price_duration END AS price_duration,
  CASE WHEN refusal IS NULL THEN price_resolution END AS price_resolution
FROM decided;
`.text;

/** The DDL of `usage_records`, created only when the database has none. */
export const USAGE_RECORDS_DDL = `CREATE TABLE IF NOT EXISTS usage_records (
  task_id TEXT NOT NULL,
  submitted_at TIMESTAMP WITH TIME ZONE NOT NULL,
  model TEXT,
  input_mode TEXT,
  duration TEXT,
  resolution TEXT,
  input_images BIGINT,
  credits_used BIGINT NOT NULL,
  status BIGINT NOT NULL
);
`;

const TABLES = `CREATE TABLE price_models (
  model TEXT NOT NULL PRIMARY KEY,
  video BOOLEAN NOT NULL,
  text_mode TEXT,
  image_mode TEXT,
  max_input_images BIGINT
);
CREATE TABLE price_versions (
  model TEXT NOT NULL,
  valid_from TIMESTAMP WITH TIME ZONE,
  valid_until TIMESTAMP WITH TIME ZONE,
  kind TEXT NOT NULL,
  clip_seconds BIGINT,
  has_duration BOOLEAN NOT NULL,
  has_resolution BOOLEAN NOT NULL
);
CREATE TABLE price_points (
  model TEXT NOT NULL,
  mode TEXT NOT NULL,
  duration BIGINT,
  resolution TEXT,
  credits BIGINT NOT NULL,
  valid_from TIMESTAMP WITH TIME ZONE,
  valid_until TIMESTAMP WITH TIME ZONE
);
`;

/**
 * Writes the price table and the `priced_usage` view as one SQL script.
 * @param table - the price table
 * @param dialect - `duckdb` replaces the objects with `CREATE OR REPLACE`; `postgres` drops and
 *   recreates them in one transaction, so that readers never see a half-loaded table
 * @param header - comment lines for the top of the script (the first says it is generated)
 * @returns the script
 */
export function renderPriceSql(table: PriceTableExport, dialect: SqlDialect, header: readonly string[]): string {
  const data = [
    insert(
      sqlCode('price_models'),
      sqlCode('model, video, text_mode, image_mode, max_input_images'),
      table.models.map((m: ModelRow) => [m.model, m.video, m.text_mode, m.image_mode, m.max_input_images]),
    ),
    insert(
      sqlCode('price_versions'),
      sqlCode('model, valid_from, valid_until, kind, clip_seconds, has_duration, has_resolution'),
      table.versions.map((v: VersionRow) => [
        v.model,
        instant(v.valid_from),
        instant(v.valid_until),
        v.kind,
        v.clip_seconds,
        v.has_duration,
        v.has_resolution,
      ]),
    ),
    insert(
      sqlCode('price_points'),
      sqlCode('model, mode, duration, resolution, credits, valid_from, valid_until'),
      table.points.map((p: PriceRow) => [
        p.model,
        p.mode,
        p.duration,
        p.resolution,
        p.credits,
        instant(p.valid_from),
        instant(p.valid_until),
      ]),
    ),
  ].join('');
  const comments = header.map((line) => `-- ${line}\n`).join('');
  if (dialect === 'duckdb') {
    return `${comments}DROP VIEW IF EXISTS priced_usage;\n${TABLES.replace(/CREATE TABLE /g, 'CREATE OR REPLACE TABLE ')}${data}${USAGE_RECORDS_DDL}${PRICED_USAGE_VIEW}`;
  }
  return `${comments}BEGIN;\nDROP VIEW IF EXISTS priced_usage;\nDROP TABLE IF EXISTS price_points;\nDROP TABLE IF EXISTS price_versions;\nDROP TABLE IF EXISTS price_models;\n${TABLES}${data}${USAGE_RECORDS_DDL}${PRICED_USAGE_VIEW}COMMIT;\n`;
}
