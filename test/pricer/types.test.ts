/**
 * Type tests: `npm test` compiles this file with tsc before vitest runs it. A `@ts-expect-error`
 * line that compiles is itself an error, so each one proves that its statement does not compile.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type BundledPricer, createPricer, type ModelId, type Pricer, type Quote, requestBody } from '../../src/index.js';

describe('the types of the bundled rules', () => {
  it('check a literal request at compile time: a typo in the model id, a value the model does not price, a missing one', () => {
    const pricer = createPricer();
    expectTypeOf(pricer).toEqualTypeOf<BundledPricer>();
    expectTypeOf<'sora-2-text-to-video'>().toExtend<ModelId>();
    expectTypeOf<'sora2-text-to-video'>().not.toExtend<ModelId>();
    // @ts-expect-error "sora2-text-to-video" is not a model id
    expect(() => pricer.quote({ model: 'sora2-text-to-video', duration: 10, resolution: '1080p' })).toThrow(
      /did you mean "sora-2-text-to-video"/,
    );
    // @ts-expect-error nor is "veo-3"
    expect(() => pricer.quote({ model: 'veo-3', prompt: 'x' })).toThrow(/unknown model/);
    // @ts-expect-error Sora 2 prices 5, 10 and 20 s, not 15
    expect(() => pricer.quote({ model: 'sora-2-text-to-video', duration: 15, resolution: '1080p' })).toThrow(/duration 15s is not priced/);
    // @ts-expect-error Sora 2 needs a resolution
    expect(() => pricer.quote({ model: 'sora-2-text-to-video', duration: 10 })).toThrow(/resolution is required/);
    // @ts-expect-error nano-banana-pro prices 2K and 4K, not 1K
    expect(() => pricer.quote({ model: 'nano-banana-pro', resolution: '1K' })).toThrow(/resolution "1K" is not priced/);
    expectTypeOf(pricer.quote({ model: 'sora-2-text-to-video', duration: 10, resolution: '1080p' })).toEqualTypeOf<Quote>();
  });

  it('take every spelling the pricer reads, and a clip length that may be left out', () => {
    const pricer = createPricer();
    expect(pricer.quote({ model: 'sora-2-text-to-video', duration: '10s', resolution: '1080P' }).credits).toBe(15);
    expect(pricer.quote({ model: 'nano-banana-2', resolution: '2k', prompt: 'a lighthouse' }).credits).toBe(6);
    expect(pricer.quote({ model: 'veo3' }).credits).toBe(63);
    expect(pricer.quote({ model: 'veo3', duration: '8' }).credits).toBe(63);
  });

  it('check at run time a request whose model, or whose values, are not literals', () => {
    const pricer = createPricer();
    const model: string = JSON.parse('"veo3"');
    expect(pricer.quote({ model }).credits).toBe(63);
    expect(pricer.quote(requestBody(JSON.parse('{"model": "veo3", "duration": "8s"}'))).credits).toBe(63);
    const duration: number = JSON.parse('15');
    expect(() => pricer.quote({ model: 'sora-2-text-to-video', duration, resolution: '1080p' })).toThrow(/duration 15s is not priced/);
  });

  it('give rules loaded at run time from another directory a plain pricer, which the bundled one is too', () => {
    const other = createPricer('test/fixtures/dated-rules');
    expectTypeOf(other).toEqualTypeOf<Pricer>();
    expectTypeOf<BundledPricer>().toExtend<Pricer>();
    expect(other.quote({ model: 'kling/v2-1-standard', duration: 10 }, { at: '2027-01-01' }).credits).toBe(24);
    expect(() => other.quote({ model: 'a-model-only-another-directory-could-have' })).toThrow(/unknown model/);
  });
});
