import { describe, expect, it } from 'vitest';
import { parseRuleSet, type RuleSource } from '../../src/index.js';
import { lintRuleSources, RATE_OUTLIER_FACTOR } from '../../src/review/index.js';
import { resolutionRank } from '../../src/review/lint-rules.js';

/** One rule file of video models, each citing a row of the price list with its own id. */
const rules = (
  models: { id: string; modes?: string[]; price: unknown; row?: string }[],
  profiles?: Record<string, unknown>,
): RuleSource[] => [
  {
    file: 'rules/family.json',
    text: JSON.stringify(
      {
        $schema: '../schemas/rule-file.schema.json',
        family: 'family',
        ...(profiles === undefined ? {} : { profiles }),
        models: models.map((m) => ({
          id: m.id,
          modes: m.modes ?? ['text-to-video'],
          price: m.price,
          source: {
            section: m.modes?.some((x) => x.endsWith('-image')) ? 'Image models' : 'Video models',
            row: m.row ?? `${m.id} | text-to-video`,
          },
        })),
      },
      null,
      2,
    ),
  },
];

/** The lint's issues with one of the given codes: code, severity, pointer, expected, received. */
const lint = (sources: RuleSource[], ...codes: string[]) =>
  lintRuleSources(sources)
    .filter((i) => codes.includes(i.code))
    .map((i) => [i.code, i.severity, i.pointer, i.expected, i.received]);

