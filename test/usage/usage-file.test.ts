import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES, openUsage, readUsageLines, UsageInputError } from '../../src/usage/index.js';
import { lineBatches } from '../../src/usage/usage-file.js';
import { OVERLONG_LINE } from '../../src/usage/usage-record.js';

const dir = mkdtempSync(join(tmpdir(), 'pricing-usage-file-'));

async function* chunks(...pieces: (string | Buffer)[]): AsyncGenerator<string | Buffer> {
  yield* pieces;
}

async function batchesOf(source: AsyncIterable<string | Buffer>): Promise<string[][]> {
  const batches: string[][] = [];
  for await (const batch of lineBatches(source)) batches.push(batch);
  return batches;
}

async function failure(run: () => Promise<unknown>): Promise<UsageInputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof UsageInputError) return error;
    throw error;
  }
  throw new Error('expected a UsageInputError');
}

describe('lines in batches', () => {
  it('gives one batch per chunk that ends a line, and none for a chunk that ends none', async () => {
    expect(await batchesOf(chunks('a\nb\n', 'c\n'))).toEqual([['a', 'b'], ['c']]);
    expect(await batchesOf(chunks('a', 'b', 'c\nd'))).toEqual([['abc'], ['d']]);
    expect(await batchesOf(chunks(Buffer.from('é\r\n'), 'x\r\n'))).toEqual([['é'], ['x']]);
    expect(await batchesOf(chunks('\n\n'))).toEqual([['', '']]);
    expect(await batchesOf(chunks())).toEqual([]);
  });

  it('keeps a line of exactly 1 MiB and replaces a longer one, in one chunk or across many', async () => {
    const exact = 'x'.repeat(MAX_LINE_BYTES);
    expect(await batchesOf(chunks(`${exact}\nz\n`))).toEqual([[exact, 'z']]);
    expect(await batchesOf(chunks(`${exact}x\nz\n`))).toEqual([[OVERLONG_LINE, 'z']]);
    expect(await batchesOf(chunks(exact.slice(0, 10), `${exact.slice(10)}\nz\n`))).toEqual([[exact, 'z']]);
    const third = 'y'.repeat(MAX_LINE_BYTES / 2);
    expect(await batchesOf(chunks('a\n', third, third, third, '\nb\nc'))).toEqual([['a'], [OVERLONG_LINE, 'b'], ['c']]);
  });

  it('replaces a last line longer than 1 MiB without a newline, and keeps a shorter one', async () => {
    const half = 'y'.repeat(MAX_LINE_BYTES / 2 + 1);
    expect(await batchesOf(chunks('a\n', half, half))).toEqual([['a'], [OVERLONG_LINE]]);
    expect(await batchesOf(chunks('a\n', half))).toEqual([['a'], [half]]);
  });

  it('turns a failing source into a UsageInputError naming it', async () => {
    async function* broken(): AsyncGenerator<string> {
      yield 'a\n';
      throw new Error('disk went away');
    }
    const error = await failure(async () => {
      for await (const _ of lineBatches(broken(), 'usage.jsonl'));
    });
    expect([error.name, error.message]).toEqual(['UsageInputError', 'usage.jsonl: disk went away']);
  });
});

describe('opening a usage log', () => {
  const text = '{"a":1}\n{"b":2}\n';
  const plain = join(dir, 'usage.jsonl');
  const gz = join(dir, 'usage.jsonl.gz');
  writeFileSync(plain, text);
  writeFileSync(gz, gzipSync(text));

  it('reads a file, and gzip when its name ends in .gz, counting the bytes of the file read', async () => {
    for (const path of [plain, gz]) {
      const source = openUsage(path);
      expect(source.size).toBe(statSync(path).size);
      const lines: string[] = [];
      for await (const batch of source.batches) lines.push(...batch);
      expect(lines).toEqual(['{"a":1}', '{"b":2}']);
      expect(source.bytesRead()).toBe(statSync(path).size);
    }
  });

  it('reads standard input for -, counting its bytes in UTF-8, with no size', async () => {
    const source = openUsage('-', chunks('{"é":1}\n', Buffer.from('{"b":2}\n')));
    expect(source.size).toBeUndefined();
    const lines: string[] = [];
    for await (const line of readUsageLines('-', chunks('x\ny'))) lines.push(line);
    expect(lines).toEqual(['x', 'y']);
    for await (const _ of source.batches);
    expect(source.bytesRead()).toBe(Buffer.byteLength('{"é":1}\n{"b":2}\n'));
  });

  it('refuses what it cannot read, saying what it found', async () => {
    const message = (path: string, stdin?: AsyncIterable<string>) => {
      try {
        openUsage(path, stdin);
      } catch (error) {
        return [(error as Error).name, (error as Error).message];
      }
      return ['opened'];
    };
    expect(message('-')).toEqual(['UsageInputError', 'no standard input to read the usage log from']);
    expect(message(dir)).toEqual(['UsageInputError', `${dir}: expected a usage log file, found a directory`]);
    expect(message('/dev/null')).toEqual(['UsageInputError', '/dev/null: expected a usage log file, found something else']);
    expect(message(join(dir, 'missing.jsonl'))).toEqual([
      'UsageInputError',
      `${join(dir, 'missing.jsonl')}: expected a usage log file, found nothing there`,
    ]);
    expect(message(join(plain, 'below-a-file'))).toEqual([
      'UsageInputError',
      `${join(plain, 'below-a-file')}: expected a usage log file, found a file where the path needs a directory`,
    ]);
    // gzip is told by its first bytes: a gzip cut short is an error, whatever the file is named.
    const cut = join(dir, 'cut.jsonl.gz');
    writeFileSync(cut, gzipSync(text).subarray(0, 20));
    const error = await failure(async () => {
      for await (const _ of readUsageLines(cut));
    });
    expect(error.message).toBe(`${cut}: unexpected end of file`);
  });

  it('reads past a byte order mark before the first line', async () => {
    const file = join(dir, 'bom.jsonl');
    writeFileSync(file, `\ufeff${text}`);
    const read: string[] = [];
    for await (const line of readUsageLines(file)) read.push(line);
    expect(read).toEqual(text.split('\n').filter((l) => l !== ''));
  });

  it('tells gzip by its magic bytes, not by its name', async () => {
    const lines = async (path: string) => {
      const read: string[] = [];
      for await (const line of readUsageLines(path)) read.push(line);
      return read;
    };
    const expected = text.split('\n').filter((l) => l !== '');
    for (const [name, bytes] of [
      ['upper.JSONL.GZ', gzipSync(text)],
      ['unnamed.jsonl', gzipSync(text)],
      ['text-named.jsonl.gz', Buffer.from(text)],
    ] as const) {
      writeFileSync(join(dir, name), bytes);
      expect(await lines(join(dir, name))).toEqual(expected);
    }
  });
});
