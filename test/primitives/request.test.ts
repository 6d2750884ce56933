import { describe, expect, it } from 'vitest';
import { createPricer, PricingError, type PriceRequest } from '../../src/index.js';
import { echo } from '../../src/primitives/echo.js';
import {
  asciiLowerCase,
  countInputImages,
  describeValue,
  INVALID,
  MISSING,
  readDuration,
  readInputMode,
  readResolution,
} from '../../src/primitives/request.js';

describe('the request readers', () => {
  it('read a duration from 10, "10" or "10s"; absent or null is missing; anything else is invalid', () => {
    expect([10, '10', '10s', 1, '999999999999999', 999_999_999_999_999].map(readDuration)).toEqual([
      10, 10, 10, 1, 999_999_999_999_999, 999_999_999_999_999,
    ]);
    // Up to 15 digits, as a number as in text (and in SQL): 16 are invalid either way.
    expect([1e15, '1000000000000000', Number.MAX_SAFE_INTEGER].map(readDuration)).toEqual([INVALID, INVALID, INVALID]);
    expect([undefined, null].map(readDuration)).toEqual([MISSING, MISSING]);
    expect(
      [
        0,
        -5,
        10.5,
        Number.NaN,
        Infinity,
        2 ** 53,
        '0',
        '010',
        '10S',
        ' 10',
        '10 ',
        '1e1',
        '10ss',
        '1000000000000000',
        '',
        's',
        true,
        {},
        [10],
      ].map(readDuration),
    ).toEqual(Array(19).fill(INVALID));
  });

  it('read a resolution as a non-empty string; absent or null is missing; anything else is invalid', () => {
    expect(['1080p', '2k', ' '].map(readResolution)).toEqual(['1080p', '2k', ' ']);
    expect([undefined, null].map(readResolution)).toEqual([MISSING, MISSING]);
    expect(['', 1080, {}, ['2K'], false].map(readResolution)).toEqual(Array(5).fill(INVALID));
  });

  it('read an input mode in the API`s spelling and the price list`s; absent or null is missing', () => {
    expect(['text_to_video', 'text-to-video', 'image_to_video', 'image-to-video'].map(readInputMode)).toEqual([
      'text_to_video',
      'text_to_video',
      'image_to_video',
      'image_to_video',
    ]);
    expect([undefined, null].map(readInputMode)).toEqual([MISSING, MISSING]);
    expect(['TEXT_TO_VIDEO', 'video_to_video', 'text to video', '', 0, {}].map(readInputMode)).toEqual(Array(6).fill(INVALID));
  });

  it('count input images of an array; absent or null is none; anything else is invalid', () => {
    expect([[], ['a'], ['a', 'b', 'c'], undefined, null].map(countInputImages)).toEqual([0, 1, 3, 0, 0]);
    expect(['a.png', {}, 1, { length: 2 }].map(countInputImages)).toEqual(Array(4).fill(INVALID));
  });

  it('lower-case ASCII letters only', () => {
    expect(asciiLowerCase('1080P 2K AbZ')).toBe('1080p 2k abz');
    expect(asciiLowerCase('2\u212A \u00C9')).toBe('2\u212A \u00C9');
  });

  it('echo at most 64 characters of what was received, and describe any value', () => {
    expect(echo('x'.repeat(64))).toBe(`"${'x'.repeat(64)}"`);
    expect(echo('x'.repeat(65))).toBe(`"${'x'.repeat(61)}..."`);
    expect(echo('a"b')).toBe('"a\\"b"');
    expect([undefined, null, -5, Number.NaN, [1], {}, 'ten', true, 10n, Symbol('s'), () => 1].map(describeValue)).toEqual([
      'missing',
      'missing',
      '-5',
      'NaN',
      'an array',
      'an object',
      '"ten"',
      'a boolean',
      'a bigint',
      'a symbol',
      'a function',
    ]);
  });
});

describe('a field sent as null', () => {
  const quote = (request: PriceRequest) => {
    try {
      const { credits, mode } = createPricer().quote(request);
      return { credits, mode };
    } catch (error) {
      if (!(error instanceof PricingError)) throw error;
      return { code: error.code, parameter: error.parameter };
    }
  };

  it('is missing, never invalid: model, resolution and duration are then required', () => {
    expect(quote({ model: null })).toEqual({ code: 'MISSING_PARAMETER', parameter: 'model' });
    expect(quote({ model: 'nano-banana-2', resolution: null })).toEqual({ code: 'MISSING_PARAMETER', parameter: 'resolution' });
    expect(quote({ model: 'kling/v2-1-pro', duration: null })).toEqual({ code: 'MISSING_PARAMETER', parameter: 'duration' });
  });

  it('is missing, never invalid: without inputMode or images a request is text-to-something', () => {
    expect(quote({ model: 'veo3', inputMode: null })).toEqual({ credits: 63, mode: 'text-to-video' });
    expect(quote({ model: 'veo3', inputMode: null, inputImageUrls: ['a.png'] })).toEqual({ credits: 63, mode: 'image-to-video' });
    expect(quote({ model: 'veo3', inputImageUrls: null })).toEqual({ credits: 63, mode: 'text-to-video' });
    expect(quote({ model: 'gpt-image-2', inputImageUrls: null })).toEqual({ credits: 3, mode: 'text-to-image' });
  });

  it('differs from a value that cannot be read, which is invalid', () => {
    expect(quote({ model: 'nano-banana-2', resolution: '' })).toEqual({ code: 'INVALID_PARAMETER', parameter: 'resolution' });
    expect(quote({ model: 'veo3', inputMode: '' })).toEqual({ code: 'INVALID_PARAMETER', parameter: 'inputMode' });
    expect(quote({ model: 'veo3', inputImageUrls: 'a.png' })).toEqual({ code: 'INVALID_PARAMETER', parameter: 'inputImageUrls' });
    expect(quote({ model: 7 })).toEqual({ code: 'INVALID_PARAMETER', parameter: 'model' });
  });

  it('takes the price list`s spelling of an input mode: text-to-video is refused by a model that lacks it, image-to-video is priced', () => {
    expect(
      quote({ model: 'sora-2-image-to-video', duration: 10, resolution: '720p', inputMode: 'text-to-video', inputImageUrls: ['a.png'] }),
    ).toEqual({ code: 'UNSUPPORTED_MODE', parameter: 'inputMode' });
    expect(quote({ model: 'veo3', inputMode: 'text-to-video' })).toEqual({ credits: 63, mode: 'text-to-video' });
    expect(quote({ model: 'veo3', inputMode: 'image-to-video', inputImageUrls: ['a.png'] })).toEqual({
      credits: 63,
      mode: 'image-to-video',
    });
  });
});
