import { describe, expect, it } from 'vitest';
import { AT_FACT, loadRuleSet, PRICE_EVENT, toRulesEngine } from '../../src/index.js';

describe('the json-rules-engine reference', () => {
  it('fires one rule per price point and mode, named after them, with a "price" event', async () => {
    const engine = toRulesEngine();
    const fired = async (request: Record<string, unknown>) => {
      const { results, events } = await engine.run(request);
      return [results.map((r) => r.name), events.map((e) => e.type)];
    };
    expect(PRICE_EVENT).toBe('price');
    expect(await fired({ model: 'sora-2-text-to-video', duration: '10s', resolution: '1080P' })).toEqual([
      ['sora-2-text-to-video text-to-video 10s 1080p'],
      ['price'],
    ]);
    expect(await fired({ model: 'veo3', inputImageUrls: ['a'] })).toEqual([['veo3 image-to-video 8s'], ['price']]);
    expect(await fired({ model: 'nano-banana-2', resolution: '2k', inputImageUrls: ['a'] })).toEqual([
      ['nano-banana-2 image-to-image 2K'],
      ['price'],
    ]);
    expect(await fired({ model: 'gpt-image-2' })).toEqual([['gpt-image-2 text-to-image'], ['price']]);
    expect(await fired({ model: 'gpt-image-3' })).toEqual([[], []]);
  });

  it('names a dated version by its start', async () => {
    const engine = toRulesEngine(loadRuleSet('test/fixtures/dated-rules'));
    const { results } = await engine.run({ model: 'kling/v2-1-standard', duration: 10, [AT_FACT]: Date.UTC(2027, 0, 1) });
    expect(results.map((r) => r.name)).toEqual(['kling/v2-1-standard image-to-video 10s from 2027-01-01T00:00:00.000Z']);
  });
});
