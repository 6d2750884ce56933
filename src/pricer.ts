/**
 * The compiled pricer: a validated rule set turned once into lookup tables, then quoted many
 * times, synchronously. `quote` parses nothing and allocates nothing but its result.
 */
import { PricingError } from './errors.js';
import { countInputImages, INVALID, MISSING, readDuration, readInputMode, readResolution, INPUT_MODES, type PriceRequest } from './request.js';
import type { Mode, PriceKind } from './rules/rule-file.js';
import { isRuleSet, type ModelDefinition, type RuleSet } from './rules/rule-set.js';
import { nearest } from './suggest.js';

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

/** An immutable, compiled price list. */
export interface Pricer {
  /**
   * Prices a request exactly as the API will pre-debit it.
   * @param request - the request body billing code sends; fields that do not drive the price are ignored
   * @returns the credits, with the model, mode and normalised price-driving parameters
   * @throws {@link PricingError} when the request cannot be priced; never returns zero
   */
  quote(request: PriceRequest): Quote;
  /** @returns every model, in rule-file order */
  models(): readonly ModelDefinition[];
  /**
   * @param model - a model id; all models when omitted
   * @returns every priced point, in rule order (resolution, then duration)
   * @throws {@link PricingError} `UNKNOWN_MODEL` for an id the rules do not define
   */
  pricePoints(model?: string): readonly PricePoint[];
  /**
   * @param model - a model id
   * @returns its lowest and highest price
   * @throws {@link PricingError} `UNKNOWN_MODEL` for an id the rules do not define
   */
  range(model: string): CreditRange;
}

type PriceFunction = (request: PriceRequest, mode: Mode) => Quote;

interface CompiledModel {
  readonly id: string;
  readonly video: boolean;
  /** The mode a request without images (and, for video, without inputMode) runs in. */
  readonly textMode: Mode | undefined;
  /** The mode a request with images runs in. */
  readonly imageMode: Mode | undefined;
  readonly maxImages: number;
  readonly price: PriceFunction;
  readonly points: readonly PricePoint[];
  readonly range: CreditRange;
}

/**
 * Compiles a validated rule set into a pricer.
 * @param ruleSet - a rule set from `loadRuleSet` or `parseRuleSet`
 * @returns an immutable pricer
 * @throws TypeError when given anything but a validated rule set
 */
export function compilePricer(ruleSet: RuleSet): Pricer {
  if (!isRuleSet(ruleSet)) throw new TypeError('compilePricer expects a rule set from loadRuleSet or parseRuleSet');
  const compiled = new Map<string, CompiledModel>();
  for (const definition of ruleSet.models) compiled.set(definition.id, compileModel(definition));
  const ids = Object.freeze([...compiled.keys()]);
  const allPoints = Object.freeze([...compiled.values()].flatMap((m) => m.points));

  const lookup = (model: unknown): CompiledModel => {
    if (typeof model === 'string') {
      const found = compiled.get(model);
      if (found !== undefined) return found;
      throw new PricingError({ code: 'UNKNOWN_MODEL', parameter: 'model', allowed: ids, received: JSON.stringify(model), suggestion: nearest(model, ids) });
    }
    if (model === undefined || model === null) throw new PricingError({ code: 'MISSING_PARAMETER', parameter: 'model', allowed: ids, received: 'missing' });
    throw new PricingError({ code: 'INVALID_PARAMETER', parameter: 'model', allowed: ids, received: describeValue(model) });
  };

  const quote = (request: PriceRequest): Quote => {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      const received = request === null ? 'null' : Array.isArray(request) ? 'an array' : `a ${typeof request}`;
      throw new PricingError({ code: 'INVALID_PARAMETER', parameter: 'request', allowed: ['an object with a model field'], received });
    }
    const model = lookup(request.model);
    return model.price(request, resolveMode(model, request));
  };

  return Object.freeze({
    quote,
    models: () => ruleSet.models,
    pricePoints: (model?: string) => (model === undefined ? allPoints : lookup(model).points),
    range: (model: string) => lookup(model).range,
  });
}

