import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { compareDriftGroups, mergeSummaries } from '../../src/usage/reconcile.js';
import { TASK_IDS_CHECKED, TaskIdSet } from '../../src/usage/task-id-set.js';
import { GROUP_BYS, type GroupBy } from '../../src/usage/usage-groups.js';
import fc from 'fast-check';
import {
  generateUsage,
  reconcileLine,
  reconcileLines,
  ReconcileTally,
  type DriftGroup,
  type ReconcileOutcome,
} from '../../src/usage/index.js';
import { madeByFirstTest, sampleSize } from '../support/mutation.js';

const pricer = madeByFirstTest(() => createPricer());
/** A new task id for each hand-built line: a repeated id counts once. */
let task = 0;

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
    const sum = (values: number[]) => BigInt(values.reduce((a, b) => a + b, 0));
    const charged = (o: ReconcileOutcome) => (o.outcome === 'malformed' || o.outcome === 'repeated' ? 0 : o.charged);
    const refunded = outcomes.map(([o]) => o).filter((o) => o.outcome !== 'malformed' && o.outcome !== 'repeated' && o.refunded);
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
        sum(of('match').map((o) => (o.outcome === 'match' ? o.quoted : 0))) +
        sum(of('drift').map((o) => (o.outcome === 'drift' ? o.quoted : 0))),
      chargedCredits: sum(outcomes.map(([o]) => charged(o))),
      refundedCredits: sum(refunded.map(charged)),
    });
    expect(Math.min(counted.match, counted.drift, counted.unpriceable, counted.malformed, counted.refunded)).toBeGreaterThan(0);
    expect(counted.netCredits).toBe(counted.chargedCredits - counted.refundedCredits);
    expect(Object.keys(counted.unpriceableByCode)).toEqual(Object.keys(counted.unpriceableByCode).sort());
    expect(Object.keys(counted.unpriceableByCode).length).toBeGreaterThan(1);
    expect(Number(sum(counted.driftGroups.map((g) => g.count)))).toBe(counted.drift);
    expect(counted.malformedLines).toEqual(
      outcomes
        .filter(([o]) => o.outcome === 'malformed')
        .slice(0, 20)
        .map(([o, line]) => ({ line, field: o.outcome === 'malformed' ? o.field : '', reason: o.outcome === 'malformed' ? o.reason : '' })),
    );
  });

  it('groups drift by model, point and quote, summing what was charged: one group however many charges differ', () => {
    const tally = new ReconcileTally(pricer());
    const line = (creditsUsed: number, duration = 8) =>
      JSON.stringify({
        taskId: `t${task++}`,
        submittedAt: '2026-11-01T00:00:00Z',
        request: { model: 'veo3', duration },
        status: 1,
        creditsUsed,
      });
    for (const charged of [64, 64, 64, 70, 63, 9]) tally.countLine(line(charged));
    tally.add({
      outcome: 'drift',
      taskId: 'u',
      submittedAt: '2026-11-01T00:00:00Z',
      status: 1,
      model: 'veo3',
      point: '8s',
      quoted: 63,
      charged: 64,
      refunded: false,
    });
    expect(tally.summary().driftGroups).toEqual([
      {
        model: 'veo3',
        point: '8s',
        quoted: 63,
        count: 6,
        chargedCredits: 335n,
        deltaCredits: 335n - 6n * 63n,
        minCharged: 9,
        maxCharged: 70,
        firstAt: '2026-11-01T00:00:00.000Z',
        lastAt: '2026-11-01T00:00:00.000Z',
      },
    ]);
    expect([tally.summary().lines, tally.summary().match]).toEqual([7, 1]);
  });

  it('keeps credit totals exact past 2^53, where numbers would round', () => {
    const tally = new ReconcileTally(pricer());
    const line = (creditsUsed: number, status = 1) =>
      JSON.stringify({
        taskId: `t${task++}`,
        submittedAt: '2026-11-01T00:00:00Z',
        request: { model: 'veo3', duration: 8 },
        status,
        creditsUsed,
      });
    const big = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < 3; i++) tally.countLine(line(big, 2));
    tally.countLine(line(1));
    const summary = tally.summary();
    expect([summary.chargedCredits, summary.refundedCredits, summary.netCredits]).toEqual([3n * BigInt(big) + 1n, 3n * BigInt(big), 1n]);
    expect(summary.driftGroups[0]).toMatchObject({
      count: 4,
      chargedCredits: 3n * BigInt(big) + 1n,
      deltaCredits: 3n * BigInt(big) + 1n - 4n * 63n,
    });
  });

  it('law: what was charged splits into priced and unpriceable, and the drift above and below the quotes nets to charged less quoted, per model too', () => {
    const lines = [...generateUsage(pricer(), { count: 3000, seed: 8, offGridShare: 0.2, driftShare: 0.3, malformedShare: 0.05 })];
    const outcomes = lines.map((line) => reconcileLine(pricer(), line));
    const summary = new ReconcileTally(pricer());
    for (const line of lines) summary.countLine(line);
    const s = summary.summary();
    const total = (values: bigint[]) => values.reduce((a, b) => a + b, 0n);
    expect(s.chargedCredits).toBe(s.pricedChargedCredits + s.unpriceableChargedCredits);
    expect(s.overchargedCredits - s.underchargedCredits).toBe(s.pricedChargedCredits - s.quotedCredits);
    expect(total(s.driftByModel.map((m) => m.deltaCredits))).toBe(s.overchargedCredits - s.underchargedCredits);
    expect(total(s.driftGroups.map((g) => g.deltaCredits))).toBe(s.overchargedCredits - s.underchargedCredits);
    expect(s.pending).toBe(outcomes.filter((o) => o.outcome !== 'malformed' && o.outcome !== 'repeated' && o.status === 0).length);
    expect(
      Math.min(s.pending, Number(s.overchargedCredits), Number(s.underchargedCredits), Number(s.unpriceableChargedCredits)),
    ).toBeGreaterThan(0);
    const over = outcomes.flatMap((o) => (o.outcome === 'drift' && o.charged > o.quoted ? [BigInt(o.charged - o.quoted)] : []));
    expect(s.overchargedCredits).toBe(total(over));
    for (const m of s.driftByModel) {
      const drifted = outcomes.filter((o) => o.outcome === 'drift' && o.model === m.model);
      const instants = drifted.map((o) => new Date((o as { submittedAt: string }).submittedAt).toISOString()).sort();
      expect([m.count, m.firstAt, m.lastAt]).toEqual([drifted.length, instants[0], instants.at(-1)]);
    }
  });

  it('law: the summaries of the two parts of any split of a log merge into the summary of the whole log, broken down or not', () => {
    const lines = [...generateUsage(pricer(), { count: 400, seed: 5, offGridShare: 0.2, driftShare: 0.3, malformedShare: 0.1 })];
    const options = (groupBy: GroupBy | undefined) => (groupBy === undefined ? {} : { groupBy });
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: lines.length, maxLength: lines.length }),
        fc.constantFrom(undefined, ...GROUP_BYS),
        (sides, groupBy) => {
          const whole = new ReconcileTally(pricer(), options(groupBy));
          for (const [i, text] of lines.entries()) whole.countLine(text, i + 1);
          const parts = [new ReconcileTally(pricer(), options(groupBy)), new ReconcileTally(pricer(), options(groupBy))];
          for (const [i, text] of lines.entries()) parts[sides[i] ? 1 : 0]?.countLine(text, i + 1);
          expect(mergeSummaries(parts[0]!.summary(), parts[1]!.summary())).toEqual(whole.summary());
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('the order of drift groups', () => {
  const group = (model: string, quoted: number, count: number, delta: number, point = '8s'): DriftGroup => ({
    model,
    point,
    quoted,
    count,
    chargedCredits: BigInt(quoted * count + delta),
    deltaCredits: BigInt(delta),
    minCharged: quoted,
    maxCharged: quoted,
    firstAt: '2026-11-01T00:00:00.000Z',
    lastAt: '2026-11-01T00:00:00.000Z',
  });

  it('puts most tasks first, then the largest difference in credits, then model, point and quote', () => {
    const groups = [
      group('b', 10, 5, 5),
      group('a', 10, 5, 50),
      group('a', 10, 9, 18),
      group('c', 10, 5, -5),
      group('a', 10, 5, -5),
      group('a', 10, 5, -5, '4s'),
      group('a', 8, 5, -5, '4s'),
      group('a', 9, 5, 5, '4s'),
    ];
    expect([...groups].sort(compareDriftGroups)).toEqual([
      group('a', 10, 9, 18),
      group('a', 10, 5, 50),
      group('a', 8, 5, -5, '4s'),
      group('a', 9, 5, 5, '4s'),
      group('a', 10, 5, -5, '4s'),
      group('a', 10, 5, -5),
      group('b', 10, 5, 5),
      group('c', 10, 5, -5),
    ]);
  });
});

describe('a repeated task id', () => {
  const line = (taskId: string, creditsUsed: number) =>
    JSON.stringify({ taskId, submittedAt: '2026-11-01T00:00:00Z', request: { model: 'veo3' }, status: 1, creditsUsed });

  it('counts the first occurrence only, and reports the others with their lines', () => {
    const tally = new ReconcileTally(pricer());
    for (const text of [line('a', 63), line('b', 60), line('a', 9), 'not json', line('b', 63), line('c', 63)]) tally.countLine(text);
    const s = tally.summary();
    expect([s.lines, s.match, s.drift, s.malformed, s.repeated, s.chargedCredits]).toEqual([6, 2, 1, 1, 2, 186n]);
    expect(s.repeatedLines).toEqual([
      { line: 3, taskId: 'a' },
      { line: 5, taskId: 'b' },
    ]);
    expect(s.uncheckedTaskIds).toBe(0);
    // Built outcomes, as --out writes them, say so too.
    const built = new ReconcileTally(pricer());
    expect([line('a', 63), line('a', 63)].map((text) => built.addLine(text).outcome)).toEqual(['match', 'repeated']);
  });

  it('is looked for among the first TASK_IDS_CHECKED ids, in bounded memory, and the rest are counted as unchecked', () => {
    const ids = new TaskIdSet();
    for (let i = 0; i < TASK_IDS_CHECKED; i++) ids.visit(`task-${i}`);
    expect([ids.visit('task-0'), ids.visit(`task-${TASK_IDS_CHECKED - 1}`), ids.visit('one more')]).toEqual(['seen', 'seen', 'unchecked']);
  }, 60_000);
});
