import { describe, expect, it } from 'vitest';
import { compilePricer, parseRuleSet, readRuleSources, type RuleSource } from '../../src/index.js';
import { madeByFirstTest } from '../support/mutation.js';

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
});
