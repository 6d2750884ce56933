import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { compareDriftGroups } from '../../src/usage/reconcile.js';
import { generateUsage, reconcileLines, ReconcileTally, type DriftGroup, type ReconcileOutcome } from '../../src/usage/index.js';
import { madeByFirstTest, sampleSize } from '../support/mutation.js';

const pricer = madeByFirstTest(() => createPricer());

describe('the reconciliation tally', () => {
  it('sums to the same summary whether it counts lines or builds their outcomes, and each outcome counts once where it says', async () => {
    const lines = [
      ...generateUsage(pricer(), { count: sampleSize(3000, 0.3), seed: 31, offGridShare: 0.1, driftShare: 0.1, malformedShare: 0.05 }),
    ];
    const outcomes: [ReconcileOutcome, number][] = [];
    const counted = await reconcileLines(pricer(), lines);
    const built = await reconcileLines(pricer(), lines, (outcome, line) => outcomes.push([outcome, line]));
    expect(built).toEqual(counted);
    expect(outcomes.map(([, line]) => line)).toEqual(lines.map((_, i) => i + 1));
    const of = (kind: ReconcileOutcome['outcome']) => outcomes.filter(([o]) => o.outcome === kind).map(([o]) => o);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const charged = (o: ReconcileOutcome) => (o.outcome === 'match' ? o.credits : o.outcome === 'malformed' ? 0 : o.charged);
    const refunded = outcomes.map(([o]) => o).filter((o) => o.outcome !== 'malformed' && o.refunded);
    expect({
      lines: counted.lines,
      match: counted.match,
      drift: counted.drift,
      unpriceable: counted.unpriceable,
      malformed: counted.malformed,
      refunded: counted.refunded,
      quotedCredits: counted.quotedCredits,
      chargedCredits: counted.chargedCredits,
      refundedCredits: counted.refundedCredits,
    }).toEqual({
      lines: lines.length,
      match: of('match').length,
      drift: of('drift').length,
      unpriceable: of('unpriceable').length,
      malformed: of('malformed').length,
      refunded: refunded.length,
      quotedCredits:
        sum(of('match').map((o) => (o.outcome === 'match' ? o.credits : 0))) +
        sum(of('drift').map((o) => (o.outcome === 'drift' ? o.quoted : 0))),
      chargedCredits: sum(outcomes.map(([o]) => charged(o))),
      refundedCredits: sum(refunded.map(charged)),
    });
    expect(Math.min(counted.match, counted.drift, counted.unpriceable, counted.malformed, counted.refunded)).toBeGreaterThan(0);
    expect(counted.netCredits).toBe(counted.chargedCredits - counted.refundedCredits);
    expect(Object.keys(counted.unpriceableByCode)).toEqual(Object.keys(counted.unpriceableByCode).sort());
    expect(Object.keys(counted.unpriceableByCode).length).toBeGreaterThan(1);
    expect(sum(counted.driftGroups.map((g) => g.count))).toBe(counted.drift);
    expect(counted.malformedLines).toEqual(
      outcomes
        .filter(([o]) => o.outcome === 'malformed')
        .slice(0, 20)
        .map(([o, line]) => ({ line, field: o.outcome === 'malformed' ? o.field : '', reason: o.outcome === 'malformed' ? o.reason : '' })),
    );
  });

  it('groups drift by model, point, quote and charge', () => {
    const tally = new ReconcileTally(pricer());
    const line = (creditsUsed: number, duration = 8) =>
      JSON.stringify({ taskId: 't', submittedAt: '2026-11-01T00:00:00Z', request: { model: 'veo3', duration }, status: 1, creditsUsed });
    for (const charged of [64, 64, 64, 70, 63]) tally.countLine(line(charged));
    tally.add({ outcome: 'drift', taskId: 'u', model: 'veo3', point: '8s', quoted: 63, charged: 64, refunded: false });
    expect(tally.summary().driftGroups).toEqual([
      { model: 'veo3', point: '8s', quoted: 63, charged: 64, count: 4 },
      { model: 'veo3', point: '8s', quoted: 63, charged: 70, count: 1 },
    ]);
    expect([tally.summary().lines, tally.summary().match]).toEqual([6, 1]);
  });
});

describe('the order of drift groups', () => {
  const group = (model: string, quoted: number, charged: number, count: number, point = '8s'): DriftGroup => ({
    model,
    point,
    quoted,
    charged,
    count,
  });

  it('puts most tasks first, then the largest difference, then model, point, quote and charge', () => {
    const groups = [
      group('b', 10, 11, 5),
      group('a', 10, 20, 5),
      group('a', 10, 12, 9),
      group('c', 10, 9, 5),
      group('a', 10, 9, 5),
      group('a', 10, 9, 5, '4s'),
      group('a', 8, 7, 5, '4s'),
      group('a', 8, 9, 5, '4s'),
    ];
    expect([...groups].sort(compareDriftGroups)).toEqual([
      group('a', 10, 12, 9),
      group('a', 10, 20, 5),
      group('a', 8, 7, 5, '4s'),
      group('a', 8, 9, 5, '4s'),
      group('a', 10, 9, 5, '4s'),
      group('a', 10, 9, 5),
      group('b', 10, 11, 5),
      group('c', 10, 9, 5),
    ]);
  });
});
