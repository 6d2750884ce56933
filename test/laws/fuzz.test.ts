import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { madeByFirstTest, sampleSize } from '../support/mutation.js';
import {
  checkRuleSources,
  compilePricer,
  createPricer,
  PricingError,
  readRuleSources,
  type PricingErrorCode,
  type PriceRequest,
  type Quote,
} from '../../src/index.js';

const CODES: readonly PricingErrorCode[] = [
  'UNKNOWN_MODEL',
  'MISSING_PARAMETER',
  'INVALID_PARAMETER',
  'UNSUPPORTED_VALUE',
  'UNSUPPORTED_MODE',
  'TOO_MANY_INPUT_IMAGES',
];

/** The bundled pricer and the hostile requests drawn from its models, made by the first test that asks. */
const fuzzing = madeByFirstTest(() => {
  const pricer = createPricer();
  const ids = pricer.models().map((m) => m.id);
  const points = pricer.pricePoints();

  const edgeNumber = fc.constantFrom(
    0,
    -0,
    1,
    -1,
    5,
    8,
    10,
    10.5,
    Number.NaN,
    Infinity,
    -Infinity,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER,
    2 ** 53,
    1e308,
    5e-324,
  );
  const oddString = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc.constantFrom(
      '',
      ' ',
      '10s',
      '10S',
      '１０',
      '2\u212A',
      '1080p\u0000',
      '\u202e1080p',
      'constructor',
      '__proto__',
      'toString',
      'x'.repeat(100_000),
      '9'.repeat(400),
      '720p'.repeat(50),
    ),
    fc.constantFrom(...ids).map((id) => id.toUpperCase()),
  );
  const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
    edgeNumber,
    oddString,
    fc.constantFrom(null, undefined, true, false, [], {}, [1, 2], Symbol('s'), () => 1, 10n),
    fc.anything({ maxDepth: 2 }),
  );
  const field = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
  const request = fc
    .record(
      {
        model: field(fc.constantFrom(...ids)),
        duration: field(fc.constantFrom(5, 8, 10, 15, 20, '5s', '10', '10s')),
        resolution: field(fc.constantFrom('720p', '1080P', '1K', '2k', '4K')),
        inputMode: field(fc.constantFrom('text_to_video', 'image_to_video', 'image-to-video')),
        inputImageUrls: field(fc.array(fc.webUrl(), { maxLength: 16 })),
        prompt: fc.string(),
      },
      { requiredKeys: [] },
    )
    .chain((fields) =>
      fc
        .constantFrom<(f: Record<string, unknown>) => unknown>(
          (f) => f,
          // The same fields behind getters, or a Proxy whose traps answer them: hostile, but not throwing.
          (f) =>
            Object.defineProperties({}, Object.fromEntries(Object.entries(f).map(([k, v]) => [k, { get: () => v, enumerable: true }]))),
          (f) =>
            new Proxy(
              {},
              { get: (_t, key) => (typeof key === 'string' ? f[key] : undefined), has: (_t, key) => typeof key === 'string' && key in f },
            ),
          (f) => Object.assign(Object.create(f), {}),
        )
        .map((wrap) => wrap(fields)),
    );
  const hostileRequest = fc.oneof({ weight: 9, arbitrary: request }, { weight: 1, arbitrary: hostileValue });
  return { pricer, points, hostileRequest };
});

describe('fuzz', () => {
  it('every request, however hostile, prices a point of the rules at its price or throws a PricingError with one of the six codes, and leaves the pricer unchanged', () => {
    const { pricer, points, hostileRequest } = fuzzing();
    const version = pricer.version;
    const before = JSON.stringify(points);
    fc.assert(
      fc.property(hostileRequest, (req) => {
        let quote: Quote | undefined;
        try {
          quote = pricer.quote(req as PriceRequest);
        } catch (error) {
          expect(error).toBeInstanceOf(PricingError);
          expect(CODES).toContain((error as PricingError).code);
          return;
        }
        const point = points.find((p) => p.model === quote.model && p.duration === quote.duration && p.resolution === quote.resolution);
        expect(point?.credits).toBe(quote.credits);
        expect(point?.modes).toContain(quote.mode);
        expect(Number.isSafeInteger(quote.credits) && quote.credits > 0).toBe(true);
      }),
      { numRuns: sampleSize(100_000, 0.02), seed: 20261124 },
    );
    expect(pricer.version).toBe(version);
    expect(JSON.stringify(pricer.pricePoints())).toBe(before);
    expect(Object.isFrozen(pricer.pricePoints()[0])).toBe(true);
  }, 120_000);

  it('every mutation of a rule file either validates into rules that compile and quote, or is reported at file:line:col', () => {
    const sources = readRuleSources();
    const mutation = fc.oneof(
      fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(
        ([at, cut]) =>
          (t: string) =>
            t.slice(0, at % t.length) + t.slice((at % t.length) + cut),
      ),
      fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 6 })).map(
        ([at, text]) =>
          (t: string) =>
            t.slice(0, at % t.length) + text + t.slice(at % t.length),
      ),
      fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 })).map(([at, value]) => (t: string) => {
        const numbers = [...t.matchAll(/-?\d+/g)];
        const hit = numbers[at % Math.max(1, numbers.length)];
        return hit === undefined ? t : t.slice(0, hit.index) + JSON.stringify(value) + t.slice(hit.index + hit[0].length);
      }),
    );
    fc.assert(
      fc.property(fc.nat({ max: sources.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (which, changes) => {
        const mutated = sources.map((s, i) => (i === which ? { file: s.file, text: changes.reduce((t, change) => change(t), s.text) } : s));
        const { ruleSet, issues } = checkRuleSources(mutated);
        if (ruleSet === undefined) {
          expect(issues.some((i) => i.severity === 'error')).toBe(true);
          for (const issue of issues) {
            expect(mutated.map((s) => s.file)).toContain(issue.file);
            expect(issue.line >= 1 && issue.col >= 1).toBe(true);
          }
          return;
        }
        const compiled = compilePricer(ruleSet);
        for (const p of compiled.pricePoints()) expect(Number.isSafeInteger(p.credits) && p.credits > 0).toBe(true);
      }),
      { numRuns: sampleSize(600, 0.02), seed: 20261124 },
    );
  }, 120_000);
});
