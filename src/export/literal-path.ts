/**
 * File names that engines read as the files they name. DuckDB and ClickHouse take `*`, `?`, `[`
 * and `{` in a file name as a pattern (`u[1].csv` would read `u1.csv`, `u*.csv` five files), so a
 * name holding any of them is read through a link with a plain name, in a folder of its own.
 */
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';

/**
 * A path an engine reads as the file it names.
 * @param file - the file
 * @returns the path to give the engine, and what removes the link once it is read
 */
export function literalPath(file: string): { path: string; release: () => void } {
  if (!/[*?[\]{}]/.test(file)) return { path: file, release: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'pricing-engine-log-'));
  const path = join(dir, `log${extname(file.replace(/\.gz$/i, '')).toLowerCase()}`);
  symlinkSync(resolve(file), path);
  return { path, release: () => rmSync(dir, { recursive: true, force: true }) };
}
