import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapePointerToken, readJsonSource } from '../../src/rules/json-source.js';
import { RuleSetError } from '../../src/index.js';

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

describe('readJsonSource on text that is not JSON', () => {
  const problem = (text: string) => {
    try {
      readJsonSource('x.json', text);
    } catch (error) {
      if (!(error instanceof RuleSetError)) throw error;
      return error.issues.map((i) => `${i.line}:${i.col} ${i.code}: expected ${i.expected}, found ${i.received}`);
    }
    return 'read';
  };

  it.each([
    ['', '1:1 JSON_SYNTAX: expected a JSON value, found end of file'],
    ['{', '1:2 JSON_SYNTAX: expected a property name in double quotes, found end of file'],
    ['{"a"', '1:5 JSON_SYNTAX: expected ":" after the property name, found end of file'],
    ['{"a" 1}', '1:6 JSON_SYNTAX: expected ":" after the property name, found "1"'],
    ['{"a":1,}', '1:8 JSON_SYNTAX: expected a property name in double quotes, found "}"'],
    ['{a:1}', '1:2 JSON_SYNTAX: expected a property name in double quotes, found "a"'],
    ['{"a":1 "b":2}', '1:8 JSON_SYNTAX: expected "," or "}", found the string "b"'],
    ['[1,]', '1:4 JSON_SYNTAX: expected a JSON value, found "]"'],
    ['[1 2]', '1:4 JSON_SYNTAX: expected "," or "]", found "2"'],
    ['[', '1:2 JSON_SYNTAX: expected a JSON value, found end of file'],
    ['"\\x"', '1:2 JSON_SYNTAX: expected a valid escape sequence, found "\\x"'],
    ['"\\u12g4"', '1:2 JSON_SYNTAX: expected a valid escape sequence, found "\\u12g4"'],
    ['"abc', '1:1 JSON_SYNTAX: expected a closing ", found the string "abc'],
    ['"a\nb"', '1:3 JSON_SYNTAX: expected no control characters inside a string, found the control character U+000A'],
    ['"a\u0001"', '1:3 JSON_SYNTAX: expected no control characters inside a string, found the control character U+0001'],
    ['tru', '1:1 JSON_SYNTAX: expected a JSON value, found "tru"'],
    ['-', '1:1 JSON_SYNTAX: expected a JSON value, found "-"'],
    ['01', '1:2 JSON_SYNTAX: expected end of file after the top-level value, found "1"'],
    ['1.', '1:2 JSON_SYNTAX: expected end of file after the top-level value, found "."'],
    ['{}\n\n  x', '3:3 JSON_SYNTAX: expected end of file after the top-level value, found "x"'],
  ])('refuses %j at its position, saying what it expected', (text, expected) => {
    expect(problem(text)).toEqual([expected]);
  });

  it('reads every escape as JSON.parse does', () => {
    const text = '["\\n\\t\\r\\b\\f\\"\\\\\\/", "\\u00e9\\u20AC\\ud83d\\ude00", "plain \\u0041"]';
    expect(readJsonSource('x.json', text).value).toEqual(JSON.parse(text));
    expect(readJsonSource('x.json', text).value).toEqual(['\n\t\r\b\f"\\/', 'é€😀', 'plain A']);
  });

  it('accepts exactly the texts JSON.parse accepts, and reads them to the same value', () => {
    const token = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\u0041"',
      '"\\q"',
      '"',
      '1',
      '-0',
      '1.5e3',
      '01',
      '.5',
      'true',
      'nul',
      'null',
      ' ',
      '\n',
      '\t',
      '\\',
      '\u00a0',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), (tokens) => {
        const text = tokens.join('');
        let parsed: { value: unknown } | undefined;
        try {
          parsed = { value: JSON.parse(text) };
        } catch {
          parsed = undefined;
        }
        const read = problem(text) === 'read' ? { value: readJsonSource('x.json', text).value } : undefined;
        expect(read).toEqual(parsed);
      }),
      { numRuns: 3000 },
    );
  });
});
