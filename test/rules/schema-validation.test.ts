import { describe, expect, it } from 'vitest';
import { checkRuleSources } from '../../src/index.js';
import { renderValue } from '../../src/rules/schema-validation.js';

/** A valid rule file of one flat-priced image model, to break one thing in. */
const ruleFile = () => ({
  $schema: '../schemas/rule-file.schema.json',
  family: 'f',
  models: [
    {
      id: 'm',
      modes: ['text-to-image'],
      price: { kind: 'flat', credits: 3 } as Record<string, unknown>,
      source: { section: 'Image models', row: 'm | text-to-image | 3 | |' },
    },
  ] as Record<string, any>[],
});

/** The schema issues of the file after an edit: where, what was expected, what was found. */
const issues = (edit: (rules: ReturnType<typeof ruleFile> & Record<string, any>) => void) => {
  const rules = ruleFile();
  edit(rules);
  return checkRuleSources([{ file: 'x.json', text: JSON.stringify(rules) }]).issues.map((i) => [i.code, i.pointer, i.expected, i.received]);
};

describe('the JSON Schema step', () => {
  it('accepts the valid file', () => {
    expect(issues(() => {})).toEqual([]);
  });

  it.each([
    ['a missing property', (r: any) => delete r.models, ['SCHEMA', '', 'property "models"', 'an object without it']],
    ['an empty list', (r: any) => (r.models[0].modes = []), ['SCHEMA', '/models/0/modes', 'at least 1 item(s)', 'an array of 0']],
    ['an empty string', (r: any) => (r.family = ''), ['SCHEMA', '/family', 'a non-empty string', '""']],
    [
      'an item twice',
      (r: any) => (r.models[0].modes = ['text-to-image', 'text-to-image']),
      ['SCHEMA', '/models/0/modes/1', 'each item once', 'a repeat of item 0'],
    ],
    ['a number for a string', (r: any) => (r.family = 3), ['SCHEMA', '/family', 'a string (The model family this file holds)', '3']],
    ['an object for an array', (r: any) => (r.models = {}), ['SCHEMA', '/models', 'an array', 'an object']],
    ['a string for an object', (r: any) => (r.models[0].price = 'flat'), ['SCHEMA', '/models/0/price', 'an object', '"flat"']],
    [
      'credits past 2^53 − 1',
      (r: any) => (r.models[0].price.credits = 2 ** 53),
      [
        'SCHEMA',
        '/models/0/price/credits',
        'a number ≤ 9007199254740991 (the largest whole number arithmetic keeps exact) (A whole, positive number of credits)',
        '9007199254740992',
      ],
    ],
    [
      'an unknown kind',
      (r: any) => (r.models[0].price.kind = 'tiered'),
      ['SCHEMA', '/models/0/price/kind', 'one of "flat", "per-resolution", "per-duration", "duration-by-resolution"', '"tiered"'],
    ],
    [
      'a profile name the pattern refuses, once',
      (r: any) => (r.profiles = { 'Bad Name!': { kind: 'flat', credits: 1 } }),
      ['SCHEMA', '/profiles', 'a string matching ^[a-z0-9][a-z0-9._/-]*$', '"Bad Name!"'],
    ],
    [
      'a dated profile without versions',
      (r: any) => (r.profiles = { p: { prices: [] } }),
      ['SCHEMA', '/profiles/p/prices', 'at least 1 item(s)', 'an array of 0'],
    ],
    [
      'an unknown property',
      (r: any) => (r.models[0].price.clip = 8),
      ['SCHEMA', '/models/0/price/clip', 'only the properties "kind", "credits", "clipSeconds", "assumptions"', 'unknown property "clip"'],
    ],
  ])('reports %s, saying what it expected and found', (_what, edit, expected) => {
    expect(issues(edit)).toEqual([expected]);
  });

  it('renders a found value short and recognisable', () => {
    expect([undefined, null, true, 2.5, 'ten', [1, 2, 3], {}].map(renderValue)).toEqual([
      'nothing',
      'null',
      'true',
      '2.5',
      '"ten"',
      'an array of 3',
      'an object',
    ]);
    expect(renderValue('x'.repeat(64))).toBe(`"${'x'.repeat(64)}"`);
    expect(renderValue('x'.repeat(65))).toBe(`"${'x'.repeat(61)}..."`);
  });
});
