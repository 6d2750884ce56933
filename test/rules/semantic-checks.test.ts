import { describe, expect, it } from 'vitest';
import { checkRuleSources, type RuleSource } from '../../src/index.js';

/** A rule file of one family, written as an editor would. */
const file = (name: string, content: { profiles?: Record<string, unknown>; models?: unknown[] }): RuleSource => ({
  file: `rules/${name}.json`,
  text: JSON.stringify(
    {
      $schema: '../schemas/rule-file.schema.json',
      family: name,
      ...(content.profiles === undefined ? {} : { profiles: content.profiles }),
      models: content.models ?? [],
    },
    null,
    2,
  ),
});
const source = { section: 'Video models', row: 'a row of the price list' };
const model = (id: string, price: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  modes: ['text-to-video'],
  price,
  source,
  ...extra,
});
const perDuration = (durations: unknown[], credits: number[]) => ({ kind: 'per-duration', durations, credits });
const matrix = (durations: number[], resolutions: string[], credits: number[][]) => ({
  kind: 'duration-by-resolution',
  durations,
  resolutions,
  credits,
});

/** The semantic issues of a rule set: code, where (JSON Pointer), what was expected and found. */
const issuesOf = (...files: RuleSource[]) => checkRuleSources(files).issues.map((i) => [i.code, i.file, i.pointer, i.expected, i.received]);

