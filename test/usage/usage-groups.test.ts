import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { ReconcileTally } from '../../src/usage/index.js';
import { GroupTally, GROUPS_KEPT, mergeBreakdowns, OTHER_GROUP, sortGroups, type UsageGroup } from '../../src/usage/usage-groups.js';
import { madeByFirstTest } from '../support/mutation.js';

const pricer = madeByFirstTest(() => createPricer('test/fixtures/book-rules'));

/** One task of the hand-built block, and what it is by construction. */
const task = (day: number, customerId: string | undefined, book: string | undefined, request: object, creditsUsed: number, status = 1) =>
  JSON.stringify({
    taskId: `t${day}-${customerId}-${creditsUsed}`,
    submittedAt: `2027-01-${String(10 + day).padStart(2, '0')}T12:00:00Z`,
    request,
    status,
    creditsUsed,
    ...(customerId === undefined ? {} : { customerId }),
    ...(book === undefined ? {} : { book }),
  });

/**
 * A day of tasks whose outcomes are known by construction: acme pays veo3 at 51 (−20%) and
 * kling/v2-1-standard 10s at 22 (pinned until 2027-03-01, where the list says 24); enterprise pays
 * veo3 at 60 (−5%); a customer without a book pays the list, 63; a book no rule holds is refused.
 */
const day = (d: number) => [
  task(d, 'acme', 'acme', { model: 'veo3' }, 51),
  task(d, 'acme', 'acme', { model: 'veo3' }, 63),
  task(d, 'acme', 'acme', { model: 'kling/v2-1-standard', duration: 10, inputImageUrls: ['a'] }, 22, 0),
  task(d, 'globex', 'enterprise', { model: 'veo3' }, 60, 2),
  task(d, 'globex', 'enterprise', { model: 'veo3_fast' }, 8),
  task(d, 'initech', undefined, { model: 'veo3' }, 63),
  task(d, 'initech', 'platinum', { model: 'veo3' }, 40),
  task(d, undefined, undefined, { model: 'veo4' }, 5),
];

