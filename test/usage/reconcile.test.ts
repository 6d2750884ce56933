import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { reconcileRecord } from '../../src/usage/index.js';
import { madeByFirstTest } from '../support/mutation.js';

const pricer = madeByFirstTest(() => createPricer());
const record = (fields: Record<string, unknown>) =>
  JSON.stringify({ taskId: 't', submittedAt: '2026-11-01T12:00:00Z', status: 1, ...fields });

describe('reconcileRecord', () => {
  it('matches a charge equal to the quote at submittedAt', () => {
    expect(
      reconcileRecord(
        pricer(),
        JSON.parse(
          record({ taskId: 'a', request: { model: 'sora-2-text-to-video', duration: '10s', resolution: '1080P' }, creditsUsed: 15 }),
        ),
      ),
    ).toEqual({
      outcome: 'match',
      taskId: 'a',
      submittedAt: '2026-11-01T12:00:00Z',
      status: 1,
      model: 'sora-2-text-to-video',
      point: '10s 1080p',
      quoted: 15,
      charged: 15,
      refunded: false,
    });
  });

  it('reports drift with the quote and the charge, and refunds by status 2 or creditsRefunded', () => {
    expect(
      reconcileRecord(pricer(), {
        taskId: 'b',
        submittedAt: '2026-11-01T12:00:00Z',
        request: { model: 'veo3' },
        status: 2,
        creditsUsed: 60,
      }),
    ).toEqual({
      outcome: 'drift',
      taskId: 'b',
      submittedAt: '2026-11-01T12:00:00Z',
      status: 2,
      model: 'veo3',
      point: '8s',
      quoted: 63,
      charged: 60,
      refunded: true,
    });
    expect(
      reconcileRecord(pricer(), {
        taskId: 'c',
        submittedAt: '2026-11-01T12:00:00Z',
        request: { model: 'veo3' },
        status: 1,
        creditsUsed: 63,
        creditsRefunded: true,
      }),
    ).toMatchObject({ outcome: 'match', refunded: true });
  });

  it('keeps the PricingError code of a refused request', () => {
    expect(
      reconcileRecord(
        pricer(),
        JSON.parse(record({ request: { model: 'sora-2-text-to-video', duration: 15, resolution: '1080p' }, creditsUsed: 22 })),
      ),
    ).toEqual({
      outcome: 'unpriceable',
      taskId: 't',
      submittedAt: '2026-11-01T12:00:00Z',
      status: 1,
      model: 'sora-2-text-to-video',
      code: 'UNSUPPORTED_VALUE',
      parameter: 'duration',
      message: 'sora-2-text-to-video: duration 15s is not priced; allowed: 5s, 10s, 20s',
      charged: 22,
      refunded: false,
    });
  });

  it('reprices at the version in force when the task was submitted', () => {
    const dated = createPricer('test/fixtures/dated-rules');
    const at = (submittedAt: string) =>
      reconcileRecord(dated, {
        taskId: 'd',
        submittedAt,
        request: { model: 'kling/v2-1-standard', duration: 10 },
        status: 1,
        creditsUsed: 22,
      });
    expect(at('2026-12-31T23:59:59.999Z')).toMatchObject({ outcome: 'match', quoted: 22, charged: 22 });
    expect(at('2027-01-01T00:00:00Z')).toMatchObject({ outcome: 'drift', quoted: 24, charged: 22 });
  });

  it.each([
    [[1, 2], 'line', 'expected a JSON object (a usage record), found an array'],
    [
      { submittedAt: '2026-11-01T12:00:00Z', request: {}, status: 1, creditsUsed: 1 },
      'taskId',
      'expected a non-empty string, found nothing',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-31T12:00:00Z', request: {}, status: 1, creditsUsed: 1 },
      'submittedAt',
      'expected an ISO 8601 instant (2026-11-01T12:00:00Z), found "2026-11-31T12:00:00Z"',
    ],
    [
      { taskId: 't', submittedAt: 1_700_000_000_000, request: {}, status: 1, creditsUsed: 1 },
      'submittedAt',
      'expected an ISO 8601 instant (2026-11-01T12:00:00Z), found 1700000000000',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: null, status: 1, creditsUsed: 1 },
      'request',
      'expected the request body, an object, found null',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: {}, status: '1', creditsUsed: 1 },
      'status',
      'expected 0 (pending), 1 (completed) or 2 (failed), found "1"',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: {}, status: 1, creditsUsed: 1.5 },
      'creditsUsed',
      'expected a whole number of credits ≥ 0, found 1.5',
    ],
    [
      { taskId: 't', submittedAt: '2026-11-01T12:00:00Z', request: {}, status: 1, creditsUsed: 1, creditsRefunded: 'yes' },
      'creditsRefunded',
      'expected true or false when present, found "yes"',
    ],
  ])('says which field of a malformed record is wrong: %j', (value, field, reason) => {
    expect(reconcileRecord(pricer(), value)).toEqual({ outcome: 'malformed', field, reason });
  });
});
