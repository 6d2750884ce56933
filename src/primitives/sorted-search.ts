/**
 * Binary search over ascending numbers: which span of a line table or of a price table holds a
 * position or an instant.
 */

/**
 * Finds the last of ascending numbers at or before a value.
 * @param sorted - numbers in ascending order
 * @param value - the value looked for
 * @returns the index of the last number at most `value`, or -1 when every number is above it
 */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as number) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
