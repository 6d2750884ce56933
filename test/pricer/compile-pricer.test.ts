import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { madeByFirstTest } from '../support/mutation.js';
import {
  compilePricer,
  createPricer,
  loadRuleSet,
  parseRuleSet,
  PricingError,
  type PriceRequest,
  type PricingErrorCode,
} from '../../src/index.js';

const pricer = madeByFirstTest(() => createPricer());

function refusal(request: unknown): PricingError {
  try {
    pricer().quote(request as PriceRequest);
  } catch (error) {
    if (error instanceof PricingError) return error;
    throw error;
  }
  throw new Error(`expected a refusal, got a quote for ${JSON.stringify(request)}`);
}

function expectRefusal(
  request: unknown,
  code: PricingErrorCode,
  parameter: string,
  allowed: readonly string[],
  received: string,
): PricingError {
  const error = refusal(request);
  expect({ code: error.code, parameter: error.parameter, allowed: error.allowed, received: error.received }).toEqual({
    code,
    parameter,
    allowed,
    received,
  });
  return error;
}

describe('quote', () => {
  it('prices the README example at 15 credits', () => {
    expect(pricer().quote({ model: 'sora-2-text-to-video', duration: 10, resolution: '1080p' })).toEqual({
      model: 'sora-2-text-to-video',
      mode: 'text-to-video',
      credits: 15,
      duration: 10,
      resolution: '1080p',
      effectiveFrom: null,
      assumptions: ['durations 5, 10 and 20 s'],
      version: pricer().version,
    });
  });

  it('ignores fields that do not drive the price', () => {
    const request = {
      model: 'gpt-image-2',
      prompt: 'a cat',
      aspectRatio: '16:9',
      providerInput: { seed: 1 },
      duration: 'ten',
      resolution: 42,
    };
    expect(pricer().quote(request)).toEqual({
      model: 'gpt-image-2',
      mode: 'text-to-image',
      credits: 3,
      effectiveFrom: null,
      assumptions: [],
      version: pricer().version,
    });
    expect(pricer().quote({ model: 'kling/v2-1-pro', duration: 10, resolution: '4K' })).toEqual({
      model: 'kling/v2-1-pro',
      mode: 'image-to-video',
      credits: 42,
      duration: 10,
      effectiveFrom: null,
      assumptions: [],
      version: pricer().version,
    });
  });

  it('returns a fresh result each time', () => {
    const first = pricer().quote({ model: 'veo3' }) as { credits: number };
    first.credits = 0;
    expect(pricer().quote({ model: 'veo3' }).credits).toBe(63);
  });
});

