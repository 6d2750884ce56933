/**
 * One model compiled for quoting: its modes and input-image limit, and each version of its
 * price table turned into a lookup (a Map per axis) behind a price function specialised for the
 * pricing kind. The version in force at an instant is found by binary search.
 */
import { PricingError } from '../primitives/errors.js';
import type { CreditRange, PricePoint, Quote } from './types.js';
import { echo } from '../primitives/echo.js';
import { asciiLowerCase, describeValue, INVALID, MISSING, readDuration, readResolution, type PriceRequest } from '../primitives/request.js';
import { modeRoles, type ModeRoles } from '../rules/modes.js';
import { priceCells } from '../rules/price-cells.js';
import type { Mode } from '../rules/rule-file.js';
import { formatInstant } from '../primitives/instant.js';
import { versionStarts } from '../rules/price-versions.js';
import { lastAtOrBefore } from '../primitives/sorted-search.js';
import type { ModelDefinition, PriceVersion } from '../rules/rule-set.js';

/** Prices a request whose mode is resolved; throws a {@link PricingError} off the grid. */
type PriceFunction = (request: PriceRequest, mode: Mode) => Quote;

/** A model ready to quote: its id, the roles of its modes, its limit and its versions. */
export interface CompiledModel extends ModeRoles {
  /** The model id. */
  readonly id: string;
  /** The most input images a request may send (infinite without a limit). */
  readonly maxImages: number;
  /** Its price versions, in ascending `from` order. */
  readonly versions: readonly CompiledVersion[];
  /** The one version when it is in force since always and for ever: no instant needs reading. */
  readonly timeless: CompiledVersion | undefined;
  /**
   * The version in force at an instant.
   * @throws {@link PricingError} `UNSUPPORTED_VALUE` for `at` before the first version's `from`
   */
  at(ms: number): CompiledVersion;
  /**
   * The index in `versions` of the version in force at an instant, searched in the starts the
   * model keeps: nothing is allocated.
   * @returns the index, or -1 before the first version's `from`
   */
  versionIndex(ms: number): number;
}

/** One price version of a model, compiled. */
export interface CompiledVersion {
  /** When it comes into force (epoch ms), `null` since always. */
  readonly from: number | null;
  /** Prices a request in a resolved mode. */
  readonly price: PriceFunction;
  /** Every priced point, in rule order. */
  readonly points: readonly PricePoint[];
  /** The lowest and highest price. */
  readonly range: CreditRange;
}

/**
 * Builds the error that refuses a request to a model.
 * @param model - the model refused
 * @param code - why
 * @param parameter - the request field at fault
 * @param allowed - what would be accepted
 * @param received - what the request held
 * @param reason - why the rules refuse the value, when they say
 * @returns the error, to throw
 */
export function refusalError(
  model: { readonly id: string },
  code: PricingError['code'],
  parameter: string,
  allowed: readonly string[],
  received: string,
  reason?: string,
): PricingError {
  return new PricingError({ code, model: model.id, parameter, allowed, received, ...(reason === undefined ? {} : { reason }) });
}

/** Seconds as the page writes them: `10s`. */
function seconds(value: number): string {
  return `${value}s`;
}

/**
 * Compiles one model.
 * @param definition - the model, its price versions resolved
 * @param rulesVersion - the version of the rule set, which every quote carries
 * @returns the compiled model
 * @throws TypeError when a price is not a positive integer (the validation makes that unreachable)
 */
export function compileModel(definition: ModelDefinition, rulesVersion: string): CompiledModel {
  const { id, modes } = definition;
  const versions = Object.freeze(definition.versions.map((version) => compileVersion(definition, version, rulesVersion)));
  const first = versions[0] as CompiledVersion;
  const versionFroms = versionStarts(versions);
  const versionIndex = (ms: number): number => lastAtOrBefore(versionFroms, ms);
  const starts = first.from === null ? [] : [`from ${formatInstant(first.from)}`];
  return Object.freeze({
    id,
    ...modeRoles(modes),
    maxImages: definition.maxInputImages ?? Number.POSITIVE_INFINITY,
    versions,
    timeless: versions.length === 1 && first.from === null ? first : undefined,
    versionIndex,
    at(ms: number): CompiledVersion {
      const found = versions[versionIndex(ms)];
      if (found === undefined)
        throw refusalError(
          definition,
          'UNSUPPORTED_VALUE',
          'at',
          starts,
          formatInstant(ms),
          'the model is not priced before its first price version',
        );
      return found;
    },
  });
}

