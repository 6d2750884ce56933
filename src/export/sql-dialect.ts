/**
 * What differs between the SQL engines the export is tested on: type names, how a column says
 * it may be NULL, how a table is created and replaced, and the instants that stand for an open
 * end of a price's interval. Everything else in the export is one text for every engine.
 */
import { type Sql, sql, sqlCode } from './sql-template.js';

/** The SQL engines the export is written and tested for. */
export type SqlDialect = 'duckdb' | 'postgres' | 'clickhouse';

/** The dialects, for option parsing. */
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'clickhouse'];

/** A column type, by what it holds. */
type ColumnType = 'text' | 'integer' | 'boolean' | 'instant';

/** How one engine spells what the export writes. */
export interface DialectSpelling {
  /** A column's type, NOT NULL or nullable. */
  column(type: ColumnType, nullable: boolean): string;
  /** An instant literal (ISO 8601 with an offset). */
  instant(iso: string): Sql;
  /** Before every instant a column of this engine can hold. */
  readonly beginning: Sql;
  /**
   * The last instant of an interval that ends before `end`: the last instant a column of this
   * engine can hold when `end` is NULL (open). An instant is in the interval when it is at most
   * this one: a plain comparison, which an engine can check beside the equalities of a hash join
   * (an OR there makes DuckDB compare every pair of rows).
   */
  last(end: Sql): Sql;
  /** What follows a table's column list. */
  readonly tableOptions: string;
  /** The earliest and latest instants (epoch ms) a price's interval may start or end at. */
  readonly range: readonly [number, number];
}

const STANDARD_TYPES: Record<ColumnType, string> = {
  text: 'TEXT',
  integer: 'BIGINT',
  boolean: 'BOOLEAN',
  instant: 'TIMESTAMP WITH TIME ZONE',
};

const CLICKHOUSE_TYPES: Record<ColumnType, string> = {
  text: 'String',
  integer: 'Int64',
  boolean: 'Bool',
  instant: "DateTime64(3, 'UTC')",
};

/** DuckDB and Postgres: standard types, and infinite instants for open ends. */
const STANDARD: DialectSpelling = {
  column: (type, nullable) => `${STANDARD_TYPES[type]}${nullable ? '' : ' NOT NULL'}`,
  instant: (iso) => sql`CAST(${iso} AS TIMESTAMP WITH TIME ZONE)`,
  beginning: sqlCode("CAST('-infinity' AS TIMESTAMP WITH TIME ZONE)"),
  // Both engines keep instants to the microsecond. A column can hold 'infinity' itself, which an
  // open interval takes in.
  last: (end) => sql`coalesce(${end} - INTERVAL '1 microsecond', CAST('infinity' AS TIMESTAMP WITH TIME ZONE))`,
  tableOptions: '',
  // Date.UTC reads years 0–99 as 1900–1999: year 1 is set on its own.
  range: [new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(1), Date.UTC(10000, 0, 1)],
};

/**
 * ClickHouse: columns are NOT NULL unless `Nullable(...)`, and DateTime64(3) holds 1900-01-01 up
 * to the last millisecond of 2299. A column of the price tables that a LEFT JOIN may leave
 * unmatched is Nullable, so that an unmatched row reads NULL whatever `join_use_nulls` says:
 * with a plain `Int64`, ClickHouse would fill it with 0, a price of nothing.
 */
const CLICKHOUSE: DialectSpelling = {
  column: (type, nullable) => (nullable ? `Nullable(${CLICKHOUSE_TYPES[type]})` : CLICKHOUSE_TYPES[type]),
  instant: (iso) => sql`CAST(${iso} AS DateTime64(3, 'UTC'))`,
  beginning: sqlCode("CAST('1900-01-01 00:00:00.000' AS DateTime64(3, 'UTC'))"),
  // DateTime64(3) keeps instants to the millisecond.
  last: (end) => sql`coalesce(${end} - toIntervalMillisecond(1), CAST('2299-12-31 23:59:59.999' AS DateTime64(3, 'UTC')))`,
  tableOptions: ' ENGINE = MergeTree ORDER BY tuple()',
  range: [Date.UTC(1900, 0, 1), Date.UTC(2299, 11, 31, 23, 59, 59, 999)],
};

/**
 * How a dialect spells the export.
 * @param dialect - the engine
 * @returns its spelling
 */
export function spelling(dialect: SqlDialect): DialectSpelling {
  return dialect === 'clickhouse' ? CLICKHOUSE : STANDARD;
}
