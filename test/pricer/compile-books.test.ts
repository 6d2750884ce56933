import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createPricer, parseRuleSet, PricingError, readRuleSources, type BookQuote } from '../../src/index.js';
import { thrown } from '../support/thrown.js';
import { madeByFirstTest } from '../support/mutation.js';

/** How many times the books compiled read the list's price of a point. */
const listReads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/pricer/point-request.js', async (original) => {
  const actual = await original<typeof import('../../src/pricer/point-request.js')>();
  return {
    ...actual,
    pointRequest: (...args: Parameters<typeof actual.pointRequest>) => {
      listReads.count++;
      return actual.pointRequest(...args);
    },
  };
});

const DIR = 'test/fixtures/book-rules';
const pricer = madeByFirstTest(() => createPricer(DIR));
const kling = (duration: number) => ({ model: 'kling/v2-1-standard', duration, inputImageUrls: ['a.png'] });
const inBook = (quote: BookQuote) => [quote.credits, quote.listCredits, quote.adjustment?.kind ?? null, quote.adjustment?.book ?? null];

describe('a quote with a price book', () => {
  it('multiplies: −20% quotes veo3 at 51 (63 × 0.8 = 50.4, rounded up), with the list price and the adjustment beside it', () => {
    expect(pricer().quote({ model: 'veo3' }, { book: 'acme' })).toEqual({
      ...pricer().quote({ model: 'veo3' }),
      credits: 51,
      book: 'acme',
      listCredits: 63,
      adjustment: { kind: 'percent', value: -20, reason: 'MSA 2027, section 4', book: 'acme' },
    });
  });

  it('overwrites: a fixed price holds through every list change', () => {
    // kling/v2-1-standard 5s is 11 on the list, 12 from 2027-01-01, 13 from 2027-06-01 10:00 UTC.
    expect(['2026-12-15', '2027-01-15', '2027-07-01'].map((at) => inBook(pricer().quote(kling(5), { at, book: 'acme' })))).toEqual([
      [10, 11, 'credits', 'acme'],
      [10, 12, 'credits', 'acme'],
      [10, 13, 'credits', 'acme'],
    ]);
  });

  it('pins: the price of 2026-12-01 holds until the pin ends, while the list change takes effect for everyone else', () => {
    // kling/v2-1-standard 10s is 22 on the list, 24 from 2027-01-01; acme's pin ends on 2027-03-01.
    const at = (instant: string) => inBook(pricer().quote(kling(10), { at: instant, book: 'acme' }));
    expect([at('2026-12-15'), at('2027-01-15'), at('2027-02-28T23:59:59.999Z'), at('2027-03-01')]).toEqual([
      [22, 22, 'pinned', 'acme'],
      [22, 24, 'pinned', 'acme'],
      [22, 24, 'pinned', 'acme'],
      [24, 24, null, null],
    ]);
    expect(pricer().quote(kling(10), { at: '2027-01-15' }).credits).toBe(24);
    expect(pricer().quote(kling(10), { at: '2027-01-15', book: 'enterprise' }).credits).toBe(23);
  });

  it('takes the most specific adjustment in force: points over models over every model', () => {
    const eu = (request: Record<string, unknown>, at?: string) =>
      inBook(pricer().quote({ model: 'veo3', ...request }, { book: 'enterprise-eu', ...(at === undefined ? {} : { at }) }));
    expect([
      eu({}),
      eu({ inputImageUrls: ['a'] }, '2027-01-02'),
      eu({ inputImageUrls: ['a'] }, '2027-01-08'),
      eu({}, '2027-01-02'),
    ]).toEqual([
      [66, 63, 'percent', 'enterprise-eu'],
      [0, 63, 'credits', 'enterprise-eu'],
      [66, 63, 'percent', 'enterprise-eu'],
      [66, 63, 'percent', 'enterprise-eu'],
    ]);
    // The credits the launch week sets are 0: free, said so, not a missing price.
    expect(pricer().quote({ model: 'veo3', inputImageUrls: ['a'] }, { at: '2027-01-02', book: 'enterprise-eu' }).adjustment?.reason).toBe(
      'a launch week: image-to-video free',
    );
  });

  it('applies a book on the price of the book it is based on: 63 × 0.95 → 60, then + 10% → 66 (not 63 + 10% → 70)', () => {
    expect(inBook(pricer().quote({ model: 'veo3' }, { book: 'enterprise' }))).toEqual([60, 63, 'percent', 'enterprise']);
    expect(pricer().quote({ model: 'veo3' }, { book: 'enterprise-eu' }).credits).toBe(66);
    // veo3_fast: 9 → ceil(8.55) = 9 → ceil(8.91) = 9, by the −1% for every model of enterprise-eu.
    expect(inBook(pricer().quote({ model: 'veo3_fast' }, { book: 'enterprise-eu' }))).toEqual([9, 9, 'percent', 'enterprise-eu']);
  });

  it('refuses an unknown book as UNKNOWN_BOOK on the parameter book, with the nearest id, and what the list refuses as the list does', () => {
    const error = thrown(() => pricer().quote({ model: 'veo3' }, { book: 'acm' }), PricingError);
    expect(error).toMatchObject({
      code: 'UNKNOWN_BOOK',
      parameter: 'book',
      suggestion: 'acme',
      allowed: ['acme', 'enterprise-eu', 'enterprise'],
    });
    expect(error.message).toBe('unknown price book "acm"; did you mean "acme"?; allowed: acme, enterprise-eu, enterprise');
    expect(thrown(() => pricer().quote({ model: 'veo4' }, { book: 'acme' }), PricingError)).toMatchObject({ code: 'UNKNOWN_MODEL' });
    const withoutBooks = thrown(() => createPricer().quote({ model: 'veo3' }, { book: 'acme' }), PricingError);
    expect(withoutBooks).toMatchObject({ code: 'UNKNOWN_BOOK', allowed: [] });
    expect(withoutBooks).not.toHaveProperty('suggestion');
  });

  it('gives every quote an adjustment no caller can change: it is shared by the quotes it sets', () => {
    const first = pricer().quote({ model: 'veo3' }, { book: 'acme' });
    expect(() => {
      (first.adjustment as { reason: string }).reason = 'changed';
    }).toThrow(TypeError);
    expect(pricer().quote({ model: 'veo3' }, { book: 'acme' }).adjustment?.reason).toBe('MSA 2027, section 4');
  });

  it('changes nothing without a book, lists the books, and counts them in the version', () => {
    expect(pricer().quote({ model: 'veo3' })).not.toHaveProperty('book');
    expect(pricer().books()).toEqual([
      { id: 'acme', basedOn: null, adjustments: 3 },
      { id: 'enterprise-eu', basedOn: 'enterprise', adjustments: 3 },
      { id: 'enterprise', basedOn: null, adjustments: 1 },
    ]);
    expect(createPricer().books()).toEqual([]);
    const withoutBooks = parseRuleSet([
      { file: `${DIR}/60-veo.json`, text: readFixture('60-veo.json') },
      { file: `${DIR}/dated.json`, text: readFixture('dated.json') },
    ]);
    expect(createPricer(withoutBooks).version).not.toBe(pricer().version);
  });
});

