import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapePointerToken, readJsonSource } from '../src/rules/json-source.js';
import { RuleSetError } from '../src/index.js';

/** Every JSON Pointer of a value with the value found there. */
function pointers(value: unknown, pointer = ''): [string, unknown][] {
  const here: [string, unknown][] = [[pointer, value]];
  if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pointers(v, `${pointer}/${i}`)));
  if (value !== null && typeof value === 'object') {
    return here.concat(Object.entries(value).flatMap(([k, v]) => pointers(v, `${pointer}/${escapePointerToken(k)}`)));
  }
  return here;
}

/** The offset of a 1-based line and column. */
function offsetOf(text: string, line: number, col: number): number {
  const lines = text.split('\n');
  return lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + col - 1;
}

describe('readJsonSource', () => {
  it('reads every JSON text as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(readJsonSource('v.json', text).value).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('places every value at the line and column where its text starts', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const source = readJsonSource('v.json', text);
        for (const [pointer, found] of pointers(JSON.parse(text))) {
          const { line, col } = source.positionOf(pointer);
          const rendered = JSON.stringify(found, null, indent).split('\n')[0] as string;
          expect(text.slice(offsetOf(text, line, col)).startsWith(rendered)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps "__proto__" and "constructor" keys as plain data', () => {
    const source = readJsonSource('v.json', '{"__proto__": {"polluted": true}, "constructor": 1}');
    expect(Object.keys(source.value as object)).toEqual(['__proto__', 'constructor']);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('refuses a key written twice, at the second one', () => {
    expect(() => readJsonSource('v.json', '{\n  "a": 1,\n  "a": 2\n}')).toThrow(RuleSetError);
    try {
      readJsonSource('v.json', '{\n  "a": 1,\n  "a": 2\n}');
    } catch (error) {
      expect((error as RuleSetError).issues[0]).toMatchObject({ code: 'DUPLICATE_KEY', line: 3, col: 3, pointer: '/a' });
    }
  });
});
