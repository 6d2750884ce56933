import { describe, expect, it } from 'vitest';
import { compilePricer, parseRuleSet, type Pricer } from '../../src/index.js';
import {
  impactLine,
  renderImpactMarkdown,
  renderImpactText,
  replayUsage,
  revenueBreaking,
  type RevenueImpact,
} from '../../src/usage/index.js';
import { madeByFirstTest } from '../support/mutation.js';

const source = { section: 'Image models', row: 'a hypothetical row' };
const flat = (id: string, credits: number) => ({ id, modes: ['text-to-image'], price: { kind: 'flat', credits }, source });
const video = (id: string, durations: number[], credits: number[]) => ({
  id,
  modes: ['text-to-video'],
  price: { kind: 'per-duration', durations, credits },
  source,
});
const pricerOf = (models: unknown[]): Pricer =>
  compilePricer(
    parseRuleSet([
      { file: 'rules/test.json', text: JSON.stringify({ $schema: '../schemas/rule-file.schema.json', family: 'test', models }) },
    ]),
  );

/**
 * Before: a 10, b 5 s 4 / 10 s 8, c 3, f 5. After: a rises to 12, b loses its 10 s price, c stays,
 * d is added at 7, f rises to 7 (as much as a, so the two order by name).
 */
const rules = madeByFirstTest(() => ({
  base: pricerOf([flat('a', 10), video('b', [5, 10], [4, 8]), flat('c', 3), flat('f', 5)]),
  head: pricerOf([flat('f', 7), flat('a', 12), video('b', [5], [4]), flat('c', 3), flat('d', 7)]),
}));
const line = (request: Record<string, unknown>, status = 1, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    taskId: `t-${JSON.stringify(request)}-${status}`,
    submittedAt: '2026-11-01T12:00:00Z',
    request,
    status,
    creditsUsed: 1,
    ...extra,
  });
const usage = [
  line({ model: 'a' }),
  line({ model: 'a' }, 2),
  line({ model: 'b', duration: 10 }),
  line({ model: 'b', duration: 5 }),
  line({ model: 'c' }),
  line({ model: 'd' }),
  line({ model: 'e' }),
  line({ model: 'f' }, 1, { creditsRefunded: false }),
  '{"not": "a record"}',
];

describe('replaying usage under two rule sets', () => {
  it('sums each task priced before and after, counts what became (un)priceable, and lists the models that moved, the largest change first', async () => {
    const { base, head } = rules();
    expect(await replayUsage(base, head, usage)).toEqual({
      tasks: 8,
      refunded: 1,
      malformed: 1,
      baseCredits: 10 + 8 + 4 + 3 + 5,
      headCredits: 12 + 0 + 4 + 3 + 7 + 7,
      deltaCredits: 3,
      percent: 10,
      becameUnpriceable: 1,
      becamePriceable: 1,
      models: [
        { model: 'b', tasks: 2, baseCredits: 12, headCredits: 4, deltaCredits: -8, percent: -66.7 },
        { model: 'd', tasks: 1, baseCredits: 0, headCredits: 7, deltaCredits: 7, percent: null },
        { model: 'a', tasks: 1, baseCredits: 10, headCredits: 12, deltaCredits: 2, percent: 20 },
        { model: 'f', tasks: 1, baseCredits: 5, headCredits: 7, deltaCredits: 2, percent: 40 },
      ],
    });
  });

  it('lists a model whose only task was refunded when its price moved, with no credits', async () => {
    const { base, head } = rules();
    const impact = await replayUsage(base, head, [line({ model: 'a' }, 2), line({ model: 'c' }, 1, { creditsRefunded: true })]);
    expect(impact).toEqual({
      tasks: 2,
      refunded: 2,
      malformed: 0,
      baseCredits: 0,
      headCredits: 0,
      deltaCredits: 0,
      percent: null,
      becameUnpriceable: 0,
      becamePriceable: 0,
      models: [{ model: 'a', tasks: 0, baseCredits: 0, headCredits: 0, deltaCredits: 0, percent: null }],
    });
  });
});

const impact = (fields: Partial<RevenueImpact>): RevenueImpact => ({
  tasks: 41_220,
  refunded: 0,
  malformed: 0,
  baseCredits: 0,
  headCredits: 0,
  deltaCredits: 0,
  percent: null,
  becameUnpriceable: 0,
  becamePriceable: 0,
  models: [],
  ...fields,
});

