/**
 * Reconciling a usage log in an SQL engine (DuckDB or ClickHouse): the records go into the
 * engine's `usage_records`, the view that `pricing export --format sql` writes prices them, and
 * the engine sums the outcomes into the summary the stream gives.
 *
 * JSON lines are read by the package's reader (see {@link writeEngineRecords}); CSV and Parquet,
 * which have no such reader, by the engine, with the checks the reader makes. Either way the
 * rows land in `usage_input`: the columns of `usage_records`, plus `line`, `task` (the task id
 * as the log has it), `submitted_ms`, `refunded`, `model_invalid` and `malformed`. A task that names a price book is priced in it, as the view does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePricer } from '../pricer/compile-pricer.js';
import type { PricingErrorCode } from '../primitives/errors.js';
import { pointLabel } from '../primitives/point-label.js';
import type { RuleSet } from '../rules/rule-set.js';
import { formatInstant } from '../primitives/instant.js';
import {
  compareDriftGroups,
  driftByModel,
  MALFORMED_LINES_KEPT,
  mergeSummaries,
  type DriftGroup,
  type ReconcileSummary,
} from '../usage/reconcile.js';
import { writeEngineRecords } from './engine-records.js';
import { priceTable } from './price-table.js';
import { spelling, type SqlDialect } from './sql-dialect.js';
import { renderPriceSql } from './sql.js';
import { type Sql, sql } from './sql-template.js';

/** The formats of a log, told by its name. */
type LogFormat = 'jsonl' | 'csv' | 'parquet';

/** The format of a log by its extension (after any `.gz`): `.csv`, `.parquet`, else JSON lines. */
function logFormat(file: string): LogFormat {
  const extension = file.toLowerCase().replace(/\.gz$/, '').replace(/^.*\./, '');
  return extension === 'csv' || extension === 'parquet' ? extension : 'jsonl';
}

/** What differs between the engines that reconcile. */
export interface ReconcileEngine {
  /** The SQL the engine speaks. */
  readonly dialect: SqlDialect;
  /** Runs statements. */
  run(statements: string): Promise<void>;
  /** Runs a query and reads its rows: numbers, strings, booleans and nulls. */
  rows(query: string): Promise<Record<string, unknown>[]>;
  /** Creates `usage_input` from the rows {@link writeEngineRecords} wrote. */
  loadRecords(rowsFile: string): Promise<void>;
  /** Creates `usage_input` from a CSV or Parquet log, with `malformed` set where a row is not a record. */
  loadColumnar(file: string, format: 'csv' | 'parquet'): Promise<void>;
  /** Creates a table of the session from a query. */
  createTableAs(name: string, query: Sql): Sql;
  /** An exact sum of an integer column, as text (no engine's 64-bit sum may overflow). */
  exactSum(expression: Sql): Sql;
  /** Closes the engine. */
  close(): void;
}

const count = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const exact = (value: unknown): bigint => (value === null || value === undefined ? 0n : BigInt(String(value)));

/**
 * Reconciles a log in an engine.
 * @param engine - the engine, open
 * @param file - the log: JSON lines (gzip or not), `.csv` or `.parquet`
 * @param ruleSet - the rules to check the charges against
 * @returns the summary the stream gives for the same log
 */
