import { describe, expect, it } from 'vitest';
import {
  DRIFT_GROUPS_SHOWN,
  renderReconcileMarkdown,
  renderReconcileText,
  type DriftGroup,
  type ReconcileSummary,
} from '../../src/usage/index.js';
import { formatCount } from '../../src/primitives/number-text.js';

const quiet: ReconcileSummary = {
  rulesVersion: '0123456789abcdef',
  lines: 1,
  match: 1,
  drift: 0,
  unpriceable: 0,
  malformed: 0,
  repeated: 0,
  repeatedLines: [],
  uncheckedTaskIds: 0,
  refunded: 0,
  pending: 0,
  quotedCredits: 63n,
  chargedCredits: 63n,
  pricedChargedCredits: 63n,
  unpriceableChargedCredits: 0n,
  overchargedCredits: 0n,
  underchargedCredits: 0n,
  refundedCredits: 0n,
  netCredits: 63n,
  unpriceableByCode: {},
  driftGroups: [],
  driftByModel: [],
  malformedLines: [],
};

/** 22 drift groups (two more than a report lists) and 25 malformed lines, 20 of them kept. */
const busy: ReconcileSummary = {
  ...quiet,
  lines: 41_220,
  match: 41_000,
  drift: 100,
  unpriceable: 95,
  malformed: 25,
  refunded: 1_200,
  pending: 7,
  quotedCredits: 1_234_567n,
  chargedCredits: 1_234_600n,
  pricedChargedCredits: 1_234_500n,
  unpriceableChargedCredits: 100n,
  overchargedCredits: 40n,
  underchargedCredits: 107n,
  refundedCredits: 12_000n,
  netCredits: 1_222_600n,
  unpriceableByCode: { UNKNOWN_MODEL: 90, UNSUPPORTED_VALUE: 5 },
  driftGroups: Array.from(
    { length: 22 },
    (_, i): DriftGroup => ({
      model: i === 0 ? 'a|b' : `model-${i}`,
      point: i === 0 ? '10s 1080p' : 'price',
      quoted: 10,
      count: 30 - i,
      // The first group was charged 9 to 12; each other one price, 11 + i.
      chargedCredits: i === 0 ? 300n - 3n : BigInt((11 + i) * (30 - i)),
      deltaCredits: i === 0 ? -3n : BigInt((1 + i) * (30 - i)),
      minCharged: i === 0 ? 9 : 11 + i,
      maxCharged: i === 0 ? 12 : 11 + i,
      firstAt: '2026-11-01T00:00:00.000Z',
      lastAt: `2026-11-${String(2 + i).padStart(2, '0')}T00:00:00.000Z`,
    }),
  ),
  driftByModel: [
    { model: 'veo3', count: 60, deltaCredits: 33n, firstAt: '2026-11-01T00:00:00.000Z', lastAt: '2026-11-30T10:00:00.000Z' },
    { model: 'a|b', count: 40, deltaCredits: -100n, firstAt: '2026-11-02T00:00:00.000Z', lastAt: '2026-11-03T00:00:00.000Z' },
  ],
  malformedLines: Array.from({ length: 20 }, (_, i) => ({ line: i + 2, field: 'status', reason: 'expected 0, 1 or 2, found 3' })),
};

describe('the plain-text reconciliation', () => {
  it('says one line in the singular, and adds no drift or malformed section when there is none', () => {
    expect(renderReconcileText(quiet, 'usage.jsonl')).toBe(
      [
        'Reconciled 1 line of usage.jsonl against rules 0123456789abcdef:',
        '  match                   1',
        '  drift                   0',
        '  unpriceable             0',
        '  malformed               0',
        '  repeated                0',
        '  refunded                0',
        '  pending                 0',
        'Credits: quoted 63, charged 63 (63 on priced tasks, 0 on unpriceable ones), refunded 0, net 63',
        '',
      ].join('\n'),
    );
  });

  it('lists the first 20 drift groups and counts the rest, and says when malformed lines were cut', () => {
    const lines = renderReconcileText(busy, 'usage.jsonl').split('\n');
    expect(lines.slice(0, 10)).toEqual([
      'Reconciled 41,220 lines of usage.jsonl against rules 0123456789abcdef:',
      '  match              41,000',
      '  drift                 100',
      '  unpriceable            95  (UNKNOWN_MODEL 90, UNSUPPORTED_VALUE 5)',
      '  malformed              25',
      '  repeated                0',
      '  refunded            1,200',
      '  pending                 7',
      'Credits: quoted 1,234,567, charged 1,234,600 (1,234,500 on priced tasks, 100 on unpriceable ones), refunded 12,000, net 1,222,600',
      'Drift: 40 credits charged above the quotes, 107 below',
    ]);
    expect(lines.slice(10, 15)).toEqual([
      '',
      'Drift by model, the largest difference first:',
      '  MODEL  TASKS  DELTA  FIRST                     LAST',
      '  veo3      60    +33  2026-11-01T00:00:00.000Z  2026-11-30T10:00:00.000Z',
      '  a|b       40   −100  2026-11-02T00:00:00.000Z  2026-11-03T00:00:00.000Z',
    ]);
    expect(lines.slice(15, 18)).toEqual([
      '',
      'Drift by model, price point and quote, most tasks first (delta: credits charged less quoted):',
      '  MODEL     POINT      QUOTED  CHARGED  TASKS  DELTA  FIRST                     LAST',
    ]);
    expect(lines.slice(18, 20)).toEqual([
      '  a|b       10s 1080p      10     9–12     30     −3  2026-11-01T00:00:00.000Z  2026-11-02T00:00:00.000Z',
      '  model-1   price          10       12     29    +58  2026-11-01T00:00:00.000Z  2026-11-03T00:00:00.000Z',
    ]);
    expect(lines.slice(18 + DRIFT_GROUPS_SHOWN - 1, 18 + DRIFT_GROUPS_SHOWN + 4)).toEqual([
      '  model-19  price          10       30     11   +220  2026-11-01T00:00:00.000Z  2026-11-21T00:00:00.000Z',
      '  (2 more)',
      '',
      'Malformed lines (the first 20):',
      '  line 2: status: expected 0, 1 or 2, found 3',
    ]);
    expect(lines.at(-2)).toBe('  line 21: status: expected 0, 1 or 2, found 3');
  });

  it('names no cut when every malformed line is kept', () => {
    const text = renderReconcileText({ ...busy, malformed: 20 }, 'usage.jsonl');
    expect(text).toContain('\nMalformed lines:\n');
  });
});

