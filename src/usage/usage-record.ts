/**
 * The usage record: one line of a usage log (JSONL), as billing code keeps it for every task it
 * submitted. Read by hand, field by field, so that a line that is not a record says which field
 * is wrong and why, and so that a well-formed line costs little more than its `JSON.parse`.
 */
import { echo } from '../primitives/echo.js';
import { parseInstant } from '../primitives/instant.js';
import type { PriceRequest } from '../primitives/request.js';

/** What stands for a line too long to keep: not JSON, so never a record. */
export const OVERLONG_LINE = '\u0000a line longer than 1 MiB';

/** A task's status as the API reports it: 0 pending, 1 completed, 2 failed (refunded). */
export type TaskStatus = 0 | 1 | 2;

/** One submitted task. Other fields of the line are ignored. */
export interface UsageRecord {
  /** The API's task id. */
  readonly taskId: string;
  /** When the task was submitted: an ISO 8601 instant with `Z` or an offset. */
  readonly submittedAt: string;
  /** The instant, in epoch milliseconds. */
  readonly submittedAtMs: number;
  /** The request body as billing code sent it. */
  readonly request: PriceRequest;
  /** The task's final (or current) status. */
  readonly status: TaskStatus;
  /** What the API answered it pre-debited: the authoritative charge. */
  readonly creditsUsed: number;
  /** Whether the charge was refunded: status 2, or `creditsRefunded: true`. */
  readonly refunded: boolean;
  /** Who the task was for, when the record says. */
  readonly customerId?: string;
  /** The price book the task was charged in, when not the list. */
  readonly book?: string;
}

/** A line that is not a usage record: the field at fault and why. */
export interface MalformedRecord {
  /** Always `malformed`. */
  readonly kind: 'malformed';
  /** The field at fault (`line` when the line is not a JSON object). */
  readonly field: string;
  /** What was expected and what was found. */
  readonly reason: string;
}

const describe = (value: unknown): string =>
  value === undefined
    ? 'nothing'
    : value === null
      ? 'null'
      : Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : typeof value === 'string'
            ? echo(value)
            : String(value);

const malformed = (field: string, expected: string, found: unknown): MalformedRecord => ({
  kind: 'malformed',
  field,
  reason: `expected ${expected}, found ${describe(found)}`,
});

/**
 * Checks a parsed line: the instant of a well-formed record, or what is malformed about it.
 * Allocates nothing for a well-formed record: reconciliation reads its fields in place.
 * @param value - the line's parsed JSON
 * @returns `submittedAt` in epoch milliseconds, or the field at fault and why
 */
export function checkUsageRecord(value: unknown): number | MalformedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return malformed('line', 'a JSON object (a usage record)', value);
  const { taskId, submittedAt, request, status, creditsUsed, creditsRefunded } = value as Record<string, unknown>;
  if (typeof taskId !== 'string' || taskId === '') return malformed('taskId', 'a non-empty string', taskId);
  if (typeof submittedAt !== 'string') return malformed('submittedAt', 'an ISO 8601 instant (2026-11-01T12:00:00Z)', submittedAt);
  const submittedAtMs = parseInstant(submittedAt);
  if (submittedAtMs === undefined) return malformed('submittedAt', 'an ISO 8601 instant (2026-11-01T12:00:00Z)', submittedAt);
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    return malformed('request', 'the request body, an object', request);
  if (status !== 0 && status !== 1 && status !== 2) return malformed('status', '0 (pending), 1 (completed) or 2 (failed)', status);
  if (typeof creditsUsed !== 'number' || !Number.isSafeInteger(creditsUsed) || creditsUsed < 0)
    return malformed('creditsUsed', 'a whole number of credits ≥ 0', creditsUsed);
  if (creditsRefunded !== undefined && typeof creditsRefunded !== 'boolean')
    return malformed('creditsRefunded', 'true or false when present', creditsRefunded);
  const { customerId, book } = value as Record<string, unknown>;
  if (customerId !== undefined && (typeof customerId !== 'string' || customerId === ''))
    return malformed('customerId', 'a non-empty string when present', customerId);
  if (book !== undefined && (typeof book !== 'string' || book === '')) return malformed('book', 'a price book id when present', book);
  return submittedAtMs;
}

/** The fields of a record that passed {@link checkUsageRecord}, as it is in the parsed line. */
export interface CheckedRecord {
  readonly taskId: string;
  readonly submittedAt: string;
  readonly request: PriceRequest;
  readonly status: TaskStatus;
  readonly creditsUsed: number;
  readonly creditsRefunded?: boolean;
  readonly customerId?: string;
  readonly book?: string;
}

/**
 * Reads a parsed line as a usage record.
 * @param value - the line's parsed JSON
 * @returns the record, or what is malformed about it
 */
export function usageRecordOf(value: unknown): UsageRecord | MalformedRecord {
  const checked = checkUsageRecord(value);
  if (typeof checked !== 'number') return checked;
  const { taskId, submittedAt, request, status, creditsUsed, creditsRefunded, customerId, book } = value as CheckedRecord;
  return {
    taskId,
    submittedAt,
    submittedAtMs: checked,
    request,
    status,
    creditsUsed,
    refunded: status === 2 || creditsRefunded === true,
    ...(customerId === undefined ? {} : { customerId }),
    ...(book === undefined ? {} : { book }),
  };
}

/**
 * Parses one line of a usage log.
 * @param line - the line's text, without its newline
 * @returns the parsed value, or what is malformed when the line is not JSON
 */
export function parseUsageLine(line: string): unknown {
  if (line === OVERLONG_LINE) return OVERLONG;
  try {
    return JSON.parse(line);
  } catch {
    return line.trim() === '' ? EMPTY : NOT_JSON;
  }
}

const OVERLONG: MalformedRecord = { kind: 'malformed', field: 'line', reason: 'expected a line of at most 1 MiB, found a longer one' };
const EMPTY: MalformedRecord = { kind: 'malformed', field: 'line', reason: 'expected a JSON object, found an empty line' };
const NOT_JSON: MalformedRecord = { kind: 'malformed', field: 'line', reason: 'expected a JSON object, found text that is not JSON' };
const UNPARSED = new Set<unknown>([OVERLONG, EMPTY, NOT_JSON]);

/**
 * Tells a line that could not be parsed from a parsed value.
 * @param value - what {@link parseUsageLine} returned
 * @returns the malformed record when the line was not JSON
 */
export function unparsedLine(value: unknown): MalformedRecord | undefined {
  return UNPARSED.has(value) ? (value as MalformedRecord) : undefined;
}

/**
 * Reads one line of a usage log.
 * @param line - the line's text, without its newline
 * @returns the record, or what is malformed about it
 */
export function readUsageLine(line: string): UsageRecord | MalformedRecord {
  const value = parseUsageLine(line);
  return unparsedLine(value) ?? usageRecordOf(value);
}

/**
 * Tells a record from a malformed line.
 * @param read - what {@link readUsageLine} returned
 * @returns true for a malformed line
 */
export function isMalformed(read: UsageRecord | MalformedRecord): read is MalformedRecord {
  return (read as MalformedRecord).kind === 'malformed';
}
