import { describe, expect, it } from 'vitest';
import { loadRuleSet, type PriceTable } from '../../src/index.js';
import { priceCells } from '../../src/rules/price-cells.js';

/** The value a JSON Pointer names inside a value. */
const at = (value: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce((inner, token) => (inner as Record<string, unknown>)[token], value);

describe('priceCells', () => {
  it('walks each of the four pricing kinds in rule order, resolution then duration', () => {
    expect(priceCells({ kind: 'flat', credits: 3 })).toEqual([{ credits: 3, pointer: '/credits' }]);
    expect(priceCells({ kind: 'flat', credits: 63, clipSeconds: 8 })).toEqual([{ duration: 8, credits: 63, pointer: '/credits' }]);
    expect(priceCells({ kind: 'per-duration', durations: [5, 10], credits: [11, 22] })).toEqual([
      { duration: 5, credits: 11, pointer: '/credits/0' },
      { duration: 10, credits: 22, pointer: '/credits/1' },
    ]);
    expect(priceCells({ kind: 'per-resolution', resolutions: ['1K', '2K'], credits: [4, 6] })).toEqual([
      { resolution: '1K', credits: 4, pointer: '/credits/0' },
      { resolution: '2K', credits: 6, pointer: '/credits/1' },
    ]);
    expect(
      priceCells({
        kind: 'duration-by-resolution',
        durations: [5, 10],
        resolutions: ['720p', '1080p'],
        credits: [
          [5, 10],
          [8, 15],
        ],
      }),
    ).toEqual([
      { duration: 5, resolution: '720p', credits: 5, pointer: '/credits/0/0' },
      { duration: 10, resolution: '720p', credits: 10, pointer: '/credits/0/1' },
      { duration: 5, resolution: '1080p', credits: 8, pointer: '/credits/1/0' },
      { duration: 10, resolution: '1080p', credits: 15, pointer: '/credits/1/1' },
    ]);
  });

  it('law: every cell of every bundled table is the credits its pointer names, one cell per point', () => {
    const tables: PriceTable[] = loadRuleSet().models.flatMap((m) => m.versions.map((v) => v.price));
    for (const table of tables) {
      const cells = priceCells(table);
      for (const cell of cells) expect(at(table, cell.pointer)).toBe(cell.credits);
      const axes =
        (table.kind === 'flat' ? 1 : 'durations' in table ? table.durations.length : 1) *
        ('resolutions' in table ? table.resolutions.length : 1);
      expect(cells).toHaveLength(axes);
      expect(new Set(cells.map((c) => `${c.duration}|${c.resolution}`)).size).toBe(cells.length);
    }
  });
});