describe('a reconciliation broken down by customer, book and day', () => {
  const DAYS = 7;
  const lines = Array.from({ length: DAYS }, (_, d) => day(d)).flat();
  const summaryBy = (groupBy: 'customer' | 'book' | 'day' | 'model') => {
    const tally = new ReconcileTally(pricer(), { groupBy });
    for (const line of lines) tally.countLine(line);
    return tally.summary();
  };

  it('prices each task in its book and gives exact per-customer groups', () => {
    const summary = summaryBy('customer');
    expect(summary.groups).toEqual({
      by: 'customer',
      groups: [
        {
          key: 'acme',
          tasks: 3 * DAYS,
          match: 2 * DAYS,
          drift: DAYS,
          unpriceable: 0,
          refunded: 0,
          pending: DAYS,
          quotedCredits: BigInt((51 + 51 + 22) * DAYS),
          pricedChargedCredits: BigInt((51 + 63 + 22) * DAYS),
          unpriceableChargedCredits: 0n,
          deltaCredits: BigInt(12 * DAYS),
        },
        {
          key: 'initech',
          tasks: 2 * DAYS,
          match: DAYS,
          drift: 0,
          unpriceable: DAYS,
          refunded: 0,
          pending: 0,
          quotedCredits: BigInt(63 * DAYS),
          pricedChargedCredits: BigInt(63 * DAYS),
          unpriceableChargedCredits: BigInt(40 * DAYS),
          deltaCredits: 0n,
        },
        {
          key: 'globex',
          tasks: 2 * DAYS,
          match: DAYS,
          drift: DAYS,
          unpriceable: 0,
          refunded: DAYS,
          pending: 0,
          quotedCredits: BigInt((60 + 9) * DAYS),
          pricedChargedCredits: BigInt((60 + 8) * DAYS),
          unpriceableChargedCredits: 0n,
          deltaCredits: BigInt(-1 * DAYS),
        },
        {
          key: '(none)',
          tasks: DAYS,
          match: 0,
          drift: 0,
          unpriceable: DAYS,
          refunded: 0,
          pending: 0,
          quotedCredits: 0n,
          pricedChargedCredits: 0n,
          unpriceableChargedCredits: BigInt(5 * DAYS),
          deltaCredits: 0n,
        },
      ],
    });
    expect(summary.unpriceableByCode).toEqual({ UNKNOWN_BOOK: DAYS, UNKNOWN_MODEL: DAYS });
    expect([summary.match, summary.drift, summary.pending, summary.refunded]).toEqual([4 * DAYS, 2 * DAYS, DAYS, DAYS]);
  });

  it('groups by book, with the list as (list), and by day in order of days', () => {
    expect(summaryBy('book').groups?.groups.map((g) => [g.key, g.tasks, g.deltaCredits])).toEqual([
      ['acme', 3 * DAYS, BigInt(12 * DAYS)],
      // The list and enterprise were both charged 68 a day: equal, they come in the order of their keys.
      ['(list)', 2 * DAYS, 0n],
      ['enterprise', 2 * DAYS, BigInt(-DAYS)],
      ['platinum', DAYS, 0n],
    ]);
    expect(summaryBy('day').groups?.groups.map((g) => [g.key, g.tasks])).toEqual(
      Array.from({ length: DAYS }, (_, d) => [`2027-01-${String(10 + d).padStart(2, '0')}`, 8]),
    );
  });

  it('orders the days by date whatever the order of the log', () => {
    const tally = new ReconcileTally(pricer(), { groupBy: 'day' });
    for (const line of [...lines].reverse()) tally.countLine(line);
    expect(tally.summary().groups?.groups.map((g) => g.key)).toEqual(
      Array.from({ length: DAYS }, (_, d) => `2027-01-${String(10 + d).padStart(2, '0')}`),
    );
  });

  it('groups by model, the most charged first, refused and priced charges alike', () => {
    const charged = (g: UsageGroup) => g.pricedChargedCredits + g.unpriceableChargedCredits;
    expect(summaryBy('model').groups?.groups.map((g) => [g.key, g.tasks, charged(g)])).toEqual([
      // acme 51 and 63, enterprise 60, the list 63, and 40 in a book no rule holds.
      ['veo3', 5 * DAYS, BigInt(277 * DAYS)],
      ['kling/v2-1-standard', DAYS, BigInt(22 * DAYS)],
      ['veo3_fast', DAYS, BigInt(8 * DAYS)],
      ['veo4', DAYS, BigInt(5 * DAYS)],
    ]);
  });

  it('keeps at most GROUPS_KEPT groups apart, and sums the rest in one, so that memory stays bounded', () => {
    const groups = new GroupTally('customer');
    for (let i = 0; i < GROUPS_KEPT + 5; i++)
      groups.add({ model: 'veo3', at: 0, customerId: `c${i}`, book: undefined, status: 1, refunded: false, charged: 63, quoted: 63 });
    const summary = groups.summary();
    expect(summary.groups.length).toBe(GROUPS_KEPT + 1);
    expect(summary.groups.find((g) => g.key === OTHER_GROUP)?.tasks).toBe(5);
  });

  it('keeps at most GROUPS_KEPT groups apart when it adds up the breakdowns of two parts of a log', () => {
    const part = (from: number, to: number) => {
      const groups = new GroupTally('customer');
      for (let i = from; i < to; i++)
        groups.add({ model: 'veo3', at: 0, customerId: `c${i}`, book: undefined, status: 1, refunded: false, charged: 63, quoted: 63 });
      return groups.summary();
    };
    // Each part keeps its 6,000 customers apart; together, 2,000 of the second part's join (other).
    const merged = mergeBreakdowns(part(0, 6_000), part(6_000, 12_000));
    expect(merged.groups.length).toBe(GROUPS_KEPT + 1);
    expect([merged.groups.reduce((n, g) => n + g.tasks, 0), merged.groups.find((g) => g.key === OTHER_GROUP)?.tasks]).toEqual([
      12_000, 2_000,
    ]);
    expect(merged.groups.filter((g) => Number(g.key.slice(1)) < 6_000).length).toBe(6_000);
  });
});

describe('the order of a breakdown', () => {
  const group = (key: string, priced: number, unpriceable: number): UsageGroup => ({
    key,
    tasks: 1,
    match: 0,
    drift: 0,
    unpriceable: 0,
    refunded: 0,
    pending: 0,
    quotedCredits: 0n,
    pricedChargedCredits: BigInt(priced),
    unpriceableChargedCredits: BigInt(unpriceable),
    deltaCredits: 0n,
  });
  const groups = fc.uniqueArray(fc.tuple(fc.string({ maxLength: 4 }), fc.nat(3), fc.nat(3)), { selector: ([key]) => key, maxLength: 30 });

  it('law: days come in the order of their keys; anything else the most charged first, equal charges in the order of their keys', () => {
    fc.assert(
      fc.property(groups, fc.constantFrom('model', 'customer', 'book') as fc.Arbitrary<'model' | 'customer' | 'book'>, (drawn, by) => {
        const made = () => drawn.map(([key, priced, unpriceable]) => group(key, priced, unpriceable));
        const keys = drawn.map(([key]) => key).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(sortGroups('day', made()).map((g) => g.key)).toEqual(keys);
        const charged = new Map(drawn.map(([key, priced, unpriceable]) => [key, priced + unpriceable]));
        const expected = [...keys].sort((a, b) => (charged.get(b) as number) - (charged.get(a) as number));
        expect(sortGroups(by, made()).map((g) => g.key)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
