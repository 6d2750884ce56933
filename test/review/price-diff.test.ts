import { describe, expect, it } from 'vitest';
import { parseRuleSet, readRuleSources, type RuleSource } from '../../src/index.js';
import { breakingChanges, diffRuleSets } from '../../src/review/index.js';

/** The bundled rule files with one file edited. */
const edited = (file: string, change: (rules: any) => void): RuleSource[] =>
  readRuleSources().map((s) => {
    if (!s.file.endsWith(file)) return s;
    const rules = JSON.parse(s.text);
    change(rules);
    return { file: s.file, text: JSON.stringify(rules, null, 2) };
  });

/** The diff from the bundled rules to the edited ones, as the review reads it. */
const diffTo = (head: RuleSource[]) => diffRuleSets(parseRuleSet(readRuleSources()), parseRuleSet(head), { at: Date.UTC(2026, 10, 24) });
const breaking = (head: RuleSource[], options = {}) => breakingChanges(diffTo(head), options).map((b) => `${b.model}: ${b.reason}`);

describe('the price diff of a model`s input-image limit', () => {
  const limit = (id: string, value: number | undefined, file = '20-nano-banana.json') =>
    edited(file, (r) => {
      const model = r.models.find((m: { id: string }) => m.id === id);
      if (value === undefined) delete model.maxInputImages;
      else model.maxInputImages = value;
    });

  it('reports a lowered limit, and fails the review on it unless removals are allowed', () => {
    const head = limit('nano-banana-2', 13);
    expect(diffTo(head).models).toEqual([{ model: 'nano-banana-2', status: 'changed', maxInputImages: { from: 14, to: 13 }, points: [] }]);
    expect(breaking(head)).toEqual(['nano-banana-2: input-image limit lowered from 14 to 13']);
    expect(breaking(head, { allowRemovals: true })).toEqual([]);
  });

  it('fails the review when a limit appears where there was none, not when one is raised or lifted', () => {
    expect(diffTo(limit('gpt-image-2', 5, '10-gpt-image.json')).models[0]?.maxInputImages).toEqual({ from: 4, to: 5 });
    expect(breaking(limit('gpt-image-2', 5, '10-gpt-image.json'))).toEqual([]);
    expect(breaking(limit('nano-banana-2', 15))).toEqual([]);
    expect(diffTo(limit('nano-banana-2', undefined)).models[0]?.maxInputImages).toEqual({ from: 14, to: null });
    expect(breaking(limit('nano-banana-2', undefined))).toEqual([]);
    const newLimit = edited('40-sora-2.json', (r) => (r.models[2].maxInputImages = 1));
    expect(diffTo(newLimit).models[0]?.maxInputImages).toEqual({ from: null, to: 1 });
    expect(breaking(newLimit)).toEqual(['sora-2-image-to-video: input-image limit lowered from none to 1']);
  });
});

