import { describe, expect, it } from 'vitest';
import type { BreakingChange, DiffSummary, PriceDiff } from '../../src/review/price-diff.js';
import { renderDiffMarkdown, renderDiffText, summaryLine } from '../../src/review/render-diff.js';

const none: DiffSummary = {
  raised: 0,
  lowered: 0,
  added: 0,
  removed: 0,
  modelsAdded: 0,
  modelsRemoved: 0,
  scheduled: 0,
  historyEdits: 0,
  corrections: 0,
};

describe('the summary line', () => {
  it.each([
    [{}, 'No price changes.'],
    [{ raised: 1 }, '1 price raised'],
    [{ lowered: 2 }, '2 prices lowered'],
    [{ raised: 3, lowered: 1, added: 2, removed: 1 }, '3 prices raised, 1 lowered, 2 added, 1 removed'],
    [{ modelsAdded: 1 }, '1 model added'],
    [{ modelsAdded: 2, modelsRemoved: 1 }, '2 models added, 1 model removed'],
    [{ added: 2, modelsAdded: 1 }, '2 prices added (1 model added)'],
    [{ scheduled: 1 }, '1 scheduled change'],
    [{ historyEdits: 2 }, '2 rewrites of prices already in force'],
    [{ scheduled: 2, historyEdits: 1 }, '2 scheduled changes, 1 rewrite of prices already in force'],
    [{ raised: 1, scheduled: 1 }, '1 price raised; 1 scheduled change'],
    [{ modelsRemoved: 1, historyEdits: 1 }, '1 model removed; 1 rewrite of prices already in force'],
    [{ corrections: 1 }, '1 correction'],
    [{ historyEdits: 1, corrections: 2 }, '1 rewrite of prices already in force, 2 corrections'],
  ] as [Partial<DiffSummary>, string][])('counts %j as "%s"', (counts, line) => {
    expect(summaryLine({ ...none, ...counts })).toBe(line);
  });
});

/** One model of each kind of change, every note, a point of each change and both dated tables. */
const diff: PriceDiff = {
  summary: { ...none, raised: 1, lowered: 1, added: 1, removed: 1, modelsAdded: 1, scheduled: 1, historyEdits: 1, corrections: 1 },
  models: [
    {
      model: 'veo9',
      status: 'added',
      points: [{ change: 'added', duration: 8, new: 60 }],
    },
    {
      model: 'sora-2-text-to-video',
      status: 'changed',
      moved: { from: 'rules/40-sora-2.json', to: 'rules/41-sora.json' },
      profile: { from: 'sora-2', to: null },
      modes: { added: ['image-to-video'], removed: ['text-to-video'] },
      maxInputImages: { from: 3, to: null },
      assumptions: { added: ['durations 5 and 10 s'], removed: ['duration 20 s'] },
      points: [
        { change: 'raised', duration: 10, resolution: '720p', old: 10, new: 12, delta: 2, percent: 20 },
        { change: 'lowered', duration: 5, resolution: '1080p', old: 8, new: 6, delta: -2, percent: -25 },
        { change: 'removed', duration: 20, resolution: '720p', old: 30 },
      ],
      scheduled: [
        {
          from: '2027-01-01T00:00:00.000Z',
          change: 'scheduled',
          points: [{ change: 'raised', duration: 10, resolution: '720p', old: 12, new: 13, delta: 1, percent: 8.3 }],
          reason: 'the provider raised 10s at 720p',
          source: 'sora-2-text-to-video | text-to-video | 5, 13, 30 at 720p | Duration and resolution both affect credits. |',
        },
      ],
      // The correction holds the raised point in force: it is listed there, once.
      history: [
        {
          from: null,
          points: [{ change: 'raised', duration: 10, resolution: '720p', old: 10, new: 12, delta: 2, percent: 20 }],
          correction: '10s at 720p was mistyped: the list says 12',
        },
      ],
    },
    {
      model: 'gpt-image-2',
      status: 'removed',
      profile: { from: null, to: 'images' },
      points: [],
      scheduled: [{ from: '2027-06-01T10:00:00.000Z', change: 'cancelled', points: [] }],
      history: [{ from: '2027-01-01T00:00:00.000Z', points: [{ change: 'raised', old: 3, new: 4, delta: 1, percent: 33.3 }] }],
    },
  ],
};
const breaking: BreakingChange[] = [
  { model: 'gpt-image-2', kind: 'removal', reason: 'model removed' },
  { model: 'gpt-image-2', kind: 'rewrite', reason: 'history rewritten from 2027-01-01: price 3 → 4' },
];