function resolveMode(model: CompiledModel, request: PriceRequest): Mode {
  const images = countInputImages(request.inputImageUrls);
  if (images === INVALID) {
    throw refusal(model, 'INVALID_PARAMETER', 'inputImageUrls', ['an array of image URLs'], describeValue(request.inputImageUrls));
  }
  let mode: Mode | undefined;
  if (!model.video) {
    mode = images > 0 ? model.imageMode : model.textMode;
    if (mode === undefined) {
      const wanted = images > 0 ? 'image-to-image (inputImageUrls is not empty)' : 'text-to-image (no inputImageUrls)';
      throw refusal(model, 'UNSUPPORTED_MODE', 'inputImageUrls', supportedModes(model), wanted);
    }
  } else {
    const inputMode = readInputMode(request.inputMode);
    if (inputMode === INVALID) throw refusal(model, 'INVALID_PARAMETER', 'inputMode', INPUT_MODES, describeValue(request.inputMode));
    if (images > 0) {
      // Images make a video request image-to-video, whatever inputMode says (decisions.md).
      mode = model.imageMode;
      if (mode === undefined) {
        throw refusal(model, 'UNSUPPORTED_MODE', 'inputImageUrls', supportedModes(model), `image-to-video (${images} input image${images === 1 ? '' : 's'} sent)`);
      }
    } else if (inputMode === MISSING) {
      mode = model.textMode ?? model.imageMode;
    } else {
      mode = inputMode === 'image_to_video' ? model.imageMode : model.textMode;
      if (mode === undefined) throw refusal(model, 'UNSUPPORTED_MODE', 'inputMode', supportedModes(model).map(toInputMode), inputMode);
    }
  }
  if (images > model.maxImages) {
    throw refusal(model, 'TOO_MANY_INPUT_IMAGES', 'inputImageUrls', [`at most ${model.maxImages} images`], `${images} images`);
  }
  return mode as Mode;
}

function supportedModes(model: CompiledModel): string[] {
  return [model.textMode, model.imageMode].filter((m): m is Mode => m !== undefined);
}

function toInputMode(mode: string): string {
  return mode.replace(/-/g, '_');
}

function refusal(model: { readonly id: string }, code: PricingError['code'], parameter: string, allowed: readonly string[], received: string, reason?: string): PricingError {
  return new PricingError({ code, model: model.id, parameter, allowed, received, ...(reason === undefined ? {} : { reason }) });
}

/**
 * Renders a request value in a message.
 * @param value - anything a request may hold
 * @returns e.g. `"ten"`, `-5`, `NaN`, `an object`
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value);
  return `a ${typeof value}`;
}

/** Seconds as the page writes them: `10s`. */
function seconds(value: number): string {
  return `${value}s`;
}

