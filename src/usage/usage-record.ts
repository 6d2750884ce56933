/**
 * The usage record: one line of a usage log (JSONL), as billing code keeps it for every task it
 * submitted. Read by hand, field by field, so that a line that is not a record says which field
 * is wrong and why, and so that a well-formed line costs little more than its `JSON.parse`.
 */
import { parseInstant } from '../instant.js';
import type { PriceRequest } from '../request.js';

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
  value === undefined ? 'nothing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value) : String(value);

const malformed = (field: string, expected: string, found: unknown): MalformedRecord => ({ kind: 'malformed', field, reason: `expected ${expected}, found ${describe(found)}` });

/**
 * Reads a parsed line as a usage record.
 * @param value - the line's parsed JSON
 * @returns the record, or what is malformed about it
 */
export function usageRecordOf(value: unknown): UsageRecord | MalformedRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return malformed('line', 'a JSON object (a usage record)', value);
  const v = value as Record<string, unknown>;
  const { taskId, submittedAt, request, status, creditsUsed, creditsRefunded } = v;
  if (typeof taskId !== 'string' || taskId === '') return malformed('taskId', 'a non-empty string', taskId);
  if (typeof submittedAt !== 'string') return malformed('submittedAt', 'an ISO 8601 instant (2026-11-01T12:00:00Z)', submittedAt);
  const submittedAtMs = parseInstant(submittedAt);
  if (submittedAtMs === undefined) return malformed('submittedAt', 'an ISO 8601 instant (2026-11-01T12:00:00Z)', submittedAt);
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return malformed('request', 'the request body, an object', request);
  if (status !== 0 && status !== 1 && status !== 2) return malformed('status', '0 (pending), 1 (completed) or 2 (failed)', status);
  if (typeof creditsUsed !== 'number' || !Number.isSafeInteger(creditsUsed) || creditsUsed < 0) return malformed('creditsUsed', 'a whole number of credits ≥ 0', creditsUsed);
  if (creditsRefunded !== undefined && typeof creditsRefunded !== 'boolean') return malformed('creditsRefunded', 'true or false when present', creditsRefunded);
  return { taskId, submittedAt, submittedAtMs, request: request as PriceRequest, status, creditsUsed, refunded: status === 2 || creditsRefunded === true };
}

/**
 * Reads one line of a usage log.
 * @param line - the line's text, without its newline
 * @returns the record, or what is malformed about it
 */
export function readUsageLine(line: string): UsageRecord | MalformedRecord {
  let value: unknown;
  if (line === OVERLONG_LINE) return { kind: 'malformed', field: 'line', reason: 'expected a line of at most 1 MiB, found a longer one' };
  try {
    value = JSON.parse(line);
  } catch {
    return { kind: 'malformed', field: 'line', reason: line.trim() === '' ? 'expected a JSON object, found an empty line' : 'expected a JSON object, found text that is not JSON' };
  }
  return usageRecordOf(value);
}

/**
 * Tells a record from a malformed line.
 * @param read - what {@link readUsageLine} returned
 * @returns true for a malformed line
 */
export function isMalformed(read: UsageRecord | MalformedRecord): read is MalformedRecord {
  return (read as MalformedRecord).kind === 'malformed';
}
