/**
 * pricing-rules/export: the price table as rows, CSV, JSON lines and SQL (tables and the
 * priced_usage view), for pricing usage where it lives.
 * @module pricing-rules/export
 */
export {
  priceTable,
  renderPriceCsv,
  renderPriceJsonl,
  PRICE_COLUMNS,
  type PriceRow,
  type VersionRow,
  type ModelRow,
  type PriceTableExport,
  type BookRow,
  type BookPriceRow,
} from './price-table.js';
export { renderPriceSql, usageRecordsDdl } from './sql.js';
export { pricedUsageView } from './priced-usage-view.js';
export { SQL_DIALECTS, type SqlDialect } from './sql-dialect.js';
export { reconcileWithDuckDB, DuckDBMissingError } from './duckdb-engine.js';
export { reconcileWithClickHouse, ClickHouseMissingError } from './clickhouse-engine.js';
