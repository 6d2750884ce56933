import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskIdSet } from '../../src/usage/task-id-set.js';

describe('TaskIdSet', () => {
  it('law: visit says seen exactly for an id visited before and new for any other, through every growth of the table', () => {
    // Up to 8,000 ids, drawn so that some repeat: the table starts with 1,024 slots and doubles.
    const ids = fc.array(
      fc.oneof(
        fc.string(),
        fc.nat(6_000).map((n) => `task-${n}`),
      ),
      { maxLength: 8_000 },
    );
    fc.assert(
      fc.property(ids, (list) => {
        const set = new TaskIdSet();
        const visited = new Set<string>();
        const wrong = list.filter((id) => {
          const expected = visited.has(id) ? 'seen' : 'new';
          visited.add(id);
          return set.visit(id) !== expected;
        });
        expect(wrong).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('tells 300,000 ids of one pattern and 300,000 random ids apart, and ids made of the same characters in another order', () => {
    const set = new TaskIdSet();
    let notNew = 0;
    for (let i = 0; i < 300_000; i++) if (set.visit(`task-1ka-${i.toString(36)}`) !== 'new') notNew++;
    // Random ids, from a seeded generator: a hash of 32 bits would give about ten pairs of these
    // 300,000 the same hash; the set's 64 bits, none but once in 10⁸ runs.
    let state = 2026;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state.toString(36);
    };
    for (let i = 0; i < 300_000; i++) if (set.visit(`${random()}-${random()}-${random()}`) !== 'new') notNew++;
    expect(notNew).toBe(0);
    expect(['ab', 'ba', 'aab', 'aba', 'baa', '', ' '].map((id) => set.visit(id))).toEqual([
      'new',
      'new',
      'new',
      'new',
      'new',
      'new',
      'new',
    ]);
    expect(['ab', 'ba', '', 'task-1ka-0'].map((id) => set.visit(id))).toEqual(['seen', 'seen', 'seen', 'seen']);
  });
});
