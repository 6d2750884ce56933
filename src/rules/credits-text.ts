/**
 * How the price list writes the credits of a price table, in its "Credits per call" column: the
 * docs print it, and the lint compares it with the row a model cites as its provenance.
 */
import type { PriceTable } from './rule-file.js';

/**
 * The "Credits per call" cell.
 * @param price - the price table
 * @returns `3`, `4, 6, 8`, or `5, 10, 20 at 720p; 8, 15, 30 at 1080p`
 */
export function creditsText(price: PriceTable): string {
  switch (price.kind) {
    case 'flat':
      return String(price.credits);
    case 'per-resolution':
    case 'per-duration':
      return price.credits.join(', ');
    case 'duration-by-resolution':
      return price.resolutions.map((r, i) => `${(price.credits[i] ?? []).join(', ')} at ${r}`).join('; ');
  }
}
