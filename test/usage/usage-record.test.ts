import { describe, expect, it } from 'vitest';
import { readUsageLine, usageRecordOf } from '../../src/usage/index.js';

const valid = { taskId: 't-1', submittedAt: '2026-11-01T12:00:00Z', request: { model: 'veo3' }, status: 1, creditsUsed: 63 };
const line = (fields: Record<string, unknown>) => JSON.stringify({ ...valid, ...fields });

describe('a usage line', () => {
  it('reads as a record with its instant in epoch milliseconds, refunded by status 2 or creditsRefunded', () => {
    expect(readUsageLine(line({ providerTaskId: 'ignored' }))).toEqual({
      taskId: 't-1',
      submittedAt: '2026-11-01T12:00:00Z',
      submittedAtMs: Date.UTC(2026, 10, 1, 12),
      request: { model: 'veo3' },
      status: 1,
      creditsUsed: 63,
      refunded: false,
    });
    expect(
      [line({ status: 2 }), line({ creditsRefunded: true }), line({ creditsRefunded: false }), line({ status: 0, creditsUsed: 0 })].map(
        (l) => (readUsageLine(l) as { refunded: boolean }).refunded,
      ),
    ).toEqual([true, true, false, false]);
    expect((readUsageLine(line({ submittedAt: '2026-11-01T13:00:00+01:00' })) as { submittedAtMs: number }).submittedAtMs).toBe(
      Date.UTC(2026, 10, 1, 12),
    );
  });

  it.each([
    ['', 'line', 'expected a JSON object, found an empty line'],
    ['   \t', 'line', 'expected a JSON object, found an empty line'],
    ['{"taskId": ', 'line', 'expected a JSON object, found text that is not JSON'],
    ['null', 'line', 'expected a JSON object (a usage record), found null'],
    ['42', 'line', 'expected a JSON object (a usage record), found 42'],
    ['"a record"', 'line', 'expected a JSON object (a usage record), found "a record"'],
    ['[{}]', 'line', 'expected a JSON object (a usage record), found an array'],
    [line({ taskId: '' }), 'taskId', 'expected a non-empty string, found ""'],
    [line({ taskId: 7 }), 'taskId', 'expected a non-empty string, found 7'],
    [line({ taskId: undefined }), 'taskId', 'expected a non-empty string, found nothing'],
    [line({ submittedAt: 1_761_998_400_000 }), 'submittedAt', 'expected an ISO 8601 instant (2026-11-01T12:00:00Z), found 1761998400000'],
    [
      line({ submittedAt: '2026-11-31T00:00:00Z' }),
      'submittedAt',
      'expected an ISO 8601 instant (2026-11-01T12:00:00Z), found "2026-11-31T00:00:00Z"',
    ],
    [
      line({ submittedAt: 'x'.repeat(65) }),
      'submittedAt',
      `expected an ISO 8601 instant (2026-11-01T12:00:00Z), found "${'x'.repeat(61)}..."`,
    ],
    [
      line({ submittedAt: 'x'.repeat(64) }),
      'submittedAt',
      `expected an ISO 8601 instant (2026-11-01T12:00:00Z), found "${'x'.repeat(64)}"`,
    ],
    [line({ request: null }), 'request', 'expected the request body, an object, found null'],
    [line({ request: ['veo3'] }), 'request', 'expected the request body, an object, found an array'],
    [line({ status: '1' }), 'status', 'expected 0 (pending), 1 (completed) or 2 (failed), found "1"'],
    [line({ status: true }), 'status', 'expected 0 (pending), 1 (completed) or 2 (failed), found true'],
    [line({ creditsUsed: -1 }), 'creditsUsed', 'expected a whole number of credits ≥ 0, found -1'],
    [line({ creditsUsed: 1.5 }), 'creditsUsed', 'expected a whole number of credits ≥ 0, found 1.5'],
    [line({ creditsUsed: 2 ** 53 }), 'creditsUsed', 'expected a whole number of credits ≥ 0, found 9007199254740992'],
    [line({ creditsUsed: { credits: 1 } }), 'creditsUsed', 'expected a whole number of credits ≥ 0, found an object'],
    [line({ creditsRefunded: 'yes' }), 'creditsRefunded', 'expected true or false when present, found "yes"'],
    [line({ creditsRefunded: null }), 'creditsRefunded', 'expected true or false when present, found null'],
  ])('%j is malformed at %s', (text, field, reason) => {
    expect(readUsageLine(text)).toEqual({ kind: 'malformed', field, reason });
  });

  it('reads a parsed value alike', () => {
    expect(usageRecordOf({ ...valid, status: 2 })).toMatchObject({ refunded: true, submittedAtMs: Date.UTC(2026, 10, 1, 12) });
    expect(usageRecordOf([])).toEqual({
      kind: 'malformed',
      field: 'line',
      reason: 'expected a JSON object (a usage record), found an array',
    });
  });
});