describe('the Markdown reconciliation', () => {
  it('has the outcome and credit tables, and nothing else when nothing drifted or was malformed', () => {
    expect(renderReconcileMarkdown(quiet, 'usage.jsonl')).toBe(
      [
        '## Usage reconciliation',
        '',
        '**1 line** of `usage.jsonl` against rules `0123456789abcdef`.',
        '',
        '| Outcome | Tasks |',
        '|---|--:|',
        '| match | 1 |',
        '| drift | 0 |',
        '| unpriceable | 0 |',
        '| malformed | 0 |',
        '| repeated | 0 |',
        '| refunded | 0 |',
        '| pending | 0 |',
        '',
        '| Credits | |',
        '|---|--:|',
        '| quoted | 63 |',
        '| charged | 63 |',
        '| ↳ on priced tasks | 63 |',
        '| ↳ on unpriceable tasks | 0 |',
        '| charged above the quotes | 0 |',
        '| charged below the quotes | 0 |',
        '| refunded | 0 |',
        '| net | 63 |',
        '',
      ].join('\n'),
    );
  });

  it('breaks refusals down by code, escapes cells, lists 20 drift groups and counts the rest, and lists the malformed lines kept', () => {
    const markdown = renderReconcileMarkdown(busy, 'usage.jsonl');
    expect(markdown).toContain('**41,220 lines** of `usage.jsonl`');
    expect(markdown).toContain('| unpriceable | 95 |\n| ↳ `UNKNOWN_MODEL` | 90 |\n| ↳ `UNSUPPORTED_VALUE` | 5 |\n| malformed | 25 |\n');
    expect(markdown).toContain(
      '| charged | 1,234,600 |\n| ↳ on priced tasks | 1,234,500 |\n| ↳ on unpriceable tasks | 100 |\n| charged above the quotes | 40 |\n| charged below the quotes | 107 |\n',
    );
    expect(markdown).toContain(
      '### Drift by model\n\n| Model | Tasks | Delta | First | Last |\n|---|--:|--:|---|---|\n| `veo3` | 60 | +33 | 2026-11-01T00:00:00.000Z | 2026-11-30T10:00:00.000Z |\n| `a\\|b` | 40 | −100 |',
    );
    expect(markdown).toContain(
      [
        '### Drift',
        '',
        '| Model | Point | Quoted | Charged | Tasks | Delta | First | Last |',
        '|---|---|--:|--:|--:|--:|---|---|',
        '| `a\\|b` | 10s 1080p | 10 | 9–12 | 30 | −3 | 2026-11-01T00:00:00.000Z | 2026-11-02T00:00:00.000Z |',
        '| `model-1` | price | 10 | 12 | 29 | +58 | 2026-11-01T00:00:00.000Z | 2026-11-03T00:00:00.000Z |',
      ].join('\n'),
    );
    expect(markdown).toContain(
      '| `model-19` | price | 10 | 30 | 11 | +220 | 2026-11-01T00:00:00.000Z | 2026-11-21T00:00:00.000Z |\n\n2 more groups.\n\n### Malformed lines\n\n| Line | Field | Why |\n|--:|---|---|\n| 2 | status | expected 0, 1 or 2, found 3 |\n',
    );
    expect(markdown).not.toContain('model-20');
    expect(markdown.endsWith('| 21 | status | expected 0, 1 or 2, found 3 |\n')).toBe(true);
  });
});

describe('formatCount', () => {
  it('groups thousands with commas', () => {
    expect([formatCount(0), formatCount(999), formatCount(41_220), formatCount(1_234_567)]).toEqual(['0', '999', '41,220', '1,234,567']);
    expect(formatCount(2n ** 64n)).toBe('18,446,744,073,709,551,616');
  });
});
