import { describe, expect, it } from 'vitest';
import { MODES } from '../../src/index.js';
import { isVideoMode, modeRoles, sectionOf, takesImages } from '../../src/rules/modes.js';

describe('the roles of modes', () => {
  it('tells video modes and modes that take images', () => {
    expect(MODES.map((m) => [m, isVideoMode(m), takesImages(m)])).toEqual([
      ['text-to-image', false, false],
      ['image-to-image', false, true],
      ['text-to-video', true, false],
      ['image-to-video', true, true],
    ]);
  });

  it('finds the mode a request without images runs in and the one with images, for every combination a model has', () => {
    expect(modeRoles(['text-to-image', 'image-to-image'])).toEqual({
      video: false,
      textMode: 'text-to-image',
      imageMode: 'image-to-image',
    });
    expect(modeRoles(['image-to-image'])).toEqual({ video: false, textMode: undefined, imageMode: 'image-to-image' });
    expect(modeRoles(['text-to-video'])).toEqual({ video: true, textMode: 'text-to-video', imageMode: undefined });
    expect(modeRoles(['image-to-video'])).toEqual({ video: true, textMode: undefined, imageMode: 'image-to-video' });
    expect(modeRoles(['image-to-video', 'text-to-video'])).toEqual({ video: true, textMode: 'text-to-video', imageMode: 'image-to-video' });
  });

  it('lists a model in the table of the price list its modes belong to', () => {
    expect(sectionOf(['text-to-image'])).toBe('Image models');
    expect(sectionOf(['image-to-image', 'text-to-image'])).toBe('Image models');
    expect(sectionOf(['image-to-video'])).toBe('Video models');
    expect(sectionOf(['text-to-video', 'image-to-video'])).toBe('Video models');
  });
});
