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

/** A name without case or punctuation: `Sora-2_Pro` is `sora2pro`. */
const bare = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * How near a candidate is to a name, lower is nearer: the same name but for case and
 * punctuation first (`sora2-text-to-video`, or `nano-banana` for `google/nano-banana`), then a
 * candidate that starts with the name (its family: `sora2` → `sora-2-text-to-video`), then one
 * that contains it, each by edit distance; then edit distance alone. Three characters at least
 * count as a family or a part.
 */
function nearness(name: string, candidate: string): number {
  const distance = editDistance(name, candidate);
  const asked = bare(name);
  const family = bare(candidate.slice(candidate.lastIndexOf('/') + 1));
  if (asked !== '' && (asked === bare(candidate) || asked === family)) return -1 + distance / 1000;
  if (asked.length >= 3 && (bare(candidate).startsWith(asked) || family.startsWith(asked))) return distance / 1000;
  if (name.length >= 3 && candidate.toLowerCase().includes(name.toLowerCase())) return distance / 100;
  return distance;
}

/**
 * The candidate nearest to a name (see the order above); the first of equally near ones.
 * @param name - what was asked for
 * @param candidates - the known names; at least one
 * @returns the nearest candidate
 */
export function nearest(name: string, candidates: readonly string[]): string {
  return nearestFew(name, candidates, 1)[0] as string;
}

/**
 * The candidates nearest to a name, nearest first.
 * @param name - what was asked for
 * @param candidates - the known names
 * @param count - how many at most
 * @returns up to `count` candidates; equally near ones in their order
 */
export function nearestFew(name: string, candidates: readonly string[], count: number): string[] {
  return candidates
    .map((candidate, index) => ({ candidate, index, score: nearness(name, candidate) }))
    .sort((a, b) => a.score - b.score || a.index - b.index)
    .slice(0, count)
    .map((c) => c.candidate);
}
