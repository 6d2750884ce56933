/**
 * `pricing reconcile <file|->`: every task of a usage log repriced at the instant it was
 * submitted and compared with the `creditsUsed` the API charged.
 */
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { exactJson } from '../../primitives/exact-json.js';
import { foundAtPath } from '../../primitives/file-error.js';
import { createPricer } from '../../pricer/create-pricer.js';
import { renderReconcileMarkdown, renderReconcileText } from '../../usage/render-reconcile.js';
import { loadRuleSet } from '../../rules/load-rules.js';
import { ClickHouseMissingError, reconcileWithClickHouse } from '../../export/clickhouse-engine.js';
import { DuckDBMissingError, reconcileWithDuckDB } from '../../export/duckdb-engine.js';
import { ReconcileTally, type ReconcileSummary } from '../../usage/reconcile.js';
import { GROUP_BYS, type GroupBy } from '../../usage/usage-groups.js';
import { openUsage, UsageInputError } from '../../usage/usage-file.js';
import { EXIT, InputError, UsageError, type CliIO, type Command } from '../command.js';
import { rulesDir } from './rules-option.js';

/** How often the progress line is redrawn on a terminal, in milliseconds. */
const PROGRESS_EVERY_MS = 250;

/** Writes text to a file in large pieces: one JSON line per record costs no system call of its own. */
class BufferedFile {
  private readonly fd: number;
  private buffer = '';

