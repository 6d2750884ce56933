/**
 * The shape of a rule file in `rules/`, as `schemas/rule-file.schema.json` defines it.
 * These types describe a file that passed the schema.
 */

/** A generation mode, spelled as the price list spells it. */
export type Mode = 'text-to-image' | 'image-to-image' | 'text-to-video' | 'image-to-video';

/** The two tables of the price list. */
export type Section = Provenance['section'];

/** Every mode, in the order the price list names them. */
export const MODES: readonly Mode[] = ['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video'];

/** A point the price list leaves open, settled by a documented decision: what was assumed, and why. */
export interface Assumption {
  /** What was assumed, in a phrase: "durations 5, 10, 20 s". */
  readonly about: string;
  /** Why, in full. */
  readonly reason: string;
}

/** Where a price comes from: the row of the published price list, verbatim. */
export interface Provenance {
  /** The table of the price list: `Image models` or `Video models`. */
  readonly section: 'Image models' | 'Video models';
  /** The row as the page prints it. */
  readonly row: string;
}

/** One price for every request: `credits`. Video models may be priced per clip of `clipSeconds`. */
export interface FlatPrice {
  /** Flat rate. */
  readonly kind: 'flat';
  /** Credits per call. */
  readonly credits: number;
  /** The only clip length; a request may omit `duration` or send exactly this. */
  readonly clipSeconds?: number;
  /** Points settled by assumption. */
  readonly assumptions?: readonly Assumption[];
}

/** A price per resolution: `credits[i]` is the price at `resolutions[i]`. */
export interface PerResolutionPrice {
  /** Priced by resolution. */
  readonly kind: 'per-resolution';
  /** Resolutions as the page spells them, smallest first. */
  readonly resolutions: readonly string[];
  /** Credits, one per resolution. */
  readonly credits: readonly number[];
  /** Points settled by assumption. */
  readonly assumptions?: readonly Assumption[];
}

/** A price per duration: `credits[i]` is the price for `durations[i]` seconds. */
export interface PerDurationPrice {
  /** Priced by duration. */
  readonly kind: 'per-duration';
  /** Durations in seconds, shortest first. */
  readonly durations: readonly number[];
  /** Credits, one per duration. */
  readonly credits: readonly number[];
  /** Points settled by assumption. */
  readonly assumptions?: readonly Assumption[];
}

/** A duration × resolution matrix: `credits[r][d]` is the price at `resolutions[r]` for `durations[d]` seconds. */
export interface MatrixPrice {
  /** Priced by duration and resolution together. */
  readonly kind: 'duration-by-resolution';
  /** Durations in seconds, shortest first. */
  readonly durations: readonly number[];
  /** Resolutions as the page spells them, smallest first. */
  readonly resolutions: readonly string[];
  /** One row per resolution, one cell per duration (the page's "5, 10, 20 at 720p"). */
  readonly credits: readonly (readonly number[])[];
  /** Points settled by assumption. */
  readonly assumptions?: readonly Assumption[];
}

/** Any of the four pricing kinds. */
export type PriceTable = FlatPrice | PerResolutionPrice | PerDurationPrice | MatrixPrice;

/** The name of a pricing kind. */
export type PriceKind = PriceTable['kind'];

/** A price taken from a named profile of the rule set. */
export interface ProfileReference {
  /** The profile's name, as declared under `profiles` in any rule file. */
  readonly profile: string;
}

/** A parameter value that the upstream API accepts but the price list does not price. */
export interface UnpricedValue {
  /** `duration` or `resolution`. */
  readonly parameter: 'duration' | 'resolution';
  /** The value, as the upstream API spells it. */
  readonly value: string;
  /** Why it is refused. */
  readonly reason: string;
  /** True when the price list may price it later: the docs list it as an open question. */
  readonly openQuestion?: boolean;
}

/**
 * One dated version of a price: in force from `from` until the next version's `from`
 * (a half-open interval). The first version may omit `from`: it is in force since always.
 */
export interface PriceVersionRule<P = PriceTable | ProfileReference> {
  /** When it comes into force: `2027-01-01` (midnight UTC) or a date-time with `Z` or an offset. */
  readonly from?: string;
  /** The price table, as `price` takes it. */
  readonly price: P;
  /** The row of the price list this version comes from, when the list was republished. */
  readonly source?: Provenance;
  /** Why the price changed on that date. */
  readonly reason?: string;
  /** Why a version already in force was corrected in place; `pricing lint` asks for it. */
  readonly correction?: string;
}

/** A shared profile whose price changes over time: every model that names it moves with it. */
export interface DatedProfile {
  /** The versions, in ascending `from` order. */
  readonly prices: readonly PriceVersionRule<PriceTable>[];
}

/** One model as a rule file declares it. */
export interface ModelRule {
  /** The API's model id. */
  readonly id: string;
  /** The modes the model supports. */
  readonly modes: readonly Mode[];
  /** The most `inputImageUrls` a request may send; absent when the model sets no limit. */
  readonly maxInputImages?: number;
  /** One price for all time: the price table, inline or from a profile. Exclusive with `prices`. */
  readonly price?: PriceTable | ProfileReference;
  /** Dated versions of the price, in ascending `from` order. Exclusive with `price`. */
  readonly prices?: readonly PriceVersionRule[];
  /** The page row the price comes from. */
  readonly source: Provenance;
  /** Text the docs add to the model's Rule cell, after the rule derived from its price. */
  readonly note?: string;
  /** Values refused on purpose, with the reason. */
  readonly unpriced?: readonly UnpricedValue[];
}

/** A rule file: profiles shared by models, and the models of one family. */
export interface RuleFile {
  /** Points editors at the JSON Schema. */
  readonly $schema: string;
  /** The model family this file holds. */
  readonly family: string;
  /** Price tables shared by several models ("Same pricing profile as ..."). */
  readonly profiles?: Readonly<Record<string, PriceTable | DatedProfile>>;
  /** The models of the family. */
  readonly models: readonly ModelRule[];
}
