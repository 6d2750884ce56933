/**
 * Price books compiled into tables: for each book and model, the spans of time between two
 * instants where one of its prices can change (a version of the list, an adjustment of the book
 * or of a book it is based on starting or ending), and in each span the book's price of every
 * point the list prices then, in every mode. The adjustments are applied once, here, in integers
 * (percents as basis points); a quote with a book is the list's lookup, a binary search over the
 * spans and a lookup of the list's point.
 */
import { PricingError } from '../primitives/errors.js';
import { echo } from '../primitives/echo.js';
import { formatInstant } from '../primitives/instant.js';
import { nearest } from '../primitives/suggest.js';
import { lastAtOrBefore } from '../primitives/sorted-search.js';
import { type Adjustment, filterTakes, type PriceBook, priceChangeInstants } from '../rules/price-book.js';
import type { Mode } from '../rules/rule-file.js';
import type { CompiledModel, CompiledVersion } from './compile-model.js';
import { pointRequest } from './point-request.js';
import type { AppliedAdjustment, BookQuote, BookSummary, PricePoint, Quote } from './types.js';

/** An adjustment ready to apply. */
interface CompiledAdjustment {
  readonly adjustment: Adjustment;
  /** For a percent: 10,000 + the percent in hundredths, the multiplier in basis points. */
  readonly basisPoints: number;
  /** What a quote reports of it. */
  readonly applied: AppliedAdjustment;
}

/** A book's adjustments, indexed for compiling. */
interface IndexedBook {
  readonly basedOn: string | null;
  /** The adjustments of each model, most specific first; `*` under the empty string. */
  readonly byModel: ReadonlyMap<string, readonly CompiledAdjustment[]>;
}

/** A book's price of one point of the list in one mode, during one span. */
interface BookCell {
  readonly credits: number;
  /** The adjustment that set it, `null` for the list price. */
  readonly adjustment: AppliedAdjustment | null;
}

/**
 * The cells of one version of a model: each point it prices in each mode, numbered. Built once
 * per version and shared by every book, whose tables hold a price per number.
 */
interface VersionCells {
  /** Each cell's point and mode, by number. */
  readonly cells: readonly { readonly point: PricePoint; readonly mode: Mode }[];
  /** A cell's number by mode, then seconds (−1 without), then resolution as the list spells it ('' without). */
  readonly numbers: ReadonlyMap<Mode, ReadonlyMap<number, ReadonlyMap<string, number>>>;
}

/**
 * A book's prices of one model, span by span, in flat arrays: a book of a few adjustments on a
 * list of many models holds as many numbers as it has prices, and little more.
 */
interface ModelPrices {
  /** Each span's first instant, ascending; the first is −Infinity. */
  readonly starts: readonly number[];
  /** The cells of the version in force in each span. */
  readonly cells: readonly VersionCells[];
  /** Where each span's prices begin in `credits` and `adjustments`. */
  readonly offsets: readonly number[];
  /** The book's credits of each cell of each span. */
  readonly credits: readonly number[];
  /** The adjustment that set each price, `null` for the list price. */
  readonly adjustments: readonly (AppliedAdjustment | null)[];
}

/** The cell being compiled: one point of a model in one mode, and its prices found so far by book and instant. */
interface CellInProgress {
  readonly model: CompiledModel;
  /** The index of the version the point belongs to. */
  readonly version: number;
  readonly point: PricePoint;
  readonly mode: Mode;
  readonly known: Map<string, BookCell | undefined>;
}

/** A book's tables: its prices of each model of the list. */
interface BookTables {
  readonly id: string;
  readonly byModel: ReadonlyMap<string, ModelPrices>;
}

