/**
 * Runs the CLI in-process, or as the real `pricing` executable, and captures what it prints.
 */
import { spawnSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli/run-cli.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `pricing <argv>` in this process. */
export async function cli(argv: readonly string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
  });
  return { code, stdout, stderr };
}

/** Runs `pricing <argv>` in this process with standard input, and a stderr that says whether it is a terminal. */
export async function cliWith(argv: readonly string[], stdin: string, isTTY = false): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY },
    cwd: process.cwd(),
    stdin: Readable.from([Buffer.from(stdin)]),
  });
  return { code, stdout, stderr };
}

/** Runs the built executable `dist/cli.js` (as `npx pricing` does) in a child process. */
export function cliProcess(argv: readonly string[], cwd = process.cwd(), env = process.env): CliResult {
  const result = spawnSync(process.execPath, [new URL('../../dist/cli.js', import.meta.url).pathname, ...argv], {
    cwd,
    encoding: 'utf8',
    env,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
