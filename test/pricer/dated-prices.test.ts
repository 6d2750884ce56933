import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compilePricer, createPricer, loadRuleSet, parseRuleSet, PricingError } from '../../src/index.js';
import { thrown } from '../support/thrown.js';
import { madeByFirstTest } from '../support/mutation.js';

const DATED = 'test/fixtures/dated-rules';
const dated = madeByFirstTest(() => createPricer(DATED));
const kling = { model: 'kling/v2-1-standard', duration: 10 };
const JAN = Date.UTC(2027, 0, 1);
const JUNE = Date.UTC(2027, 5, 1, 10); // 2027-06-01T12:00:00+02:00
const MARCH = Date.UTC(2027, 2, 1);
const MAY = Date.UTC(2027, 4, 1);
const FEB = Date.UTC(2027, 1, 1);

const refusal = (run: () => unknown): PricingError => thrown(run, PricingError);

describe('a model with dated versions', () => {
  it('prices at the old price one millisecond before the next from, and at the new price from that instant on', () => {
    expect(dated().quote(kling, { at: JAN - 1 })).toEqual({
      model: 'kling/v2-1-standard',
      mode: 'image-to-video',
      credits: 22,
      duration: 10,
      effectiveFrom: null,
      assumptions: [],
      version: dated().version,
    });
    expect(dated().quote(kling, { at: JAN })).toEqual({
      model: 'kling/v2-1-standard',
      mode: 'image-to-video',
      credits: 24,
      duration: 10,
      effectiveFrom: '2027-01-01T00:00:00.000Z',
      assumptions: [],
      version: dated().version,
    });
    expect(dated().quote(kling, { at: JUNE - 1 }).credits).toBe(24);
    expect(dated().quote(kling, { at: JUNE })).toMatchObject({ credits: 26, effectiveFrom: '2027-06-01T10:00:00.000Z' });
  });

  it('takes the instant as a Date, an ISO string with Z or an offset, a date, or epoch milliseconds', () => {
    expect(dated().quote(kling, { at: new Date(JAN) }).credits).toBe(24);
    expect(dated().quote(kling, { at: '2026-12-31T23:59:59.999Z' }).credits).toBe(22);
    expect(dated().quote(kling, { at: '2027-01-01' }).credits).toBe(24);
    expect(dated().quote(kling, { at: '2027-01-01T00:59:59.999+01:00' }).credits).toBe(22);
    expect(dated().quote(kling, { at: '2027-06-01T12:00:00+02:00' }).credits).toBe(26);
    expect(dated().quote(kling, { at: '2027-06-01T11:59:59-00:00' }).credits).toBe(26);
  });

  it('prices at the current time without an instant', () => {
    // 2026-11-24 and later dates all fall in one of the fixture's versions; the clock decides which.
    const now = Date.now();
    const expected = now < JAN ? 22 : now < JUNE ? 24 : 26;
    expect(dated().quote(kling).credits).toBe(expected);
  });

  it.each([
    ['tomorrow', '"tomorrow"'],
    ['2027-02-30', '"2027-02-30"'],
    ['2027-01-01T24:00:00Z', '"2027-01-01T24:00:00Z"'],
    ['2027-01-01T10:00:00', '"2027-01-01T10:00:00"'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [9e15, '9000000000000000'],
    [new Date('not a date'), 'an invalid Date'],
    [{}, 'an object'],
    [[2027], 'an array'],
    [null, 'null'],
  ])('refuses the instant %j as an invalid parameter naming at', (at, received) => {
    for (const pricer of [dated(), createPricer()]) {
      const error = refusal(() => pricer.quote(kling, { at: at as string }));
      expect({ code: error.code, parameter: error.parameter, received: error.received }).toEqual({
        code: 'INVALID_PARAMETER',
        parameter: 'at',
        received,
      });
      expect(error.allowed).toEqual([
        'a Date',
        'an ISO 8601 date (2027-01-01, midnight UTC)',
        'a date-time with Z or an offset (2027-01-01T09:30:00Z)',
        'epoch milliseconds',
      ]);
    }
  });

  it('reads a Date from another realm by its time value, and refuses an object that only inherits from Date', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2027, 0, 1))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(dated().quote(kling, { at: foreign }).credits).toBe(24);
    const fake = Object.create(Date.prototype) as Date;
    const error = refusal(() => dated().quote(kling, { at: fake }));
    expect({ code: error.code, parameter: error.parameter, received: error.received }).toEqual({
      code: 'INVALID_PARAMETER',
      parameter: 'at',
      received: 'an object that inherits from Date but holds no time',
    });
  });

  it('carries the version of the rules in every quote, the same as the pricer`s', () => {
    const quote = dated().quote(kling, { at: JAN });
    expect(quote.version).toBe(dated().version);
    expect(quote.version).toMatch(/^[0-9a-f]{16}$/);
    expect(createPricer().quote({ model: 'veo3' }).version).toBe(createPricer().version);
    expect(quote.version).not.toBe(createPricer().version);
  });

  it('refuses a request before the model is first priced, saying from when it is', () => {
    const error = refusal(() => dated().quote({ model: 'veo3_lite' }, { at: FEB - 1 }));
    expect({ code: error.code, parameter: error.parameter, allowed: error.allowed, received: error.received }).toEqual({
      code: 'UNSUPPORTED_VALUE',
      parameter: 'at',
      allowed: ['from 2027-02-01T00:00:00.000Z'],
      received: '2027-01-31T23:59:59.999Z',
    });
    expect(error.message).toBe(
      'veo3_lite: at 2027-01-31T23:59:59.999Z is not priced (the model is not priced before its first price version); allowed: from 2027-02-01T00:00:00.000Z',
    );
    expect(dated().quote({ model: 'veo3_lite' }, { at: FEB })).toMatchObject({ credits: 5, effectiveFrom: '2027-02-01T00:00:00.000Z' });
  });

  it('moves every model of a dated profile together, until a model leaves it', () => {
    const standard = (model: string, at: number) => dated().quote({ model, duration: 5 }, { at }).credits;
    expect([standard('hailuo/02-text-to-video-standard', MARCH - 1), standard('hailuo/02-image-to-video-standard', MARCH - 1)]).toEqual([
      13, 13,
    ]);
    expect([standard('hailuo/02-text-to-video-standard', MARCH), standard('hailuo/02-image-to-video-standard', MARCH)]).toEqual([14, 14]);
    expect([standard('hailuo/02-text-to-video-standard', MAY), standard('hailuo/02-image-to-video-standard', MAY)]).toEqual([14, 15]);
    const versions = loadRuleSet(DATED).models.find((m) => m.id === 'hailuo/02-image-to-video-standard')?.versions;
    expect(versions?.map((v) => [v.effectiveFrom, v.profile ?? null, v.reason ?? null])).toEqual([
      [null, 'hailuo-standard', null],
      ['2027-03-01T00:00:00.000Z', 'hailuo-standard', 'Hypothetical test data: the shared profile is repriced.'],
      ['2027-05-01T00:00:00.000Z', null, 'Hypothetical test data: the model leaves the shared profile.'],
    ]);
  });

  it('a model that joins a dated profile follows only the profile versions in force while it is a member', () => {
    const perDuration = (credits: [number, number]) => ({ kind: 'per-duration', durations: [5, 10], credits });
    const source = { section: 'Video models', row: 'hypothetical row' };
    const rules = {
      $schema: '../schemas/rule-file.schema.json',
      family: 'joining',
      profiles: {
        shared: {
          prices: [
            { price: perDuration([10, 20]) },
            { from: '2027-02-01', price: perDuration([11, 22]), reason: 'profile rise 1' },
            { from: '2027-04-01', price: perDuration([12, 24]), reason: 'profile rise 2' },
            { from: '2027-06-01', price: perDuration([13, 26]), reason: 'profile rise 3' },
          ],
        },
      },
      models: [
        {
          id: 'joins-between',
          modes: ['text-to-video'],
          prices: [
            { price: perDuration([1, 2]) },
            { from: '2027-03-01', price: { profile: 'shared' }, reason: 'joins' },
            { from: '2027-06-01', price: perDuration([9, 18]), reason: 'leaves' },
          ],
          source,
        },
        {
          id: 'joins-on-a-profile-date',
          modes: ['text-to-video'],
          prices: [{ price: perDuration([1, 2]) }, { from: '2027-04-01', price: { profile: 'shared' }, reason: 'joins' }],
          source,
        },
        { id: 'member-since-always', modes: ['text-to-video'], price: { profile: 'shared' }, source },
      ],
    };
    const ruleSet = parseRuleSet([{ file: 'joining.json', text: JSON.stringify(rules) }]);
    const history = (id: string) =>
      ruleSet.models
        .find((m) => m.id === id)
        ?.versions.map((v) => [
          v.effectiveFrom?.slice(0, 10) ?? null,
          v.profile ?? null,
          v.price.kind === 'per-duration' ? v.price.credits : null,
          v.reason ?? null,
          v.source?.row ?? null,
        ]);
    expect(history('joins-between')).toEqual([
      [null, null, [1, 2], null, 'hypothetical row'],
      ['2027-03-01', 'shared', [11, 22], 'joins', null],
      ['2027-04-01', 'shared', [12, 24], 'profile rise 2', null],
      ['2027-06-01', null, [9, 18], 'leaves', null],
    ]);
    expect(history('joins-on-a-profile-date')).toEqual([
      [null, null, [1, 2], null, 'hypothetical row'],
      ['2027-04-01', 'shared', [12, 24], 'joins', null],
      ['2027-06-01', 'shared', [13, 26], 'profile rise 3', null],
    ]);
    expect(history('member-since-always')).toEqual([
      [null, 'shared', [10, 20], null, 'hypothetical row'],
      ['2027-02-01', 'shared', [11, 22], 'profile rise 1', null],
      ['2027-04-01', 'shared', [12, 24], 'profile rise 2', null],
      ['2027-06-01', 'shared', [13, 26], 'profile rise 3', null],
    ]);
    const pricer = compilePricer(ruleSet);
    const at = (iso: string) => Date.parse(iso);
    expect(
      ['2027-02-28T23:59:59.999Z', '2027-03-01', '2027-04-01', '2027-05-31T23:59:59.999Z', '2027-06-01'].map(
        (t) => pricer.quote({ model: 'joins-between', duration: 10 }, { at: at(t) }).credits,
      ),
    ).toEqual([2, 22, 24, 24, 18]);
  });

  it('a model definition carries only the fields its rule declares', () => {
    const model = loadRuleSet(DATED).models.find((m) => m.id === 'kling/v2-1-standard');
    expect(Object.keys(model ?? {})).toEqual(['id', 'modes', 'versions', 'unpriced', 'source', 'location']);
    expect(model?.versions.map((v) => Object.keys(v))).toEqual([
      ['from', 'effectiveFrom', 'price', 'assumptions', 'source', 'location'],
      ['from', 'effectiveFrom', 'price', 'assumptions', 'reason', 'location'],
      ['from', 'effectiveFrom', 'price', 'assumptions', 'reason', 'location'],
    ]);
    const member = loadRuleSet(DATED).models.find((m) => m.id === 'hailuo/02-text-to-video-standard');
    expect(Object.keys(member ?? {})).toEqual(['id', 'modes', 'maxInputImages', 'versions', 'unpriced', 'source', 'location']);
    expect(member?.versions.map((v) => Object.keys(v))).toEqual([
      ['from', 'effectiveFrom', 'price', 'profile', 'assumptions', 'source', 'location'],
      ['from', 'effectiveFrom', 'price', 'profile', 'assumptions', 'reason', 'location'],
    ]);
  });

  it('answers pricePoints, range and models for an instant', () => {
    expect(
      dated()
        .pricePoints('kling/v2-1-standard', { at: JAN - 1 })
        .map((p) => p.credits),
    ).toEqual([11, 22]);
    expect(
      dated()
        .pricePoints('kling/v2-1-standard', { at: JAN })
        .map((p) => p.credits),
    ).toEqual([12, 24]);
    expect(dated().range('kling/v2-1-standard', { at: JUNE })).toEqual({ min: 13, max: 26 });
    expect(
      dated()
        .models({ at: FEB - 1 })
        .map((m) => m.id),
    ).toEqual(['kling/v2-1-standard', 'hailuo/02-text-to-video-standard', 'hailuo/02-image-to-video-standard']);
    expect(
      dated()
        .models({ at: FEB })
        .map((m) => [m.id, m.effectiveFrom]),
    ).toEqual([
      ['kling/v2-1-standard', '2027-01-01T00:00:00.000Z'],
      ['hailuo/02-text-to-video-standard', null],
      ['hailuo/02-image-to-video-standard', null],
      ['veo3_lite', '2027-02-01T00:00:00.000Z'],
    ]);
    expect(dated().pricePoints(undefined, { at: FEB - 1 })).toHaveLength(6);
    expect(dated().pricePoints(undefined, { at: FEB })).toHaveLength(7);
    expect(() => dated().range('veo3_lite', { at: FEB - 1 })).toThrow(PricingError);
  });
});

describe('the bundled rules', () => {
  const pricer = madeByFirstTest(() => createPricer());

  it('have no dated version: every quote is in force since always, at any instant', () => {
    for (const at of [0, JAN, '1999-01-01', new Date(8.64e15)]) {
      expect(pricer().quote({ model: 'sora-2-text-to-video', duration: 10, resolution: '1080p' }, { at })).toMatchObject({
        credits: 15,
        effectiveFrom: null,
      });
    }
    expect(loadRuleSet().models.every((m) => m.versions.length === 1 && m.versions[0]?.from === null)).toBe(true);
  });

  it('have a version: 16 hex digits, the same for every pricer of the same rules', () => {
    expect(pricer().version).toMatch(/^[0-9a-f]{16}$/);
    expect(createPricer().version).toBe(pricer().version);
    expect(dated().version).not.toBe(pricer().version);
  });
});
