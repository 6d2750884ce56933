/**
 * The pricer's public types: what a quote is, what a pricer answers, and how a request is typed
 * for the bundled rules. The compiler and every output import them from here, so nothing imports
 * back into the compiler.
 */
import type { PricedModel } from '../rules/price-versions.js';
import type { Mode } from '../rules/rule-file.js';
import type { PriceRequest } from '../primitives/request.js';
import type { ModelRequests } from './model-types.generated.js';

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

/**
 * What a request must be for a pricer whose model ids are `Id`: a literal model id that is not
 * one of them does not compile (a typo), a known one gets its durations and resolutions
 * completed, and a `string` model (a request read from elsewhere) is checked at run time.
 */
export type KnownModel<R, Id extends string> = string extends Id
  ? unknown
  : R extends {
        /** The request's model. */
        readonly model: infer M;
      }
    ? string extends M
      ? unknown
      : M extends Id
        ? M extends keyof ModelRequests
          ? ModelRequests[M]
          : unknown
        : {
            /** One of the pricer's model ids. */
            readonly model: Id;
          }
    : unknown;

/**
 * An immutable, compiled price list.
 * @typeParam Id - its model ids: `ModelId` for the bundled rules, `string` for rules loaded at run time
 */
export interface Pricer<Id extends string = string> {
  /**
   * Prices a request exactly as the API will pre-debit it.
   * @param request - the request body billing code sends; fields that do not drive the price are ignored
   * @param options - `at`: the instant the request is submitted at; default now
   * @returns the credits, with the model, mode and normalised price-driving parameters
   * @throws {@link PricingError} when the request cannot be priced; never returns zero
   */
  quote<const R extends PriceRequest>(request: R & KnownModel<R, Id>, options?: AtOptions): Quote;
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