describe('the impact in words', () => {
  it.each([
    [{ deltaCredits: 3_912, percent: 1.8 }, '+3,912 credits (+1.8%) on 41,220 tasks'],
    [{ deltaCredits: -40, percent: -0.5 }, '−40 credits (−0.5%) on 41,220 tasks'],
    [{ deltaCredits: 0, percent: 0 }, '±0 credits (±0%) on 41,220 tasks'],
    [{ deltaCredits: 7, percent: null, becamePriceable: 1 }, '+7 credits (n/a) on 41,220 tasks; 1 task would become priceable'],
    [{ becameUnpriceable: 1 }, '±0 credits (n/a) on 41,220 tasks; 1 task would become unpriceable'],
    [
      { becameUnpriceable: 1_200, becamePriceable: 2 },
      '±0 credits (n/a) on 41,220 tasks; 1,200 tasks would become unpriceable; 2 tasks would become priceable',
    ],
  ] as [Partial<RevenueImpact>, string][])('%j reads "%s"', (fields, text) => {
    expect(impactLine(impact(fields))).toBe(text);
  });

  it('renders as text and as Markdown, one row per model that moved', async () => {
    const { base, head } = rules();
    const replayed = await replayUsage(base, head, usage);
    expect(renderImpactText(replayed)).toBe(
      [
        'Revenue impact: +3 credits (+10%) on 8 tasks; 1 task would become unpriceable; 1 task would become priceable (30 → 33 credits)',
        `  ${'b'.padEnd(34)}         12 → 4          −8 (−66.7%)`,
        `  ${'d'.padEnd(34)}          0 → 7          +7 (n/a)`,
        `  ${'a'.padEnd(34)}         10 → 12         +2 (+20%)`,
        `  ${'f'.padEnd(34)}          5 → 7          +2 (+40%)`,
        '',
      ].join('\n'),
    );
    expect(
      renderImpactMarkdown(
        {
          ...replayed,
          models: [
            ...replayed.models,
            { model: 'x|y', tasks: 1_500, baseCredits: 15_000, headCredits: 15_000, deltaCredits: 0, percent: 0 },
          ],
        },
        'usage.jsonl',
      ),
    ).toBe(
      [
        '## Revenue impact',
        '',
        '**+3 credits (+10%) on 8 tasks; 1 task would become unpriceable; 1 task would become priceable**',
        '',
        'Replayed `usage.jsonl`: each task priced under both rules at the instant it was submitted. Refunded tasks (1) bring no credits; malformed lines (1) are left out.',
        '',
        'Credits: 30 before, 33 after.',
        '',
        '| Model | Tasks | Before | After | Δ | Δ % |',
        '|---|--:|--:|--:|--:|--:|',
        '| `b` | 2 | 12 | 4 | −8 | −66.7% |',
        '| `d` | 1 | 0 | 7 | +7 | n/a |',
        '| `a` | 1 | 10 | 12 | +2 | +20% |',
        '| `f` | 1 | 5 | 7 | +2 | +40% |',
        '| `x\\|y` | 1,500 | 15,000 | 15,000 | ±0 | ±0% |',
        '',
      ].join('\n'),
    );
  });

  it('has no model table in Markdown when no model moved', () => {
    expect(renderImpactMarkdown(impact({ baseCredits: 1_000, headCredits: 1_000, percent: 0 }), 'u.jsonl')).toBe(
      [
        '## Revenue impact',
        '',
        '**±0 credits (±0%) on 41,220 tasks**',
        '',
        'Replayed `u.jsonl`: each task priced under both rules at the instant it was submitted. Refunded tasks (0) bring no credits; malformed lines (0) are left out.',
        '',
        'Credits: 1,000 before, 1,000 after.',
        '',
      ].join('\n'),
    );
  });
});

describe('a move of revenue past the limit of a review', () => {
  const moved = (deltaCredits: number, at?: string) =>
    impact({
      baseCredits: 1_000,
      headCredits: 1_000 + deltaCredits,
      deltaCredits,
      percent: deltaCredits / 10,
      ...(at === undefined ? {} : { at }),
    });
  const breaking = (reason: string) => ({ model: 'revenue', kind: 'revenue', reason });

  it('breaks past the limit, not at it, either way, in words that say which instants were replayed', () => {
    expect(revenueBreaking([moved(100), moved(-100)], 10)).toEqual([]);
    expect(revenueBreaking([moved(101), moved(-101, '2027-01-01T00:00:00.000Z')], 10)).toEqual([
      breaking('at the instants the tasks were submitted moves by +101 credits (+10.1%, more than 10%)'),
      breaking('from 2027-01-01 moves by −101 credits (−10.1%, more than 10%)'),
    ]);
  });

  it('breaks on any move when the base earned nothing, and never without a move', () => {
    expect(revenueBreaking([impact({}), impact({ headCredits: 5, deltaCredits: 5 })], 10)).toEqual([
      breaking('at the instants the tasks were submitted moves by +5 credits (n/a, more than 10%)'),
    ]);
  });
});

describe('the impact of a projection in Markdown', () => {
  it('says the instant every task was priced at, and labels each model with what moved it when a review says', () => {
    const models = [
      { model: 'a', tasks: 1, baseCredits: 10, headCredits: 12, deltaCredits: 2, percent: 20, change: 'scheduled' as const },
      { model: 'b', tasks: 1, baseCredits: 5, headCredits: 6, deltaCredits: 1, percent: 20 },
    ];
    const markdown = renderImpactMarkdown(
      impact({ at: '2027-03-01T00:00:00.000Z', baseCredits: 15, headCredits: 18, deltaCredits: 3, percent: 20, models }),
      'u.jsonl',
    );
    expect(markdown.split('\n').slice(4)).toEqual([
      'Replayed `u.jsonl`: each task priced under both rules as if submitted on 2027-03-01. Refunded tasks (0) bring no credits; malformed lines (0) are left out.',
      '',
      'Credits: 15 before, 18 after.',
      '',
      '| Model | Tasks | Before | After | Δ | Δ % | Change |',
      '|---|--:|--:|--:|--:|--:|---|',
      '| `a` | 1 | 10 | 12 | +2 | +20% | scheduled |',
      '| `b` | 1 | 5 | 6 | +1 | +20% |  |',
      '',
    ]);
  });
});
