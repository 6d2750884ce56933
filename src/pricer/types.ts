/**
 * The pricer's public types: what a quote is, what a pricer answers, and how a request is typed
 * for the bundled rules. The compiler and every output import them from here, so nothing imports
 * back into the compiler.
 */
import type { PricedModel } from '../rules/price-versions.js';
import type { Mode } from '../rules/rule-file.js';
import type { PriceRequest } from '../primitives/request.js';
import type { ModelId, ModelRequests } from './model-types.generated.js';

/** The price of one request, with the price-driving parameters it was read as. */
export interface Quote {
  /** The model id. */
  readonly model: string;
  /** The mode the request runs in. */
  readonly mode: Mode;
  /** Credits the API pre-debits: a positive integer. */
  readonly credits: number;
  /** Seconds of video, when the model is priced by duration or per clip. */
  readonly duration?: number;
  /** The resolution as the price list spells it, when the model is priced by resolution. */
  readonly resolution?: string;
  /** When the price version used came into force (ISO string), or `null` for a version in force since always. */
  readonly effectiveFrom: string | null;
  /** What the price rests on: the `about` of each assumption of its price table; empty when none. */
  readonly assumptions: readonly string[];
  /** The version of the rules that priced it ({@link Pricer.version}): store it next to the charge. */
  readonly version: string;
}

/** The instant a question is answered for. */
export interface AtOptions {
  /** A `Date`, an ISO 8601 string (`2027-01-01`, `2027-01-01T09:30:00+02:00`) or epoch milliseconds; default now. */
  readonly at?: Date | string | number;
}

/** The instant of a quote, and the price book of the customer it is for. */
export interface QuoteOptions extends AtOptions {
  /** A price book's id: the customer's price; without it, the list price. */
  readonly book?: string;
}

/** What a quote with a book answers: a {@link BookQuote} with a book, a {@link Quote} without. */
export type QuoteFor<O> = O extends {
  /** A price book's id. */
  readonly book: string;
}
  ? BookQuote
  : Quote;

/** The adjustment a book applied to a price. */
export interface AppliedAdjustment {
  /** A multiplier (`percent`), an overwrite (`credits`) or a pin (`pinned`). */
  readonly kind: 'percent' | 'credits' | 'pinned';
  /** The percent, the credits, or the instant the price is pinned at (ISO string). */
  readonly value: number | string;
  /** Why, as the book says. */
  readonly reason: string;
  /** The book that holds it: the one asked for, or a book it is based on. */
  readonly book: string;
}

/** The price of a request in a price book: the customer's credits, beside the list's. */
export interface BookQuote extends Quote {
  /** The book's id. */
  readonly book: string;
  /** The list price of the request at that instant. */
  readonly listCredits: number;
  /** The adjustment that set `credits`; `null` when the book pays the list price. */
  readonly adjustment: AppliedAdjustment | null;
}

/** A price book of the rules. */
export interface BookSummary {
  /** Its id. */
  readonly id: string;
  /** The book it is based on, `null` for the list. */
  readonly basedOn: string | null;
  /** How many adjustments it declares. */
  readonly adjustments: number;
}

/** One priced point of a model: every combination the rules price. */
export interface PricePoint {
  /** The model id. */
  readonly model: string;
  /** The modes this price applies to. */
  readonly modes: readonly Mode[];
  /** Seconds of video, when the price depends on it (or the model sells fixed clips). */
  readonly duration?: number;
  /** The resolution as the price list spells it, when the price depends on it. */
  readonly resolution?: string;
  /** Credits per call. */
  readonly credits: number;
}

/** The cheapest and dearest price of a model, for "from N credits" displays. */
export interface CreditRange {
  /** The lowest price. */
  readonly min: number;
  /** The highest price. */
  readonly max: number;
}

/** The fields of a request that do not drive its price, or that the pricer reads at run time alike for every model. */
type OtherFields = { readonly [field: string]: unknown };

/**
 * A request to one of the bundled models, as a literal: the model id, then the durations and
 * resolutions that model prices, in every spelling the pricer reads. Editors complete each; a
 * typo in the id or a value the model does not price is a compile error, and so is a missing
 * value the model needs ({@link RequiredFields}).
 */
export type BundledRequest = {
  [M in ModelId]: {
    /** The model id. */
    readonly model: M;
  } & Partial<ModelRequests[M]> &
    OtherFields;
}[ModelId];

/** Whether a type is a union of several: `'a' | 'b'`. */
type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/**
 * The fields a bundled model needs in every request: a missing one does not compile. Only for a
 * request to one model: for the union of them all (what an editor completes from), nothing, so
 * that the editor offers each model's own values.
 */
