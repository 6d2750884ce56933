import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, nearest, nearestFew } from '../../src/primitives/suggest.js';

const MODELS = [
  'gpt-image-2',
  'google/nano-banana',
  'nano-banana-2',
  'nano-banana-pro',
  'kling/v2-1-standard',
  'kling/v2-1-pro',
  'sora-2-text-to-video',
  'sora-2-pro-text-to-video',
  'veo3_fast',
  'veo3',
  'veo3_lite',
];

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, ignoring case', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'veo3')).toBe(4);
    expect(editDistance('veo3', '')).toBe(4);
    expect(editDistance('VEO3', 'veo3')).toBe(0);
    expect(editDistance('veo3', 'veo')).toBe(1);
    expect(editDistance('veo3', 'veo33')).toBe(1);
    expect(editDistance('veo3', 'vep3')).toBe(1);
    expect(editDistance('veo3', 'oev3')).toBe(2);
    expect(editDistance('sora2-text-to-video', 'sora-2-text-to-video')).toBe(1);
    expect(editDistance('flaw', 'lawn')).toBe(2);
  });

  const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', '-'), maxLength: 8 });

  it('is a distance: zero exactly between equal names (ignoring case), symmetric, and within the triangle inequality', () => {
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, b) === 0).toBe(a.toLowerCase() === b.toLowerCase());
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c));
      }),
    );
  });

  it('lies between the difference of the lengths and the longer length, and one edit moves it by at most one', () => {
    fc.assert(
      fc.property(word, word, fc.constantFrom('a', 'b', '-'), (a, b, extra) => {
        const d = editDistance(a, b);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(Math.abs(editDistance(a + extra, b) - d)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('nearest', () => {
  it('suggests the model a real typo meant', () => {
    expect(nearest('kling/v2-1-pr', MODELS)).toBe('kling/v2-1-pro');
    expect(nearest('kling/v2-1-standrad', MODELS)).toBe('kling/v2-1-standard');
    expect(nearest('sora2-text-to-video', MODELS)).toBe('sora-2-text-to-video');
    expect(nearest('sora-2-pro-text-to-vidoe', MODELS)).toBe('sora-2-pro-text-to-video');
    expect(nearest('veo3-lite', MODELS)).toBe('veo3_lite');
    expect(nearest('gpt-imag-2', MODELS)).toBe('gpt-image-2');
    expect(nearest('nano-banana-prp', MODELS)).toBe('nano-banana-pro');
  });

  it('prefers a name that contains what was asked, from three characters on', () => {
    // "banana" is 7 edits from "nano-banana-2" and 12 from "google/nano-banana", but both contain it: the nearer of those wins.
    expect(nearest('banana', MODELS)).toBe('nano-banana-2');
    expect(nearest('lite', MODELS)).toBe('veo3_lite');
    // Two characters are too few to count as contained: "o3" is nearest by distance alone.
    expect(nearest('o3', MODELS)).toBe('veo3');
    expect(nearest('PRO', ['kling/v2-1-pro', 'veo3'])).toBe('kling/v2-1-pro');
  });

  it('keeps the first of equally near names, and answers the only candidate', () => {
    expect(nearest('ab', ['ax', 'ay'])).toBe('ax');
    expect(nearest('ab', ['ay', 'ax'])).toBe('ay');
    expect(nearest('anything', ['veo3'])).toBe('veo3');
  });
});

describe('the family of a name', () => {
  it('wins over edit distance: the same name but for case and punctuation, then a name that starts with it', () => {
    // "sora2" is 4 edits from "veo3" and 15 from "sora-2-text-to-video": the family wins.
    expect(nearest('sora2', MODELS)).toBe('sora-2-text-to-video');
    expect(nearest('SORA_2_PRO', MODELS)).toBe('sora-2-pro-text-to-video');
    expect(nearest('kling', MODELS)).toBe('kling/v2-1-pro');
    // The same name after a vendor prefix is the same model: nearer than a name it starts.
    expect(nearest('nano-banana', MODELS)).toBe('google/nano-banana');
  });

  it('lists the nearest few, nearest first', () => {
    expect(nearestFew('sora2', MODELS, 2)).toEqual(['sora-2-text-to-video', 'sora-2-pro-text-to-video']);
    expect(nearestFew('veo', MODELS, 3)).toEqual(['veo3', 'veo3_fast', 'veo3_lite']);
    expect(nearestFew('x', ['a'], 3)).toEqual(['a']);
  });
});
