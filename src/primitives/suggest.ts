/**
 * "Did you mean ...?": the nearest name by edit distance, for unknown model ids and profiles.
 */

/**
 * The Levenshtein distance between two strings, ignoring case.
 * @param a - one string
 * @param b - the other
 * @returns the number of single-character edits that turn one into the other
 */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost));
    }
    previous = current;
  }
  return previous[t.length] as number;
}

/**
 * The candidate nearest to a name: a candidate that contains it or ends with it wins
 * (`nano-banana` → `google/nano-banana`), then the smallest edit distance, then the first.
 * @param name - what was asked for
 * @param candidates - the known names; at least one
 * @returns the nearest candidate
 */
export function nearest(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  let best = candidates[0] as string;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const distance = editDistance(name, candidate);
    const contains = lower.length >= 3 && candidate.toLowerCase().includes(lower);
    const score = contains ? distance / 100 : distance;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}
