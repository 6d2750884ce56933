/**
 * ClickHouse's engine, embedded (chdb), for the tests of the ClickHouse export and reconcile
 * engine. It weighs about 550 MB, so it is not a dev dependency: `.ci/run` installs it apart with
 * `npm install --prefix test/clickhouse --no-save`. npm test installs nothing: without it the ClickHouse tests
 * are skipped with one line saying how to install it, except under CI=true, where a missing
 * chdb fails the run.
 */
import { existsSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { delimiter, resolve } from 'node:path';

/** Where `npm install --prefix test/clickhouse --no-save` installs chdb: NODE_PATH for a CLI that loads it. */
export const CHDB_MODULES = resolve('test/clickhouse/node_modules');

/**
 * Set by mutation testing, whose sandbox links test/clickhouse/node_modules too: chdb crashes
 * Stryker's test runner (SIGSEGV), so the ClickHouse tests stay out of it.
 */
const LEFT_OUT = process.env.PRICING_TESTS_WITHOUT_CLICKHOUSE === '1';

/** Whether chdb is installed for the tests, and they are to use it. */
export const CHDB_INSTALLED = !LEFT_OUT && existsSync(resolve(CHDB_MODULES, 'chdb/package.json'));

/** Why the ClickHouse tests do not run, when they do not. */
export const NO_CHDB = LEFT_OUT
  ? 'the ClickHouse tests are skipped: PRICING_TESTS_WITHOUT_CLICKHOUSE=1 leaves them out'
  : 'the ClickHouse tests are skipped: chdb is not installed (run "npm install --prefix test/clickhouse --no-save")';

if (CHDB_INSTALLED) {
  // The CLI loads chdb as a user's project would, from node_modules or NODE_PATH: this process
  // looks in test/clickhouse too (Node reads NODE_PATH when it starts; _initPaths reads it again).
  process.env.NODE_PATH = [CHDB_MODULES, process.env.NODE_PATH].filter(Boolean).join(delimiter);
  (Module as unknown as { _initPaths(): void })._initPaths();
} else {
  if (process.env.CI === 'true' && !LEFT_OUT)
    throw new Error(`CI=true and ${NO_CHDB.replace('the ClickHouse tests are skipped: ', '')}: CI must run the ClickHouse tests`);
  console.warn(NO_CHDB);
}

/** The part of chdb's session the tests use. */
export interface ClickHouseSession {
  query(query: string, format?: string): string;
  cleanup(): void;
}

/** @returns a new ClickHouse session in a temporary folder of its own */
export function openClickHouse(): ClickHouseSession {
  const chdb = createRequire(resolve(CHDB_MODULES, 'chdb/package.json'))('chdb') as { Session: new () => ClickHouseSession };
  return new chdb.Session();
}

/**
 * Runs a query and reads its rows.
 * @param session - the session
 * @param query - a SELECT, without SETTINGS
 * @param settings - settings for the query
 * @returns the rows, as JSON objects (64-bit integers as numbers)
 */
export function clickHouseRows(
  session: ClickHouseSession,
  query: string,
  settings: Record<string, number> = {},
): Record<string, unknown>[] {
  const all = Object.entries({ ...settings, output_format_json_quote_64bit_integers: 0 }).map(([name, value]) => `${name} = ${value}`);
  const text = session.query(`${query} SETTINGS ${all.join(', ')}`, 'JSONEachRow');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