describe('normalisation', () => {
  it.each([10, '10', '10s'])('reads duration %j as 10 seconds', (duration) => {
    expect(pricer().quote({ model: 'kling/v2-1-standard', duration })).toMatchObject({ duration: 10, credits: 22 });
  });

  it.each([
    ['1080P', '1080p', 15],
    ['1080p', '1080p', 15],
    ['720P', '720p', 10],
  ])('reads resolution %s as %s', (resolution, spelled, credits) => {
    expect(pricer().quote({ model: 'sora-2-image-to-video', duration: '10s', resolution })).toMatchObject({ resolution: spelled, credits });
  });

  it.each([
    ['2k', '2K', 12],
    ['4K', '4K', 20],
  ])('reads resolution %s as %s for nano-banana-pro', (resolution, spelled, credits) => {
    expect(pricer().quote({ model: 'nano-banana-pro', resolution })).toEqual({
      model: 'nano-banana-pro',
      mode: 'text-to-image',
      credits,
      resolution: spelled,
      effectiveFrom: null,
      assumptions: [],
      version: pricer().version,
    });
  });

  it.each([
    ['ten', '"ten"'],
    [-5, '-5'],
    [Number.NaN, 'NaN'],
    [10.5, '10.5'],
    [0, '0'],
    ['10.0', '"10.0"'],
    [' 10', '" 10"'],
    ['', '""'],
    [{ seconds: 10 }, 'an object'],
    [[10], 'an array'],
    [true, 'a boolean'],
  ])('refuses duration %j as an invalid parameter', (duration, received) => {
    const error = expectRefusal({ model: 'kling/v2-1-standard', duration }, 'INVALID_PARAMETER', 'duration', ['5s', '10s'], received);
    expect(error.message).toBe(`kling/v2-1-standard: duration ${received} is not valid; allowed: 5s, 10s`);
  });

  it.each([
    [1080, '1080'],
    ['', '""'],
    [{}, 'an object'],
  ])('refuses resolution %j as an invalid parameter', (resolution, received) => {
    expectRefusal({ model: 'nano-banana-2', resolution }, 'INVALID_PARAMETER', 'resolution', ['1K', '2K', '4K'], received);
  });

  it('compares resolutions case-insensitively in ASCII only: a Kelvin sign is not K', () => {
    expect(pricer().quote({ model: 'nano-banana-2', resolution: '2k' }).resolution).toBe('2K');
    expectRefusal({ model: 'nano-banana-2', resolution: '2\u212A' }, 'UNSUPPORTED_VALUE', 'resolution', ['1K', '2K', '4K'], '"2\u212A"');
  });

  it('reads a duration written with up to 15 digits as a number of seconds, as it reads the number', () => {
    expectRefusal({ model: 'kling/v2-1-standard', duration: '1234567' }, 'UNSUPPORTED_VALUE', 'duration', ['5s', '10s'], '1234567s');
    expectRefusal({ model: 'kling/v2-1-standard', duration: 1234567 }, 'UNSUPPORTED_VALUE', 'duration', ['5s', '10s'], '1234567s');
    expectRefusal(
      { model: 'kling/v2-1-standard', duration: '1234567890123456' },
      'INVALID_PARAMETER',
      'duration',
      ['5s', '10s'],
      '"1234567890123456"',
    );
  });

  it('stays quick and short on a huge untrusted field: no search for a near id, the echo cut to 64 characters', () => {
    const start = performance.now();
    const error = refusal({ model: 'x'.repeat(1_000_000) });
    const resolution = refusal({ model: 'nano-banana-2', resolution: 'y'.repeat(1_000_000) });
    expect(performance.now() - start).toBeLessThan(200);
    expect([error.code, error.received, error.suggestion]).toEqual(['UNKNOWN_MODEL', `"${'x'.repeat(61)}..."`, undefined]);
    expect(error.message.length).toBeLessThan(1000);
    expect([resolution.code, resolution.received]).toEqual(['UNSUPPORTED_VALUE', `"${'y'.repeat(61)}..."`]);
  });

  it('treats a null duration as missing, not invalid', () => {
    expectRefusal({ model: 'hailuo/02-text-to-video-pro', duration: null }, 'MISSING_PARAMETER', 'duration', ['5s', '10s'], 'missing');
  });
});

