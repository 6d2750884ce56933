/**
 * The grammar of a number in a CSV or Parquet log, as JSON writes one: what every engine reads as
 * a number, in the regular-expression syntax DuckDB and ClickHouse (RE2) share. An engine's own
 * cast would read more (`' 63'`, `'+1'`, `'0x3F'`), each engine differently.
 */
export const NUMBER_PATTERN = '^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$';