function compileVersion(definition: ModelDefinition, version: PriceVersion, rulesVersion: string): CompiledVersion {
  const { id, modes } = definition;
  const { price } = version;
  const effectiveFrom = version.effectiveFrom;
  const assumptions = Object.freeze(version.assumptions.map((a) => a.about));
  const unpricedReason = (parameter: 'duration' | 'resolution', value: string): string | undefined =>
    definition.unpriced.find((u) => u.parameter === parameter && asciiLowerCase(u.value) === asciiLowerCase(value))?.reason;

  const readSeconds = (request: PriceRequest, allowed: readonly string[], required: boolean): number | undefined => {
    const duration = readDuration(request.duration);
    if (duration === MISSING) {
      if (!required) return undefined;
      throw refusalError(definition, 'MISSING_PARAMETER', 'duration', allowed, 'missing');
    }
    if (duration === INVALID) throw refusalError(definition, 'INVALID_PARAMETER', 'duration', allowed, describeValue(request.duration));
    return duration;
  };
  const offGrid = (parameter: 'duration' | 'resolution', allowed: readonly string[], value: string): PricingError =>
    refusalError(
      definition,
      'UNSUPPORTED_VALUE',
      parameter,
      allowed,
      parameter === 'duration' ? value : echo(value),
      unpricedReason(parameter, value),
    );

  /** A resolution lookup, case-insensitive in ASCII, that tries the exact spelling first, then lower case. */
  const resolutionTable = <T>(resolutions: readonly string[], cell: (index: number) => T): Map<string, { spelled: string; cell: T }> => {
    const table = new Map<string, { spelled: string; cell: T }>();
    resolutions.forEach((spelled, i) => {
      const entry = { spelled, cell: cell(i) };
      table.set(spelled, entry);
      table.set(asciiLowerCase(spelled), entry);
    });
    return table;
  };
  const readResolutionEntry = <T>(request: PriceRequest, table: Map<string, { spelled: string; cell: T }>, allowed: readonly string[]) => {
    const resolution = readResolution(request.resolution);
    if (resolution === MISSING) throw refusalError(definition, 'MISSING_PARAMETER', 'resolution', allowed, 'missing');
    if (resolution === INVALID)
      throw refusalError(definition, 'INVALID_PARAMETER', 'resolution', allowed, describeValue(request.resolution));
    const entry = table.get(resolution) ?? table.get(asciiLowerCase(resolution));
    if (entry === undefined) throw offGrid('resolution', allowed, resolution);
    return entry;
  };

  const points: readonly PricePoint[] = priceCells(price).map(({ duration, resolution, credits }) =>
    Object.freeze({
      model: id,
      modes,
      ...(duration === undefined ? {} : { duration }),
      ...(resolution === undefined ? {} : { resolution }),
      credits,
    }),
  );
  let priceFunction: PriceFunction;

  switch (price.kind) {
    case 'flat': {
      const { credits, clipSeconds } = price;
      if (clipSeconds === undefined) {
        priceFunction = (_request, mode) => ({ model: id, mode, credits, effectiveFrom, assumptions, version: rulesVersion });
      } else {
        const allowed = Object.freeze([seconds(clipSeconds)]);
        priceFunction = (request, mode) => {
          const duration = readSeconds(request, allowed, false);
          if (duration !== undefined && duration !== clipSeconds) throw offGrid('duration', allowed, seconds(duration));
          return { model: id, mode, credits, duration: clipSeconds, effectiveFrom, assumptions, version: rulesVersion };
        };
      }
      break;
    }
    case 'per-duration': {
      const table = price;
      const byDuration = new Map(table.durations.map((d, i) => [d, table.credits[i] as number]));
      const allowed = Object.freeze(table.durations.map(seconds));
      priceFunction = (request, mode) => {
        const duration = readSeconds(request, allowed, true) as number;
        const credits = byDuration.get(duration);
        if (credits === undefined) throw offGrid('duration', allowed, seconds(duration));
        return { model: id, mode, credits, duration, effectiveFrom, assumptions, version: rulesVersion };
      };
      break;
    }
    case 'per-resolution': {
      const table = price;
      const byResolution = resolutionTable(table.resolutions, (i) => table.credits[i] as number);
      const allowed = Object.freeze([...table.resolutions]);
      priceFunction = (request, mode) => {
        const { spelled, cell } = readResolutionEntry(request, byResolution, allowed);
        return { model: id, mode, credits: cell, resolution: spelled, effectiveFrom, assumptions, version: rulesVersion };
      };
      break;
    }
    case 'duration-by-resolution': {
      const table = price;
      const byResolution = resolutionTable(
        table.resolutions,
        (r) => new Map(table.durations.map((d, i) => [d, table.credits[r]?.[i] as number])),
      );
      const durationsAllowed = Object.freeze(table.durations.map(seconds));
      const resolutionsAllowed = Object.freeze([...table.resolutions]);
      priceFunction = (request, mode) => {
        const duration = readSeconds(request, durationsAllowed, true) as number;
        const { spelled, cell } = readResolutionEntry(request, byResolution, resolutionsAllowed);
        const credits = cell.get(duration);
        if (credits === undefined) throw offGrid('duration', durationsAllowed, seconds(duration));
        return { model: id, mode, credits, duration, resolution: spelled, effectiveFrom, assumptions, version: rulesVersion };
      };
      break;
    }
  }

  for (const p of points) {
    // The schema and the semantic checks make this unreachable; it guards the invariant that
    // a quote is never zero, fractional or missing, whatever builds the rule set.
    if (!Number.isSafeInteger(p.credits) || p.credits <= 0)
      throw new TypeError(`${id}: credits must be positive integers, found ${String(p.credits)}`);
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    if (p.credits < min) min = p.credits;
    if (p.credits > max) max = p.credits;
  }
  return Object.freeze({ from: version.from, price: priceFunction, points: Object.freeze(points), range: Object.freeze({ min, max }) });
}
