import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolutionRank } from '../../src/review/lint-rules.js';
import { madeByFirstTest } from '../support/mutation.js';
import { createPricer, PRICE_EVENT, PricingError, toRulesEngine, type PricePoint, type PriceRequest, type Quote } from '../../src/index.js';

/**
 * The bundled pricer, its json-rules-engine reference, and the requests drawn from its models,
 * made by the first test that asks.
 */
const laws = madeByFirstTest(() => {
  const pricer = createPricer();
  const engine = toRulesEngine();
  const models = pricer.models();
  const ids = models.map((m) => m.id);
  const points = pricer.pricePoints();

  const randomCase = (text: string) =>
    fc
      .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
      .map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

  /** A duration as billing code may send it: 10, "10" or "10s". */
  const durationSpelling = (seconds: number) => fc.constantFrom<unknown>(seconds, String(seconds), `${seconds}s`);

  /** A request for a priced point, spelled in any accepted way, with fields that do not drive the price. */
  const pricedRequest = fc.constantFrom(...points).chain((point) =>
    fc.record({
      point: fc.constant(point),
      duration: point.duration === undefined ? fc.constant(undefined) : durationSpelling(point.duration),
      resolution: point.resolution === undefined ? fc.constant(undefined) : randomCase(point.resolution),
      mode: fc.constantFrom(...point.modes),
      /** How a video request names its mode: not at all, text_to_video, or text-to-video. */
      modeSpelling: fc.constantFrom(undefined, '_', '-'),
      prompt: fc.string(),
      aspectRatio: fc.constantFrom('1:1', '16:9', undefined),
    }),
  );

  function requestFor(
    r: fc.Arbitrary<{
      point: PricePoint;
      duration: unknown;
      resolution: unknown;
      mode: string;
      modeSpelling: string | undefined;
      prompt: string;
      aspectRatio: string | undefined;
    }> extends fc.Arbitrary<infer T>
      ? T
      : never,
  ) {
    return {
      model: r.point.model,
      prompt: r.prompt,
      aspectRatio: r.aspectRatio,
      ...(r.duration === undefined ? {} : { duration: r.duration }),
      ...(r.resolution === undefined ? {} : { resolution: r.resolution }),
      ...(r.mode.startsWith('image-to-') ? { inputImageUrls: ['https://x.test/a.png'] } : {}),
      ...(r.mode.endsWith('-video') && r.modeSpelling !== undefined ? { inputMode: r.mode.replace(/-/g, r.modeSpelling) } : {}),
    };
  }

  /** Any request: valid, off the grid, malformed, or for an unknown model. */
  const anyRequest = fc.record(
    {
      model: fc.oneof(
        fc.constantFrom(...ids),
        fc.constantFrom('__proto__', 'toString', 'veo4', 'SORA-2-TEXT-TO-VIDEO', ''),
        fc.constant(undefined),
        fc.integer(),
      ),
      duration: fc.oneof(
        fc.integer({ min: 1, max: 25 }).chain(durationSpelling),
        fc.constantFrom<unknown>(0, -5, Number.NaN, 10.5, 'ten', '10.0', '', null, {}, [10], true),
      ),
      resolution: fc.oneof(
        fc.constantFrom('720p', '1080p', '1K', '2K', '4K', '480p', 'banana', '').chain(randomCase),
        fc.constantFrom<unknown>(null, 1080, {}),
      ),
      inputMode: fc.constantFrom<unknown>('text_to_video', 'image_to_video', 'text-to-video', 'image-to-video', 'video_to_video', null, 7),
      inputImageUrls: fc.oneof(fc.array(fc.webUrl(), { maxLength: 16 }), fc.constantFrom<unknown>(null, 'https://x.test/a.png', {})),
      prompt: fc.string(),
    },
    { requiredKeys: ['prompt'] },
  );

  function quoteOrRefusal(request: PriceRequest): Quote | PricingError {
    try {
      return pricer.quote(request);
    } catch (error) {
      if (error instanceof PricingError) return error;
      throw error;
    }
  }

  /** Every model as the rules define it: what it reads, and its limits. */
  const byId = new Map(models.map((m) => [m.id, m]));

  /**
   * A priced request with one thing made wrong, and the code the rules say it is refused with:
   * the expectation comes from the model's definition, not from the pricer.
   */
  const nearMiss = pricedRequest.chain((r) => {
    const request = requestFor(r);
    const model = byId.get(r.point.model)!;
    const timed = r.point.duration !== undefined;
    const optionalDuration = model.price.kind === 'flat';
    const sized = r.point.resolution !== undefined;
    const video = model.modes.some((m) => m.endsWith('-video'));
    const limit = model.maxInputImages;
    const misses: [string, Record<string, unknown>, string, string][] = [
      ['unknown model', { ...request, model: `${r.point.model}-x` }, 'UNKNOWN_MODEL', 'model'],
      ['no model', { ...request, model: undefined }, 'MISSING_PARAMETER', 'model'],
      ['model not a string', { ...request, model: 7 }, 'INVALID_PARAMETER', 'model'],
      ['inputImageUrls not an array', { ...request, inputImageUrls: 'https://x.test/a.png' }, 'INVALID_PARAMETER', 'inputImageUrls'],
    ];
    if (timed) {
      misses.push(['unreadable duration', { ...request, duration: 'ten' }, 'INVALID_PARAMETER', 'duration']);
      misses.push(['off-grid duration', { ...request, duration: (r.point.duration as number) + 1000 }, 'UNSUPPORTED_VALUE', 'duration']);
      if (!optionalDuration) misses.push(['no duration', { ...request, duration: null }, 'MISSING_PARAMETER', 'duration']);
    }
    if (sized) {
      misses.push(['off-grid resolution', { ...request, resolution: '8640p' }, 'UNSUPPORTED_VALUE', 'resolution']);
      misses.push(['empty resolution', { ...request, resolution: '' }, 'INVALID_PARAMETER', 'resolution']);
      misses.push(['no resolution', { ...request, resolution: undefined }, 'MISSING_PARAMETER', 'resolution']);
    }
    if (video) misses.push(['unreadable inputMode', { ...request, inputMode: 'video_to_video' }, 'INVALID_PARAMETER', 'inputMode']);
    if (!model.modes.some((m) => m.startsWith('image-to-')))
      misses.push([
        'images to a text-only model',
        { ...request, inputImageUrls: ['https://x.test/a.png'] },
        'UNSUPPORTED_MODE',
        video ? 'inputImageUrls' : 'inputImageUrls',
      ]);
    if (video && !model.modes.includes('text-to-video'))
      misses.push(['an inputMode the model lacks', { ...request, inputMode: 'text_to_video' }, 'UNSUPPORTED_MODE', 'inputMode']);
    if (limit !== undefined && limit > 0)
      misses.push([
        'too many images',
        { ...request, inputImageUrls: Array.from({ length: limit + 1 }, (_, i) => `https://x.test/${i}.png`) },
        'TOO_MANY_INPUT_IMAGES',
        'inputImageUrls',
      ]);
    return fc.constantFrom(...misses);
  });
  return { pricer, engine, models, ids, points, pricedRequest, requestFor, anyRequest, quoteOrRefusal, nearMiss };
});