/** Prices the list's quotes in books. */
export interface BookQuoter {
  /** Every book. */
  readonly summaries: readonly BookSummary[];
  /**
   * A book's tables.
   * @param id - the book's id
   * @throws {@link PricingError} `UNKNOWN_BOOK` for a book the rules do not hold
   */
  tables(id: string): BookTables;
  /**
   * The price in a book of what the list quotes.
   * @param book - the book's tables
   * @param list - the list's quote of a request at `at`
   * @param at - the instant, epoch ms
   */
  quote(book: BookTables, list: Quote, at: number): BookQuote;
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

function indexBook(book: PriceBook): IndexedBook {
  const byModel = new Map<string, CompiledAdjustment[]>();
  for (const adjustment of book.adjustments) {
    const entry: CompiledAdjustment = {
      adjustment,
      basisPoints: adjustment.kind === 'percent' ? 10_000 + Math.round(adjustment.value * 100) : 0,
      // Shared by every quote it sets: frozen, so that no caller can change another's.
      applied: Object.freeze({
        kind: adjustment.kind,
        value: adjustment.kind === 'pinned' ? formatInstant(adjustment.value) : adjustment.value,
        reason: adjustment.reason,
        book: book.id,
      }),
    };
    for (const model of adjustment.models === '*' ? [''] : adjustment.models) byModel.set(model, [...(byModel.get(model) ?? []), entry]);
  }
  for (const list of byModel.values()) list.sort((a, b) => b.adjustment.specificity - a.adjustment.specificity);
  return { basedOn: book.basedOn, byModel };
}

/**
 * Compiles the books of a rule set against its compiled list.
 * @param books - validated books
 * @param models - the list, compiled, by model id
 * @returns the quoter
 */
export function compileBooks(books: readonly PriceBook[], models: ReadonlyMap<string, CompiledModel>): BookQuoter {
  const byId = new Map(books.map((b) => [b.id, b]));
  const indexed = new Map(books.map((b) => [b.id, indexBook(b)]));
  const book = (id: string): IndexedBook => indexed.get(id) as IndexedBook;

  /** The adjustment of a book in force on a point of a model in a mode at an instant: the most specific. */
  const inForce = (entry: IndexedBook, model: string, point: PricePoint, mode: Mode, at: number): CompiledAdjustment | undefined => {
    let best: CompiledAdjustment | undefined;
    for (const candidates of [entry.byModel.get(model), entry.byModel.get('')]) {
      for (const c of candidates ?? []) {
        const a = c.adjustment;
        if ((a.from !== null && at < a.from) || (a.until !== null && at >= a.until)) continue;
        if (a.points !== undefined && !a.points.some((p) => filterTakes(p, point, mode))) continue;
        if (best === undefined || a.specificity > best.adjustment.specificity) best = c;
        break;
      }
    }
    return best;
  };

  /** The list's prices of points at instants of other versions (where pins reach), shared by every book. */
  const then = new Map<string, number | undefined>();
  /** The list's price at an instant of the request for a point in a mode, as `quote` prices it; undefined where it refused it. */
  const listThen = (model: CompiledModel, point: PricePoint, mode: Mode, instant: number): number | undefined => {
    const key = `${model.id}\u0000${mode}\u0000${point.duration ?? ''}\u0000${point.resolution ?? ''}\u0000${instant}`;
    if (then.has(key)) return then.get(key);
    let credits: number | undefined;
    try {
      credits = model.at(instant).price(pointRequest(point, mode), mode).credits;
    } catch (error) {
      if (!(error instanceof PricingError)) throw error;
    }
    then.set(key, credits);
    return credits;
  };

  /**
   * A book's price of a list point in a mode at an instant: its base's (the list's or its base
   * book's), adjusted; `undefined` where the list did not price the point then. The cell's
   * `known` prices, by book and instant, make a chain of books that pin read each base at each
   * instant once, not once per path.
   */
  const priceIn = (id: string, at: number, cell: CellInProgress): BookCell | undefined => {
    const key = `${id}@${at}`;
    if (cell.known.has(key)) return cell.known.get(key);
    const price = adjusted(id, at, cell);
    cell.known.set(key, price);
    return price;
  };
  const adjusted = (id: string, at: number, cell: CellInProgress): BookCell | undefined => {
    const { model, point, mode } = cell;
    const entry = book(id);
    const baseAt = (instant: number): BookCell | undefined => {
      if (entry.basedOn !== null) return priceIn(entry.basedOn, instant, cell);
      if (model.versionIndex(instant) === cell.version) return { credits: point.credits, adjustment: null };
      const credits = listThen(model, point, mode, instant);
      return credits === undefined ? undefined : { credits, adjustment: null };
    };
    const base = baseAt(at);
    if (base === undefined) return undefined;
    const found = inForce(entry, model.id, point, mode, at);
    if (found === undefined) return base;
    switch (found.adjustment.kind) {
      case 'percent':
        return { credits: multiply(base.credits, found.basisPoints), adjustment: found.applied };
      case 'credits':
        return { credits: found.adjustment.value, adjustment: found.applied };
      case 'pinned': {
        // The base price then; where the list did not price this point then, the price now.
        const then = baseAt(found.adjustment.value);
        return then === undefined ? base : { credits: then.credits, adjustment: found.applied };
      }
    }
  };

  /** A book and the books it is based on, nearest first. */
  const chain = (id: string): PriceBook[] => {
    const found: PriceBook[] = [];
    for (let at: string | null = id; at !== null; at = book(at).basedOn) found.push(byId.get(at) as PriceBook);
    return found;
  };

  /** Each version's cells, numbered once. */
  const versionCells = new Map<CompiledVersion | undefined, VersionCells>();
  const cellsOf = (version: CompiledVersion | undefined): VersionCells => {
    let found = versionCells.get(version);
    if (found === undefined) {
      const cells: { point: PricePoint; mode: Mode }[] = [];
      const numbers = new Map<Mode, Map<number, Map<string, number>>>();
      for (const point of version?.points ?? []) {
        for (const mode of point.modes) {
          const byDuration = numbers.get(mode) ?? (numbers.set(mode, new Map()).get(mode) as Map<number, Map<string, number>>);
          const duration = point.duration ?? -1;
          const byResolution = byDuration.get(duration) ?? (byDuration.set(duration, new Map()).get(duration) as Map<string, number>);
          byResolution.set(point.resolution ?? '', cells.length);
          cells.push(Object.freeze({ point, mode }));
        }
      }
      found = Object.freeze({ cells: Object.freeze(cells), numbers });
      versionCells.set(version, found);
    }
    return found;
  };

  /** The spans of a model, by their instants: shared by every book whose prices of the model change at the same instants. */
  const spans = new Map<string, Pick<ModelPrices, 'starts' | 'cells' | 'offsets'>>();
  const spansAt = (model: CompiledModel, instants: readonly number[]): Pick<ModelPrices, 'starts' | 'cells' | 'offsets'> => {
    const key = `${model.id}\u0000${instants.join(',')}`;
    let found = spans.get(key);
    if (found === undefined) {
      const starts = [Number.NEGATIVE_INFINITY, ...instants];
      const cells = starts.map((start) => cellsOf(model.versions[model.versionIndex(start)]));
      let offset = 0;
      const offsets = cells.map((c) => {
        offset += c.cells.length;
        return offset - c.cells.length;
      });
      found = Object.freeze({ starts: Object.freeze(starts), cells: Object.freeze(cells), offsets: Object.freeze(offsets) });
      spans.set(key, found);
    }
    return found;
  };

  /** Whether an adjustment of a book or of a book it is based on names the model, or every model. */
  const reaches = (id: string, model: CompiledModel): boolean =>
    chain(id).some((b) => book(b.id).byModel.has(model.id) || book(b.id).byModel.has(''));

  /** The list's prices of a model, for every book no adjustment of which reaches the model. */
  const listPrices = new Map<CompiledModel, ModelPrices>();

  /** A book's prices of a model: each span, with the book's price of every point the list prices then, in every mode. */
  const pricesOf = (id: string, model: CompiledModel): ModelPrices => {
    const untouched = !reaches(id, model);
    const shared = untouched ? listPrices.get(model) : undefined;
    if (shared !== undefined) return shared;
    const structure = spansAt(model, priceChangeInstants([model], chain(id), model.id));
    const credits: number[] = [];
    const adjustments: (AppliedAdjustment | null)[] = [];
    structure.starts.forEach((start, span) => {
      const version = model.versionIndex(start);
      for (const { point, mode } of (structure.cells[span] as VersionCells).cells) {
        const price = priceIn(id, start, { model, version, point, mode, known: new Map() }) as BookCell;
        credits.push(price.credits);
        adjustments.push(price.adjustment);
      }
    });
    const prices = Object.freeze({ ...structure, credits: Object.freeze(credits), adjustments: Object.freeze(adjustments) });
    if (untouched) listPrices.set(model, prices);
    return prices;
  };

  const compiled = new Map<string, BookTables>(
    books.map((b) => [b.id, Object.freeze({ id: b.id, byModel: new Map([...models.values()].map((m) => [m.id, pricesOf(b.id, m)])) })]),
  );
  const ids = [...compiled.keys()];

  return {
    summaries: Object.freeze(books.map((b) => Object.freeze({ id: b.id, basedOn: b.basedOn, adjustments: b.adjustments.length }))),
    tables(id) {
      const found = compiled.get(id);
      if (found !== undefined) return found;
      throw new PricingError({
        code: 'UNKNOWN_BOOK',
        parameter: 'book',
        allowed: ids,
        received: echo(String(id)),
        ...(ids.length === 0 ? {} : { suggestion: nearest(String(id), ids) }),
      });
    },
    quote(book, list, at) {
      const prices = book.byModel.get(list.model) as ModelPrices;
      // The first span starts at −Infinity: every instant is in one.
      const span = lastAtOrBefore(prices.starts, at);
      const number = (prices.cells[span] as VersionCells).numbers
        .get(list.mode)
        ?.get(list.duration ?? -1)
        ?.get(list.resolution ?? '');
      // Every point the list prices in a span has its price: a missing one is a defect of this module, never a price.
      if (number === undefined)
        throw new Error(`book ${book.id} holds no price of ${list.model} ${list.mode} ${list.duration ?? ''} ${list.resolution ?? ''}`);
      const cell = (prices.offsets[span] as number) + number;
      // Copied, then set: V8 copies a quote spread into a literal some twenty times slower.
      const quote = Object.assign({}, list) as { -readonly [K in keyof BookQuote]: BookQuote[K] };
      quote.credits = prices.credits[cell] as number;
      quote.book = book.id;
      quote.listCredits = list.credits;
      quote.adjustment = prices.adjustments[cell] as AppliedAdjustment | null;
      return quote;
    },
  };
}