function compileModel(definition: ModelDefinition): CompiledModel {
  const { id, modes, price } = definition;
  const video = modes.some((m) => m.endsWith('-video'));
  const textMode = modes.find((m) => m === 'text-to-image' || m === 'text-to-video');
  const imageMode = modes.find((m) => m === 'image-to-image' || m === 'image-to-video');
  const unpricedReason = (parameter: 'duration' | 'resolution', value: string): string | undefined =>
    definition.unpriced.find((u) => u.parameter === parameter && u.value.toLowerCase() === value.toLowerCase())?.reason;

  const readSeconds = (request: PriceRequest, allowed: readonly string[], required: boolean): number | undefined => {
    const duration = readDuration(request.duration);
    if (duration === MISSING) {
      if (!required) return undefined;
      throw refusal(definition, 'MISSING_PARAMETER', 'duration', allowed, 'missing');
    }
    if (duration === INVALID) throw refusal(definition, 'INVALID_PARAMETER', 'duration', allowed, describeValue(request.duration));
    return duration;
  };
  const offGrid = (parameter: 'duration' | 'resolution', allowed: readonly string[], value: string): PricingError =>
    refusal(definition, 'UNSUPPORTED_VALUE', parameter, allowed, parameter === 'duration' ? value : JSON.stringify(value), unpricedReason(parameter, value));

  /** A case-insensitive resolution lookup that tries the exact spelling first, then lower case. */
  const resolutionTable = <T>(resolutions: readonly string[], cell: (index: number) => T): Map<string, { spelled: string; cell: T }> => {
    const table = new Map<string, { spelled: string; cell: T }>();
    resolutions.forEach((spelled, i) => {
      const entry = { spelled, cell: cell(i) };
      table.set(spelled, entry);
      table.set(spelled.toLowerCase(), entry);
    });
    return table;
  };
  const readResolutionEntry = <T>(request: PriceRequest, table: Map<string, { spelled: string; cell: T }>, allowed: readonly string[]) => {
    const resolution = readResolution(request.resolution);
    if (resolution === MISSING) throw refusal(definition, 'MISSING_PARAMETER', 'resolution', allowed, 'missing');
    if (resolution === INVALID) throw refusal(definition, 'INVALID_PARAMETER', 'resolution', allowed, describeValue(request.resolution));
    const entry = table.get(resolution) ?? table.get(resolution.toLowerCase());
    if (entry === undefined) throw offGrid('resolution', allowed, resolution);
    return entry;
  };

  let priceFunction: PriceFunction;
  const points: PricePoint[] = [];
  const point = (credits: number, duration?: number, resolution?: string): void => {
    points.push(Object.freeze({ model: id, modes, ...(duration === undefined ? {} : { duration }), ...(resolution === undefined ? {} : { resolution }), credits }));
  };

  switch (price.kind satisfies PriceKind) {
    case 'flat': {
      const { credits, clipSeconds } = price as Extract<typeof price, { kind: 'flat' }>;
      if (clipSeconds === undefined) {
        priceFunction = (_request, mode) => ({ model: id, mode, credits });
        point(credits);
      } else {
        const allowed = Object.freeze([seconds(clipSeconds)]);
        priceFunction = (request, mode) => {
          const duration = readSeconds(request, allowed, false);
          if (duration !== undefined && duration !== clipSeconds) throw offGrid('duration', allowed, seconds(duration));
          return { model: id, mode, credits, duration: clipSeconds };
        };
        point(credits, clipSeconds);
      }
      break;
    }
    case 'per-duration': {
      const table = price as Extract<typeof price, { kind: 'per-duration' }>;
      const byDuration = new Map(table.durations.map((d, i) => [d, table.credits[i] as number]));
      const allowed = Object.freeze(table.durations.map(seconds));
      priceFunction = (request, mode) => {
        const duration = readSeconds(request, allowed, true) as number;
        const credits = byDuration.get(duration);
        if (credits === undefined) throw offGrid('duration', allowed, seconds(duration));
        return { model: id, mode, credits, duration };
      };
      table.durations.forEach((d, i) => point(table.credits[i] as number, d));
      break;
    }
    case 'per-resolution': {
      const table = price as Extract<typeof price, { kind: 'per-resolution' }>;
      const byResolution = resolutionTable(table.resolutions, (i) => table.credits[i] as number);
      const allowed = Object.freeze([...table.resolutions]);
      priceFunction = (request, mode) => {
        const { spelled, cell } = readResolutionEntry(request, byResolution, allowed);
        return { model: id, mode, credits: cell, resolution: spelled };
      };
      table.resolutions.forEach((r, i) => point(table.credits[i] as number, undefined, r));
      break;
    }
    case 'duration-by-resolution': {
      const table = price as Extract<typeof price, { kind: 'duration-by-resolution' }>;
      const byResolution = resolutionTable(table.resolutions, (r) => new Map(table.durations.map((d, i) => [d, table.credits[r]?.[i] as number])));
      const durationsAllowed = Object.freeze(table.durations.map(seconds));
      const resolutionsAllowed = Object.freeze([...table.resolutions]);
      priceFunction = (request, mode) => {
        const duration = readSeconds(request, durationsAllowed, true) as number;
        const { spelled, cell } = readResolutionEntry(request, byResolution, resolutionsAllowed);
        const credits = cell.get(duration);
        if (credits === undefined) throw offGrid('duration', durationsAllowed, seconds(duration));
        return { model: id, mode, credits, duration, resolution: spelled };
      };
      table.resolutions.forEach((r, ri) => table.durations.forEach((d, di) => point(table.credits[ri]?.[di] as number, d, r)));
      break;
    }
  }

  for (const p of points) {
    // The schema and the semantic checks make this unreachable; it guards the invariant that
    // a quote is never zero, fractional or missing, whatever builds the rule set.
    if (!Number.isSafeInteger(p.credits) || p.credits <= 0) throw new TypeError(`${id}: credits must be positive integers, found ${String(p.credits)}`);
  }
  const all = points.map((p) => p.credits);
  return Object.freeze({
    id,
    video,
    textMode,
    imageMode,
    maxImages: definition.maxInputImages ?? Number.POSITIVE_INFINITY,
    price: priceFunction,
    points: Object.freeze(points),
    range: Object.freeze({ min: Math.min(...all), max: Math.max(...all) }),
  });
}