describe('refusals', () => {
  it('UNKNOWN_MODEL suggests the nearest id', () => {
    const error = expectRefusal(
      { model: 'sora-2-text-to-vid' },
      'UNKNOWN_MODEL',
      'model',
      pricer()
        .models()
        .map((m) => m.id),
      '"sora-2-text-to-vid"',
    );
    expect(error.suggestion).toBe('sora-2-text-to-video');
    expect(error.message).toBe(
      'unknown model "sora-2-text-to-vid"; did you mean "sora-2-text-to-video"? Near it: sora-2-pro-text-to-video, sora-2-image-to-video (20 models in all)',
    );
    expect(refusal({ model: 'nano-banana' }).suggestion).toMatch(/nano-banana/);
    expect(refusal({ model: 'VEO3' }).suggestion).toBe('veo3');
  });

  it.each(['__proto__', 'toString', 'constructor', 'hasOwnProperty', ''])(
    'UNKNOWN_MODEL for %j, an id inherited by every object',
    (model) => {
      expect(refusal({ model }).code).toBe('UNKNOWN_MODEL');
    },
  );

  it('MISSING_PARAMETER for a missing model, duration or resolution', () => {
    const model = refusal({ prompt: 'x' });
    expect({ code: model.code, parameter: model.parameter }).toEqual({ code: 'MISSING_PARAMETER', parameter: 'model' });
    expect(model.message).toBe(
      `model is required; allowed: ${pricer()
        .models()
        .map((m) => m.id)
        .join(', ')}`,
    );
    const duration = expectRefusal(
      { model: 'wan/2-6-text-to-video', resolution: '720p' },
      'MISSING_PARAMETER',
      'duration',
      ['5s', '10s', '15s'],
      'missing',
    );
    expect(duration.message).toBe('wan/2-6-text-to-video: duration is required to price this model; allowed: 5s, 10s, 15s');
    const resolution = expectRefusal(
      { model: 'wan/2-6-text-to-video', duration: 5 },
      'MISSING_PARAMETER',
      'resolution',
      ['720p', '1080p'],
      'missing',
    );
    expect(resolution.message).toBe('wan/2-6-text-to-video: resolution is required to price this model; allowed: 720p, 1080p');
    expectRefusal({ model: 'nano-banana-2' }, 'MISSING_PARAMETER', 'resolution', ['1K', '2K', '4K'], 'missing');
  });

  it('INVALID_PARAMETER for a model that is not a string, a request that is not an object, unreadable inputImageUrls or inputMode', () => {
    expect(refusal({ model: 42 }).code).toBe('INVALID_PARAMETER');
    expect(refusal(null).message).toBe('request null is not valid; allowed: an object with a model field');
    expect([refusal('sora-2-text-to-video').received, refusal(['veo3']).received, refusal(5).received]).toEqual([
      'a string',
      'an array',
      'a number',
    ]);
    expectRefusal(
      { model: 'gpt-image-2', inputImageUrls: 'https://x.test/a.png' },
      'INVALID_PARAMETER',
      'inputImageUrls',
      ['an array of image URLs'],
      '"https://x.test/a.png"',
    );
    expectRefusal(
      { model: 'veo3', inputMode: 'video_to_video' },
      'INVALID_PARAMETER',
      'inputMode',
      ['text_to_video', 'image_to_video'],
      '"video_to_video"',
    );
  });

  it('UNSUPPORTED_VALUE for an off-grid duration or resolution, listing what is priced', () => {
    const duration = expectRefusal(
      { model: 'sora-2-text-to-video', duration: 15, resolution: '1080p' },
      'UNSUPPORTED_VALUE',
      'duration',
      ['5s', '10s', '20s'],
      '15s',
    );
    expect(duration.message).toBe('sora-2-text-to-video: duration 15s is not priced; allowed: 5s, 10s, 20s');
    expectRefusal(
      { model: 'sora-2-text-to-video', duration: 10, resolution: '4K' },
      'UNSUPPORTED_VALUE',
      'resolution',
      ['720p', '1080p'],
      '"4K"',
    );
    expectRefusal({ model: 'veo3_fast', duration: 10 }, 'UNSUPPORTED_VALUE', 'duration', ['8s'], '10s');
  });

  it('UNSUPPORTED_VALUE says why nano-banana-pro 1K and Seedance 480p are refused', () => {
    const pro = expectRefusal({ model: 'nano-banana-pro', resolution: '1k' }, 'UNSUPPORTED_VALUE', 'resolution', ['2K', '4K'], '"1k"');
    expect(pro.reason).toBe('accepted upstream, but the price list gives no 1K price for nano-banana-pro');
    expect(pro.message).toBe(
      'nano-banana-pro: resolution "1k" is not priced (accepted upstream, but the price list gives no 1K price for nano-banana-pro); allowed: 2K, 4K',
    );
    const seedance = expectRefusal(
      { model: 'bytedance/seedance-1.5-pro', duration: 5, resolution: '480p' },
      'UNSUPPORTED_VALUE',
      'resolution',
      ['720p', '1080p'],
      '"480p"',
    );
    expect(seedance.reason).toMatch(/480p/);
    // The reason belongs to its parameter and value: other refusals of the same models carry none.
    expect(refusal({ model: 'nano-banana-pro', resolution: '8K' }).reason).toBeUndefined();
    expect(refusal({ model: 'bytedance/seedance-1.5-pro', duration: 7, resolution: '720p' }).reason).toBeUndefined();
  });

  it('UNSUPPORTED_MODE for images sent to a text-only model, or an inputMode the model lacks', () => {
    const images = expectRefusal(
      { model: 'hailuo/02-text-to-video-standard', duration: 5, inputImageUrls: ['a'] },
      'UNSUPPORTED_MODE',
      'inputImageUrls',
      ['text-to-video'],
      'image-to-video (1 input image sent)',
    );
    expect(images.message).toBe(
      'hailuo/02-text-to-video-standard: inputImageUrls: image-to-video (1 input image sent) is not a mode of this model; allowed: text-to-video',
    );
    expectRefusal(
      { model: 'kling/v2-1-standard', duration: 5, inputMode: 'text_to_video' },
      'UNSUPPORTED_MODE',
      'inputMode',
      ['image_to_video'],
      'text_to_video',
    );
    expectRefusal(
      { model: 'sora-2-text-to-video', duration: 5, resolution: '720p', inputMode: 'image_to_video' },
      'UNSUPPORTED_MODE',
      'inputMode',
      ['text_to_video'],
      'image_to_video',
    );
  });

  it('TOO_MANY_INPUT_IMAGES past each image model limit', () => {
    const limits = { 'gpt-image-2': 4, 'google/nano-banana': 10, 'nano-banana-2': 14, 'nano-banana-pro': 8 } as const;
    for (const [model, limit] of Object.entries(limits)) {
      const request = { model, resolution: '4K' };
      const at = (n: number) => ({ ...request, inputImageUrls: Array.from({ length: n }, (_, i) => `https://x.test/${i}.png`) });
      expect(pricer().quote(at(limit)).mode).toBe('image-to-image');
      const error = expectRefusal(
        at(limit + 1),
        'TOO_MANY_INPUT_IMAGES',
        'inputImageUrls',
        [`at most ${limit} images`],
        `${limit + 1} images`,
      );
      expect(error.message).toBe(`${model}: inputImageUrls holds ${limit + 1} images; allowed: at most ${limit} images`);
    }
  });
});

