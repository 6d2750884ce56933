/**
 * Numbers as reports print them: counts with thousands separators, and changes with their sign.
 */

/**
 * A count with thousands separators, the same in every locale: `1,234,567`.
 * @param n - the count (a bigint exactly, however large)
 * @returns the text
 */
export function formatCount(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/**
 * A change with its sign: `+3,912`, `−7`, `±0`; with a unit, `+12.5%`.
 * @param n - the change
 * @param unit - what follows the number, e.g. `%`
 * @returns the text, with a typographic minus
 */
export function signed(n: number | bigint, unit = ''): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${formatCount(n < 0 ? -n : n)}${unit}`;
}