describe('laws', () => {
  it('a request one thing away from a priced one is refused with the code the rules give for that thing', () => {
    const { quoteOrRefusal, nearMiss } = laws();
    fc.assert(
      fc.property(nearMiss, ([what, request, code, parameter]) => {
        const outcome = quoteOrRefusal(request as PriceRequest);
        expect({ what, outcome: outcome instanceof PricingError ? [outcome.code, outcome.parameter] : 'priced' }).toEqual({
          what,
          outcome: [code, parameter],
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('a priced request is quoted at its price point, however its parameters are spelled', () => {
    const { pricer, pricedRequest, requestFor } = laws();
    fc.assert(
      fc.property(pricedRequest, (r) => {
        const quote = pricer.quote(requestFor(r));
        expect(quote.credits).toBe(r.point.credits);
        expect(quote.mode).toBe(r.mode);
      }),
      { numRuns: 500 },
    );
  });

  it('a quote is always a positive integer, and every other request is refused with a PricingError', () => {
    const { points, pricedRequest, requestFor, anyRequest, quoteOrRefusal, nearMiss } = laws();
    fc.assert(
      // Mostly requests that are priced, or one thing away from it; the rest anything at all.
      fc.property(
        fc.oneof(
          { weight: 3, arbitrary: pricedRequest.map(requestFor) },
          { weight: 1, arbitrary: nearMiss.map(([, request]) => request) },
          { weight: 1, arbitrary: anyRequest },
        ),
        (request) => {
          const outcome = quoteOrRefusal(request as PriceRequest);
          if (outcome instanceof PricingError) {
            expect([
              'UNKNOWN_MODEL',
              'MISSING_PARAMETER',
              'INVALID_PARAMETER',
              'UNSUPPORTED_VALUE',
              'UNSUPPORTED_MODE',
              'TOO_MANY_INPUT_IMAGES',
            ]).toContain(outcome.code);
            expect(outcome.message).toMatch(
              new RegExp(
                `^(${outcome.model === undefined ? '' : `${outcome.model.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `}|unknown model )`,
              ),
            );
            return;
          }
          const point = points.find(
            (p) => p.model === outcome.model && p.duration === outcome.duration && p.resolution === outcome.resolution,
          );
          expect(point?.credits).toBe(outcome.credits);
          expect(Number.isSafeInteger(outcome.credits) && outcome.credits > 0).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('an off-grid duration is refused with UNSUPPORTED_VALUE, listing the priced durations', () => {
    const { pricer, models, quoteOrRefusal } = laws();
    const timed = models.filter(
      (m) =>
        m.price.kind === 'per-duration' ||
        m.price.kind === 'duration-by-resolution' ||
        (m.price.kind === 'flat' && m.price.clipSeconds !== undefined),
    );
    fc.assert(
      fc.property(fc.constantFrom(...timed), fc.integer({ min: 1, max: 600 }), (model, seconds) => {
        const priced = pricer.pricePoints(model.id).map((p) => p.duration);
        fc.pre(!priced.includes(seconds));
        const resolution = pricer.pricePoints(model.id)[0]?.resolution;
        const error = quoteOrRefusal({ model: model.id, duration: seconds, ...(resolution === undefined ? {} : { resolution }) });
        expect(error).toBeInstanceOf(PricingError);
        expect((error as PricingError).code).toBe('UNSUPPORTED_VALUE');
        expect((error as PricingError).parameter).toBe('duration');
        expect((error as PricingError).allowed).toEqual([...new Set(priced)].map((d) => `${d}s`));
      }),
      { numRuns: 500 },
    );
  });

  it('an off-grid resolution is refused with UNSUPPORTED_VALUE, listing the priced resolutions', () => {
    const { pricer, models, quoteOrRefusal } = laws();
    const sized = models.filter((m) => m.price.kind === 'per-resolution' || m.price.kind === 'duration-by-resolution');
    fc.assert(
      fc.property(
        fc.constantFrom(...sized),
        fc.integer({ min: 1, max: 8640 }),
        fc.constantFrom('p', 'P', 'k', 'K'),
        (model, size, unit) => {
          const resolution = `${size}${unit}`;
          const priced = [...new Set(pricer.pricePoints(model.id).map((p) => p.resolution as string))];
          fc.pre(!priced.some((r) => r.toLowerCase() === resolution.toLowerCase()));
          const duration = pricer.pricePoints(model.id)[0]?.duration;
          const error = quoteOrRefusal({ model: model.id, resolution, ...(duration === undefined ? {} : { duration }) });
          expect((error as PricingError).code).toBe('UNSUPPORTED_VALUE');
          expect((error as PricingError).parameter).toBe('resolution');
          expect((error as PricingError).allowed).toEqual(priced);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an unknown model id is refused with UNKNOWN_MODEL and a suggestion', () => {
    const { ids, quoteOrRefusal } = laws();
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (model) => {
        fc.pre(!ids.includes(model));
        const error = quoteOrRefusal({ model });
        expect((error as PricingError).code).toBe('UNKNOWN_MODEL');
        expect(ids).toContain((error as PricingError).suggestion);
      }),
      { numRuns: 500 },
    );
  });

  /** Two price points of one model that differ only along `axis`, priced through `quote`. */
  const pairAlong = (axis: 'duration' | 'resolution') => {
    const { points } = laws();
    return fc.constantFrom(...points.filter((p) => p[axis] !== undefined)).chain((a) => {
      const other = axis === 'duration' ? 'resolution' : 'duration';
      const peers = points.filter((b) => b.model === a.model && b[other] === a[other] && b[axis] !== undefined);
      return fc.tuple(fc.constant(a), fc.constantFrom(...peers));
    });
  };
  const priceOf = (p: PricePoint) => laws().pricer.quote({ model: p.model, duration: p.duration, resolution: p.resolution }).credits;

  it('within a model, the price never decreases as duration grows', () => {
    fc.assert(
      fc.property(pairAlong('duration'), ([a, b]) => {
        if ((a.duration as number) < (b.duration as number)) expect(priceOf(a)).toBeLessThanOrEqual(priceOf(b));
      }),
      { numRuns: 500 },
    );
  });

  it('within a model, the price never decreases as resolution grows', () => {
    fc.assert(
      fc.property(pairAlong('resolution'), ([a, b]) => {
        if (resolutionRank(a.resolution as string) < resolutionRank(b.resolution as string))
          expect(priceOf(a)).toBeLessThanOrEqual(priceOf(b));
      }),
      { numRuns: 500 },
    );
  });

  it('the compiled pricer and toRulesEngine agree on every request: same credits and mode, or both refuse', async () => {
    const { engine, pricedRequest, requestFor, anyRequest, quoteOrRefusal } = laws();
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyRequest, pricedRequest.map(requestFor)), async (request) => {
        const outcome = quoteOrRefusal(request);
        const { events } = await engine.run({ ...request });
        const prices = events.filter((e) => e.type === PRICE_EVENT);
        if (outcome instanceof PricingError) {
          expect(prices).toEqual([]);
        } else {
          expect(prices).toHaveLength(1);
          expect(prices[0]?.params).toEqual(outcome);
        }
      }),
      { numRuns: 400 },
    );
  });
});
