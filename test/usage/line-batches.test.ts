import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { MAX_LINE_BYTES, reconcileLines } from '../../src/usage/index.js';
import { lineBatches } from '../../src/usage/usage-file.js';
import { madeByFirstTest } from '../support/mutation.js';

const pricer = madeByFirstTest(() => createPricer());
const record = (fields: Record<string, unknown>) =>
  JSON.stringify({ taskId: 't', submittedAt: '2026-11-01T12:00:00Z', status: 1, ...fields });

describe('the line reader', () => {
  const linesOf = async (chunks: readonly (string | Buffer)[]) => {
    const lines: string[] = [];
    for await (const batch of lineBatches(Readable.from(chunks))) lines.push(...batch);
    return lines;
  };

  it('splits any chunking of a text into the same lines: \\n and \\r\\n end a line, a last line needs none', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/[\r\n]/.test(s)),
          { maxLength: 12 },
        ),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (lines, crlf, cuts) => {
          const text = lines.map((l) => `${l}${crlf ? '\r\n' : '\n'}`).join('');
          const bytes = Buffer.from(text, 'utf8');
          const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...at].map((start, i) => bytes.subarray(start, [...at, bytes.length][i])).filter((c) => c.length > 0);
          expect(await linesOf(chunks)).toEqual(lines);
        },
      ),
      { numRuns: 300 },
    );
    expect(await linesOf(['a\nb'])).toEqual(['a', 'b']);
    expect(await linesOf([])).toEqual([]);
  });

  it('does not keep a line longer than 1 MiB: it reads as a malformed record', async () => {
    const long = 'x'.repeat(MAX_LINE_BYTES + 10);
    const lines = await linesOf([
      `${record({ request: { model: 'veo3' }, creditsUsed: 63 })}\n${long.slice(0, 700_000)}`,
      `${long.slice(700_000)}\n{"z":1}\n`,
    ]);
    expect(lines).toHaveLength(3);
    const summary = await reconcileLines(pricer(), lines);
    expect([summary.match, summary.malformed, summary.malformedLines]).toEqual([
      1,
      2,
      [
        { line: 2, field: 'line', reason: 'expected a line of at most 1 MiB, found a longer one' },
        { line: 3, field: 'taskId', reason: 'expected a non-empty string, found nothing' },
      ],
    ]);
  });
});
