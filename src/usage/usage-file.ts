/**
 * Reading a usage log (Node only): a JSONL file, gzip when it starts with gzip's magic bytes (whatever its name), or standard
 * input for `-`; lines come in batches so that a file of any size streams with little overhead per
 * line. A line longer than {@link MAX_LINE_BYTES} is not kept in memory: it becomes
 * {@link OVERLONG_LINE}, which reads as a malformed record.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { foundAtPath } from '../primitives/file-error.js';
import { OVERLONG_LINE } from './usage-record.js';

/** The longest line kept, in bytes: a usage record is a few hundred. */
export const MAX_LINE_BYTES = 1024 * 1024;

/** A usage log that cannot be read. */
export class UsageInputError extends Error {
  /** Always `UsageInputError`. */
  override readonly name = 'UsageInputError';
}

/** Where a usage log comes from, and how far through it the reading is. */
export interface UsageSource {
  /** Batches of lines, without their line ends. */
  readonly batches: AsyncIterable<string[]>;
  /** The size of the file in bytes, when known (not for standard input). */
  readonly size: number | undefined;
  /** Bytes of the file (compressed, for gzip) read so far. */
  bytesRead(): number;
}

/**
 * Opens a usage log.
 * @param path - a file path (gzip is told by its first bytes), or `-` for `stdin`
 * @param stdin - what `-` reads
 * @returns the batches of lines and the progress through the file
 * @throws {@link UsageInputError} when the file cannot be opened; a read or gzip error is thrown
 *   as one while iterating
 */
export function openUsage(path: string, stdin?: AsyncIterable<Buffer | string>): UsageSource {
  let raw: AsyncIterable<Buffer | string>;
  let size: number | undefined;
  let bytes = 0;
  if (path === '-') {
    if (stdin === undefined) throw new UsageInputError('no standard input to read the usage log from');
    raw = stdin;
  } else {
    try {
      const stat = statSync(path);
      if (!stat.isFile())
        throw new UsageInputError(`${path}: expected a usage log file, found ${stat.isDirectory() ? 'a directory' : 'something else'}`);
      size = stat.size;
    } catch (error) {
      if (error instanceof UsageInputError) throw error;
      throw new UsageInputError(`${path}: expected a usage log file, found ${foundAtPath(error)}`);
    }
    const file = createReadStream(path, { highWaterMark: 256 * 1024 });
    file.on('data', (chunk) => {
      bytes += chunk.length;
    });
    // gzip is told by its magic bytes, not by the name: `.GZ`, or a gzip file named otherwise, is gzip too.
    const gzip = startsWithGzipMagic(path);
    raw = gzip ? file.pipe(createGunzip()) : file;
    if (gzip) file.on('error', (error) => (raw as ReturnType<typeof createGunzip>).destroy(error));
  }
  const counted = path === '-' ? countBytes(raw, (n) => (bytes += n)) : raw;
  return { batches: lineBatches(counted, path), size, bytesRead: () => bytes };
}

/** Whether a file starts with gzip's magic bytes, 1f 8b: how a gzip log is told, whatever its name. */
function startsWithGzipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

async function* countBytes(source: AsyncIterable<Buffer | string>, add: (n: number) => void): AsyncGenerator<Buffer | string> {
  for await (const chunk of source) {
    add(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    yield chunk;
  }
}

/**
 * Splits a byte stream into lines, in batches (one per chunk read). `\r\n` ends a line as `\n`
 * does; a last line without a newline is a line; an empty stream has none.
 * @param source - chunks of UTF-8 text
 * @param name - the source, for error messages
 * @returns batches of lines
 */
export async function* lineBatches(source: AsyncIterable<Buffer | string>, name = 'the usage log'): AsyncGenerator<string[]> {
  let pending: Buffer | undefined;
  let skipping = false; // inside a line longer than MAX_LINE_BYTES: drop bytes up to its newline
  let first = true; // a UTF-8 byte order mark before the first line is not part of it
  const line = (buffer: Buffer, start: number, end: number): string =>
    buffer.toString('utf8', start, end > start && buffer[end - 1] === 13 ? end - 1 : end);
  try {
    for await (const piece of source) {
      let chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      if (first && chunk.length > 0) {
        first = false;
        if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
      }
      const batch: string[] = [];
      let start = 0;
      let newline = chunk.indexOf(10);
      if (pending !== undefined && newline !== -1) {
        chunk = Buffer.concat([pending, chunk]);
        newline += pending.length;
        pending = undefined;
      }
      while (newline !== -1) {
        if (skipping) {
          skipping = false;
          batch.push(OVERLONG_LINE);
        } else if (newline - start > MAX_LINE_BYTES) batch.push(OVERLONG_LINE);
        else batch.push(line(chunk, start, newline));
        start = newline + 1;
        newline = chunk.indexOf(10, start);
      }
      if (start < chunk.length) {
        const rest = chunk.subarray(start);
        if (skipping) continue;
        pending = pending === undefined ? Buffer.from(rest) : Buffer.concat([pending, rest]);
        if (pending.length > MAX_LINE_BYTES) {
          pending = undefined;
          skipping = true;
        }
      }
      if (batch.length > 0) yield batch;
    }
  } catch (error) {
    throw new UsageInputError(`${name}: ${(error as Error).message}`);
  }
  if (skipping) yield [OVERLONG_LINE];
  else if (pending !== undefined && pending.length > 0) yield [line(pending, 0, pending.length)];
}

/**
 * The lines of a usage log, one by one.
 * @param path - a file path (gzip is told by its first bytes), or `-` for `stdin`
 * @param stdin - what `-` reads
 * @returns the lines, without their line ends
 */
export async function* readUsageLines(path: string, stdin?: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  for await (const batch of openUsage(path, stdin).batches) yield* batch;
}
