/**
 * Price books compiled for quoting: each book's adjustments indexed by model and ordered most
 * specific first, percents turned into integer basis points, so that a quote with a book is the
 * list's lookup, a short scan of the adjustments of one model, and integer arithmetic.
 */
import { PricingError } from '../primitives/errors.js';
import { echo } from '../primitives/echo.js';
import { formatInstant } from '../primitives/instant.js';
import { nearest } from '../primitives/suggest.js';
import { type Adjustment, filterTakes, type PriceBook } from '../rules/price-book.js';
import type { AppliedAdjustment, BookQuote, BookSummary, Quote } from './types.js';

/** An adjustment ready to apply. */
interface CompiledAdjustment {
  readonly adjustment: Adjustment;
  /** For a percent: 10,000 + the percent in hundredths, the multiplier in basis points. */
  readonly basisPoints: number;
  /** What a quote reports of it. */
  readonly applied: AppliedAdjustment;
}

/** A book, compiled. */
interface CompiledBook {
  readonly id: string;
  readonly basedOn: string | null;
  /** The adjustments of each model, most specific first; `*` under the empty string. */
  readonly byModel: ReadonlyMap<string, readonly CompiledAdjustment[]>;
}

/** Prices requests in books, given the list. */
export interface BookQuoter {
  /** Every book. */
  readonly summaries: readonly BookSummary[];
  /**
   * The price of a request in a book.
   * @param listAt - the list's quote of the request at an instant (it throws what the list refuses)
   * @param at - the instant, epoch ms
   * @param book - the book's id
   */
  quote(listAt: (at: number) => Quote, at: number, book: string): BookQuote;
}

/**
 * `ceil(base × basisPoints / 10,000)` in integers: exact for any credits a list holds. Below 2^53
 * the product is divided only where the division is exact: adding 9,999 first could round the sum
 * up to the next multiple of 10,000 (750,599,937,895 + 20% would be 900,719,925,475, not …474).
 */
function multiply(base: number, basisPoints: number): number {
  const product = base * basisPoints;
  if (Number.isSafeInteger(product)) {
    const rest = product % 10_000;
    return (product - rest) / 10_000 + (rest === 0 ? 0 : 1);
  }
  return Number((BigInt(base) * BigInt(basisPoints) + 9_999n) / 10_000n);
}

/**
 * Compiles the books of a rule set.
 * @param books - validated books
 * @returns the quoter
 */
export function compileBooks(books: readonly PriceBook[]): BookQuoter {
  const compiled = new Map<string, CompiledBook>();
  for (const book of books) {
    const byModel = new Map<string, CompiledAdjustment[]>();
    for (const adjustment of book.adjustments) {
      const entry: CompiledAdjustment = {
        adjustment,
        basisPoints: adjustment.kind === 'percent' ? 10_000 + Math.round(adjustment.value * 100) : 0,
        applied: {
          kind: adjustment.kind,
          value: adjustment.kind === 'pinned' ? formatInstant(adjustment.value) : adjustment.value,
          reason: adjustment.reason,
          book: book.id,
        },
      };
      for (const model of adjustment.models === '*' ? [''] : adjustment.models) byModel.set(model, [...(byModel.get(model) ?? []), entry]);
    }
    for (const list of byModel.values()) list.sort((a, b) => b.adjustment.specificity - a.adjustment.specificity);
    compiled.set(book.id, { id: book.id, basedOn: book.basedOn, byModel });
  }
  const ids = [...compiled.keys()];

  /** The adjustment of a book in force for a quote's point at an instant: the most specific. */
  const inForce = (book: CompiledBook, quote: Quote, at: number): CompiledAdjustment | undefined => {
    const point = {
      ...(quote.duration === undefined ? {} : { duration: quote.duration }),
      ...(quote.resolution === undefined ? {} : { resolution: quote.resolution }),
    };
    let best: CompiledAdjustment | undefined;
    for (const candidates of [book.byModel.get(quote.model), book.byModel.get('')]) {
      for (const c of candidates ?? []) {
        const a = c.adjustment;
        if ((a.from !== null && at < a.from) || (a.until !== null && at >= a.until)) continue;
        if (a.points !== undefined && !a.points.some((p) => filterTakes(p, point, quote.mode))) continue;
        if (best === undefined || a.specificity > best.adjustment.specificity) best = c;
        break;
      }
    }
    return best;
  };

  /** A book's price: its base's (the list's or its base book's), adjusted. */
  const priceIn = (
    id: string,
    listAt: (at: number) => Quote,
    at: number,
    list: Quote,
  ): { credits: number; adjustment: AppliedAdjustment | null } => {
    const book = compiled.get(id) as CompiledBook;
    const baseAt = (instant: number, listQuote: Quote) =>
      book.basedOn === null ? { credits: listQuote.credits, adjustment: null } : priceIn(book.basedOn, listAt, instant, listQuote);
    const base = baseAt(at, list);
    const found = inForce(book, list, at);
    if (found === undefined) return base;
    switch (found.adjustment.kind) {
      case 'percent':
        return { credits: multiply(base.credits, found.basisPoints), adjustment: found.applied };
      case 'credits':
        return { credits: found.adjustment.value, adjustment: found.applied };
      case 'pinned': {
        // The base price then; where the list did not price this request then, the price now.
        let then: Quote;
        try {
          then = listAt(found.adjustment.value);
        } catch (error) {
          if (error instanceof PricingError) return base;
          throw error;
        }
        return { credits: baseAt(found.adjustment.value, then).credits, adjustment: found.applied };
      }
    }
  };

  return {
    summaries: Object.freeze(books.map((b) => Object.freeze({ id: b.id, basedOn: b.basedOn, adjustments: b.adjustments.length }))),
    quote(listAt, at, book) {
      if (!compiled.has(book)) {
        throw new PricingError({
          code: 'UNKNOWN_BOOK',
          parameter: 'book',
          allowed: ids,
          received: echo(String(book)),
          ...(ids.length === 0 ? {} : { suggestion: nearest(String(book), ids) }),
        });
      }
      const list = listAt(at);
      const priced = priceIn(book, listAt, at, list);
      return { ...list, credits: priced.credits, book, listCredits: list.credits, adjustment: priced.adjustment };
    },
  };
}
