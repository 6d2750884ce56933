// @ts-check
/**
 * `npm run bench` (second part): how fast `pricing reconcile` reads a usage log next to a bare
 * loop that only reads the same file line by line and `JSON.parse`s each line, measured side by
 * side in interleaved rounds of one run, and the peak memory of the CLI reconciling it in a
 * child process. The log is generated (deterministically) into a temporary file; its size is
 * PRICING_BENCH_RECORDS records (default 5,000,000: about 1.5 GB).
 * Then the SQL engines reconcile the same file, DuckDB and ClickHouse (chdb, when
 * `npm install --prefix test/clickhouse --no-save` installed it), and their records per second are printed beside
 * the stream's.
 * A script, not a test.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { createPricer, loadRuleSet } from '../../dist/index.js';
import { emptyCounts, generateUsage, openUsage, ReconcileTally } from '../../dist/usage.js';
import { reconcileWithClickHouse, reconcileWithDuckDB } from '../../dist/export.js';

const RECORDS = Number(process.env.PRICING_BENCH_RECORDS ?? 5_000_000);
const pricer = createPricer();
const dir = mkdtempSync(join(tmpdir(), 'pricing-bench-'));
const file = join(dir, 'usage.jsonl');

/** Writes the generated log, with backpressure, and returns what it must reconcile to. */
async function writeLog() {
  const counts = emptyCounts();
  const out = createWriteStream(file);
  let chunk = '';
  for (const line of generateUsage(pricer, { count: RECORDS, seed: 2026 }, counts)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise((resolve) => out.once('finish', resolve));
  return counts;
}

/** The baseline: read the file line by line and parse each line, nothing else. */
async function bareLoop() {
  let parsed = 0;
  for await (const batch of openUsage(file).batches) {
    for (const line of batch) {
      try {
        JSON.parse(line);
      } catch {
        // a malformed line costs its failed parse, as in reconcile
      }
      parsed++;
    }
  }
  return parsed;
}

async function reconcile() {
  const tally = new ReconcileTally(pricer);
  for await (const batch of openUsage(file).batches) for (const line of batch) tally.countLine(line);
  return tally.summary();
}

/** @param {() => Promise<unknown>} run */
async function seconds(run) {
  const start = performance.now();
  await run();
  return (performance.now() - start) / 1000;
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const counts = await writeLog();
const bytes = statSync(file).size;
const summary = await reconcile();
if (summary.lines !== counts.lines || summary.match !== counts.match || summary.chargedCredits !== BigInt(counts.chargedCredits))
  throw new Error('the benchmark log did not reconcile to its known answer');

const rounds = { bare: /** @type {number[]} */ ([]), reconcile: /** @type {number[]} */ ([]) };
for (let round = 0; round < 3; round++) {
  rounds.bare.push(await seconds(bareLoop));
  rounds.reconcile.push(await seconds(reconcile));
}
const bareRate = RECORDS / median(rounds.bare);
const reconcileRate = RECORDS / median(rounds.reconcile);
const ratio = reconcileRate / bareRate;

// Peak memory of the CLI on the same file, in a child process of its own, which prints its peak
// resident set size on exit.
const child = spawnSync(
  process.execPath,
  [
    '--import',
    `data:text/javascript,process.on('exit', (code) => process.stderr.write(JSON.stringify({ code, maxRssKiB: process.resourceUsage().maxRSS })))`,
    fileURLToPath(new URL('../../dist/cli.js', import.meta.url)),
    'reconcile',
    file,
    '--json',
  ],
  { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
);
const { code, maxRssKiB } = JSON.parse(child.stderr.slice(child.stderr.lastIndexOf('{')) || '{}');

// Both engines on the same file: the stream (its median above) and DuckDB, once.
let duckSummary;
const duckSeconds = await seconds(async () => {
  duckSummary = await reconcileWithDuckDB(file, loadRuleSet());
});
if (!isDeepStrictEqual(duckSummary, summary)) throw new Error('DuckDB and the stream disagree on the benchmark log');
// ClickHouse when chdb is installed for the tests: the CLI finds it through NODE_PATH, this script here.
const chdbModules = fileURLToPath(new URL('../clickhouse/node_modules', import.meta.url));
let clickhouseSeconds;
if (existsSync(`${chdbModules}/chdb/package.json`)) {
  process.env.NODE_PATH = chdbModules;
  Module._initPaths();
  let clickhouseSummary;
  clickhouseSeconds = await seconds(async () => {
    clickhouseSummary = await reconcileWithClickHouse(file, loadRuleSet());
  });
  if (!isDeepStrictEqual(clickhouseSummary, summary)) throw new Error('ClickHouse and the stream disagree on the benchmark log');
}
rmSync(dir, { recursive: true, force: true });
if (code !== 0) throw new Error(`pricing reconcile exited ${code}: ${child.stderr}`);
const peakMb = maxRssKiB / 1024;

const mark = (/** @type {boolean} */ ok) => (ok ? 'target met' : 'TARGET MISSED');
const rate = (/** @type {number} */ r) => `${Math.round(r).toLocaleString('en-US')} records/s`;
console.log(
  `\nA generated usage log of ${RECORDS.toLocaleString('en-US')} records (${(bytes / 1e6).toFixed(0)} MB), ${rounds.bare.length} interleaved rounds, median:`,
);
console.log(`  read + JSON.parse each line   ${rate(bareRate)}`);
console.log(`  reconcile                     ${rate(reconcileRate)}`);
console.log(`reconcile runs at ${ratio.toFixed(2)} of the bare loop's throughput (target: at least 0.7): ${mark(ratio >= 0.7)}`);
console.log(
  `peak memory of pricing reconcile on the ${(bytes / 1e6).toFixed(0)} MB file: ${peakMb.toFixed(0)} MB (target: under 150 MB): ${mark(peakMb < 150)}`,
);
console.log(
  `engines on the same file: node (streaming) ${rate(reconcileRate)}, duckdb ${rate(RECORDS / duckSeconds)}, clickhouse ${clickhouseSeconds === undefined ? 'not installed (npm install --prefix test/clickhouse --no-save)' : rate(RECORDS / clickhouseSeconds)} (same summary)`,
);
