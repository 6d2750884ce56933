#!/usr/bin/env node
/**
 * The `pricing` executable. Output that cannot be written ends the run without a stack trace: a
 * reader that went away (`| head -1`, EPIPE) ends it quietly with exit 0, any other write error
 * (a full disk) with one line on stderr and exit 1.
 */
import { runCli } from './run-cli.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    if (stream === process.stdout) process.stderr.write(`pricing: cannot write the output: ${error.message}\n`);
    process.exit(1);
  });
}

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), stdin: process.stdin });
