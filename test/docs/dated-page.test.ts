import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/index.js';
import { renderPricingMarkdown } from '../../src/docs/index.js';

const DATED = 'test/fixtures/dated-rules';

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
