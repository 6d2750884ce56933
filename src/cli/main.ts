#!/usr/bin/env node
/**
 * The `pricing` executable: runs the command line against the real process.
 */
import { endOnOutputError } from './output-errors.js';
import { runCli } from './run-cli.js';

endOnOutputError(process);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  stdin: process.stdin,
});
