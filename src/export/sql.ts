/**
 * The price table as SQL: DDL and data of `price_points` (with `price_versions` and
 * `price_models`, which say how each model reads a request), of the price books
 * (`price_books`, and `price_book_points`: each book's price of each point in each span of
 * time), a table `usage_records` when the database has none, and the view `priced_usage` that
 * prices every task as `quote` does, in its book when it names one (see {@link pricedUsageView}).
 * Written for DuckDB, Postgres and ClickHouse, and tested on each.
 */
import type { BookPriceRow, BookRow, ModelRow, PriceRow, PriceTableExport, VersionRow } from './price-table.js';
import { pricedUsageView } from './priced-usage-view.js';
import { spelling, type SqlDialect } from './sql-dialect.js';
import { joinSql, type Sql, type SqlValue, sql, sqlCode } from './sql-template.js';

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

/** A table's columns: name, type, and whether the rules leave it open (NULL). */
type Columns = readonly (readonly [name: string, type: 'text' | 'integer' | 'boolean' | 'instant', nullable: boolean])[];

const USAGE_COLUMNS: Columns = [
  ['task_id', 'text', false],
  ['submitted_at', 'instant', false],
  ['model', 'text', true],
  ['input_mode', 'text', true],
  ['duration', 'text', true],
  ['resolution', 'text', true],
  ['input_images', 'integer', true],
  ['credits_used', 'integer', false],
  ['status', 'integer', false],
  ['customer_id', 'text', true],
  ['book', 'text', true],
];

/** A price of a point in one mode, during [valid_from, valid_until): the list's, or a book's after its id. */
const POINT_COLUMNS: Columns = [
  ['model', 'text', false],
  ['mode', 'text', false],
  ['duration', 'integer', true],
  ['resolution', 'text', true],
  ['credits', 'integer', false],
  ['valid_from', 'instant', true],
  ['valid_until', 'instant', true],
];

const PRICE_TABLES: readonly (readonly [name: string, columns: Columns])[] = [
  [
    'price_models',
    [
      ['model', 'text', false],
      ['video', 'boolean', false],
      ['text_mode', 'text', true],
      ['image_mode', 'text', true],
      ['max_input_images', 'integer', true],
    ],
  ],
  [
    'price_versions',
    [
      ['model', 'text', false],
      ['valid_from', 'instant', true],
      ['valid_until', 'instant', true],
      ['kind', 'text', false],
      ['clip_seconds', 'integer', true],
      ['has_duration', 'boolean', false],
      ['has_resolution', 'boolean', false],
    ],
  ],
  ['price_points', POINT_COLUMNS],
  [
    'price_books',
    [
      ['book', 'text', false],
      ['based_on', 'text', true],
    ],
  ],
  ['price_book_points', [['book', 'text', false], ...POINT_COLUMNS]],
];

function createTable(dialect: SqlDialect, create: string, name: string, columns: Columns, nullable: (open: boolean) => boolean): string {
  const spelt = spelling(dialect);
  const lines = columns.map(([column, type, open]) => `  ${column} ${spelt.column(type, nullable(open))}`);
  return `${create} ${name} (\n${lines.join(',\n')}\n)${spelt.tableOptions};\n`;
}

/**
 * The DDL of `usage_records`, created only when the database has none.
 * @param dialect - the engine
 * @returns `CREATE TABLE IF NOT EXISTS usage_records (...)`
 */
export function usageRecordsDdl(dialect: SqlDialect): string {
  return createTable(dialect, 'CREATE TABLE IF NOT EXISTS', 'usage_records', USAGE_COLUMNS, (open) => open);
}

/**
 * The price tables. On ClickHouse every column of them is Nullable: they are the right side of
 * the view's LEFT JOINs, where a plain column would read 0 or '' for no match.
 */
function priceTablesDdl(dialect: SqlDialect, create: string): string {
  const nullable = dialect === 'clickhouse' ? () => true : (open: boolean) => open;
  return PRICE_TABLES.map(([name, columns]) => createTable(dialect, create, name, columns, nullable)).join('');
}

/** The first instant of the table outside what the dialect's columns can hold. */
function outOfRange(table: PriceTableExport, dialect: SqlDialect): string | undefined {
  const [earliest, latest] = spelling(dialect).range;
  return table.versions
    .flatMap((v) => (v.valid_from === null ? [] : [v.valid_from]))
    .find((instant) => Date.parse(instant) < earliest || Date.parse(instant) >= latest);
}

/** The rows of each price table, in the order of its columns. */
function priceRows(table: PriceTableExport, dialect: SqlDialect): Record<string, readonly (readonly SqlValue[])[]> {
  const instant = (value: string | null): SqlValue => (value === null ? null : spelling(dialect).instant(value));
  const point = (p: PriceRow): SqlValue[] => [
    p.model,
    p.mode,
    p.duration,
    p.resolution,
    p.credits,
    instant(p.valid_from),
    instant(p.valid_until),
  ];
  return {
    price_models: table.models.map((m: ModelRow) => [m.model, m.video, m.text_mode, m.image_mode, m.max_input_images]),
    price_versions: table.versions.map((v: VersionRow) => [
      v.model,
      instant(v.valid_from),
      instant(v.valid_until),
      v.kind,
      v.clip_seconds,
      v.has_duration,
      v.has_resolution,
    ]),
    price_points: table.points.map(point),
    price_books: table.books.map((b: BookRow) => [b.book, b.based_on]),
    price_book_points: table.bookPoints.map((p: BookPriceRow) => [p.book, ...point(p)]),
  };
}

/**
 * Writes the price table and the `priced_usage` view as one SQL script.
 * @param table - the price table
 * @param dialect - `duckdb` and `clickhouse` replace the objects with `CREATE OR REPLACE`;
 *   `postgres` drops and recreates them in one transaction, so that readers never see a
 *   half-loaded table
 * @param header - comment lines for the top of the script (the first says it is generated)
 * @returns the script
 * @throws RangeError when a version starts at an instant the dialect's columns cannot hold
 *   (ClickHouse's DateTime64 holds 1900 to 2299)
 */
export function renderPriceSql(table: PriceTableExport, dialect: SqlDialect, header: readonly string[]): string {
  const late = outOfRange(table, dialect);
  if (late !== undefined) throw new RangeError(`--dialect ${dialect} cannot hold the instant ${late} of a price version`);
  const rows = priceRows(table, dialect);
  const data = PRICE_TABLES.map(([name, columns]) =>
    insert(sqlCode(name), sqlCode(columns.map(([column]) => column).join(', ')), rows[name] ?? []),
  ).join('');
  const comments = header.map((line) => `-- ${line}\n`).join('');
  const objects = `${data}${usageRecordsDdl(dialect)}${pricedUsageView(dialect)}`;
  if (dialect === 'postgres') {
    const drops = PRICE_TABLES.map(([name]) => `DROP TABLE IF EXISTS ${name};\n`)
      .reverse()
      .join('');
    return `${comments}BEGIN;\nDROP VIEW IF EXISTS priced_usage;\n${drops}${priceTablesDdl(dialect, 'CREATE TABLE')}${objects}COMMIT;\n`;
  }
  return `${comments}DROP VIEW IF EXISTS priced_usage;\n${priceTablesDdl(dialect, 'CREATE OR REPLACE TABLE')}${objects}`;
}
