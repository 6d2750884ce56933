import { describe, expect, it } from 'vitest';
import { createPricer, type PricePoint } from '../../src/index.js';
import { madeByFirstTest } from '../support/mutation.js';
import { DECIDED_DURATIONS, pagePoints, pageRows } from '../support/published-page.js';

const pricer = madeByFirstTest(() => createPricer());
const key = (p: { model: string; duration?: number; resolution?: string; credits: number }) =>
  `${p.model} ${p.duration ?? '-'}s ${p.resolution ?? '-'} = ${p.credits}`;

/** `5 and 10`, `5, 10 and 20`: durations as an assumption names them. */
const durationList = (durations: readonly number[]) => `${durations.slice(0, -1).join(', ')} and ${durations.at(-1)}`;

describe('the published price list', () => {
  const points = pagePoints();

  it('is read into the 58 price points of its 20 model rows', () => {
    expect(pageRows()).toHaveLength(20);
    expect(points).toHaveLength(58);
  });

  it.each(points.flatMap((p) => p.modes.map((mode) => ({ ...p, mode }))))(
    '$model $mode $duration s $resolution costs $credits',
    (point) => {
      const request = {
        model: point.model,
        ...(point.duration === undefined ? {} : { duration: point.duration }),
        ...(point.resolution === undefined ? {} : { resolution: point.resolution }),
        ...(point.mode.startsWith('image-to-') ? { inputImageUrls: ['https://example.test/input.png'] } : {}),
        ...(point.mode.endsWith('-video') ? { inputMode: point.mode.replace(/-/g, '_') } : {}),
      };
      expect(pricer().quote(request)).toEqual({
        model: point.model,
        mode: point.mode,
        credits: point.credits,
        ...(point.duration === undefined ? {} : { duration: point.duration }),
        ...(point.resolution === undefined ? {} : { resolution: point.resolution }),
        effectiveFrom: null,
        assumptions: point.model in DECIDED_DURATIONS ? [`durations ${durationList(DECIDED_DURATIONS[point.model] as number[])} s`] : [],
        version: pricer().version,
      });
    },
  );

  it('prices nothing that is not on it', () => {
    const rulePoints = pricer()
      .pricePoints()
      .map((p: PricePoint) => key(p))
      .sort();
    expect(rulePoints).toEqual(points.map(key).sort());
  });

  it('gives every model its modes, and each model cites its row verbatim', () => {
    const rows = pageRows();
    expect(
      pricer()
        .models()
        .map((m) => m.id)
        .sort(),
    ).toEqual(rows.map((r) => r.model).sort());
    for (const model of pricer().models()) {
      const row = rows.find((r) => r.model === model.id);
      expect(model.modes).toEqual(row?.modes);
      expect(model.source).toEqual({ section: row?.section, row: row?.line });
    }
  });
});
