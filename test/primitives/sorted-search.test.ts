import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastAtOrBefore } from '../../src/primitives/sorted-search.js';

describe('lastAtOrBefore', () => {
  it('finds the last number at or before a value, and -1 before the first', () => {
    const starts = [Number.NEGATIVE_INFINITY, 10, 20, 20, 30];
    expect([-5, 10, 19, 20, 29, 30, 1e9].map((v) => lastAtOrBefore(starts, v))).toEqual([0, 1, 1, 3, 3, 4, 4]);
    expect([lastAtOrBefore([5, 7], 4), lastAtOrBefore([], 4)]).toEqual([-1, -1]);
  });

  it('law: it answers what a scan from the end answers, for any ascending numbers and any value', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (values, value) => {
        const sorted = [...values].sort((a, b) => a - b);
        let scanned = sorted.length - 1;
        while (scanned >= 0 && (sorted[scanned] as number) > value) scanned--;
        expect(lastAtOrBefore(sorted, value)).toBe(scanned);
      }),
    );
  });
});