describe('the price diff of what a model is', () => {
  it('reports modes added and removed, and fails on a removed one', () => {
    const head = edited('60-veo.json', (r) => (r.models[0].modes = ['text-to-video']));
    expect(diffTo(head).models).toEqual([
      { model: 'veo3_fast', status: 'changed', modes: { added: [], removed: ['image-to-video'] }, points: [] },
    ]);
    expect(breaking(head)).toEqual(['veo3_fast: mode image-to-video removed']);
    const added = edited('60-veo.json', (r) => (r.models[0].modes = ['text-to-video']));
    expect(diffRuleSets(parseRuleSet(added), parseRuleSet(readRuleSources())).models[0]?.modes).toEqual({
      added: ['image-to-video'],
      removed: [],
    });
  });

  it('reports a model that leaves its shared profile at the same prices, and assumptions added and removed', () => {
    const head = edited('40-sora-2.json', (r) => {
      r.models[0].price = {
        ...r.profiles['sora-2'],
        assumptions: [{ about: 'durations 5, 10 and 20 s at both resolutions', reason: 'The same reading of the price list.' }],
      };
    });
    expect(diffTo(head).models).toEqual([
      {
        model: 'sora-2-text-to-video',
        status: 'changed',
        profile: { from: 'sora-2', to: null },
        assumptions: { added: ['durations 5, 10 and 20 s at both resolutions'], removed: ['durations 5, 10 and 20 s'] },
        points: [],
      },
    ]);
    expect(breaking(head)).toEqual([]);
  });

  it('counts raised, lowered, added and removed points in the summary', () => {
    const head = edited('40-sora-2.json', (r) => {
      r.profiles['sora-2'].credits = [
        [5, 11, 19],
        [8, 15, 30],
      ];
      r.models[1].price.durations = [5, 10];
      r.models[1].price.credits = [
        [16, 32],
        [24, 48],
      ];
    });
    // Edited in place, both tables rewrite prices in force: a history edit for each model the
    // profile prices, and one for the pro model, whose removed points tasks were charged at.
    expect(diffTo(head).summary).toEqual({
      raised: 2,
      lowered: 2,
      added: 0,
      removed: 2,
      modelsAdded: 0,
      modelsRemoved: 0,
      scheduled: 0,
      historyEdits: 3,
      corrections: 0,
    });
    expect(breaking(head)).toEqual([
      'sora-2-text-to-video: history rewritten since always: 10s 720p 10 → 11, 20s 720p 20 → 19',
      'sora-2-pro-text-to-video: history rewritten since always: 20s 720p 64 → not priced, 20s 1080p 96 → not priced',
      'sora-2-image-to-video: history rewritten since always: 10s 720p 10 → 11, 20s 720p 20 → 19',
    ]);
    expect(breaking(head, { allowHistoryEdits: true })).toEqual([]);
  });

  it('lists nothing when nothing that prices moved', () => {
    const head = edited('10-gpt-image.json', (r) => (r.models[0].note = 'Another note.'));
    expect(diffTo(head)).toEqual({
      summary: {
        raised: 0,
        lowered: 0,
        added: 0,
        removed: 0,
        modelsAdded: 0,
        modelsRemoved: 0,
        scheduled: 0,
        historyEdits: 0,
        corrections: 0,
      },
      models: [],
    });
  });
});