export type RequiredFields<R> = [R] extends [
  {
    /** The model id. */
    readonly model: infer M extends ModelId;
  },
]
  ? true extends IsUnion<M>
    ? unknown
    : ModelRequests[M]
  : unknown;

/** Whether a type is wider than literals: `string`, `number`, `unknown`, or a union with one. */
type Wide<T> = unknown extends T ? true : string extends T ? true : number extends T ? true : false;

/**
 * A request the pricer checks at run time only: its model is not a literal (a `string`, or
 * `unknown` in a body read through `requestBody`), or its model is a literal id whose duration or
 * resolution comes from a value wider than literals. A literal model with literal values is
 * checked as a {@link BundledRequest}: a typo or an unpriced value does not compile.
 */
export type UncheckedRequest<R> = R extends {
  /** The model id. */
  readonly model: infer M;
}
  ? Wide<M> extends true
    ? unknown
    : M extends ModelId
      ? Wide<
          R extends {
            /** Seconds of video. */
            readonly duration: infer D;
          }
            ? D
            : never
        > extends true
        ? unknown
        : Wide<
              R extends {
                /** The resolution. */
                readonly resolution: infer S;
              }
                ? S
                : never
            > extends true
          ? unknown
          : never
      : never
  : unknown;

/**
 * An immutable, compiled price list. Requests are checked at run time; the pricer of the bundled
 * rules ({@link BundledPricer}) checks literal requests at compile time too.
 */
export interface Pricer {
  /**
   * Prices a request exactly as the API will pre-debit it.
   * @param request - the request body billing code sends; fields that do not drive the price are ignored
   * @param options - `at`: the instant the request is submitted at; default now. `book`: a price
   *   book's id, for the customer's price (a {@link BookQuote})
   * @returns the credits, with the model, mode and normalised price-driving parameters
   * @throws {@link PricingError} when the request cannot be priced (`UNKNOWN_BOOK` for a book the
   *   rules do not hold); never returns zero
   */
  quote<const O extends QuoteOptions = AtOptions>(request: PriceRequest, options?: O): QuoteFor<O>;
  /** @returns every price book of the rules, in file order */
  books(): readonly BookSummary[];
  /**
   * @param options - `at`: the instant; default now
   * @returns every model priced at that instant, in rule-file order, with the version then in force
   */
  models(options?: AtOptions): readonly PricedModel[];
  /**
   * @param model - a model id; all models when omitted
   * @param options - `at`: the instant; default now
   * @returns every point priced at that instant, in rule order (resolution, then duration)
   * @throws {@link PricingError} `UNKNOWN_MODEL` for an id the rules do not define, `UNSUPPORTED_VALUE`
   *   for `at` before the model's first version, `INVALID_PARAMETER` for an unreadable `at`
   */
  pricePoints(model?: string, options?: AtOptions): readonly PricePoint[];
  /**
   * @param model - a model id
   * @param options - `at`: the instant; default now
   * @returns its lowest and highest price at that instant
   * @throws {@link PricingError} as {@link Pricer.pricePoints} does
   */
  range(model: string, options?: AtOptions): CreditRange;
  /**
   * A short content hash of the rule set (16 hex digits): the same for the same rules however
   * the files are formatted or ordered, different after any change to a price, a mode, a limit,
   * a refused value or a date. Billing code stores it, with `effectiveFrom`, next to each charge.
   */
  readonly version: string;
}

/**
 * The pricer of the bundled rules: a {@link Pricer} whose `quote` knows their models. A literal
 * request is checked at compile time (editors complete the model ids, and each model's durations
 * and resolutions; a typo, a value the model does not price or a missing one does not compile);
 * a request whose model or values are not literals is checked at run time, as every request is.
 */
export interface BundledPricer extends Pricer {
  /**
   * Prices a literal request to a bundled model, checked at compile time.
   * @param request - the request body; fields that do not drive the price are ignored
   * @param options - `at`: the instant the request is submitted at; default now; `book`: a price book's id
   * @returns the credits, with the model, mode and normalised price-driving parameters
   * @throws {@link PricingError} when the request cannot be priced; never returns zero
   */
  quote<const R extends BundledRequest, const O extends QuoteOptions = AtOptions>(request: R & RequiredFields<R>, options?: O): QuoteFor<O>;
  /**
   * Prices a request whose model is not a literal (a `string`, or a body read through
   * `requestBody`), or whose duration or resolution is not, checked at run time.
   * @param request - the request body
   * @param options - `at`: the instant the request is submitted at; default now
   * @returns the credits, with the model, mode and normalised price-driving parameters
   * @throws {@link PricingError} when the request cannot be priced; never returns zero
   */
  quote<const R extends PriceRequest, const O extends QuoteOptions = AtOptions>(request: R & UncheckedRequest<R>, options?: O): QuoteFor<O>;
}
