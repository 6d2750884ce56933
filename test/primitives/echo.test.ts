import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { echo } from '../../src/primitives/echo.js';

describe('echo', () => {
  it('quotes a received string whole up to 64 characters, and cuts a longer one to 61 and ...', () => {
    expect(echo('x'.repeat(64))).toBe(`"${'x'.repeat(64)}"`);
    expect(echo('x'.repeat(65))).toBe(`"${'x'.repeat(61)}..."`);
    expect(echo('a"b\n')).toBe('"a\\"b\\n"');
  });

  it('law: the echo of any string is a JSON string of the string itself up to 64 characters, else of its first 61 and ...', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(JSON.parse(echo(text))).toBe(text.length <= 64 ? text : `${text.slice(0, 61)}...`);
      }),
    );
  });
});
