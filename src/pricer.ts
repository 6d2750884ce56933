/**
 * The compiled pricer: a validated rule set turned once into lookup tables, then quoted many
 * times, synchronously. `quote` parses nothing and allocates nothing but its result.
 */
import { PricingError } from './errors.js';
import { compileModel, refusal, type CompiledModel } from './model-table.js';
import { countInputImages, describeValue, INVALID, INPUT_MODES, MISSING, readInputMode, type PriceRequest } from './request.js';
import type { Mode } from './rules/rule-file.js';
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

