import { describe, expect, it } from 'vitest';
import { parseRuleSet, readRuleSources, type RuleSource } from '../src/index.js';
import { breakingChanges, diffRuleSets } from '../src/review.js';

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
    expect(diffTo(head).models).toEqual([{ model: 'veo3_fast', status: 'changed', modes: { added: [], removed: ['image-to-video'] }, points: [] }]);
    expect(breaking(head)).toEqual(['veo3_fast: mode image-to-video removed']);
    const added = edited('60-veo.json', (r) => (r.models[0].modes = ['text-to-video']));
    expect(diffRuleSets(parseRuleSet(added), parseRuleSet(readRuleSources())).models[0]?.modes).toEqual({ added: ['image-to-video'], removed: [] });
  });

  it('reports a model that leaves its shared profile at the same prices, and assumptions added and removed', () => {
    const head = edited('40-sora-2.json', (r) => {
      r.models[0].price = { ...r.profiles['sora-2'], assumptions: [{ about: 'durations 5, 10 and 20 s at both resolutions', reason: 'The same reading of the price list.' }] };
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
      r.profiles['sora-2'].credits = [[5, 11, 19], [8, 15, 30]];
      r.models[1].price.durations = [5, 10];
      r.models[1].price.credits = [[16, 32], [24, 48]];
    });
    // Edited in place, both tables rewrite prices in force: two history edits (the profile, the pro model).
    expect(diffTo(head).summary).toEqual({ raised: 2, lowered: 2, added: 0, removed: 2, modelsAdded: 0, modelsRemoved: 0, scheduled: 0, historyEdits: 2 });
    expect(breaking(head, { allowHistoryEdits: true })).toEqual(['sora-2-pro-text-to-video: 20s 720p removed', 'sora-2-pro-text-to-video: 20s 1080p removed']);
  });

  it('lists nothing when nothing that prices moved', () => {
    const head = edited('10-gpt-image.json', (r) => (r.models[0].note = 'Another note.'));
    expect(diffTo(head)).toEqual({ summary: { raised: 0, lowered: 0, added: 0, removed: 0, modelsAdded: 0, modelsRemoved: 0, scheduled: 0, historyEdits: 0 }, models: [] });
  });
});
