/**
 * The compiled pricer: a validated rule set turned once into lookup tables, then quoted many
 * times, synchronously. `quote` parses nothing and allocates nothing but its result.
 */
import { PricingError } from '../primitives/errors.js';
import { readInstant } from '../primitives/instant.js';
import type { AtOptions, PricePoint, Pricer, Quote, QuoteOptions } from './types.js';
import { compileBooks } from './compile-books.js';
import { compileModel, refusalError, type CompiledModel, type CompiledVersion } from './compile-model.js';
import { modelAt, pricedModel, type PricedModel } from '../rules/price-versions.js';
import { ruleSetVersion } from '../rules/rule-set-version.js';
import { echo } from '../primitives/echo.js';
import { countInputImages, describeValue, INVALID, INPUT_MODES, MISSING, readInputMode, type PriceRequest } from '../primitives/request.js';
import type { Mode } from '../rules/rule-file.js';
import { isRuleSet, type PriceVersion, type RuleSet } from '../rules/rule-set.js';
import { nearest } from '../primitives/suggest.js';

/** How many unknown model ids a pricer remembers the nearest known id of. */
const SUGGESTIONS_KEPT = 1024;

/**
 * Compiles a validated rule set into a pricer.
 * @param ruleSet - a rule set from `loadRuleSet` or `parseRuleSet`
 * @returns an immutable pricer
 * @throws TypeError when given anything but a validated rule set
 */
export function compilePricer(ruleSet: RuleSet): Pricer {
  if (!isRuleSet(ruleSet)) throw new TypeError('compilePricer expects a rule set from loadRuleSet or parseRuleSet');
  const compiled = new Map<string, CompiledModel>();
  // Every quote says which rules priced it: the version is hashed once, here.
  const version = ruleSetVersion(ruleSet);
  for (const definition of ruleSet.models) compiled.set(definition.id, compileModel(definition, version));
  const ids = Object.freeze([...compiled.keys()]);
  const timeless = [...compiled.values()].every((m) => m.timeless !== undefined);
  const allPoints = Object.freeze([...compiled.values()].flatMap((m) => m.versions[0]?.points ?? []));

  // Unknown ids repeat (a typo in billing code is sent again and again): their nearest known id
  // is remembered, in a map that is emptied when it grows past SUGGESTIONS_KEPT entries. Only an
  // id of plausible length is searched or kept: memory stays bounded whatever requests hold.
  const suggestions = new Map<string, string | undefined>();
  const suggest = (model: string): string | undefined => {
    if (model.length > longestId * 2) return undefined;
    if (suggestions.has(model)) return suggestions.get(model);
    const found = nearest(model, ids);
    if (suggestions.size >= SUGGESTIONS_KEPT) suggestions.clear();
    suggestions.set(model, found);
    return found;
  };
  const longestId = ids.reduce((n, id) => Math.max(n, id.length), 0);

  const lookup = (model: unknown): CompiledModel => {
    if (typeof model === 'string') {
      const found = compiled.get(model);
      if (found !== undefined) return found;
      const suggestion = suggest(model);
      throw new PricingError({
        code: 'UNKNOWN_MODEL',
        parameter: 'model',
        allowed: ids,
        received: echo(model),
        ...(suggestion === undefined ? {} : { suggestion }),
      });
    }
    if (model === undefined || model === null)
      throw new PricingError({ code: 'MISSING_PARAMETER', parameter: 'model', allowed: ids, received: 'missing' });
    throw new PricingError({ code: 'INVALID_PARAMETER', parameter: 'model', allowed: ids, received: describeValue(model) });
  };

  /** The version of a model in force at an instant (default now); a model with one timeless version reads no clock. */
  const versionOf = (model: CompiledModel, at: AtOptions['at']): CompiledVersion => {
    if (at === undefined && model.timeless !== undefined) return model.timeless;
    const ms = readInstant(at);
    return model.timeless ?? model.at(ms);
  };

  const listQuote = (request: PriceRequest, at: AtOptions['at']): Quote => {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      const received = request === null ? 'null' : Array.isArray(request) ? 'an array' : `a ${typeof request}`;
      throw new PricingError({ code: 'INVALID_PARAMETER', parameter: 'request', allowed: ['an object with a model field'], received });
    }
    const model = lookup(request.model);
    const priced = versionOf(model, at);
    return priced.price(request, resolveMode(model, request));
  };
  const books = compileBooks(ruleSet.books ?? [], compiled);
  const quote = (request: PriceRequest, options?: QuoteOptions): Quote => {
    if (options?.book === undefined) return listQuote(request, options?.at);
    const at = readInstant(options.at);
    const book = books.tables(options.book);
    return books.quote(book, listQuote(request, at), at);
  };

  const pricedModels = Object.freeze(ruleSet.models.map((m) => pricedModel(m, m.versions[0] as PriceVersion)));
  const models = (options?: AtOptions): readonly PricedModel[] => {
    if (timeless && options?.at === undefined) return pricedModels;
    const ms = readInstant(options?.at);
    return Object.freeze(ruleSet.models.flatMap((m) => modelAt(m, ms) ?? []));
  };
  const pricePoints = (model?: string, options?: AtOptions): readonly PricePoint[] => {
    if (model !== undefined) return versionOf(lookup(model), options?.at).points;
    if (timeless && options?.at === undefined) return allPoints;
    const ms = readInstant(options?.at);
    return Object.freeze([...compiled.values()].flatMap((m) => m.versions[m.versionIndex(ms)]?.points ?? []));
  };

  return Object.freeze({
    quote: quote as Pricer['quote'],
    books: () => books.summaries,
    models,
    pricePoints,
    range: (model: string, options?: AtOptions) => versionOf(lookup(model), options?.at).range,
    version,
  });
}