describe('the semantic checks', () => {
  it('check a shared profile`s table as a model`s: a missing cell, an extra cell, a repeated duration or resolution', () => {
    expect(
      issuesOf(
        file('profiles', {
          profiles: {
            short: matrix([5, 10], ['720p', '1080p'], [[1, 2], [3]]),
            long: perDuration([5, 10], [1, 2, 3]),
            twice: perDuration([5, 5], [1, 2]),
            again: matrix([5], ['1080p', '1080p'], [[1], [2]]),
          },
          models: [
            model('a', { profile: 'short' }),
            model('b', { profile: 'long' }),
            model('c', { profile: 'twice' }),
            model('d', { profile: 'again' }),
          ],
        }),
      ),
    ).toEqual([
      ['MISSING_CELL', 'rules/profiles.json', '/profiles/short/credits/1', '2 entries: one price per duration (5, 10 s) at 1080p', '1'],
      ['EXTRA_CELL', 'rules/profiles.json', '/profiles/long/credits', '2 entries: one price per duration (5, 10 s)', '3'],
      ['DUPLICATE_AXIS_VALUE', 'rules/profiles.json', '/profiles/twice/durations/1', 'each duration once', '"5" again (first at index 0)'],
      [
        'DUPLICATE_AXIS_VALUE',
        'rules/profiles.json',
        '/profiles/again/resolutions/1',
        'each resolution once',
        '"1080p" again (first at index 0)',
      ],
    ]);
  });

  it('check every version of a dated profile, and that it is priced since always', () => {
    const dated = {
      prices: [
        { from: '2026-01-01', price: perDuration([5, 10], [1, 2]) },
        { from: '2027-01-01', price: perDuration([5, 10], [1]), reason: 'a rise' },
      ],
    };
    expect(issuesOf(file('dated', { profiles: { dated }, models: [model('a', { profile: 'dated' })] }))).toEqual([
      [
        'DATED_PROFILE_START',
        'rules/dated.json',
        '/profiles/dated/prices/0/from',
        'a first profile version without "from": a shared profile is priced since always (a model that adopts it later gives its own version a date)',
        '"2026-01-01"',
      ],
      ['MISSING_CELL', 'rules/dated.json', '/profiles/dated/prices/1/price/credits', '2 entries: one price per duration (5, 10 s)', '1'],
    ]);
  });

  it('check a model`s own tables: per resolution, per duration, and every row of a matrix', () => {
    expect(
      issuesOf(
        file('own', {
          models: [
            model('a', { kind: 'per-resolution', resolutions: ['1K', '2K'], credits: [1] }),
            model('b', perDuration([5], [1, 2])),
            model(
              'c',
              matrix(
                [5, 10],
                ['720p'],
                [
                  [1, 2],
                  [3, 4],
                ],
              ),
            ),
            model('d', matrix([5, 10, 5], ['720p'], [[1, 2, 3]])),
          ],
        }),
      ),
    ).toEqual([
      ['MISSING_CELL', 'rules/own.json', '/models/0/price/credits', '2 entries: one price per resolution (1K, 2K)', '1'],
      ['EXTRA_CELL', 'rules/own.json', '/models/1/price/credits', '1 entry: one price per duration (5 s)', '2'],
      ['EXTRA_CELL', 'rules/own.json', '/models/2/price/credits', '1 entry: one row per resolution (720p)', '2'],
      ['DUPLICATE_AXIS_VALUE', 'rules/own.json', '/models/3/price/durations/2', 'each duration once', '"5" again (first at index 0)'],
    ]);
  });

  it('list every issue in the order of the files given, then by line and column', () => {
    const zeta = file('zeta', { models: [model('x', perDuration([5], [1])), model('x', perDuration([5, 5], [1, 2, 3]))] });
    const alpha = file('alpha', { models: [model('y', { kind: 'flat', credits: 'one' }), model('z', perDuration([5], [1, 2]))] });
    // alpha.json breaks the schema, so its extra cell is not checked: its shape cannot be trusted.
    const issues = checkRuleSources([zeta, alpha]).issues.map((i) => [i.file, i.line, i.col, i.code]);
    expect(issues).toEqual([
      ['rules/zeta.json', 25, 13, 'DUPLICATE_MODEL'],
      ['rules/zeta.json', 33, 11, 'DUPLICATE_AXIS_VALUE'],
      ['rules/zeta.json', 35, 20, 'EXTRA_CELL'],
      ['rules/alpha.json', 12, 20, 'SCHEMA'],
    ]);
  });

  it('find model ids and profile names declared twice, in any file', () => {
    const table = perDuration([5], [1]);
    expect(
      issuesOf(
        file('one', { profiles: { p: table }, models: [model('a', table)] }),
        file('two', { profiles: { p: table }, models: [model('a', { profile: 'p' })] }),
      ),
    ).toEqual([
      [
        'DUPLICATE_PROFILE',
        'rules/two.json',
        '/profiles/p',
        'profile "p" declared once (first at rules/one.json:5:10)',
        'a second declaration',
      ],
      [
        'DUPLICATE_MODEL',
        'rules/two.json',
        '/models/0/id',
        'model "a" defined once (first at rules/one.json:17:13)',
        'a second definition',
      ],
    ]);
  });

  it('refuse a model with image and video modes, and a profile that is not declared', () => {
    expect(
      issuesOf(
        file('mixed', {
          models: [
            model('a', { kind: 'flat', credits: 3 }, { modes: ['text-to-image', 'text-to-video'] }),
            model('b', { profile: 'nowhere' }),
          ],
        }),
      ),
    ).toEqual([
      ['MIXED_MODES', 'rules/mixed.json', '/models/0/modes', 'image modes only or video modes only', 'text-to-image, text-to-video'],
      ['UNKNOWN_PROFILE', 'rules/mixed.json', '/models/1/price/profile', 'a declared profile (none)', 'no profile is declared'],
    ]);
  });

  it('refuse a value listed as refused that a version or its profile prices, however it is spelled', () => {
    const unpriced = (parameter: string, value: string) => ({ parameter, value, reason: 'The price list does not price it.' });
    expect(
      issuesOf(
        file('unpriced', {
          profiles: { p: matrix([5, 10], ['720p'], [[1, 2]]) },
          models: [
            model(
              'a',
              { profile: 'p' },
              { unpriced: [unpriced('duration', '10s'), unpriced('resolution', '720P'), unpriced('duration', '15s')] },
            ),
            model('b', { kind: 'flat', credits: 3, clipSeconds: 8 }, { unpriced: [unpriced('duration', '8'), unpriced('duration', '10')] }),
            model('c', { kind: 'flat', credits: 3 }, { unpriced: [unpriced('duration', '8')] }),
          ],
        }),
      ),
    ).toEqual([
      [
        'UNPRICED_VALUE_PRICED',
        'rules/unpriced.json',
        '/models/0/unpriced/0/value',
        'a duration no price version prices',
        '"10s", which it prices',
      ],
      [
        'UNPRICED_VALUE_PRICED',
        'rules/unpriced.json',
        '/models/0/unpriced/1/value',
        'a resolution no price version prices',
        '"720P", which it prices',
      ],
      [
        'UNPRICED_VALUE_PRICED',
        'rules/unpriced.json',
        '/models/1/unpriced/0/value',
        'a duration no price version prices',
        '"8", which it prices',
      ],
    ]);
  });

  it('refuse a version dated before 1970, which the SQL export would read as "since always" or could not store', () => {
    const dated = (from: string) =>
      file('dated', {
        models: [
          {
            id: 'm',
            modes: ['text-to-video'],
            prices: [{ price: perDuration([5], [1]) }, { from, price: perDuration([5], [2]), reason: 'a rise' }],
            source,
          },
        ],
      });
    const problems = (from: string) => checkRuleSources([dated(from)]).issues.map((i) => [i.code, i.expected, i.received]);
    for (const from of ['0001-01-01', '0000-06-01', '1969-12-31T23:59:59.999Z']) {
      expect(problems(from)).toEqual([['INVALID_DATE', 'an instant from 1970-01-01 on (no price list is older)', JSON.stringify(from)]]);
    }
    expect(problems('1970-01-01')).toEqual([]);
  });

  it('accept rules without any of these problems', () => {
    expect(
      issuesOf(
        file('fine', {
          profiles: {
            p: matrix(
              [5, 10],
              ['720p', '1080p'],
              [
                [1, 2],
                [3, 4],
              ],
            ),
          },
          models: [model('a', { profile: 'p' }), model('b', perDuration([5, 10], [1, 2]))],
        }),
      ),
    ).toEqual([]);
  });
});