  constructor(path: string) {
    try {
      this.fd = openSync(path, 'w');
    } catch (error) {
      throw new InputError(`cannot write ${path}: ${(error as Error).message}`);
    }
  }

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 1 << 16) this.flush();
  }

  flush(): void {
    if (this.buffer !== '') writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/**
 * Reconciles a usage log, showing progress on a terminal.
 * @param file - the log (`-` for standard input)
 * @param dir - the rule directory; default the bundled rules
 * @param io - where progress goes, and standard input
 * @param out - where to write one outcome per line, if anywhere
 * @returns the summary
 */
async function reconcileFile(
  file: string,
  dir: string | undefined,
  io: CliIO,
  out: BufferedFile | undefined,
  groupBy: GroupBy | undefined,
) {
  const pricer = createPricer(dir);
  const tally = new ReconcileTally(pricer, groupBy === undefined ? {} : { groupBy });
  const progress = io.stderr.isTTY === true;
  const started = Date.now();
  let shown = started;
  let line = 0;
  try {
    const source = openUsage(file === '-' ? '-' : resolve(io.cwd, file), io.stdin);
    for await (const batch of source.batches) {
      if (out === undefined) {
        for (const text of batch) tally.countLine(text);
        line += batch.length;
      } else {
        for (const text of batch) out.write(`${JSON.stringify({ line: ++line, ...tally.addLine(text) })}\n`);
      }
      if (progress && Date.now() - shown >= PROGRESS_EVERY_MS) {
        shown = Date.now();
        const rate = Math.round((line * 1000) / Math.max(1, shown - started));
        const share =
          source.size === undefined || source.size === 0
            ? ''
            : `, ${Math.min(100, Math.floor((source.bytesRead() * 100) / source.size))}% of the file`;
        io.stderr.write(
          `\r\u001b[Kreconciling: ${line.toLocaleString('en-US')} records, ${rate.toLocaleString('en-US')} records/s${share}`,
        );
      }
    }
  } catch (error) {
    if (error instanceof UsageInputError) throw new InputError(error.message);
    throw error;
  } finally {
    if (progress) io.stderr.write('\r\u001b[K');
  }
  return tally.summary();
}

/** Whether two paths name the same file: the same path, or the same file through a link. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** `pricing reconcile`. */
export const reconcileCommand: Command = {
  name: 'reconcile',
  help: `Usage: pricing reconcile <file|-> [options]

Reads a usage log, one JSON record per line ("-" reads standard input; gzip is read as gzip):
  {"taskId": "...", "submittedAt": "2026-11-01T12:00:00Z", "request": {...}, "status": 0|1|2,
   "creditsUsed": 15, "creditsRefunded": true, "customerId": "...", "book": "acme"}
and prices each request at the instant it was submitted, in its price book when it names one. Each line is a match (the quote equals
creditsUsed), a drift (both known, and different), unpriceable (the rules refuse the request) or
malformed (not a usage record; reported with its line number, never fatal). A task with status 2
or creditsRefunded: true was refunded.

Prints lines read, the count of each outcome, refunds, credits quoted, charged, refunded and net,
and the drift grouped by model and price point, most tasks first. On a terminal, a progress line
is drawn on stderr.

With --engine duckdb or --engine clickhouse, the records go into that SQL engine and are priced
with the SQL of "pricing export": the same summary, and a check that the SQL prices as quote does.
JSON lines are read by the same reader in every engine, so that every engine sees the same
records; CSV and Parquet logs (.csv, .parquet, with the columns of usage_records, see the README)
are read by the engine itself. DuckDB needs the optional package @duckdb/node-api, ClickHouse the
package chdb; the default engine (node) needs nothing.

Exits 1 when the log cannot be read, or with --fail-on-drift when a charge drifted.

Options:
  --json                  print the summary as JSON
  --markdown              print the summary as Markdown
  --out FILE              write one JSON line per input line with its outcome
  --fail-on-drift         exit 1 when any charge drifted
  --group-by day|model|customer|book
                          also break the tasks down by day (UTC), model, customerId or book
  --engine node|duckdb|clickhouse
                          who prices the log (default: node, streaming)
  --rules DIR             rule directory (default: the bundled rules)
  -h, --help              show this help
`,
  options: {
    json: { type: 'boolean' },
    markdown: { type: 'boolean' },
    out: { type: 'string' },
    'fail-on-drift': { type: 'boolean' },
    'group-by': { type: 'string' },
    engine: { type: 'string' },
    rules: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined) throw new UsageError('missing <file> (a usage log, or "-" for standard input)', 'reconcile');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, 'reconcile');
    if (values.json === true && values.markdown === true) throw new UsageError('choose one of --json and --markdown', 'reconcile');
    const groupBy = values['group-by'];
    if (groupBy !== undefined && !GROUP_BYS.includes(groupBy as GroupBy))
      throw new UsageError(`--group-by expects ${GROUP_BYS.join(', ')}, found "${String(groupBy)}"`, 'reconcile');
    const engine = values.engine ?? 'node';
    if (engine !== 'node' && engine !== 'duckdb' && engine !== 'clickhouse')
      throw new UsageError(`--engine expects node, duckdb or clickhouse, found "${String(engine)}"`, 'reconcile');
    let summary: ReconcileSummary;
    if (engine !== 'node') {
      if (typeof values.out === 'string')
        throw new UsageError('--out writes each outcome as the stream reads it: it goes with --engine node', 'reconcile');
      if (groupBy !== undefined)
        throw new UsageError('--group-by goes with --engine node: the SQL engines do not break a log down yet', 'reconcile');
      if (file === '-') throw new UsageError(`--engine ${engine} reads a file, not standard input`, 'reconcile');
      const ruleSet = loadRuleSet(rulesDir(values, io));
      const path = resolve(io.cwd, file);
      try {
        if (!statSync(path).isFile()) throw new InputError(`${file}: expected a usage log file, found a directory`);
      } catch (error) {
        if (error instanceof InputError) throw error;
        throw new InputError(`${file}: expected a usage log file, found ${foundAtPath(error)}`);
      }
      try {
        summary = engine === 'duckdb' ? await reconcileWithDuckDB(path, ruleSet) : await reconcileWithClickHouse(path, ruleSet);
      } catch (error) {
        if (error instanceof DuckDBMissingError || error instanceof ClickHouseMissingError) throw new InputError(error.message);
        if (error instanceof UsageInputError) throw new InputError(error.message);
        const name = engine === 'duckdb' ? 'DuckDB' : 'ClickHouse';
        throw new InputError(`${file}: ${name} could not read it: ${(error as Error).message.split('\n')[0]}`);
      }
    } else {
      // Opening --out for writing empties it: refused, before anything is opened, when it is the log itself.
      if (typeof values.out === 'string' && file !== '-' && sameFile(resolve(io.cwd, values.out), resolve(io.cwd, file))) {
        throw new UsageError(`--out ${values.out} is the usage log itself: writing it would empty the log before it is read`, 'reconcile');
      }
      const out = typeof values.out === 'string' ? new BufferedFile(resolve(io.cwd, values.out)) : undefined;
      try {
        summary = await reconcileFile(file, rulesDir(values, io), io, out, groupBy as GroupBy | undefined);
      } finally {
        out?.close();
      }
    }
    const name = file === '-' ? 'standard input' : file;
    if (values.json === true) io.stdout.write(`${exactJson(summary, 2)}\n`);
    else if (values.markdown === true) io.stdout.write(renderReconcileMarkdown(summary, name));
    else io.stdout.write(renderReconcileText(summary, name));
    return values['fail-on-drift'] === true && summary.drift > 0 ? EXIT.failure : EXIT.ok;
  },
};
