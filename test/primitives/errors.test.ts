import { describe, expect, it } from 'vitest';
import { RuleFileError, sortIssues } from '../../src/primitives/errors.js';
import { formatRuleIssue, PricingError, RuleSetError, type RuleIssue } from '../../src/index.js';

describe('PricingError', () => {
  it('keeps its details as fields, and leaves out the optional ones it was not given', () => {
    const error = new PricingError({ code: 'UNSUPPORTED_VALUE', parameter: 'duration', allowed: ['5s'], received: '7s' });
    expect([error.name, error instanceof Error, error.code, error.parameter, error.allowed, error.received]).toEqual([
      'PricingError',
      true,
      'UNSUPPORTED_VALUE',
      'duration',
      ['5s'],
      '7s',
    ]);
    expect(Object.keys(error)).toEqual(['name', 'code', 'parameter', 'allowed', 'received']);
    const full = new PricingError({
      code: 'UNKNOWN_MODEL',
      model: 'm',
      parameter: 'model',
      allowed: ['a'],
      received: '"b"',
      suggestion: 'a',
      reason: 'r',
    });
    expect(Object.keys(full)).toEqual(['name', 'code', 'model', 'parameter', 'allowed', 'received', 'suggestion', 'reason']);
  });

  it('serialises to JSON with its code, message and details', () => {
    const error = new PricingError({ code: 'UNSUPPORTED_VALUE', model: 'm', parameter: 'duration', allowed: ['5s'], received: '7s' });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'PricingError',
      code: 'UNSUPPORTED_VALUE',
      message: 'm: duration 7s is not priced; allowed: 5s',
      model: 'm',
      parameter: 'duration',
      allowed: ['5s'],
      received: '7s',
    });
  });

  it.each([
    [{ code: 'UNKNOWN_MODEL', parameter: 'model', allowed: ['a', 'b'], received: '"c"' }, 'unknown model "c" (2 models in all)'],
    [
      {
        code: 'UNKNOWN_MODEL',
        parameter: 'model',
        allowed: ['veo3', 'sora-2-pro', 'sora-2', 'sora-2-image'],
        received: '"sora2"',
        suggestion: 'sora-2',
      },
      'unknown model "sora2"; did you mean "sora-2"? Near it: sora-2-pro, sora-2-image (4 models in all)',
    ],
    [{ code: 'MISSING_PARAMETER', parameter: 'model', allowed: [], received: 'missing' }, 'model is required'],
    [
      { code: 'MISSING_PARAMETER', model: 'm', parameter: 'duration', allowed: [], received: 'missing' },
      'm: duration is required to price this model',
    ],
    [{ code: 'INVALID_PARAMETER', parameter: 'request', allowed: [], received: '42' }, 'request 42 is not valid'],
    [
      { code: 'UNSUPPORTED_VALUE', model: 'm', parameter: 'duration', allowed: ['5s', '10s'], received: '7s' },
      'm: duration 7s is not priced; allowed: 5s, 10s',
    ],
    [
      { code: 'UNSUPPORTED_VALUE', model: 'm', parameter: 'resolution', allowed: [], received: '"1K"', reason: 'no price listed' },
      'm: resolution "1K" is not priced (no price listed)',
    ],
    [
      { code: 'UNSUPPORTED_MODE', model: 'm', parameter: 'inputMode', allowed: ['text_to_video'], received: 'image_to_video' },
      'm: inputMode: image_to_video is not a mode of this model; allowed: text_to_video',
    ],
    [
      { code: 'TOO_MANY_INPUT_IMAGES', model: 'm', parameter: 'inputImageUrls', allowed: [], received: '5 images' },
      'm: inputImageUrls holds 5 images',
    ],
  ] as [ConstructorParameters<typeof PricingError>[0], string][])('words %j as %j', (details, message) => {
    expect(new PricingError(details).message).toBe(message);
  });
});

describe('rule issues', () => {
  const issue = (severity: RuleIssue['severity'], line: number): RuleIssue => ({
    code: 'X',
    severity,
    file: 'rules/a.json',
    line,
    col: 3,
    pointer: '/models',
    expected: 'a thing',
    received: 'another',
  });

  it('sort by file in the order the files were given, then by line and column', () => {
    const at = (file: string, line: number, col: number): RuleIssue => ({ ...issue('error', line), file, col });
    const issues = [at('b.json', 1, 1), at('a.json', 9, 1), at('a.json', 2, 7), at('a.json', 2, 3)];
    const sorted = sortIssues(issues, ['a.json', 'b.json']);
    expect(sorted).toBe(issues);
    expect(sorted.map((i) => `${i.file}:${i.line}:${i.col}`)).toEqual(['a.json:2:3', 'a.json:2:7', 'a.json:9:1', 'b.json:1:1']);
  });

  it('read as file:line:col, with a tag on a warning', () => {
    expect(formatRuleIssue(issue('error', 2))).toBe('rules/a.json:2:3: expected a thing, found another');
    expect(formatRuleIssue(issue('warning', 2))).toBe('rules/a.json:2:3: warning: expected a thing, found another');
  });

  it('make a RuleSetError whose message counts the errors and quotes the first of them', () => {
    expect(new RuleSetError([]).message).toBe('invalid rule set');
    expect(new RuleSetError([issue('warning', 1)]).message).toBe(
      'invalid rule set (0 errors): rules/a.json:1:3: warning: expected a thing, found another',
    );
    expect(new RuleSetError([issue('warning', 1), issue('error', 2)]).message).toBe(
      'invalid rule set (1 error): rules/a.json:2:3: expected a thing, found another',
    );
    const error = new RuleSetError([issue('error', 4), issue('error', 5)]);
    expect([error.name, error.message, error.issues.length]).toEqual([
      'RuleSetError',
      'invalid rule set (2 errors): rules/a.json:4:3: expected a thing, found another',
      2,
    ]);
  });

  it('make a RuleFileError: a RuleSetError of one error at the position given', () => {
    const error = new RuleFileError({
      code: 'JSON_SYNTAX',
      file: 'rules/b.json',
      position: { line: 7, col: 9 },
      pointer: '/x',
      expected: 'a value',
      received: 'end of file',
    });
    expect(error).toBeInstanceOf(RuleSetError);
    expect(error.issues).toEqual([
      {
        code: 'JSON_SYNTAX',
        severity: 'error',
        file: 'rules/b.json',
        line: 7,
        col: 9,
        pointer: '/x',
        expected: 'a value',
        received: 'end of file',
      },
    ]);
    expect(error.message).toBe('invalid rule set (1 error): rules/b.json:7:9: expected a value, found end of file');
  });
});
