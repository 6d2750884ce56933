/**
 * The cells of a price table: every price it states, with the duration and resolution it is
 * stated for. The one walk over the four pricing kinds that the compiler, the rule-set version,
 * the lint and the json-rules-engine export share.
 */
import type { PriceTable } from './rule-file.js';

/** One price of a table, at the point it prices. */
export interface PriceCell {
  /** Seconds, when the price depends on them (or the model sells clips of one length). */
  readonly duration?: number;
  /** The resolution as the price list spells it, when the price depends on it. */
  readonly resolution?: string;
  /** Credits per call. */
  readonly credits: number;
  /** JSON Pointer to the credits, from the price table: `/credits`, `/credits/2`, `/credits/1/0`. */
  readonly pointer: string;
}

/**
 * Every cell of a price table, in rule order: resolution, then duration.
 * @param table - a price table
 * @returns its cells
 */
export function priceCells(table: PriceTable): PriceCell[] {
  switch (table.kind) {
    case 'flat':
      return [{ ...(table.clipSeconds === undefined ? {} : { duration: table.clipSeconds }), credits: table.credits, pointer: '/credits' }];
    case 'per-duration':
      return table.durations.map((duration, i) => ({ duration, credits: table.credits[i] as number, pointer: `/credits/${i}` }));
    case 'per-resolution':
      return table.resolutions.map((resolution, i) => ({ resolution, credits: table.credits[i] as number, pointer: `/credits/${i}` }));
    case 'duration-by-resolution':
      return table.resolutions.flatMap((resolution, r) =>
        table.durations.map((duration, d) => ({
          duration,
          resolution,
          credits: table.credits[r]?.[d] as number,
          pointer: `/credits/${r}/${d}`,
        })),
      );
  }
}