export async function reconcileInEngine(engine: ReconcileEngine, file: string, ruleSet: RuleSet): Promise<ReconcileSummary> {
  const pricer = compilePricer(ruleSet);
  await engine.run(renderPriceSql(priceTable(ruleSet), engine.dialect, [`pricing reconcile --engine ${engine.dialect}`]));
  const format = logFormat(file);
  let counted: ReconcileSummary | undefined;
  if (format === 'jsonl') {
    const dir = mkdtempSync(join(tmpdir(), 'pricing-engine-'));
    try {
      const rowsFile = join(dir, 'records.jsonl');
      counted = (await writeEngineRecords(file, rowsFile, pricer, spelling(engine.dialect).range)).tally.summary();
      await engine.loadRecords(rowsFile);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else await engine.loadColumnar(file, format);
  // The first occurrence of a task id counts; a later one is repeated (malformed rows hold no id).
  await engine.run(
    sql`
${engine.createTableAs('usage_rows', sql`SELECT i.*, (NOT i.malformed AND row_number() OVER (PARTITION BY i.malformed, i.task ORDER BY i.line) > 1) AS repeated FROM usage_input i`)};
INSERT INTO usage_records (task_id, submitted_at, model, input_mode, duration, resolution, input_images, credits_used, status, customer_id, book)
SELECT task_id, submitted_at, model, input_mode, duration, resolution, input_images, credits_used, status, customer_id, book FROM usage_rows WHERE NOT malformed AND NOT repeated;
${engine.createTableAs(
  'priced',
  // quote refuses a model that is not a string as invalid, once it knows the book.
  sql`SELECT p.model, CASE WHEN i.model_invalid THEN NULL ELSE p.quoted_credits END AS quoted_credits,
    CASE WHEN i.model_invalid AND p.refusal <> 'UNKNOWN_BOOK' THEN 'INVALID_PARAMETER' ELSE p.refusal END AS refusal,
    p.credits_used, p.status, p.price_duration, p.price_resolution, i.refunded, i.submitted_ms
  FROM priced_usage p JOIN usage_rows i ON p.task_id = i.task_id`,
)};`.text,
  );
  const [lines] = await engine.rows(
    sql`SELECT count(*) AS lines, sum(CASE WHEN malformed THEN 1 ELSE 0 END) AS malformed, sum(CASE WHEN repeated THEN 1 ELSE 0 END) AS repeated FROM usage_rows`
      .text,
  );
  const [totals] = await engine.rows(
    sql`
SELECT
  sum(CASE WHEN refusal IS NULL AND quoted_credits = credits_used THEN 1 ELSE 0 END) AS matched,
  sum(CASE WHEN refusal IS NULL AND quoted_credits <> credits_used THEN 1 ELSE 0 END) AS drifted,
  sum(CASE WHEN refusal IS NOT NULL THEN 1 ELSE 0 END) AS unpriceable,
  sum(CASE WHEN refunded THEN 1 ELSE 0 END) AS refunded_tasks,
  sum(CASE WHEN status = 0 THEN 1 ELSE 0 END) AS pending_tasks,
  ${engine.exactSum(sql`CASE WHEN refusal IS NULL THEN quoted_credits ELSE 0 END`)} AS quoted,
  ${engine.exactSum(sql`CASE WHEN refusal IS NULL THEN credits_used ELSE 0 END`)} AS priced_charged,
  ${engine.exactSum(sql`CASE WHEN refusal IS NULL THEN 0 ELSE credits_used END`)} AS unpriceable_charged,
  ${engine.exactSum(sql`CASE WHEN refusal IS NULL AND credits_used > quoted_credits THEN credits_used - quoted_credits ELSE 0 END`)} AS overcharged,
  ${engine.exactSum(sql`CASE WHEN refusal IS NULL AND credits_used < quoted_credits THEN quoted_credits - credits_used ELSE 0 END`)} AS undercharged,
  ${engine.exactSum(sql`CASE WHEN refunded THEN credits_used ELSE 0 END`)} AS refunded_credits
FROM priced`.text,
  );
  const codes = await engine.rows(
    sql`SELECT refusal, count(*) AS tasks FROM priced WHERE refusal IS NOT NULL GROUP BY refusal ORDER BY refusal`.text,
  );
  const drifts = await engine.rows(
    sql`
SELECT model, price_duration, price_resolution, quoted_credits, count(*) AS tasks, ${engine.exactSum(sql`credits_used`)} AS charged,
  min(credits_used) AS min_charged, max(credits_used) AS max_charged, min(submitted_ms) AS first_ms, max(submitted_ms) AS last_ms
FROM priced WHERE refusal IS NULL AND quoted_credits <> credits_used
GROUP BY model, price_duration, price_resolution, quoted_credits`.text,
  );
  const malformed = await engine.rows(sql`SELECT line FROM usage_rows WHERE malformed ORDER BY line LIMIT ${MALFORMED_LINES_KEPT}`.text);
  const repeated = await engine.rows(
    sql`SELECT line, task FROM usage_rows WHERE repeated ORDER BY line LIMIT ${MALFORMED_LINES_KEPT}`.text,
  );

  const driftGroups = drifts
    .map((d): DriftGroup => {
      const charged = exact(d.charged);
      return {
        model: String(d.model),
        point: pointLabel({
          duration: d.price_duration === null ? undefined : Number(d.price_duration),
          resolution: d.price_resolution === null ? undefined : String(d.price_resolution),
        }),
        quoted: count(d.quoted_credits),
        count: count(d.tasks),
        chargedCredits: charged,
        deltaCredits: charged - BigInt(count(d.quoted_credits)) * BigInt(count(d.tasks)),
        minCharged: count(d.min_charged),
        maxCharged: count(d.max_charged),
        firstAt: formatInstant(count(d.first_ms)),
        lastAt: formatInstant(count(d.last_ms)),
      };
    })
    .sort(compareDriftGroups);
  const pricedCharged = exact(totals?.priced_charged);
  const unpriceableCharged = exact(totals?.unpriceable_charged);
  const refundedCredits = exact(totals?.refunded_credits);
  const summed: ReconcileSummary = {
    rulesVersion: pricer.version,
    lines: count(lines?.lines),
    match: count(totals?.matched),
    drift: count(totals?.drifted),
    unpriceable: count(totals?.unpriceable),
    malformed: count(lines?.malformed),
    repeated: count(lines?.repeated),
    repeatedLines: repeated.map((r) => ({ line: count(r.line), taskId: String(r.task) })),
    uncheckedTaskIds: 0,
    refunded: count(totals?.refunded_tasks),
    pending: count(totals?.pending_tasks),
    quotedCredits: exact(totals?.quoted),
    chargedCredits: pricedCharged + unpriceableCharged,
    pricedChargedCredits: pricedCharged,
    unpriceableChargedCredits: unpriceableCharged,
    overchargedCredits: exact(totals?.overcharged),
    underchargedCredits: exact(totals?.undercharged),
    refundedCredits,
    netCredits: pricedCharged + unpriceableCharged - refundedCredits,
    unpriceableByCode: Object.fromEntries(codes.map((c) => [String(c.refusal) as PricingErrorCode, count(c.tasks)])),
    driftGroups,
    driftByModel: driftByModel(driftGroups),
    // A CSV or Parquet row has no line text: it is malformed by a missing or out-of-range column.
    malformedLines: malformed.map((m) => ({
      line: count(m.line),
      field: 'row',
      reason: 'expected every usage_records column with a valid value, found a row without',
    })),
  };
  return counted === undefined ? summed : mergeSummaries(summed, counted);
}
