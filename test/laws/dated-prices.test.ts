import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AT_FACT,
  BOOK_FACT,
  compilePricer,
  createPricer,
  loadRuleSet,
  parseRuleSet,
  PRICE_EVENT,
  PricingError,
  readRuleSources,
  toRulesEngine,
  type PriceRequest,
} from '../../src/index.js';
import { thrown } from '../support/thrown.js';
import { madeByFirstTest } from '../support/mutation.js';

const DATED = 'test/fixtures/dated-rules';
const dated = madeByFirstTest(() => createPricer(DATED));
const kling = { model: 'kling/v2-1-standard', duration: 10 };
const JAN = Date.UTC(2027, 0, 1);
const JUNE = Date.UTC(2027, 5, 1, 10); // 2027-06-01T12:00:00+02:00

const refusal = (run: () => unknown): PricingError => thrown(run, PricingError);

describe('laws of dated prices', () => {
  /** The dated fixture's rules, and instants drawn around its version boundaries. */
  const fixture = madeByFirstTest(() => {
    const ruleSet = loadRuleSet(DATED);
    const boundaries = ruleSet.models.flatMap((m) => m.versions.flatMap((v) => (v.from === null ? [] : [v.from])));
    const nearBoundary = fc.tuple(fc.constantFrom(...boundaries), fc.integer({ min: -86_400_000, max: 86_400_000 })).map(([b, d]) => b + d);
    const instant = fc.oneof(
      nearBoundary,
      fc.constantFrom(...boundaries.flatMap((b) => [b - 1, b])),
      fc.integer({ min: JAN - 400 * 86_400_000, max: JUNE + 400 * 86_400_000 }),
    );
    return { ruleSet, instant, model: fc.constantFrom(...ruleSet.models) };
  });

  it('a quote at an instant equals the price of the version whose interval contains it', () => {
    const { ruleSet, instant, model } = fixture();
    fc.assert(
      fc.property(model, instant, (m, at) => {
        const containing = m.versions.filter((v, i) => (v.from === null || v.from <= at) && (m.versions[i + 1]?.from ?? Infinity) > at);
        expect(containing.length).toBeLessThanOrEqual(1);
        const version = containing[0];
        if (version === undefined) {
          expect(refusal(() => dated().quote({ model: m.id, duration: 8 }, { at })).parameter).toBe('at');
          return;
        }
        for (const point of compilePricer(ruleSet).pricePoints(m.id, { at: version.from ?? -8.64e15 })) {
          const request = { model: m.id, ...(point.duration === undefined ? {} : { duration: point.duration }) };
          expect(dated().quote(request, { at })).toMatchObject({ credits: point.credits, effectiveFrom: version.effectiveFrom });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('at from − 1 ms the previous version is in force, at from the new one', () => {
    const { ruleSet } = fixture();
    for (const m of ruleSet.models) {
      m.versions.forEach((v, i) => {
        if (v.from === null) return;
        const request = { model: m.id, duration: v.price.kind === 'flat' ? v.price.clipSeconds : 5 };
        const before = m.versions[i - 1];
        if (before === undefined) expect(() => dated().quote(request, { at: v.from! - 1 })).toThrow(PricingError);
        else expect(dated().quote(request, { at: v.from - 1 }).effectiveFrom).toBe(before.effectiveFrom);
        expect(dated().quote(request, { at: v.from }).effectiveFrom).toBe(v.effectiveFrom);
      });
    }
  });

  it('adding a future version never changes a quote before its from', () => {
    const text = readFileSync(`${DATED}/dated.json`, 'utf8');
    fc.assert(
      fc.property(
        fc.integer({ min: JUNE + 1, max: JUNE + 3 * 365 * 86_400_000 }),
        fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })),
        fc.integer({ min: JAN - 365 * 86_400_000, max: JUNE + 3 * 365 * 86_400_000 }),
        (from, credits, at) => {
          const rules = JSON.parse(text);
          rules.models[0].prices.push({
            from: new Date(from).toISOString(),
            price: { kind: 'per-duration', durations: [5, 10], credits },
            reason: 'a future change',
          });
          const after = compilePricer(parseRuleSet([{ file: 'dated.json', text: JSON.stringify(rules) }]));
          const quoteAt = at < from ? at : from - 1;
          // The same price, from the same version; only the rules' version says they changed.
          const { version: afterVersion, ...priced } = after.quote(kling, { at: quoteAt });
          const { version: beforeVersion, ...before } = dated().quote(kling, { at: quoteAt });
          expect(priced).toEqual(before);
          expect(afterVersion).not.toBe(beforeVersion);
          expect(after.quote(kling, { at: from }).credits).toBe(credits[1]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the compiled pricer and toRulesEngine agree at every instant around every boundary', async () => {
    const { ruleSet, instant } = fixture();
    const engine = toRulesEngine(ruleSet);
    const request = fc.record(
      { model: fc.constantFrom(...ruleSet.models.map((m) => m.id)), duration: fc.constantFrom(5, 8, 10, undefined) },
      { requiredKeys: ['model'] },
    );
    await fc.assert(
      fc.asyncProperty(request, instant, async (req, at) => {
        let expected: unknown;
        try {
          expected = dated().quote(req as PriceRequest, { at });
        } catch (error) {
          expected = error;
        }
        const { events } = await engine.run({ ...req, [AT_FACT]: at });
        const prices = events.filter((e) => e.type === PRICE_EVENT).map((e) => e.params);
        expect(prices).toEqual(expected instanceof PricingError ? [] : [expected]);
      }),
      { numRuns: 300 },
    );
  });
});

/** Asserts that toRulesEngine prices a request in a book at an instant as the pricer quotes it: the same credits, or no price where quote refuses. */
async function expectSameBookPrice(
  pricer: ReturnType<typeof createPricer>,
  engine: ReturnType<typeof toRulesEngine>,
  request: Record<string, unknown>,
  at: number,
  book: string,
): Promise<void> {
  let expected: number | undefined;
  try {
    expected = pricer.quote(request as PriceRequest, { at, book }).credits;
  } catch (error) {
    if (!(error instanceof PricingError)) throw error;
  }
  const { events } = await engine.run({ ...request, [AT_FACT]: at, [BOOK_FACT]: book });
  const credits = events.filter((e) => e.type === PRICE_EVENT).map((e) => (e.params as { credits: number }).credits);
  expect({ request, at, book, credits }).toEqual({ request, at, book, credits: expected === undefined ? [] : [expected] });
}

describe('price books in the json-rules-engine export', () => {
  /** Asserts that the pricer and toRulesEngine price every drawn request in every book alike, at instants around every boundary. */
  async function agreeOnBooks(ruleSet: ReturnType<typeof loadRuleSet>, request: fc.Arbitrary<Record<string, unknown>>, numRuns: number) {
    const pricer = createPricer(ruleSet);
    const engine = toRulesEngine(ruleSet);
    const boundaries = [
      ...new Set([
        ...ruleSet.models.flatMap((m) => m.versions.flatMap((v) => (v.from === null ? [] : [v.from]))),
        ...(ruleSet.books ?? []).flatMap((b) => b.adjustments.flatMap((a) => [a.from, a.until, a.kind === 'pinned' ? a.value : null])),
      ]),
    ].filter((t): t is number => t !== null);
    const instant = fc.tuple(fc.constantFrom(...boundaries), fc.integer({ min: -2, max: 2 })).map(([b, d]) => b + d * 86_400_000);
    const book = fc.constantFrom(...(ruleSet.books ?? []).map((b) => b.id), 'nobody');
    await fc.assert(
      fc.asyncProperty(request, instant, book, (req, at, id) => expectSameBookPrice(pricer, engine, req, at, id)),
      { numRuns },
    );
  }

  it('law: the compiled pricer and toRulesEngine agree on every book, at every instant around every boundary: same credits, or both refuse', async () => {
    const ruleSet = loadRuleSet('test/fixtures/book-rules');
    const request = fc.record(
      {
        model: fc.constantFrom(...ruleSet.models.map((m) => m.id)),
        duration: fc.constantFrom(5, 8, 10, undefined),
        inputImageUrls: fc.constantFrom(undefined, ['a.png']),
      },
      { requiredKeys: ['model'] },
    );
    await agreeOnBooks(ruleSet, request, 400);
  });

  it("law: they agree where a pin reaches back across a change of the table's kind: the point is priced as the list then priced its request", async () => {
    // Each model's table changes kind on 2027-01-01; the books pin 2026-12-01, directly and through a base.
    const ruleSet = loadRuleSet('test/fixtures/pin-rules');
    const request = fc.record(
      {
        model: fc.constantFrom(...ruleSet.models.map((m) => m.id)),
        duration: fc.constantFrom(5, 10, undefined),
        resolution: fc.constantFrom('720p', '1080p', undefined),
      },
      { requiredKeys: ['model'] },
    );
    await agreeOnBooks(ruleSet, request, 600);
  });
});

describe('random price books in the json-rules-engine export', () => {
  const models = readRuleSources('test/fixtures/pin-rules').filter((s) => !s.file.includes('books'));
  const ids = ['by-resolution', 'clip', 'clip-later', 'one-price', 'matrix', 'flat-before', 'clip-before'];
  const instants = ['2026-11-01', '2026-12-15', '2027-01-01', '2027-01-20', '2027-03-01'];
  const filter = fc.record(
    {
      duration: fc.constantFrom(5, 10),
      resolution: fc.constantFrom('720p', '1080P'),
      mode: fc.constantFrom('text-to-image', 'image-to-image'),
    },
    { requiredKeys: [] },
  );
  const adjustment = fc
    .record(
      {
        models: fc.oneof(fc.constant('*'), fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 3 })),
        points: fc.array(filter, { minLength: 1, maxLength: 2 }),
        change: fc.oneof(
          fc.integer({ min: -9_999, max: 20_000 }).map((h) => ({ percent: h / 100 })),
          fc.integer({ min: 0, max: 60 }).map((credits) => ({ credits })),
          fc.constantFrom(...instants).map((pinnedAt) => ({ pinnedAt })),
        ),
        from: fc.constantFrom(...instants),
        until: fc.constantFrom(...instants),
      },
      { requiredKeys: ['models', 'change'] },
    )
    .map(({ change, ...a }) => ({ ...a, ...change, reason: 'random' }));
  const books = fc.tuple(
    fc.array(adjustment, { minLength: 1, maxLength: 3 }),
    fc.array(adjustment, { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  );
  const quoted = fc.array(
    fc.record({
      request: fc.record(
        {
          model: fc.constantFrom(...ids),
          duration: fc.constantFrom(5, 10),
          resolution: fc.constantFrom('720p', '1080p'),
          inputImageUrls: fc.constant(['a.png']),
        },
        { requiredKeys: ['model'] },
      ),
      at: fc.constantFrom(...instants.map(Date.parse), Date.parse('2027-01-01') - 1),
      book: fc.constantFrom('first', 'second'),
    }),
    { minLength: 40, maxLength: 40 },
  );

  it('law: for any valid books on tables that change kind, the compiled pricer and toRulesEngine price every request alike at every instant', async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(books, quoted, async ([first, second, chained], quotes) => {
        let ruleSet: ReturnType<typeof parseRuleSet>;
        try {
          ruleSet = parseRuleSet([
            ...models,
            { file: 'r/books/first.json', text: JSON.stringify({ book: 'first', adjustments: first }) },
            {
              file: 'r/books/second.json',
              text: JSON.stringify({ book: 'second', ...(chained ? { basedOn: 'first' } : {}), adjustments: second }),
            },
          ]);
        } catch {
          // Books the validation refuses (an end before its start, two adjustments as specific in force on one point) are not priced.
          fc.pre(false);
          return;
        }
        checked++;
        const pricer = createPricer(ruleSet);
        const engine = toRulesEngine(ruleSet);
        for (const { request, at, book } of quotes) await expectSameBookPrice(pricer, engine, request, at, book);
      }),
      { numRuns: 60 },
    );
    // The law was checked on books the validation took, not vacuously.
    expect(checked).toBe(60);
  }, 60_000);
});