function resolveMode(model: CompiledModel, request: PriceRequest): Mode {
  const images = countInputImages(request.inputImageUrls);
  if (images === INVALID) {
    throw refusalError(model, 'INVALID_PARAMETER', 'inputImageUrls', ['an array of image URLs'], describeValue(request.inputImageUrls));
  }
  let mode: Mode | undefined;
  if (!model.video) {
    mode = images > 0 ? model.imageMode : model.textMode;
    if (mode === undefined) {
      const wanted = images > 0 ? 'image-to-image (inputImageUrls is not empty)' : 'text-to-image (no inputImageUrls)';
      throw refusalError(model, 'UNSUPPORTED_MODE', 'inputImageUrls', supportedModes(model), wanted);
    }
  } else {
    const inputMode = readInputMode(request.inputMode);
    if (inputMode === INVALID) throw refusalError(model, 'INVALID_PARAMETER', 'inputMode', INPUT_MODES, describeValue(request.inputMode));
    // An inputMode the model lacks contradicts the model: refused, with or without images.
    if (inputMode !== MISSING && (inputMode === 'image_to_video' ? model.imageMode : model.textMode) === undefined) {
      throw refusalError(model, 'UNSUPPORTED_MODE', 'inputMode', supportedModes(model).map(toInputMode), inputMode);
    }
    if (images > 0) {
      // Images make a video request image-to-video: the API switches the mode when images are sent.
      mode = model.imageMode;
      if (mode === undefined) {
        throw refusalError(
          model,
          'UNSUPPORTED_MODE',
          'inputImageUrls',
          supportedModes(model),
          `image-to-video (${images} input image${images === 1 ? '' : 's'} sent)`,
        );
      }
    } else if (inputMode === MISSING) {
      mode = model.textMode ?? model.imageMode;
    } else {
      // The model has the mode asked for: an inputMode it lacks was refused above.
      mode = inputMode === 'image_to_video' ? model.imageMode : model.textMode;
    }
  }
  if (images > model.maxImages) {
    throw refusalError(model, 'TOO_MANY_INPUT_IMAGES', 'inputImageUrls', [`at most ${model.maxImages} images`], `${images} images`);
  }
  return mode as Mode;
}

function supportedModes(model: CompiledModel): string[] {
  return [model.textMode, model.imageMode].filter((m): m is Mode => m !== undefined);
}

function toInputMode(mode: string): string {
  return mode.replace(/-/g, '_');
}
