/**
 * A JSON reader that remembers where every value starts, so that a problem found later
 * (by the JSON Schema or a semantic check) can be reported as `file:line:col`.
 *
 * `JSON.parse` forgets positions and silently keeps the last of two equal keys; this reader
 * keeps both facts: positions by JSON Pointer (the form of ajv's `instancePath`) and
 * duplicate keys as problems.
 */
import { RuleFileError } from '../primitives/errors.js';
import { lastAtOrBefore } from '../primitives/sorted-search.js';

/** A 1-based line and column in a source text. */
interface SourcePosition {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units. */
  readonly col: number;
}

/** Where something is declared: a rule file and the position of its JSON value. */
export interface RuleLocation {
  /** The rule file. */
  readonly file: string;
  /** JSON Pointer inside the file. */
  readonly pointer: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly col: number;
}

/** A JSON text read with the positions of its values. */
export interface JsonSource {
  /** The file the text came from, as given to {@link readJsonSource}. */
  readonly file: string;
  /** The parsed value. */
  readonly value: unknown;
  /**
   * Where each value starts, by JSON Pointer (`""` is the root, `/models/0/id` a nested value).
   * @param pointer - a JSON Pointer as ajv writes `instancePath`
   * @returns the position of the value, or of its nearest enclosing value that exists
   */
  positionOf(pointer: string): SourcePosition;
}

/** How deep arrays and objects may nest in a rule file (a rule file needs five). */
const MAX_DEPTH = 64;

/** The largest rule file read, in characters: a family's rules are a few kilobytes. */
const MAX_RULE_FILE_CHARS = 10_000_000;

/** Escapes one reference token of a JSON Pointer (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Parses a JSON text, recording where each value starts.
 * @param file - the file name used in positions and errors
 * @param text - the JSON text
 * @returns the parsed value with its positions
 * @throws {@link RuleFileError} with code `JSON_SYNTAX` or `DUPLICATE_KEY`, at the offending position
 */
export function readJsonSource(file: string, text: string): JsonSource {
  if (text.length > MAX_RULE_FILE_CHARS) {
    throw new RuleFileError({
      code: 'FILE_TOO_LARGE',
      file,
      position: { line: 1, col: 1 },
      pointer: '',
      expected: `a rule file of at most ${MAX_RULE_FILE_CHARS / 1_000_000} MB`,
      received: `${(text.length / 1_000_000).toFixed(1)} MB`,
    });
  }
  // A byte order mark is not part of the JSON: columns on line 1 are counted after it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineStarts = [bom];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset: number): SourcePosition => {
    // An offset inside the byte order mark is on line 1.
    const line = Math.max(0, lastAtOrBefore(lineStarts, offset));
    return { line: line + 1, col: offset - (lineStarts[line] as number) + 1 };
  };

  const positions = new Map<string, number>();
  let pos = bom;

  /** Names the token at an offset: `the string "price"`, `"}"`, `end of file`. */
  const describe = (offset: number): string => {
    if (offset >= text.length) return 'end of file';
    const code = text.charCodeAt(offset);
    // A line break or other control character would print as nothing, or break the message's line.
    if (code < 0x20) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const token = /^"(?:[^"\\\n]|\\.){0,40}"?|^[^\s,:{}[\]"]{1,20}|^./.exec(text.slice(offset))?.[0] ?? '';
    return token.startsWith('"') ? `the string ${token}` : `"${token}"`;
  };
  const fail = (expected: string, offset = pos): never => {
    throw new RuleFileError({
      code: 'JSON_SYNTAX',
      file,
      position: at(Math.min(offset, text.length)),
      pointer: '',
      expected,
      received: describe(offset),
    });
  };
  const skipWhitespace = (): void => {
    for (;;) {
      const code = text.charCodeAt(pos);
      // space, tab, line feed, carriage return
      if (code !== 32 && code !== 9 && code !== 10 && code !== 13) return;
      pos++;
    }
  };

  const readString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    let run = pos; // the start of the characters not yet copied to out
    for (;;) {
      if (pos >= text.length) fail('a closing "', start);
      const code = text.charCodeAt(pos);
      if (code === 34 /* " */) {
        out += text.slice(run, pos);
        pos++;
        return out;
      }
      if (code === 92 /* \ */) {
        out += text.slice(run, pos);
        const esc = text[pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (esc !== undefined && esc in simple) {
          out += simple[esc];
          pos += 2;
        } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          fail('a valid escape sequence', pos);
        }
        run = pos;
      } else if (code < 0x20) {
        fail('no control characters inside a string', pos);
      } else {
        pos++;
      }
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const readNumber = (): number => {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    if (!match) return fail('a JSON value');
    pos += match[0].length;
    return Number(match[0]);
  };

  let depth = 0;
  const nested = <T>(read: () => T): T => {
    if (++depth > MAX_DEPTH) fail(`at most ${MAX_DEPTH} nested arrays and objects`);
    const value = read();
    depth--;
    return value;
  };
  const readValue = (pointer: string): unknown => {
    skipWhitespace();
    positions.set(pointer, pos);
    const ch = text[pos];
    if (ch === '{') return nested(() => readObject(pointer));
    if (ch === '[') return nested(() => readArray(pointer));
    if (ch === '"') return readString();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return readNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return value;
      }
    }
    return fail('a JSON value');
  };

  const readObject = (pointer: string): Record<string, unknown> => {
    pos++;
    // A null-prototype object: keys such as "__proto__" stay plain data.
    const out: Record<string, unknown> = Object.create(null);
    const seen = new Map<string, number>();
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return out;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] !== '"') fail('a property name in double quotes');
      const keyOffset = pos;
      const key = readString();
      const first = seen.get(key);
      if (first !== undefined) {
        const firstAt = at(first);
        throw new RuleFileError({
          code: 'DUPLICATE_KEY',
          file,
          position: at(keyOffset),
          pointer: `${pointer}/${escapePointerToken(key)}`,
          expected: `each key once (the first "${key}" is at ${firstAt.line}:${firstAt.col})`,
          received: `"${key}" again`,
        });
      }
      seen.set(key, keyOffset);
      skipWhitespace();
      if (text[pos] !== ':') fail('":" after the property name');
      pos++;
      out[key] = readValue(`${pointer}/${escapePointerToken(key)}`);
      skipWhitespace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      fail('"," or "}"');
    }
  };

  const readArray = (pointer: string): unknown[] => {
    pos++;
    const out: unknown[] = [];
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return out;
    }
    for (;;) {
      out.push(readValue(`${pointer}/${out.length}`));
      skipWhitespace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      fail('"," or "]"');
    }
  };

  const value = readValue('');
  skipWhitespace();
  if (pos < text.length) fail('end of file after the top-level value');

  return {
    file,
    value,
    positionOf(pointer: string): SourcePosition {
      let p = pointer;
      for (;;) {
        const offset = positions.get(p);
        if (offset !== undefined) return at(offset);
        if (p === '') return { line: 1, col: 1 };
        p = p.slice(0, p.lastIndexOf('/'));
      }
    },
  };
}