describe('the lint of prices that look wrong', () => {
  it('orders resolutions as they grow, p below K', () => {
    expect(['720p', '1080p', '1K', '2k', '4K'].map(resolutionRank)).toEqual([720, 1080, 1000, 2000, 4000]);
  });

  it('finds a price that falls as duration grows along any row of a duration × resolution table, however the axis is written', () => {
    const price = {
      kind: 'duration-by-resolution',
      durations: [10, 5, 20],
      resolutions: ['720p', '1080p'],
      credits: [
        [10, 5, 6],
        [15, 8, 21],
      ],
    };
    expect(lint(rules([{ id: 'm', price }]), 'PRICE_DECREASES')).toEqual([
      [
        'PRICE_DECREASES',
        'error',
        '/models/0/price/credits/0/2',
        'a price that does not decrease as duration grows (≥ 10, the price at 10s 720p)',
        '6 at 20s 720p',
      ],
    ]);
  });

  it('finds a price that falls as resolution grows along any column of a duration × resolution table, and per resolution', () => {
    const matrix = {
      kind: 'duration-by-resolution',
      durations: [5, 10],
      resolutions: ['1080p', '720p'],
      credits: [
        [8, 9],
        [5, 10],
      ],
    };
    const perResolution = { kind: 'per-resolution', resolutions: ['4K', '1K', '2K'], credits: [8, 4, 9] };
    expect(
      lint(
        rules([
          { id: 'm', price: matrix },
          { id: 'n', modes: ['text-to-image'], price: perResolution },
        ]),
        'PRICE_DECREASES',
      ),
    ).toEqual([
      [
        'PRICE_DECREASES',
        'error',
        '/models/0/price/credits/0/1',
        'a price that does not decrease as resolution grows (≥ 10, the price at 10s 720p)',
        '9 at 10s 1080p',
      ],
      [
        'PRICE_DECREASES',
        'error',
        '/models/1/price/credits/0',
        'a price that does not decrease as resolution grows (≥ 9, the price at 2K)',
        '8 at 4K',
      ],
    ]);
  });

  it('finds a falling price in a shared profile, and none where prices only rise or stay', () => {
    const falling = { kind: 'per-duration', durations: [5, 10], credits: [20, 10] };
    const steady = { kind: 'per-duration', durations: [10, 5], credits: [10, 10] };
    expect(
      lint(
        rules(
          [
            { id: 'a', price: { profile: 'p' } },
            { id: 'b', price: { profile: 'p' } },
            { id: 'c', price: steady },
          ],
          { p: falling },
        ),
        'PRICE_DECREASES',
      ),
    ).toEqual([
      [
        'PRICE_DECREASES',
        'error',
        '/profiles/p/credits/1',
        'a price that does not decrease as duration grows (≥ 20, the price at 5s)',
        '10 at 10s',
      ],
    ]);
  });

  it('refuses modes that contradict the id, in each of the four directions', () => {
    const flat = { kind: 'flat', credits: 3 };
    const models = [
      { id: 'x-text-to-video', modes: ['text-to-video', 'image-to-video'], price: flat },
      { id: 'x-image-to-video', modes: ['text-to-video'], price: flat },
      { id: 'x-text-to-image', modes: ['image-to-image'], price: flat },
      { id: 'x-image-to-image', modes: ['text-to-image', 'image-to-image'], price: flat },
      { id: 'x-video', modes: ['text-to-video', 'image-to-video'], price: flat },
    ];
    expect(lint(rules(models), 'MODES_CONTRADICT_ID')).toEqual([
      [
        'MODES_CONTRADICT_ID',
        'error',
        '/models/0/modes',
        'only text-to-video, as the id "x-text-to-video" says',
        'text-to-video, image-to-video',
      ],
      ['MODES_CONTRADICT_ID', 'error', '/models/1/modes', 'only image-to-video, as the id "x-image-to-video" says', 'text-to-video'],
      ['MODES_CONTRADICT_ID', 'error', '/models/2/modes', 'only text-to-image, as the id "x-text-to-image" says', 'image-to-image'],
      [
        'MODES_CONTRADICT_ID',
        'error',
        '/models/3/modes',
        'only image-to-image, as the id "x-image-to-image" says',
        'text-to-image, image-to-image',
      ],
    ]);
  });

  it(`flags credits per second more than ${RATE_OUTLIER_FACTOR}× from the family's median, above or below, and not at the factor`, () => {
    const perSecond = (rate: number) => ({ kind: 'per-duration', durations: [5, 10], credits: [5 * rate, 10 * rate] });
    // Rates 1, 2, 2, 2, 18 and 0.2 per second: the family's median is 2.
    const models = [1, 2, 2, 2, 18, 0.2].map((rate, i) => ({
      id: `m${i}`,
      price: rate === 0.2 ? { kind: 'flat', credits: 2, clipSeconds: 10 } : perSecond(rate),
    }));
    expect(lint(rules(models), 'RATE_OUTLIER')).toEqual([
      ['RATE_OUTLIER', 'warning', '/models/4/price', "credits per second within 8× of the family's median (2.00/s)", '18.00/s, 9.0× above'],
      ['RATE_OUTLIER', 'warning', '/models/5/price', "credits per second within 8× of the family's median (2.00/s)", '0.20/s, 10.0× below'],
    ]);
    // At exactly 8× either way (16 and 0.25 per second against a median of 2) nothing is flagged.
    const atFactor = [2, 2, 2, 16].map((rate, i) => ({ id: `m${i}`, price: perSecond(rate) }));
    expect(lint(rules(atFactor), 'RATE_OUTLIER')).toEqual([]);
  });

  it('reads the median of an even number of rates as the mean of the middle two', () => {
    // Rates 1, 3 (one model with 5 s = 5 and 10 s = 30) and 100: the median of 1, 1, 3, 3, 100, 100 is 3.
    const models = [
      { id: 'a', price: { kind: 'per-duration', durations: [5, 10], credits: [5, 10] } },
      { id: 'b', price: { kind: 'per-duration', durations: [5, 10], credits: [15, 30] } },
      { id: 'c', price: { kind: 'per-duration', durations: [5, 10], credits: [500, 1000] } },
    ];
    expect(lint(rules(models), 'RATE_OUTLIER')).toEqual([
      [
        'RATE_OUTLIER',
        'warning',
        '/models/2/price',
        "credits per second within 8× of the family's median (3.00/s)",
        '100.00/s, 33.3× above',
      ],
    ]);
  });

  it('checks the credits of a row only when the row gives them', () => {
    const price = { kind: 'per-duration', durations: [5, 10], credits: [11, 22] };
    expect(lint(rules([{ id: 'a', price, row: 'a | text-to-video' }]), 'PROVENANCE_DISAGREES')).toEqual([]);
    expect(lint(rules([{ id: 'a', price, row: 'a | text-to-video | 11, 22 | note |' }]), 'PROVENANCE_DISAGREES')).toEqual([]);
    expect(lint(rules([{ id: 'a', price, row: 'a | text-to-video | 11, 23 | note |' }]), 'PROVENANCE_DISAGREES')).toEqual([
      ['PROVENANCE_DISAGREES', 'warning', '/models/0/source/row', "the row's credits to match the price table (11, 22)", '11, 23'],
    ]);
  });

  it('warns of a dated version in force changed in place, not of one still to come, nor of a correction or a new model', () => {
    const dated = (credits: [number, number], next: [number, number], extra: Record<string, unknown> = {}, id = 'a') => ({
      id,
      prices: [
        { price: { kind: 'per-duration', durations: [5, 10], credits: [1, 2] } },
        { from: '2027-01-01', price: { kind: 'per-duration', durations: [5, 10], credits }, reason: 'a rise', ...extra },
        { from: '2027-06-01', price: { kind: 'per-duration', durations: [5, 10], credits: next }, reason: 'another rise' },
      ],
    });
    const file = (models: ReturnType<typeof dated>[]): RuleSource[] => {
      const [source] = rules(models.map((m) => ({ id: m.id, price: { kind: 'flat', credits: 1 } })));
      const parsed = JSON.parse((source as RuleSource).text);
      parsed.models.forEach((m: Record<string, unknown>, i: number) => {
        delete m.price;
        m.prices = models[i]?.prices;
      });
      return [{ file: 'rules/family.json', text: JSON.stringify(parsed, null, 2) }];
    };
    const base = parseRuleSet(file([dated([3, 4], [5, 6])]));
    const history = (head: RuleSource[], at: number) =>
      lintRuleSources(head, { base, at }).map((i) => [i.code, i.pointer, i.expected, i.received]);
    const march = Date.UTC(2027, 2, 1);
    expect(history(file([dated([3, 5], [5, 7])]), march)).toEqual([
      [
        'HISTORY_EDIT_WITHOUT_CORRECTION',
        '/models/0/prices/1/price',
        'a new dated version for a price change, or a "correction" saying why the price in force since 2027-01-01 was wrong',
        '3, 4 changed in place to 3, 5',
      ],
    ]);
    expect(history(file([dated([3, 5], [5, 7])]), Date.UTC(2027, 0, 1) - 1)).toEqual([]);
    expect(history(file([dated([3, 5], [5, 6], { correction: 'the list said 5' })]), march)).toEqual([]);
    expect(history(file([dated([3, 4], [5, 6]), dated([9, 9], [9, 9], {}, 'b')]), march)).toEqual([]);
  });

  it('compares with the rules before the change only when given them', () => {
    const before = rules([{ id: 'a', price: { kind: 'flat', credits: 3 } }]);
    const after = rules([{ id: 'a', price: { kind: 'flat', credits: 4 } }]);
    expect(lintRuleSources(after, { base: parseRuleSet(before), at: 0 }).map((i) => [i.code, i.pointer, i.received])).toEqual([
      ['HISTORY_EDIT_WITHOUT_CORRECTION', '/models/0/price', '3 changed in place to 4'],
    ]);
    expect(lintRuleSources(after, { base: parseRuleSet(after), at: 0 })).toEqual([]);
    expect(lintRuleSources(after)).toEqual([]);
  });
});
