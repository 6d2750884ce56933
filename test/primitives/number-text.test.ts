import { describe, expect, it } from 'vitest';
import { formatCount, signed } from '../../src/primitives/number-text.js';

describe('numbers in reports', () => {
  it('write counts with thousands separators, in any locale', () => {
    expect([0, 999, 1000, 1234567, -4200].map(formatCount)).toEqual(['0', '999', '1,000', '1,234,567', '-4,200']);
  });

  it('sign a change: plus, a typographic minus, or ± for none; with a unit after the number', () => {
    expect([3912, -7, 0, -1234567].map((n) => signed(n))).toEqual(['+3,912', '−7', '±0', '−1,234,567']);
    expect([12.5, -8.4, 0].map((n) => signed(n, '%'))).toEqual(['+12.5%', '−8.4%', '±0%']);
  });
});
