/**
 * What a change does to the prices of the price books, book by book and point by point. A book's
 * price is read as billing code reads it, `quote(request, { at, book })`, on each side, at every
 * instant a price of either side can change (a list version, an adjustment's start or end), so
 * that a multiplier that follows the list, a pin and an overwrite are all seen as they charge.
 *
 * A book price that moves only because the list price under it moved is the list's change, and
 * the list's diff reports it; a book price that moves where the list price did not is the book's
 * own change. One at an instant up to the review's rewrites what customers were charged. A book
 * added or removed shows what it does: its prices that differ from the list's.
 */
import { EARLIEST_INSTANT } from '../primitives/instant.js';
import { pointLabel } from '../primitives/point-label.js';
import { PricingError } from '../primitives/errors.js';
import { pointRequest } from '../pricer/point-request.js';
import type { BookQuote, PricePoint, Pricer, Quote } from '../pricer/types.js';
import { priceChangeInstants } from '../rules/price-book.js';
import type { Mode } from '../rules/rule-file.js';
import type { RuleSet } from '../rules/rule-set.js';

/** One point of a book whose price the change moves, during one span of time. */
export interface BookPointChange {
  /** The model. */
  readonly model: string;
  /** The point: `10s 1080p`, `price`. */
  readonly point: string;
  /** The mode. */
  readonly mode: Mode;
  /** From when the prices differ (ISO string), `null` since always. */
  readonly from: string | null;
  /** The book's price before; absent where the book did not price it. */
  readonly old?: number;
  /** The book's price after; absent where the book no longer prices it. */
  readonly new?: number;
  /** Why, as the adjustment that sets the new price (else the old) says. */
  readonly reason?: string;
  /** Whether it starts at an instant up to the review's: a rewrite of what was charged. */
  readonly rewrite: boolean;
}

/** Everything that changed about one book. */
export interface BookDiff {
  /** The book's id. */
  readonly book: string;
  /** `added` or `removed` for a whole book, else `changed`. */
  readonly status: 'added' | 'removed' | 'changed';
  /** Its own price changes, in model, point and time order. */
  readonly changes: readonly BookPointChange[];
}

/** A quote, or undefined where the rules refuse the request. */
function priced<Q extends Quote>(quote: () => Q): Q | undefined {
  try {
    return quote();
  } catch (error) {
    if (error instanceof PricingError) return undefined;
    throw error;
  }
}

/** The points a pricer prices for a model at an instant; none when the model is not priced then. */
function pointsAt(pricer: Pricer, model: string, at: number): readonly PricePoint[] {
  try {
    return pricer.pricePoints(model, { at });
  } catch (error) {
    if (error instanceof PricingError) return [];
    throw error;
  }
}

/**
 * Compares the price books of two rule sets.
 * @param base - the rules before
 * @param head - the rules after
 * @param oldPricer - the base's pricer
 * @param newPricer - the head's pricer
 * @param at - the review's instant, epoch ms
 * @returns each book with a change, in the order of the head's books, then removed books
 */
export function diffBooks(base: RuleSet, head: RuleSet, oldPricer: Pricer, newPricer: Pricer, at: number): BookDiff[] {
  const oldIds = (base.books ?? []).map((b) => b.id);
  const newIds = (head.books ?? []).map((b) => b.id);
  const ids = [...newIds, ...oldIds.filter((id) => !newIds.includes(id))];
  if (ids.length === 0) return [];
  // Every instant a price of either side may change at.
  const instants = [
    EARLIEST_INSTANT,
    ...priceChangeInstants([...base.models, ...head.models], [...(base.books ?? []), ...(head.books ?? [])]),
  ];
  const models = [...new Set([...head.models, ...base.models].map((m) => m.id))];
  const diffs: BookDiff[] = [];
  for (const book of ids) {
    const inOld = oldIds.includes(book);
    const inNew = newIds.includes(book);
    const changes: BookPointChange[] = [];
    for (const model of models) {
      const open = new Map<string, BookPointChange>();
      for (const t of instants) {
        const points = new Map<string, [PricePoint, Mode]>();
        for (const pricer of [oldPricer, newPricer])
          for (const p of pointsAt(pricer, model, t)) for (const mode of p.modes) points.set(`${pointLabel(p)}\u0000${mode}`, [p, mode]);
        const seen = new Set<string>();
        for (const [key, [point, mode]] of points) {
          seen.add(key);
          const request = pointRequest(point, mode);
          const was = inOld ? priced(() => oldPricer.quote(request, { at: t, book }) as BookQuote) : undefined;
          const is = inNew ? priced(() => newPricer.quote(request, { at: t, book }) as BookQuote) : undefined;
          // The book's own change: its price moved where the list's did not. A book added or removed
          // shows what it does: its prices that are not the list's.
          const own =
            inOld && inNew
              ? was?.credits !== is?.credits && was?.listCredits === is?.listCredits
              : (is ?? was) !== undefined && (is ?? was)?.credits !== (is ?? was)?.listCredits;
          const current = open.get(key);
          if (!own) {
            open.delete(key);
            continue;
          }
          if (current !== undefined && current.old === was?.credits && current.new === is?.credits) continue;
          const change: BookPointChange = {
            model,
            point: pointLabel(point),
            mode,
            from: t === EARLIEST_INSTANT ? null : new Date(t).toISOString(),
            ...(was === undefined ? {} : { old: was.credits }),
            ...(is === undefined ? {} : { new: is.credits }),
            ...((is?.adjustment ?? was?.adjustment) == null ? {} : { reason: (is?.adjustment ?? was?.adjustment)?.reason as string }),
            rewrite: inOld && inNew && t <= at,
          };
          open.set(key, change);
          changes.push(change);
        }
        for (const key of [...open.keys()]) if (!seen.has(key)) open.delete(key);
      }
    }
    if (changes.length > 0 || inOld !== inNew) diffs.push({ book, status: !inOld ? 'added' : !inNew ? 'removed' : 'changed', changes });
  }
  return diffs;
}
