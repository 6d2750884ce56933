/**
 * What the `pricing` executable does when its output cannot be written, so that it never ends
 * with a stack trace: a reader that went away (`| head -1`, EPIPE) ends the run quietly with
 * exit 0; any other write error (a full disk) ends it with one line on stderr and exit 1.
 */

/** A stream that reports write errors as `error` events, as `process.stdout` does. */
interface OutputStream {
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
  write(text: string): unknown;
}

/** The parts of `process` the policy uses. */
export interface OutputProcess {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  exit(code: number): void;
}

/**
 * Ends the process on the first write error of its stdout or stderr, as described above.
 * @param proc - the process, `process` in the executable
 */
export function endOnOutputError(proc: OutputProcess): void {
  for (const stream of [proc.stdout, proc.stderr]) {
    stream.on('error', (error) => {
      if (error.code === 'EPIPE') {
        proc.exit(0);
        return;
      }
      // A failing stderr cannot carry the line about itself.
      if (stream === proc.stdout) proc.stderr.write(`pricing: cannot write the output: ${error.message}\n`);
      proc.exit(1);
    });
  }
}
