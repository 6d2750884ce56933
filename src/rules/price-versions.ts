/**
 * Which price version is in force at an instant: a binary search over the versions' `from`.
 */
import { lastAtOrBefore } from '../primitives/sorted-search.js';
import type { ModelDefinition, PriceVersion } from './rule-set.js';

/**
 * The instants the versions come into force, as numbers to search: since always is -Infinity.
 * @param versions - versions in ascending `from` order (`null` first: since always)
 * @returns one number per version, ascending
 */
export function versionStarts(versions: readonly { readonly from: number | null }[]): number[] {
  return versions.map((version) => version.from ?? Number.NEGATIVE_INFINITY);
}

/**
 * Finds the version in force at an instant.
 * @param versions - versions in ascending `from` order (`null` first: since always)
 * @param at - epoch milliseconds
 * @returns the index of the version whose half-open interval [from, next from) holds `at`, or -1
 *   when `at` is before the first version's `from`
 */
export function versionIndexAt(versions: readonly { readonly from: number | null }[], at: number): number {
  return lastAtOrBefore(versionStarts(versions), at);
}

/** A model as it is priced at one instant: its definition and the version then in force. */
export interface PricedModel extends ModelDefinition {
  /** The version in force. */
  readonly version: PriceVersion;
  /** Its price table. */
  readonly price: PriceVersion['price'];
  /** The shared profile it comes from, if any. */
  readonly profile?: string;
  /** Points of the price settled by assumption. */
  readonly assumptions: PriceVersion['assumptions'];
  /** When the version came into force (ISO string), or `null` since always. */
  readonly effectiveFrom: string | null;
}

/**
 * A model as priced at an instant.
 * @param model - the model
 * @param at - epoch milliseconds
 * @returns the model with the version then in force, or undefined before its first version
 */
export function modelAt(model: ModelDefinition, at: number): PricedModel | undefined {
  const version = model.versions[versionIndexAt(model.versions, at)];
  return version === undefined ? undefined : pricedModel(model, version);
}

/**
 * A model with one of its versions.
 * @param model - the model
 * @param version - one of its versions
 * @returns the frozen view
 */
export function pricedModel(model: ModelDefinition, version: PriceVersion): PricedModel {
  return Object.freeze({
    ...model,
    version,
    price: version.price,
    ...(version.profile === undefined ? {} : { profile: version.profile }),
    assumptions: version.assumptions,
    effectiveFrom: version.effectiveFrom,
  });
}
