import { describe, expect, it } from 'vitest';
import { versionIndexAt, versionStarts } from '../../src/rules/price-versions.js';

describe('versionIndexAt', () => {
  const since = (from: number | null) => ({ from });

  it('finds the version whose half-open interval [from, next from) holds the instant', () => {
    const versions = [since(null), since(100), since(200)];
    expect([-1e15, 99, 100, 199, 200, 1e15].map((at) => versionIndexAt(versions, at))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it('is -1 before the first version when no version holds since always', () => {
    const versions = [since(100), since(200)];
    expect([99, 100].map((at) => versionIndexAt(versions, at))).toEqual([-1, 0]);
    expect(versionIndexAt([], 0)).toBe(-1);
  });

  it('searches since always as -Infinity, every other version at its instant', () => {
    expect(versionStarts([since(null), since(0), since(100)])).toEqual([Number.NEGATIVE_INFINITY, 0, 100]);
  });
});
