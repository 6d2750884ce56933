/**
 * Type tests: `npm test` compiles this file with tsc before vitest runs it. A `@ts-expect-error`
 * line that compiles is itself an error, so each one proves that its statement does not compile.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createPricer, type ModelId, type PriceRequest, type Pricer, type Quote } from '../../src/index.js';

describe('the types of the bundled rules', () => {
  it('make a typo in a literal model id a compile error, and give the pricer its model ids', () => {
    const pricer = createPricer();
    expectTypeOf(pricer).toEqualTypeOf<Pricer<ModelId>>();
    expectTypeOf<'sora-2-text-to-video'>().toExtend<ModelId>();
    expectTypeOf<'sora2-text-to-video'>().not.toExtend<ModelId>();
    // @ts-expect-error "sora2-text-to-video" is not a model id
    expect(() => pricer.quote({ model: 'sora2-text-to-video' })).toThrow(/did you mean "sora-2-text-to-video"/);
    // @ts-expect-error nor is "veo-3"
    expect(() => pricer.quote({ model: 'veo-3', prompt: 'x' })).toThrow(/unknown model/);
    expectTypeOf(pricer.quote({ model: 'sora-2-text-to-video', duration: 10, resolution: '1080p' })).toEqualTypeOf<Quote>();
  });

  it('still accept a string model, a request read from elsewhere, and other spellings of a value', () => {
    const pricer = createPricer();
    const model: string = JSON.parse('"veo3"');
    expect(pricer.quote({ model }).credits).toBe(63);
    const body: PriceRequest = JSON.parse('{"model": "veo3", "duration": "8s"}');
    expect(pricer.quote(body).credits).toBe(63);
    expect(pricer.quote({ model: 'sora-2-text-to-video', duration: '10s', resolution: '1080P' }).credits).toBe(15);
  });

  it('leave rules loaded at run time from another directory with plain types', () => {
    const other = createPricer('test/fixtures/dated-rules');
    expectTypeOf(other).toEqualTypeOf<Pricer>();
    expect(other.quote({ model: 'kling/v2-1-standard', duration: 10 }, { at: '2027-01-01' }).credits).toBe(24);
    expect(() => other.quote({ model: 'a-model-only-another-directory-could-have' })).toThrow(/unknown model/);
  });
});