describe('laws of a percent adjustment', () => {
  it('law: the credits are the least whole number at or above base × (100 + percent) / 100, exactly, for any base and percent of two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: -9_999, max: 100_000 }), (base, hundredths) => {
        const rules = parseRuleSet([
          {
            file: 'r/models.json',
            text: JSON.stringify({
              $schema: '../schemas/rule-file.schema.json',
              family: 'law',
              models: [
                {
                  id: 'm',
                  modes: ['text-to-image'],
                  price: { kind: 'flat', credits: base },
                  source: { section: 'Image models', row: 'm | law' },
                },
              ],
            }),
          },
          {
            file: 'r/books/b.json',
            text: JSON.stringify({ book: 'b', adjustments: [{ models: '*', percent: hundredths / 100, reason: 'law' }] }),
          },
        ]);
        const credits = createPricer(rules).quote({ model: 'm' }, { book: 'b' }).credits;
        const exact = BigInt(base) * BigInt(10_000 + hundredths);
        expect(BigInt(credits) * 10_000n >= exact && (BigInt(credits) - 1n) * 10_000n < exact).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * A pricer of two models and one book: `m`, flat, priced from 2027-01-01 only, and `k`, 11 for
 * 5 s and 22 for 10 s since always, then from 2027-01-01 12, 24, and 36 for a new 15 s.
 */
function pricerWithBook(adjustments: readonly object[], flatCredits = 10) {
  const model = (id: string, prices: object[]) => ({
    id,
    modes: ['text-to-image'],
    prices,
    source: { section: 'Image models', row: `${id} | test` },
  });
  return createPricer(
    parseRuleSet([
      {
        file: 'r/models.json',
        text: JSON.stringify({
          $schema: '../schemas/rule-file.schema.json',
          family: 'books',
          models: [
            model('m', [{ from: '2027-01-01', price: { kind: 'flat', credits: flatCredits } }]),
            model('k', [
              { price: { kind: 'per-duration', durations: [5, 10], credits: [11, 22] } },
              { from: '2027-01-01', price: { kind: 'per-duration', durations: [5, 10, 15], credits: [12, 24, 36] }, reason: 'a rise' },
            ]),
          ],
        }),
      },
      { file: 'r/books/b.json', text: JSON.stringify({ book: 'b', adjustments }) },
    ]),
  );
}

describe('book adjustments, one rule at a time', () => {
  it('applies an adjustment from its start up to the instant before its end', () => {
    const eu = (at: string) => inBook(pricer().quote({ model: 'veo3', inputImageUrls: ['a'] }, { at, book: 'enterprise-eu' }));
    expect(['2026-12-31T23:59:59.999Z', '2027-01-01', '2027-01-07T23:59:59.999Z', '2027-01-08'].map(eu)).toEqual([
      [66, 63, 'percent', 'enterprise-eu'],
      [0, 63, 'credits', 'enterprise-eu'],
      [0, 63, 'credits', 'enterprise-eu'],
      [66, 63, 'percent', 'enterprise-eu'],
    ]);
  });

  it('takes an adjustment for every model that names points over one for the model that names none', () => {
    const book = pricerWithBook([
      { models: '*', points: [{ duration: 10 }], credits: 7, reason: 'ten-second clips' },
      { models: ['k'], percent: 50, reason: 'k' },
    ]);
    expect([5, 10].map((duration) => inBook(book.quote({ model: 'k', duration }, { at: '2026-12-15', book: 'b' })))).toEqual([
      [17, 11, 'percent', 'b'],
      [7, 22, 'credits', 'b'],
    ]);
  });

  it('applies an adjustment to a point that any one of its point filters takes', () => {
    const book = pricerWithBook([{ models: ['k'], points: [{ duration: 5 }, { duration: 10 }], credits: 3, reason: 'both' }]);
    expect([5, 10].map((duration) => book.quote({ model: 'k', duration }, { at: '2026-12-15', book: 'b' }).credits)).toEqual([3, 3]);
  });

  it('keeps the price of now where a pin names an instant the list did not price the request at', () => {
    const book = pricerWithBook([{ models: ['k'], pinnedAt: '2026-06-01', reason: 'the price of June' }]);
    const at = (duration: number) => inBook(book.quote({ model: 'k', duration }, { at: '2027-02-01', book: 'b' }));
    // 15 s came with the rise: in June the list had no price for it.
    expect([at(10), at(15)]).toEqual([
      [22, 24, 'pinned', 'b'],
      [36, 36, null, null],
    ]);
  });

  it('pins the point the list prices the request at now: its price then, as the list then priced a request for it', () => {
    // test/fixtures/pin-rules: every table changes kind on 2027-01-01; the book "pin" pins 2026-12-01.
    const pins = createPricer('test/fixtures/pin-rules');
    const pinned = (request: Record<string, unknown>, book = 'pin') => inBook(pins.quote(request, { at: '2027-02-01', book }));
    expect([
      // Priced by resolution then, whatever the seconds: 10 for 720p.
      pinned({ model: 'by-resolution', duration: 5, resolution: '720P' }),
      // A 5-second clip now, with or without its seconds: 9 for 5 seconds then.
      pinned({ model: 'clip-later' }),
      pinned({ model: 'clip-later', duration: 5 }),
      // One price now, for any seconds: no price then without seconds, so the price now.
      pinned({ model: 'one-price', duration: 5 }),
      // A book on the pin: 10 + 10%.
      pinned({ model: 'by-resolution', duration: 10, resolution: '720p' }, 'on-pin'),
    ]).toEqual([
      [10, 11, 'pinned', 'pin'],
      [9, 10, 'pinned', 'pin'],
      [9, 10, 'pinned', 'pin'],
      [4, 4, null, null],
      [11, 12, 'percent', 'on-pin'],
    ]);
  });

  it('falls back to the price now where a book on a book pins an instant the list did not price the point at, whatever the base book then said', () => {
    // test/fixtures/pin-rules: "clip" sold one 5-second clip until 2027-01-01 (7), then 5 s (8) and 10 s (16).
    const books = pinModelsWith([
      { book: 'a', adjustments: [{ models: '*', percent: 50, reason: 'half again' }] },
      { book: 'b', basedOn: 'a', adjustments: [{ models: ['clip'], pinnedAt: '2026-12-01', reason: 'the price of December' }] },
    ]);
    const inB = (duration: number) => inBook(books.quote({ model: 'clip', duration }, { at: '2027-02-01', book: 'b' }));
    // 5 s: a's price in December, 7 × 1.5 → 11. 10 s was not sold in December: a's price now, 16 × 1.5 = 24.
    expect([inB(5), inB(10)]).toEqual([
      [11, 8, 'pinned', 'b'],
      [24, 16, 'percent', 'a'],
    ]);
  });

  it('shares the list prices only among books that never adjust the model: a later book with a lasting discount on every model still has it', () => {
    const pricer = pinModelsWith([
      { book: 'other', adjustments: [{ models: ['clip'], credits: 1, reason: 'another model' }] },
      { book: 'lasting', adjustments: [{ models: '*', percent: -50, reason: 'half, for good' }] },
    ]);
    // one-price: 4 since 2027-01-01.
    expect(['other', 'lasting'].map((book) => inBook(pricer.quote({ model: 'one-price' }, { at: '2027-02-01', book })))).toEqual([
      [4, 4, null, null],
      [2, 4, 'percent', 'lasting'],
    ]);
  });

  it('compiles a chain of 12 books that each pin an instant of their own reading the list at each instant a few times, not once per path (2^12)', () => {
    const chain = Array.from({ length: 12 }, (_, i) => ({
      file: `r/books/b${i}.json`,
      text: JSON.stringify({
        book: `b${i}`,
        ...(i === 0 ? {} : { basedOn: `b${i - 1}` }),
        adjustments: [
          { models: '*', pinnedAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`, reason: 'a pin' },
        ],
      }),
    }));
    const rules = parseRuleSet([
      {
        file: 'r/models.json',
        text: JSON.stringify({
          $schema: '../schemas/rule-file.schema.json',
          family: 'chain',
          models: [
            {
              id: 'k',
              modes: ['text-to-image'],
              prices: [
                { price: { kind: 'flat', credits: 5 } },
                { from: '2027-01-01', price: { kind: 'flat', credits: 6 }, reason: 'a rise' },
              ],
              source: { section: 'Image models', row: 'k | test' },
            },
          ],
        }),
      },
      ...chain,
    ]);
    listReads.count = 0;
    const quote = createPricer(rules).quote({ model: 'k' }, { at: '2027-02-01', book: 'b11' });
    expect([quote.credits, quote.listCredits, quote.adjustment?.book]).toEqual([5, 6, 'b11']);
    // Every book is compiled, each over two spans of one point. In the tables of book i, the
    // first book is reached at i + 1 instants, and reads the list at each and at its pin: at
    // most 2 × 2 × (1 + 2 + … + 12) = 312 reads in all, where one read per path would be 16,376.
    expect(listReads.count).toBeLessThanOrEqual(312);
  });

  it('multiplies exactly at and past 2^53: the largest list price less 0.01% is 9006298534815517, 9,007,199,254,740,990 less 0.01% is 9,006,298,534,815,516, +20% of 24,000 is 28,800, of 750,599,937,895 is 900,719,925,474 and of 1,000,000,000,000,010 is 1,200,000,000,000,012', () => {
    const largest = pricerWithBook([{ models: ['m'], percent: -0.01, reason: 'a hundredth' }], Number.MAX_SAFE_INTEGER);
    expect(largest.quote({ model: 'm' }, { at: '2027-02-01', book: 'b' }).credits).toBe(9_006_298_534_815_517);
    // Products past 2^53 that a double rounds to the wrong side of a multiple of 10,000.
    const below = pricerWithBook([{ models: ['m'], percent: -0.01, reason: 'a hundredth' }], 9_007_199_254_740_990);
    expect(below.quote({ model: 'm' }, { at: '2027-02-01', book: 'b' }).credits).toBe(9_006_298_534_815_516);
    const large = pricerWithBook([{ models: ['m'], percent: 20, reason: 'a fifth' }], 1_000_000_000_000_010);
    expect(large.quote({ model: 'm' }, { at: '2027-02-01', book: 'b' }).credits).toBe(1_200_000_000_000_012);
    const rise = pricerWithBook([{ models: ['m'], percent: 20, reason: 'a fifth' }], 24_000);
    expect(rise.quote({ model: 'm' }, { at: '2027-02-01', book: 'b' }).credits).toBe(28_800);
    // The product, 9,007,199,254,740,000, is below 2^53; the product plus 9,999 is not, and rounds up.
    const near = pricerWithBook([{ models: ['m'], percent: 20, reason: 'a fifth' }], 750_599_937_895);
    expect(near.quote({ model: 'm' }, { at: '2027-02-01', book: 'b' }).credits).toBe(900_719_925_474);
  });
});

/** A pricer of the models of test/fixtures/pin-rules (their tables change kind on 2027-01-01) and the books given. */
function pinModelsWith(books: readonly { book: string; basedOn?: string; adjustments: object[] }[]) {
  return createPricer(
    parseRuleSet([
      ...readRuleSources('test/fixtures/pin-rules').filter((s) => !s.file.includes('books')),
      ...books.map((b) => ({ file: `r/books/${b.book}.json`, text: JSON.stringify(b) })),
    ]),
  );
}

function readFixture(name: string): string {
  return readFileSync(`${DIR}/${name}`, 'utf8');
}
