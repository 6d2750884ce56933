import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactJson } from '../../src/primitives/exact-json.js';

describe('exactJson', () => {
  it('law: without bigints it writes what JSON.stringify writes, for any JSON value, with or without indentation', () => {
    const value = fc.jsonValue().chain((v) => fc.constantFrom(v, { a: v, skipped: undefined, toJ: { toJSON: () => v } }, [v, undefined]));
    fc.assert(
      fc.property(value, fc.constantFrom(0, 2, 4), (v, indent) => {
        expect(exactJson(v, indent)).toBe(JSON.stringify(v, null, indent === 0 ? undefined : indent));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a bigint as the exact integer, where it stands', () => {
    expect(exactJson({ n: 2n ** 64n, list: [-(2n ** 70n), 1], nested: { z: 0n } }, 2)).toBe(
      '{\n  "n": 18446744073709551616,\n  "list": [\n    -1180591620717411303424,\n    1\n  ],\n  "nested": {\n    "z": 0\n  }\n}',
    );
    expect([exactJson(undefined), exactJson(5n), exactJson([]), exactJson({})]).toEqual(['null', '5', '[]', '{}']);
  });
});