describe('the price diff of dated versions', () => {
  const AT = Date.UTC(2026, 10, 24);
  const kling = (versions: { from?: string; credits: [number, number] }[]): RuleSource[] =>
    edited('30-kling.json', (r) => {
      r.models[0].prices = versions.map((v, i) => ({
        ...(v.from === undefined ? {} : { from: v.from }),
        price: { kind: 'per-duration', durations: [5, 10], credits: v.credits },
        ...(i === 0 ? {} : { reason: `version ${i}` }),
      }));
      delete r.models[0].price;
    });
  const base = kling([{ credits: [11, 22] }, { from: '2027-03-01', credits: [12, 24] }, { from: '2027-06-01', credits: [13, 26] }]);
  const diff = (head: RuleSource[]) => diffRuleSets(parseRuleSet(base), parseRuleSet(head), { at: AT });

  it('lists versions added and removed after the review`s instant as scheduled and cancelled, in date order, each with its reason', () => {
    const head = kling([{ credits: [11, 22] }, { from: '2027-01-01', credits: [12, 23] }, { from: '2027-06-01', credits: [13, 27] }]);
    expect(diff(head).models).toEqual([
      {
        model: 'kling/v2-1-standard',
        status: 'changed',
        points: [],
        scheduled: [
          {
            from: '2027-01-01T00:00:00.000Z',
            change: 'scheduled',
            points: [
              { change: 'raised', duration: 5, old: 11, new: 12, delta: 1, percent: 9.1 },
              { change: 'raised', duration: 10, old: 22, new: 23, delta: 1, percent: 4.5 },
            ],
            reason: 'version 1',
          },
          {
            from: '2027-03-01T00:00:00.000Z',
            change: 'cancelled',
            points: [
              { change: 'raised', duration: 5, old: 11, new: 12, delta: 1, percent: 9.1 },
              { change: 'raised', duration: 10, old: 22, new: 24, delta: 2, percent: 9.1 },
            ],
            reason: 'version 1',
          },
          {
            from: '2027-06-01T00:00:00.000Z',
            change: 'scheduled',
            points: [
              { change: 'raised', duration: 5, old: 12, new: 13, delta: 1, percent: 8.3 },
              { change: 'raised', duration: 10, old: 23, new: 27, delta: 4, percent: 17.4 },
            ],
            reason: 'version 2',
          },
          {
            from: '2027-06-01T00:00:00.000Z',
            change: 'cancelled',
            points: [
              { change: 'raised', duration: 5, old: 12, new: 13, delta: 1, percent: 8.3 },
              { change: 'raised', duration: 10, old: 24, new: 26, delta: 2, percent: 8.3 },
            ],
            reason: 'version 2',
          },
        ],
      },
    ]);
    expect(diff(base).models).toEqual([]);
  });

  it('reads a version already in force as history: a rewrite dated from its instant fails the review', () => {
    const head = kling([{ credits: [11, 22] }, { from: '2026-10-01', credits: [12, 25] }, { from: '2027-06-01', credits: [13, 26] }]);
    const edits = diff(head).models[0]?.history;
    expect(edits).toEqual([
      {
        from: '2026-10-01T00:00:00.000Z',
        points: [
          { change: 'raised', duration: 5, old: 11, new: 12, delta: 1, percent: 9.1 },
          { change: 'raised', duration: 10, old: 22, new: 25, delta: 3, percent: 13.6 },
        ],
      },
    ]);
    expect(breakingChanges(diff(head), {}).map((b) => b.reason)).toEqual(['history rewritten from 2026-10-01: 5s 11 → 12, 10s 22 → 25']);
    expect(breakingChanges(diff(head), { allowHistoryEdits: true })).toEqual([]);
  });

  it('lists a new model`s scheduled versions beside the points it has now', () => {
    const head = edited('30-kling.json', (r) => {
      r.models.push({
        id: 'kling/v3',
        modes: ['text-to-video'],
        prices: [
          { price: { kind: 'per-duration', durations: [5], credits: [30] } },
          { from: '2027-02-01', price: { kind: 'per-duration', durations: [5], credits: [35] }, reason: 'a rise' },
        ],
        source: { section: 'Video models', row: 'kling/v3 | text-to-video | 30 | 5s = 30. |' },
      });
    });
    expect(diffTo(head).models).toEqual([
      {
        model: 'kling/v3',
        status: 'added',
        points: [{ change: 'added', duration: 5, new: 30 }],
        scheduled: [
          {
            from: '2027-02-01T00:00:00.000Z',
            change: 'scheduled',
            points: [{ change: 'raised', duration: 5, old: 30, new: 35, delta: 5, percent: 16.7 }],
            reason: 'a rise',
          },
        ],
      },
    ]);
  });
});

describe('where a model lives', () => {
  it('is its file name, whether read from a git revision or a directory', () => {
    const sources = readRuleSources();
    const inRevision = sources.map((s) => ({ file: `main:${s.file}`, text: s.text }));
    expect(diffRuleSets(parseRuleSet(inRevision), parseRuleSet(sources), { at: 0 }).models).toEqual([]);
    const renamed = sources.map((s) => ({ file: s.file.replace('10-gpt-image.json', '11-gpt-image.json'), text: s.text }));
    expect(diffRuleSets(parseRuleSet(inRevision), parseRuleSet(renamed), { at: 0 }).models.map((m) => m.moved)).toEqual([
      { from: '10-gpt-image.json', to: '11-gpt-image.json' },
    ]);
  });
});

