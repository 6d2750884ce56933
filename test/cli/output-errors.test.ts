import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { endOnOutputError } from '../../src/cli/output-errors.js';

/** A process whose streams are emitters, recording what is written to stderr and the exit codes. */
function fakeProcess() {
  const written: string[] = [];
  const exits: number[] = [];
  const stream = () => Object.assign(new EventEmitter(), { write: (text: string) => written.push(text) });
  const proc = { stdout: stream(), stderr: stream(), exit: (code: number) => void exits.push(code) };
  endOnOutputError(proc);
  return { proc, written, exits };
}
const failure = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('an output that cannot be written', () => {
  it('ends the run quietly with exit 0 when the reader went away (EPIPE), on stdout or stderr', () => {
    for (const name of ['stdout', 'stderr'] as const) {
      const { proc, written, exits } = fakeProcess();
      proc[name].emit('error', failure('EPIPE', 'write EPIPE'));
      expect({ written, exits }).toEqual({ written: [], exits: [0] });
    }
  });

  it('ends the run with exit 1 and one line on stderr for any other write error on stdout', () => {
    const { proc, written, exits } = fakeProcess();
    proc.stdout.emit('error', failure('ENOSPC', 'ENOSPC: no space left on device, write'));
    expect({ written, exits }).toEqual({
      written: ['pricing: cannot write the output: ENOSPC: no space left on device, write\n'],
      exits: [1],
    });
  });

  it('ends the run with exit 1 and writes nothing more when stderr itself fails', () => {
    const { proc, written, exits } = fakeProcess();
    proc.stderr.emit('error', failure('EIO', 'EIO: i/o error, write'));
    expect({ written, exits }).toEqual({ written: [], exits: [1] });
  });
});