describe('modes', () => {
  it('an image model is image-to-image when inputImageUrls is non-empty, text-to-image otherwise', () => {
    expect(pricer().quote({ model: 'google/nano-banana', inputImageUrls: [] }).mode).toBe('text-to-image');
    expect(pricer().quote({ model: 'google/nano-banana', inputImageUrls: ['a'] }).mode).toBe('image-to-image');
  });

  it('veo and Seedance are image-to-video when images are sent or inputMode says so', () => {
    expect(pricer().quote({ model: 'veo3_lite' })).toEqual({
      model: 'veo3_lite',
      mode: 'text-to-video',
      credits: 5,
      duration: 8,
      effectiveFrom: null,
      assumptions: [],
      version: pricer().version,
    });
    expect(pricer().quote({ model: 'veo3_lite', inputMode: 'image_to_video' }).mode).toBe('image-to-video');
    expect(pricer().quote({ model: 'veo3_lite', inputImageUrls: ['a'] }).mode).toBe('image-to-video');
    expect(pricer().quote({ model: 'veo3_lite', inputMode: 'text_to_video', inputImageUrls: ['a'] }).mode).toBe('image-to-video');
    expect(
      pricer().quote({ model: 'bytedance/seedance-1.5-pro', duration: '10s', resolution: '1080P', inputMode: 'image-to-video' }),
    ).toEqual({
      model: 'bytedance/seedance-1.5-pro',
      mode: 'image-to-video',
      credits: 54,
      duration: 10,
      resolution: '1080p',
      effectiveFrom: null,
      assumptions: ['durations 5 and 10 s'],
      version: pricer().version,
    });
  });

  it('refuses an inputMode the model lacks, with images or without', () => {
    for (const inputImageUrls of [['a.png'], undefined]) {
      const error = expectRefusal(
        { model: 'sora-2-image-to-video', duration: 10, resolution: '720p', inputMode: 'text_to_video', inputImageUrls },
        'UNSUPPORTED_MODE',
        'inputMode',
        ['image_to_video'],
        'text_to_video',
      );
      expect(error.message).toBe('sora-2-image-to-video: inputMode: text_to_video is not a mode of this model; allowed: image_to_video');
    }
    expectRefusal(
      { model: 'sora-2-text-to-video', duration: 10, resolution: '720p', inputMode: 'image_to_video' },
      'UNSUPPORTED_MODE',
      'inputMode',
      ['text_to_video'],
      'image_to_video',
    );
    expect(pricer().quote({ model: 'veo3', inputMode: 'text_to_video', inputImageUrls: ['a.png'] }).mode).toBe('image-to-video');
  });

  it('an image-to-video model prices a request before its images are uploaded', () => {
    expect(pricer().quote({ model: 'wan/2-6-image-to-video', duration: 15, resolution: '1080p' })).toEqual({
      model: 'wan/2-6-image-to-video',
      mode: 'image-to-video',
      credits: 133,
      duration: 15,
      resolution: '1080p',
      effectiveFrom: null,
      assumptions: ['durations 5, 10 and 15 s'],
      version: pricer().version,
    });
  });

  it('an image model with one mode refuses the other, saying which the images asked for', () => {
    const source = { section: 'Image models', row: 'a hypothetical row' };
    const oneMode = compilePricer(
      parseRuleSet([
        {
          file: 'rules/one-mode.json',
          text: JSON.stringify({
            $schema: '../schemas/rule-file.schema.json',
            family: 'one-mode',
            models: [
              { id: 'text-only', modes: ['text-to-image'], price: { kind: 'flat', credits: 2 }, source },
              { id: 'edit-only', modes: ['image-to-image'], maxInputImages: 2, price: { kind: 'flat', credits: 3 }, source },
            ],
          }),
        },
      ]),
    );
    const refused = (request: PriceRequest) => {
      try {
        oneMode.quote(request);
      } catch (error) {
        return [
          (error as PricingError).code,
          (error as PricingError).parameter,
          (error as PricingError).allowed,
          (error as PricingError).received,
        ];
      }
      return 'priced';
    };
    expect(refused({ model: 'text-only', inputImageUrls: ['a'] })).toEqual([
      'UNSUPPORTED_MODE',
      'inputImageUrls',
      ['text-to-image'],
      'image-to-image (inputImageUrls is not empty)',
    ]);
    expect(refused({ model: 'edit-only' })).toEqual([
      'UNSUPPORTED_MODE',
      'inputImageUrls',
      ['image-to-image'],
      'text-to-image (no inputImageUrls)',
    ]);
    expect(refused({ model: 'edit-only', inputImageUrls: ['a', 'b', 'c'] })).toEqual([
      'TOO_MANY_INPUT_IMAGES',
      'inputImageUrls',
      ['at most 2 images'],
      '3 images',
    ]);
    expect([oneMode.quote({ model: 'text-only' }).mode, oneMode.quote({ model: 'edit-only', inputImageUrls: ['a', 'b'] }).mode]).toEqual([
      'text-to-image',
      'image-to-image',
    ]);
  });

  it('counts the images sent to a text-only video model in its refusal', () => {
    expectRefusal(
      { model: 'hailuo/02-text-to-video-standard', duration: 5, inputImageUrls: ['a', 'b'] },
      'UNSUPPORTED_MODE',
      'inputImageUrls',
      ['text-to-video'],
      'image-to-video (2 input images sent)',
    );
  });

  it('veo takes an omitted duration, 8 or "8s" as its one 8-second clip', () => {
    for (const duration of [undefined, 8, '8', '8s'])
      expect(pricer().quote({ model: 'veo3', duration })).toMatchObject({ credits: 63, duration: 8 });
  });
});