describe('rewrites of prices already in force', () => {
  const AT = Date.UTC(2026, 10, 24);
  type Version = { from?: string; durations?: number[]; credits: number[]; correction?: string };
  const kling = (versions: Version[]): RuleSource[] =>
    edited('30-kling.json', (r) => {
      r.models[0].prices = versions.map((v) => ({
        ...(v.from === undefined ? {} : { from: v.from, reason: `the list of ${v.from}` }),
        price: { kind: 'per-duration', durations: v.durations ?? [5, 10], credits: v.credits },
        ...(v.correction === undefined ? {} : { correction: v.correction }),
      }));
      delete r.models[0].price;
    });
  const base = kling([{ credits: [11, 22] }, { from: '2026-10-01', credits: [12, 24] }]);
  const reasons = (head: RuleSource[], from = base) =>
    breakingChanges(diffRuleSets(parseRuleSet(from), parseRuleSet(head), { at: AT }), {}).map((b) => `${b.kind}: ${b.reason}`);

  it('removing a point of a version in force, now or before, fails as a rewrite', () => {
    expect(reasons(kling([{ credits: [11, 22] }, { from: '2026-10-01', durations: [5], credits: [12] }]))).toEqual([
      'rewrite: history rewritten from 2026-10-01: 10s 24 → not priced',
    ]);
    expect(
      reasons(
        kling([
          { durations: [5], credits: [11] },
          { from: '2026-10-01', credits: [12, 24] },
        ]),
      ),
    ).toEqual(['rewrite: history rewritten since always: 10s 22 → not priced']);
  });

  it('removing a version once in force fails as a rewrite: its tasks reprice at another price, or not at all', () => {
    expect(reasons(kling([{ from: '2026-10-01', credits: [12, 24] }]))).toEqual([
      'rewrite: history rewritten since always: 5s 11 → not priced, 10s 22 → not priced',
    ]);
    expect(reasons(kling([{ credits: [11, 22] }]))).toEqual(['rewrite: history rewritten from 2026-10-01: 5s 12 → 11, 10s 24 → 22']);
  });

  it('moving a version in time fails as a rewrite of the instants between', () => {
    expect(reasons(kling([{ credits: [11, 22] }, { from: '2026-11-01', credits: [12, 24] }]))).toEqual([
      'rewrite: history rewritten from 2026-10-01: 5s 12 → 11, 10s 24 → 22',
    ]);
  });

  it('a correction with its reason passes and is reported with it; the same edit without one fails', () => {
    const corrected = kling([
      { credits: [11, 22] },
      { from: '2026-10-01', credits: [12, 25], correction: '10s was mistyped: the list says 25' },
    ]);
    const diff = diffRuleSets(parseRuleSet(base), parseRuleSet(corrected), { at: AT });
    expect(diff.models[0]?.history).toEqual([
      {
        from: '2026-10-01T00:00:00.000Z',
        points: [{ change: 'raised', duration: 10, old: 24, new: 25, delta: 1, percent: 4.2 }],
        correction: '10s was mistyped: the list says 25',
      },
    ]);
    expect(diff.summary).toMatchObject({ historyEdits: 0, corrections: 1 });
    expect(reasons(corrected)).toEqual([]);
    expect(reasons(kling([{ credits: [11, 22] }, { from: '2026-10-01', credits: [12, 25] }]))).toEqual([
      'rewrite: history rewritten from 2026-10-01: 10s 24 → 25',
    ]);
  });

  it('a correction declares only its own version: a second rewrite in the same change still fails', () => {
    const head = kling([
      { credits: [11, 21] },
      { from: '2026-10-01', credits: [12, 25], correction: '10s was mistyped: the list says 25' },
    ]);
    expect(reasons(head)).toEqual(['rewrite: history rewritten since always: 10s 22 → 21']);
  });

  it('a correction already in the base declares no new rewrite of its version', () => {
    const correctedBase = kling([{ credits: [11, 22] }, { from: '2026-10-01', credits: [12, 25], correction: '10s was mistyped' }]);
    const again = kling([{ credits: [11, 22] }, { from: '2026-10-01', credits: [12, 26], correction: '10s was mistyped' }]);
    expect(reasons(again, correctedBase)).toEqual(['rewrite: history rewritten from 2026-10-01: 10s 25 → 26']);
    const explained = kling([{ credits: [11, 22] }, { from: '2026-10-01', credits: [12, 26], correction: '10s was mistyped twice: 26' }]);
    expect(reasons(explained, correctedBase)).toEqual([]);
  });
});