describe('the plain-text diff', () => {
  it('prints the summary, each model with its notes, one line per change, each dated table with why, then what breaks by kind', () => {
    expect(renderDiffText(diff, breaking)).toBe(
      [
        '1 price raised, 1 lowered, 1 added, 1 removed (1 model added); 1 scheduled change, 1 rewrite of prices already in force, 1 correction',
        '',
        'veo9',
        '  New model.',
        '  added    8s         60',
        '',
        'sora-2-text-to-video',
        '  Moved from `rules/40-sora-2.json` to `rules/41-sora.json`.',
        '  Pricing profile: sora-2 → own price.',
        '  Modes: + image-to-video, − text-to-video.',
        '  Input-image limit: 3 → none.',
        '  Assumptions: + durations 5 and 10 s, − duration 20 s.',
        '  lowered  5s 1080p   8 → 6 (−2, −25%)',
        '  removed  20s 720p   30',
        '  Corrected since always: 10s at 720p was mistyped: the list says 12',
        '    raised   10s 720p   10 → 12 (+2, +20%)',
        '  Scheduled from 2027-01-01: the provider raised 10s at 720p; source: sora-2-text-to-video | text-to-video | 5, 13, 30 at 720p | Duration and resolution both affect credits. |',
        '    raised   10s 720p   12 → 13 (+1, +8.3%)',
        '',
        'gpt-image-2',
        '  Model removed: requests for it will be refused.',
        '  Pricing profile: own price → images.',
        '  History rewritten from 2027-01-01:',
        '    raised   price      3 → 4 (+1, +33.3%)',
        '  Cancelled from 2027-06-01T10:00:00.000Z:',
        '',
        'Breaking changes:',
        '  These rewrite prices already in force: tasks already charged would reprice differently, or not at all. A price change is a new dated version; a price that was wrong says why in a "correction" on its version:',
        '    gpt-image-2: history rewritten from 2027-01-01: price 3 → 4',
        '  Billing code may still send these requests; the change fails unless they are intended:',
        '    gpt-image-2: model removed',
        '',
      ].join('\n'),
    );
  });

  it('prints only the summary when nothing moved, and no breaking section when nothing breaks', () => {
    expect(renderDiffText({ summary: none, models: [] }, [])).toBe('No price changes.\n');
    expect(renderDiffText(diff, [])).not.toContain('Breaking');
  });
});

describe('the Markdown diff', () => {
  it('gives each model its notes and a table per point list, with the same cells as the text', () => {
    const markdown = renderDiffMarkdown(diff, breaking);
    expect(markdown).toBe(
      [
        '## Price changes',
        '',
        '**1 price raised, 1 lowered, 1 added, 1 removed (1 model added); 1 scheduled change, 1 rewrite of prices already in force, 1 correction**',
        '',
        '### `veo9`',
        '',
        '- New model.',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '| added | 8s |  | 60 |  |  |',
        '',
        '### `sora-2-text-to-video`',
        '',
        '- Moved from `rules/40-sora-2.json` to `rules/41-sora.json`.',
        '- Pricing profile: sora-2 → own price.',
        '- Modes: + image-to-video, − text-to-video.',
        '- Input-image limit: 3 → none.',
        '- Assumptions: + durations 5 and 10 s, − duration 20 s.',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '| lowered | 5s 1080p | 8 | 6 | −2 | −25% |',
        '| removed | 20s 720p | 30 |  |  |  |',
        '',
        '**Corrected since always**: 10s at 720p was mistyped: the list says 12',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '| raised | 10s 720p | 10 | 12 | +2 | +20% |',
        '',
        '**Scheduled from 2027-01-01**: the provider raised 10s at 720p; source: sora-2-text-to-video | text-to-video | 5, 13, 30 at 720p | Duration and resolution both affect credits. |',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '| raised | 10s 720p | 12 | 13 | +1 | +8.3% |',
        '',
        '### `gpt-image-2`',
        '',
        '- Model removed: requests for it will be refused.',
        '- Pricing profile: own price → images.',
        '',
        '**History rewritten from 2027-01-01**',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '| raised | price | 3 | 4 | +1 | +33.3% |',
        '',
        '**Cancelled from 2027-06-01T10:00:00.000Z**',
        '',
        '| Change | Point | Old | New | Δ | Δ % |',
        '|---|---|--:|--:|--:|--:|',
        '',
        '### Breaking changes',
        '',
        'These rewrite prices already in force: tasks already charged would reprice differently, or not at all. A price change is a new dated version; a price that was wrong says why in a "correction" on its version:',
        '',
        '- `gpt-image-2`: history rewritten from 2027-01-01: price 3 → 4',
        '',
        'Billing code may still send these requests; the change fails unless they are intended:',
        '',
        '- `gpt-image-2`: model removed',
        '',
      ].join('\n'),
    );
  });

  it('signs a zero change with ±, as every report does', () => {
    const flat: PriceDiff = {
      summary: none,
      models: [{ model: 'm', status: 'changed', points: [{ change: 'raised', old: 1, new: 1, delta: 0, percent: 0 }] }],
    };
    expect(renderDiffText(flat, [])).toBe('No price changes.\n\nm\n  raised   price      1 → 1 (±0, ±0%)\n');
  });
});
