/**
 * The records an SQL engine prices, read from a JSON lines log by the package's one reader.
 *
 * An engine's own JSON reader would read some lines otherwise than `JSON.parse` does (DuckDB's
 * takes `NaN`, `Infinity` and trailing commas; readers differ on duplicate keys, invalid UTF-8,
 * a bare `\r` inside a line, overlong lines). So no engine reads the log's bytes: the stream's
 * reader frames, decodes and checks every line, counts the lines that are not records itself, and
 * hands each record to the engine as a row of `usage_records`, written as canonical JSON, with
 * its task id (`task`), so that the engine counts a repeated task once, as the stream does. The
 * engine prices and sums those rows. Every engine then sees exactly the lines the stream sees,
 * read the way the stream reads them.
 */
import { createWriteStream } from 'node:fs';
import { formatInstant } from '../primitives/instant.js';
import type { Pricer } from '../pricer/types.js';
import { ReconcileTally } from '../usage/reconcile.js';
import { openUsage } from '../usage/usage-file.js';
import { isMalformed, readUsageLine, type UsageRecord } from '../usage/usage-record.js';

/** What reading a log for an engine produced. */
export interface EngineRecords {
  /** Lines that are not records, counted here. */
  readonly tally: ReconcileTally;
  /** How many record rows were written. */
  readonly rows: number;
}

/** Text a column holds exactly: a string as it is, with any lone surrogate (not UTF-8) made U+FFFD. */
const text = (value: string): string => value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/**
 * A request field as the text column of `usage_records` that prices it as `quote` does: a
 * string as it is, nothing as NULL, and anything else as text no price reads.
 */
const textColumn = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? text(value) : '';

/** A duration as its column: a number as JavaScript writes it (a whole one as its digits). */
const durationColumn = (value: unknown): string | null => (typeof value === 'number' ? String(value) : textColumn(value));

/** The input images as their column: the list's length, -1 for something that is not a list. */
const imagesColumn = (value: unknown): number | null =>
  value === undefined || value === null ? null : Array.isArray(value) ? value.length : -1;

/**
 * One record as a row. A model that is not a string, which a column of text cannot hold, is
 * written as NULL and marked `model_invalid`: quote refuses it as invalid, and so does the engine.
 */
function recordRow(record: UsageRecord, line: number, clamp: readonly [number, number]): string {
  const request = record.request as Record<string, unknown>;
  const model = request.model;
  const invalid = model !== undefined && model !== null && typeof model !== 'string';
  // An instant beyond what the engine's column holds is priced as the nearest one it holds: every
  // version of the rules starts inside that range, so the price in force is the same.
  const at = Math.min(Math.max(record.submittedAtMs, clamp[0]), clamp[1]);
  return JSON.stringify({
    task_id: `line ${line}`,
    line,
    submitted_at: formatInstant(at),
    submitted_ms: record.submittedAtMs,
    model: invalid ? null : textColumn(model),
    model_invalid: invalid,
    task: text(record.taskId),
    input_mode: textColumn(request.inputMode),
    duration: durationColumn(request.duration),
    resolution: textColumn(request.resolution),
    input_images: imagesColumn(request.inputImageUrls),
    credits_used: record.creditsUsed,
    status: record.status,
    refunded: record.refunded,
    customer_id: record.customerId === undefined ? null : text(record.customerId),
    book: record.book === undefined ? null : text(record.book),
  });
}

/**
 * Reads a JSON lines log and writes its records as rows for an engine: one JSON object a line,
 * with the columns of `usage_records` (`task_id` is `line N`), `line`, `submitted_ms` (the instant
 * as recorded, where `submitted_at` may be brought within the engine's range) and `refunded`.
 * @param log - the log (gzip is told by its magic bytes)
 * @param rowsFile - where to write the rows
 * @param pricer - the rules, for the lines counted here
 * @param clamp - the earliest and latest instants the engine's columns hold (epoch ms)
 * @returns the lines counted here, and how many rows were written
 */
export async function writeEngineRecords(
  log: string,
  rowsFile: string,
  pricer: Pricer,
  clamp: readonly [number, number],
): Promise<EngineRecords> {
  const tally = new ReconcileTally(pricer);
  const out = createWriteStream(rowsFile);
  let line = 0;
  let rows = 0;
  try {
    for await (const batch of openUsage(log).batches) {
      let chunk = '';
      for (const lineText of batch) {
        line++;
        const read = readUsageLine(lineText);
        const row = isMalformed(read) ? undefined : recordRow(read, line, clamp);
        if (row === undefined) tally.countLine(lineText, line);
        else {
          chunk += `${row}\n`;
          rows++;
        }
      }
      if (chunk !== '' && !out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(() => resolve());
    });
  }
  return { tally, rows };
}
