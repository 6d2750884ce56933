import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../src/primitives/sha256.js';

/** Any UTF-16 code units, lone surrogates among them: encoded as U+FFFD, as Node encodes them. */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 100 }).map((units) => String.fromCharCode(...units));

describe('sha256Hex', () => {
  it('law: the digest of any text equals node:crypto`s SHA-256', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), codeUnits), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('law: where there is no TextEncoder (a bare V8 isolate), the digest of any text is the same', () => {
    const texts = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), codeUnits);
    const expected = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    vi.stubGlobal('TextEncoder', undefined);
    fc.assert(
      fc.property(texts, (text) => {
        expect(sha256Hex(text)).toBe(expected(text));
      }),
      { numRuns: 300 },
    );
  });
});