describe('the pricer', () => {
  it('is immutable, and no input changes it', () => {
    expect(Object.isFrozen(pricer())).toBe(true);
    expect(Object.isFrozen(pricer().models())).toBe(true);
    expect(Object.isFrozen(pricer().models()[0]?.price)).toBe(true);
    expect(Object.isFrozen(pricer().pricePoints())).toBe(true);
    const hostile = JSON.parse('{"model":"__proto__","__proto__":{"credits":0},"constructor":{"prototype":{"credits":0}}}');
    expect(refusal(hostile).code).toBe('UNKNOWN_MODEL');
    expect(({} as { credits?: number }).credits).toBeUndefined();
    expect(pricer().quote({ model: 'veo3' }).credits).toBe(63);
  });

  it('lists price points per model, in rule order', () => {
    expect(pricer().pricePoints('nano-banana-2')).toEqual([
      { model: 'nano-banana-2', modes: ['text-to-image', 'image-to-image'], resolution: '1K', credits: 4 },
      { model: 'nano-banana-2', modes: ['text-to-image', 'image-to-image'], resolution: '2K', credits: 6 },
      { model: 'nano-banana-2', modes: ['text-to-image', 'image-to-image'], resolution: '4K', credits: 8 },
    ]);
    expect(pricer().pricePoints('veo3')).toEqual([{ model: 'veo3', modes: ['text-to-video', 'image-to-video'], duration: 8, credits: 63 }]);
    expect(() => pricer().pricePoints('veo4')).toThrow(PricingError);
    // A point carries the axes it has, and no key for the ones it lacks.
    expect(
      [
        pricer().pricePoints('gpt-image-2'),
        pricer().pricePoints('nano-banana-2'),
        pricer().pricePoints('kling/v2-1-pro'),
        pricer().pricePoints('sora-2-text-to-video'),
      ].map((points) => Object.keys(points[0] ?? {})),
    ).toEqual([
      ['model', 'modes', 'credits'],
      ['model', 'modes', 'resolution', 'credits'],
      ['model', 'modes', 'duration', 'credits'],
      ['model', 'modes', 'duration', 'resolution', 'credits'],
    ]);
  });

  it('gives the range of each model for "from N credits" displays', () => {
    expect(pricer().range('sora-2-pro-text-to-video')).toEqual({ min: 16, max: 96 });
    expect(pricer().range('gpt-image-2')).toEqual({ min: 3, max: 3 });
    expect(() => pricer().range('toString')).toThrow(/unknown model "toString"/);
  });

  it('compiles only a validated rule set', () => {
    expect(() => compilePricer({ models: [], profiles: [], files: [] })).toThrow(TypeError);
    const ruleSet = loadRuleSet();
    expect(createPricer(ruleSet).quote({ model: 'veo3' }).credits).toBe(63);
  });
});

describe('the memory of unknown model ids', () => {
  it('stays bounded whatever ids requests hold: ids of implausible length are neither searched nor kept', () => {
    // In a child process with a collectable heap: 500 unknown ids of 2 MiB each, quoted, then collected.
    const script = `
      import { createPricer } from ${JSON.stringify(resolve('dist/index.js'))};
      const pricer = createPricer();
      for (let i = 0; i < 500; i++) {
        try { pricer.quote({ model: String(i).padEnd(2 * 1024 * 1024, 'x') }); } catch {}
      }
      globalThis.gc();
      process.stdout.write(String(Math.round(process.memoryUsage().heapUsed / 1024 / 1024)));`;
    const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(Number(run.stdout)).toBeLessThan(50);
  }, 60_000);
});
