import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AT_FACT,
  checkRuleSources,
  compilePricer,
  createPricer,
  formatRuleIssue,
  loadRuleSet,
  parseRuleSet,
  PRICE_EVENT,
  PricingError,
  readRuleSources,
  toRulesEngine,
  type PriceRequest,
  type RuleSource,
} from '../src/index.js';
import { lintRuleSources } from '../src/review/index.js';
import { renderPricingMarkdown } from '../src/docs/index.js';
import { sha256Hex } from '../src/primitives/sha256.js';
import { thrown } from './support/thrown.js';
import { madeByFirstTest } from './support/mutation.js';
import { cli } from './support/run-cli.js';

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
    });
    expect(dated().quote(kling, { at: JAN })).toEqual({
      model: 'kling/v2-1-standard',
      mode: 'image-to-video',
      credits: 24,
      duration: 10,
      effectiveFrom: '2027-01-01T00:00:00.000Z',
      assumptions: [],
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
    [{}, 'a object'],
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

describe('version', () => {
  const sources = readRuleSources();
  const versionOf = (list: readonly RuleSource[]) => compilePricer(parseRuleSet(list)).version;
  const base = madeByFirstTest(() => versionOf(sources));
  const edit = (file: string, change: (rules: any) => void): RuleSource[] =>
    sources.map((s) => {
      if (!s.file.endsWith(file)) return s;
      const rules = JSON.parse(s.text);
      change(rules);
      return { file: s.file, text: JSON.stringify(rules, null, 2) };
    });

  it('is invariant under reformatting, key order and file order', () => {
    const reformatted = sources.map((s) => ({ file: s.file, text: JSON.stringify(JSON.parse(s.text)) }));
    const reordered = [...sources].reverse();
    const renamed = sources.map((s, i) => ({ file: `elsewhere/${i}.json`, text: s.text }));
    const keysReversed = sources.map((s) => ({
      file: s.file,
      text: JSON.stringify(
        JSON.parse(s.text),
        (_key, value) =>
          value !== null && typeof value === 'object' && !Array.isArray(value)
            ? Object.fromEntries(Object.entries(value).reverse())
            : value,
        4,
      ),
    }));
    expect([versionOf(reformatted), versionOf(reordered), versionOf(renamed), versionOf(keysReversed)]).toEqual([
      base(),
      base(),
      base(),
      base(),
    ]);
  });

  it('changes under a price, a mode, a limit, a refused value, an assumption or a date', () => {
    const changed = [
      edit('10-gpt-image.json', (r) => (r.models[0].price.credits = 4)),
      edit('40-sora-2.json', (r) => (r.profiles['sora-2'].credits[1][2] = 31)),
      edit('80-seedance.json', (r) => (r.models[0].modes = ['text-to-video'])),
      edit('10-gpt-image.json', (r) => (r.models[0].maxInputImages = 5)),
      edit('20-nano-banana.json', (r) => (r.models[2].unpriced[0].value = '8K')),
      edit('70-wan.json', (r) => (r.profiles['wan-2-6'].assumptions[0].about = 'durations 4, 8 and 12 s')),
      edit('10-gpt-image.json', (r) => {
        r.models[0].prices = [
          { price: r.models[0].price },
          { from: '2027-01-01', price: { kind: 'flat', credits: 3 }, reason: 'same price, new version' },
        ];
        delete r.models[0].price;
      }),
    ].map(versionOf);
    expect(new Set([base(), ...changed]).size).toBe(changed.length + 1);
  });

  it("is invariant under the order of a table's axes, a model's modes, its refused values and its assumptions", () => {
    const withSecondRefusal = (r: any) =>
      r.models[2].unpriced.push({ parameter: 'resolution', value: '8K', reason: 'hypothetical second refusal' });
    const withSecondAssumption = (r: any) =>
      r.profiles['sora-2'].assumptions.push({ about: 'a second assumption', reason: 'hypothetical' });
    const twoRefusals = versionOf(edit('20-nano-banana.json', withSecondRefusal));
    const twoAssumptions = versionOf(edit('40-sora-2.json', withSecondAssumption));
    expect(new Set([base(), twoRefusals, twoAssumptions]).size).toBe(3);
    const reordered = {
      resolutions: versionOf(
        edit('20-nano-banana.json', (r) => {
          r.models[1].price.resolutions.reverse();
          r.models[1].price.credits.reverse();
        }),
      ),
      durations: versionOf(
        edit('40-sora-2.json', (r) => {
          r.profiles['sora-2'].durations.reverse();
          for (const row of r.profiles['sora-2'].credits as number[][]) row.reverse();
        }),
      ),
      matrixRows: versionOf(
        edit('40-sora-2.json', (r) => {
          r.profiles['sora-2'].resolutions.reverse();
          r.profiles['sora-2'].credits.reverse();
        }),
      ),
      modes: versionOf(edit('10-gpt-image.json', (r) => r.models[0].modes.reverse())),
      refusals: versionOf(
        edit('20-nano-banana.json', (r) => {
          withSecondRefusal(r);
          r.models[2].unpriced.reverse();
        }),
      ),
      refusalCase: versionOf(edit('20-nano-banana.json', (r) => (r.models[2].unpriced[0].value = '1k'))),
      assumptions: versionOf(
        edit('40-sora-2.json', (r) => {
          withSecondAssumption(r);
          r.profiles['sora-2'].assumptions.reverse();
        }),
      ),
    };
    expect(reordered).toEqual({
      resolutions: base(),
      durations: base(),
      matrixRows: base(),
      modes: base(),
      refusals: twoRefusals,
      refusalCase: base(),
      assumptions: twoAssumptions,
    });
  });

  it('changes when a price moves to another resolution or a clip length changes', () => {
    const moved = versionOf(edit('20-nano-banana.json', (r) => r.models[1].price.credits.reverse()));
    const perResolutionRise = versionOf(edit('20-nano-banana.json', (r) => (r.models[1].price.credits[2] = 9)));
    const clip = versionOf(edit('60-veo.json', (r) => (r.models[0].price.clipSeconds = 10)));
    expect(new Set([base(), moved, perResolutionRise, clip]).size).toBe(4);
  });

  it('ignores prose: provenance rows, notes and reasons', () => {
    expect(versionOf(edit('10-gpt-image.json', (r) => (r.models[0].note = 'Another note.')))).toBe(base());
    expect(versionOf(edit('40-sora-2.json', (r) => (r.profiles['sora-2'].assumptions[0].reason = 'Another reason.')))).toBe(base());
  });

  it('hashes with SHA-256: the digest of any text equals node:crypto`s', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 300 },
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('laws of dated prices', () => {
  /** The dated fixture's rules, and instants drawn around its version boundaries. */
  const fixture = madeByFirstTest(() => {
    const ruleSet = loadRuleSet(DATED);
    const boundaries = ruleSet.models.flatMap((m) => m.versions.flatMap((v) => (v.from === null ? [] : [v.from])));
    const nearBoundary = fc.tuple(fc.constantFrom(...boundaries), fc.integer({ min: -86_400_000, max: 86_400_000 })).map(([b, d]) => b + d);
    const instant = fc.oneof(
      nearBoundary,
      fc.constantFrom(...boundaries.flatMap((b) => [b - 1, b])),
      fc.integer({ min: JAN - 400 * 86_400_000, max: JUNE + 400 * 86_400_000 }),
    );
    return { ruleSet, instant, model: fc.constantFrom(...ruleSet.models) };
  });

  it('a quote at an instant equals the price of the version whose interval contains it', () => {
    const { ruleSet, instant, model } = fixture();
    fc.assert(
      fc.property(model, instant, (m, at) => {
        const containing = m.versions.filter((v, i) => (v.from === null || v.from <= at) && (m.versions[i + 1]?.from ?? Infinity) > at);
        expect(containing.length).toBeLessThanOrEqual(1);
        const version = containing[0];
        if (version === undefined) {
          expect(refusal(() => dated().quote({ model: m.id, duration: 8 }, { at })).parameter).toBe('at');
          return;
        }
        for (const point of compilePricer(ruleSet).pricePoints(m.id, { at: version.from ?? -8.64e15 })) {
          const request = { model: m.id, ...(point.duration === undefined ? {} : { duration: point.duration }) };
          expect(dated().quote(request, { at })).toMatchObject({ credits: point.credits, effectiveFrom: version.effectiveFrom });
        }
      }),
      { numRuns: 400 },
    );
  });

  it('at from − 1 ms the previous version is in force, at from the new one', () => {
    const { ruleSet } = fixture();
    for (const m of ruleSet.models) {
      m.versions.forEach((v, i) => {
        if (v.from === null) return;
        const request = { model: m.id, duration: v.price.kind === 'flat' ? v.price.clipSeconds : 5 };
        const before = m.versions[i - 1];
        if (before === undefined) expect(() => dated().quote(request, { at: v.from! - 1 })).toThrow(PricingError);
        else expect(dated().quote(request, { at: v.from - 1 }).effectiveFrom).toBe(before.effectiveFrom);
        expect(dated().quote(request, { at: v.from }).effectiveFrom).toBe(v.effectiveFrom);
      });
    }
  });

  it('adding a future version never changes a quote before its from', () => {
    const text = readFileSync(`${DATED}/dated.json`, 'utf8');
    fc.assert(
      fc.property(
        fc.integer({ min: JUNE + 1, max: JUNE + 3 * 365 * 86_400_000 }),
        fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })),
        fc.integer({ min: JAN - 365 * 86_400_000, max: JUNE + 3 * 365 * 86_400_000 }),
        (from, credits, at) => {
          const rules = JSON.parse(text);
          rules.models[0].prices.push({
            from: new Date(from).toISOString(),
            price: { kind: 'per-duration', durations: [5, 10], credits },
            reason: 'a future change',
          });
          const after = compilePricer(parseRuleSet([{ file: 'dated.json', text: JSON.stringify(rules) }]));
          const quoteAt = at < from ? at : from - 1;
          expect(after.quote(kling, { at: quoteAt })).toEqual(dated().quote(kling, { at: quoteAt }));
          expect(after.quote(kling, { at: from }).credits).toBe(credits[1]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the compiled pricer and toRulesEngine agree at every instant around every boundary', async () => {
    const { ruleSet, instant } = fixture();
    const engine = toRulesEngine(ruleSet);
    const request = fc.record(
      { model: fc.constantFrom(...ruleSet.models.map((m) => m.id)), duration: fc.constantFrom(5, 8, 10, undefined) },
      { requiredKeys: ['model'] },
    );
    await fc.assert(
      fc.asyncProperty(request, instant, async (req, at) => {
        let expected: unknown;
        try {
          expected = dated().quote(req as PriceRequest, { at });
        } catch (error) {
          expected = error;
        }
        const { events } = await engine.run({ ...req, [AT_FACT]: at });
        const prices = events.filter((e) => e.type === PRICE_EVENT).map((e) => e.params);
        expect(prices).toEqual(expected instanceof PricingError ? [] : [expected]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('rule files with versions are refused at file:line:col', () => {
  const problems = (dir: string) => checkRuleSources(readRuleSources(dir)).issues.map(formatRuleIssue);

  it('price and prices together, neither, an unparseable date (JSON Schema)', () => {
    const file = 'test/fixtures/broken-rules/versions-schema/kling.json';
    expect(problems('test/fixtures/broken-rules/versions-schema')).toEqual([
      `${file}:5:5: expected exactly one of the properties "price" or "prices", found both`,
      `${file}:12:5: expected exactly one of the properties "price" or "prices", found neither`,
      `${file}:22:19: expected a string matching ^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$ (An ISO 8601 date (2027-01-01, midnight UTC) or date-time with Z or an offset (2027-01-01T09:30:00+02:00)), found "next year"`,
    ]);
  });

  it('unsorted or duplicate from, a missing from after the first, an impossible date, a dated profile start, a change without provenance', () => {
    const file = 'test/fixtures/broken-rules/versions/hailuo.json';
    expect(problems('test/fixtures/broken-rules/versions')).toEqual([
      `${file}:7:19: expected a first profile version without "from": a shared profile is priced since always (a model that adopts it later gives its own version a date), found "2026-01-01"`,
      `${file}:18:19: expected versions in ascending "from" order, after 2027-06-01, found "2027-01-01"`,
      `${file}:19:19: expected each instant once (version 3 starts at 2027-01-01), found "2027-01-01T00:00:00Z" again`,
      `${file}:20:9: expected a "from" instant: only the first version may omit it (in force since always), found a version without "from"`,
      `${file}:21:19: expected a real calendar instant: an ISO 8601 date (2027-01-01) or date-time with Z or an offset, found "2027-02-30"`,
      `${file}:22:9: expected a "source" (the price list row) or a "reason" for the change, found a version with neither`,
      `${file}:31:56: expected a duration no price version prices, found "10s", which it prices`,
    ]);
  });
});

describe('the CLI at an instant', () => {
  it('quotes with --at: the old price one millisecond before, the new one from the instant', async () => {
    expect(await cli(['quote', 'kling/v2-1-standard', '--duration', '10', '--rules', DATED, '--at', '2026-12-31T23:59:59.999Z'])).toEqual({
      code: 0,
      stdout: 'kling/v2-1-standard (image-to-video, 10s): 22 credits\n',
      stderr: '',
    });
    expect(await cli(['quote', 'kling/v2-1-standard', '--duration', '10', '--rules', DATED, '--at', '2027-01-01'])).toEqual({
      code: 0,
      stdout: 'kling/v2-1-standard (image-to-video, 10s): 24 credits\n',
      stderr: '',
    });
    const json = await cli(['quote', 'kling/v2-1-standard', '--duration', '10', '--rules', DATED, '--at', '2027-01-01', '--json']);
    expect(JSON.parse(json.stdout)).toEqual({
      model: 'kling/v2-1-standard',
      mode: 'image-to-video',
      credits: 24,
      duration: 10,
      effectiveFrom: '2027-01-01T00:00:00.000Z',
      assumptions: [],
    });
  });

  it('lists the prices in force with --at', async () => {
    const { code, stdout } = await cli(['list', '--model', 'kling/v2-1-standard', '--rules', DATED, '--at', '2027-06-01T10:00:00Z']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'MODEL                MODES           DURATION  RESOLUTION  CREDITS',
        'kling/v2-1-standard  image-to-video  5s        -                13',
        'kling/v2-1-standard  image-to-video  10s       -                26',
        '',
      ].join('\n'),
    );
  });

  it('refuses an --at that is not an instant as a usage error', async () => {
    expect(await cli(['quote', 'veo3', '--at', '2027-02-30'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pricing: --at expects an ISO 8601 date (2027-01-01, midnight UTC) or a date-time with Z or an offset (2027-01-01T09:30:00Z), found "2027-02-30"\nSee "pricing quote --help".\n',
    });
    expect((await cli(['list', '--at', 'soon'])).code).toBe(2);
  });
});

describe('the pricing page with dated versions', () => {
  it('shows the prices in force, the scheduled changes with their dates and old → new, and the price history', () => {
    const page = renderPricingMarkdown(loadRuleSet(DATED), Date.UTC(2027, 2, 15));
    expect(page).toContain('| kling/v2-1-standard | image-to-video | 12, 24 | 5s = 12, 10s = 24. |');
    expect(page).toContain(
      [
        '## Scheduled price changes',
        '',
        'Prices already decided that come into force later. Each applies to requests submitted from that instant (midnight UTC for a date).',
        '',
        '| Model ID | From | Credits per call | Why |',
        '|---|---|---|---|',
        '| hailuo/02-image-to-video-standard | 2027-05-01 | 14, 23 → 15, 25 | Hypothetical test data: the model leaves the shared profile. |',
        '| kling/v2-1-standard | 2027-06-01T10:00:00.000Z | 12, 24 → 13, 26 | Hypothetical test data: a rise at an instant with an offset. |',
        '',
        '## Price history',
        '',
        'Prices no longer in force. A task is charged the price in force when it was submitted, so past tasks are repriced with these.',
        '',
        '| Model ID | In force | Credits per call | Why |',
        '|---|---|---|---|',
        '| kling/v2-1-standard | since always until 2027-01-01 | 11, 22 |  |',
        '| hailuo/02-text-to-video-standard | since always until 2027-03-01 | 13, 21 |  |',
        '| hailuo/02-image-to-video-standard | since always until 2027-03-01 | 13, 21 |  |',
        '',
      ].join('\n'),
    );
  });

  it('is the same for the bundled rules at any instant: they have no dated version', () => {
    const ruleSet = loadRuleSet();
    expect(renderPricingMarkdown(ruleSet, 0)).toBe(renderPricingMarkdown(ruleSet, Date.UTC(2030, 0, 1)));
    expect(renderPricingMarkdown(ruleSet, 0)).toBe(readFileSync('docs/pricing.md', 'utf8'));
  });
});

describe('lint of a change to prices already in force', () => {
  const sources = readRuleSources();
  const changed = sources.map((s) => {
    if (!s.file.endsWith('10-gpt-image.json')) return s;
    const rules = JSON.parse(s.text);
    rules.models[0].price.credits = 4;
    return { file: s.file, text: JSON.stringify(rules, null, 2) };
  });

  it('warns when a price in force changes in place without a correction', () => {
    const issues = lintRuleSources(changed, { base: parseRuleSet(sources), at: JAN });
    expect(issues.map(formatRuleIssue)).toEqual([
      'rules/10-gpt-image.json:12:16: warning: expected a new dated version for a price change, or a "correction" saying why the price in force since always was wrong, found 3 changed in place to 4',
      // The page row still says 3: the same edit also disagrees with its provenance.
      "rules/10-gpt-image.json:18:16: warning: expected the row's credits to match the price table (4), found 3",
    ]);
  });

  it('is quiet when the version says it is a correction, or without a base', () => {
    const corrected = changed.map((s) => {
      if (!s.file.endsWith('10-gpt-image.json')) return s;
      const rules = JSON.parse(s.text);
      rules.models[0].prices = [{ price: rules.models[0].price, correction: 'the list was misread: it says 4' }];
      delete rules.models[0].price;
      return { file: s.file, text: JSON.stringify(rules, null, 2) };
    });
    const historyIssues = (issues: readonly { code: string }[]) => issues.filter((i) => i.code === 'HISTORY_EDIT_WITHOUT_CORRECTION');
    expect(historyIssues(lintRuleSources(corrected, { base: parseRuleSet(sources), at: JAN }))).toEqual([]);
    expect(historyIssues(lintRuleSources(changed))).toEqual([]);
    expect(historyIssues(lintRuleSources(changed, { base: parseRuleSet(sources), at: JAN }))).toHaveLength(1);
  });
});
