/**
 * The same prices as json-rules-engine rules, for teams that compose pricing with their own
 * rules, and as the reference the compiled pricer is tested against.
 *
 * Run the engine with the request body as facts (`engine.run(request)`); a request that can be
 * priced yields exactly one event of type {@link PRICE_EVENT}, whose `params.credits` is the price.
 * A request that cannot be priced yields none. The instant it is priced at is the fact
 * {@link AT_FACT} (`engine.run({ ...request, [AT_FACT]: '2027-01-01' })`), the current time when absent;
 * the price book of the customer is the fact {@link BOOK_FACT}, the list when absent.
 */
import { createRequire } from 'node:module';
import type { Engine, NestedCondition, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { priceChangeInstants } from '../rules/price-book.js';
import { versionIndexAt } from '../rules/price-versions.js';
import { priceCells, type PriceCell } from '../rules/price-cells.js';
import { ruleSetVersion } from '../rules/rule-set-version.js';
import type { Mode, PriceTable } from '../rules/rule-file.js';
import { bundledRuleSet } from '../rules/bundled-rules.js';
import { loadRuleSet } from '../rules/load-rules.js';
import type { ModelDefinition, RuleSet } from '../rules/rule-set.js';
import { readInstant } from '../primitives/instant.js';

/** json-rules-engine is loaded when an engine is asked for, not when the package is imported. */
const requireEngine = (): typeof import('json-rules-engine') =>
  createRequire(import.meta.url)('json-rules-engine') as typeof import('json-rules-engine');

/** The event type of a priced request. */
export const PRICE_EVENT = 'price';

/** The fact that holds the instant a request is priced at: a `Date`, an ISO 8601 string or epoch milliseconds. */
export const AT_FACT = 'pricing:at';

/** The fact that holds the price book of the customer a request is for; absent: the list. */
export const BOOK_FACT = 'pricing:book';

/** Facts derived from the request body, named so that no request field can shadow them. */
const FACT = {
  duration: 'pricing:durationSeconds',
  resolution: 'pricing:resolutionKey',
  images: 'pricing:inputImageCount',
  inputMode: 'pricing:inputMode',
  at: 'pricing:atMilliseconds',
  book: 'pricing:bookId',
} as const;

/**
 * Builds a json-rules-engine `Engine` that holds every price of a rule set: one rule per price
 * point and mode, conditioned on the request's facts.
 * @param rules - a rule directory or a validated rule set; default the bundled rules, embedded in the package
 * @returns an engine whose `run(request)` yields one `price` event with `params.credits`, or none
 * @throws {@link RuleSetError} when the rules are invalid
 */
export function toRulesEngine(rules?: string | RuleSet): Engine {
  const ruleSet = rules === undefined ? bundledRuleSet() : typeof rules === 'object' ? rules : loadRuleSet(rules);
  const rulesVersion = ruleSetVersion(ruleSet);
  // The engine is the independent reference the pricer is tested against: it reads the request
  // with its own readers (below), not the pricer's, and matches conditions instead of looking
  // up tables. It shares only the rule set and its cells (priceCells), which the tests check
  // against the published price list on their own.
  const engine: Engine = new (requireEngine().Engine)([], { allowUndefinedFacts: true });
  const fromRequest =
    <T>(field: string, read: (value: unknown) => T) =>
    async (_params: unknown, almanac: { factValue(id: string): Promise<unknown> }): Promise<T> =>
      read(await almanac.factValue(field));

  engine.addFact(FACT.duration, fromRequest('duration', readSeconds));
  engine.addFact(FACT.resolution, fromRequest('resolution', readResolutionKey));
  engine.addFact(
    FACT.images,
    fromRequest('inputImageUrls', (v) => (v === undefined || v === null ? 0 : Array.isArray(v) ? v.length : UNREADABLE)),
  );
  engine.addFact(FACT.inputMode, fromRequest('inputMode', readVideoMode));
  engine.addFact(
    FACT.book,
    fromRequest(BOOK_FACT, (v) => (v === undefined || v === null ? null : typeof v === 'string' ? v : UNREADABLE)),
  );
  engine.addFact(
    FACT.at,
    fromRequest(AT_FACT, (v) => {
      try {
        return readInstant(v);
      } catch {
        return UNREADABLE;
      }
    }),
  );

  for (const model of ruleSet.models) {
    model.versions.forEach((version, v) => {
      const until = model.versions[v + 1]?.from;
      const during: NestedCondition[] = [
        ...(version.from === null ? [] : [{ fact: FACT.at, operator: 'greaterThanInclusive', value: version.from }]),
        ...(until === undefined || until === null ? [] : [{ fact: FACT.at, operator: 'lessThan', value: until }]),
      ];
      for (const point of priceCells(version.price)) {
        for (const mode of model.modes) {
          const conditions: NestedCondition[] = [
            { fact: 'model', operator: 'equal', value: model.id },
            { fact: FACT.book, operator: 'equal', value: null },
            ...during,
            ...modeConditions(model, mode),
          ];
          if (point.duration !== undefined) {
            const optional = version.price.kind === 'flat';
            conditions.push(
              optional
                ? { fact: FACT.duration, operator: 'in', value: [null, point.duration] }
                : { fact: FACT.duration, operator: 'equal', value: point.duration },
            );
          }
          if (point.resolution !== undefined) {
            conditions.push({ fact: FACT.resolution, operator: 'equal', value: readResolutionKey(point.resolution) });
          }
          const rule: RuleProperties = {
            name: `${model.id} ${mode}${point.duration === undefined ? '' : ` ${point.duration}s`}${point.resolution === undefined ? '' : ` ${point.resolution}`}${version.effectiveFrom === null ? '' : ` from ${version.effectiveFrom}`}`,
            conditions: { all: conditions } satisfies TopLevelCondition,
            event: {
              type: PRICE_EVENT,
              params: {
                model: model.id,
                mode,
                credits: point.credits,
                ...(point.duration === undefined ? {} : { duration: point.duration }),
                ...(point.resolution === undefined ? {} : { resolution: point.resolution }),
                effectiveFrom: version.effectiveFrom,
                assumptions: version.assumptions.map((a) => a.about),
                version: rulesVersion,
              },
            },
          };
          engine.addRule(rule);
          for (const span of bookSpans(ruleSet, model, v, point, mode)) {
            engine.addRule({
              name: `${rule.name} in book ${span.book}${span.from === null ? '' : ` from ${new Date(span.from).toISOString()}`}`,
              conditions: {
                all: [
                  ...conditions.filter((c) => !('fact' in c) || (c.fact !== FACT.book && c.fact !== FACT.at)),
                  { fact: FACT.book, operator: 'equal', value: span.book },
                  ...(span.from === null ? [] : [{ fact: FACT.at, operator: 'greaterThanInclusive', value: span.from }]),
                  ...(span.until === null ? [] : [{ fact: FACT.at, operator: 'lessThan', value: span.until }]),
                ],
              } satisfies TopLevelCondition,
              event: {
                type: PRICE_EVENT,
                params: { ...(rule.event.params as object), credits: span.credits, book: span.book, listCredits: point.credits },
              },
            });
          }
        }
      }
    });
  }
  return engine;
}

/** One span of time in which a book prices a list cell in one mode at one price. */
interface BookSpan {
  readonly book: string;
  readonly from: number | null;
  readonly until: number | null;
  readonly credits: number;
}

/**
 * The prices of a list cell in every price book, span by span: read from the books' adjustments
 * here, not from the pricer's compiled tables, so that the engine stays a reference of its own.
 * A span ends wherever the version or any adjustment starts or ends.
 */
function bookSpans(ruleSet: RuleSet, model: ModelDefinition, v: number, cell: PriceCell, mode: Mode): BookSpan[] {
  const books = ruleSet.books ?? [];
  if (books.length === 0) return [];
  const version = model.versions[v] as ModelDefinition['versions'][number];
  const start = version.from ?? Number.NEGATIVE_INFINITY;
  const end = model.versions[v + 1]?.from ?? Number.POSITIVE_INFINITY;
  const starts = [start, ...priceChangeInstants([], books).filter((t) => t > start && t < end)];
  const byId = new Map(books.map((b) => [b.id, b]));
  const key = readResolutionKey;
  /** The list price at an instant of the request for this cell's point, when the list priced it then. */
  const listAt = (t: number): number | undefined => {
    const at = model.versions[versionIndexAt(model.versions, t)];
    return at === undefined ? undefined : priceOfCellRequest(at.price, cell);
  };
  const priceIn = (id: string, t: number): number | undefined => {
    const book = byId.get(id) as NonNullable<ReturnType<typeof byId.get>>;
    const baseAt = (when: number): number | undefined => (book.basedOn === null ? listAt(when) : priceIn(book.basedOn, when));
    const base = baseAt(t);
    if (base === undefined) return undefined;
    const applies = book.adjustments
      .filter((a) => (a.from === null || a.from <= t) && (a.until === null || t < a.until))
      .filter((a) => a.models === '*' || a.models.includes(model.id))
      .filter(
        (a) =>
          a.points === undefined ||
          a.points.some(
            (p) =>
              (p.duration === undefined || p.duration === cell.duration) &&
              (p.resolution === undefined || key(p.resolution) === key(cell.resolution)) &&
              (p.mode === undefined || p.mode === mode),
          ),
      )
      .sort((a, b) => b.specificity - a.specificity)[0];
    if (applies === undefined) return base;
    if (applies.kind === 'credits') return applies.value;
    if (applies.kind === 'pinned') return baseAt(applies.value) ?? base;
    // In BigInt: exact whatever the size of the price (this runs when the rules are exported).
    return Number((BigInt(base) * BigInt(10_000 + Math.round(applies.value * 100)) + 9_999n) / 10_000n);
  };
  return books.flatMap((book) =>
    starts.map((t, i) => ({
      book: book.id,
      from: t === Number.NEGATIVE_INFINITY ? null : t,
      until: starts[i + 1] ?? (end === Number.POSITIVE_INFINITY ? null : end),
      credits: priceIn(book.id, t) as number,
    })),
  );
}

/**
 * What a price table charges the request for a cell of another table (that cell's duration and
 * resolution, when it has them): a table reads only its own axes, so a table by resolution prices
 * a request that also names seconds, and a flat price without a clip length prices any request.
 * @returns the credits, or undefined where the table refuses the request
 */
function priceOfCellRequest(table: PriceTable, cell: PriceCell): number | undefined {
  const duration = (durations: readonly number[]): number => (cell.duration === undefined ? -1 : durations.indexOf(cell.duration));
  const resolution = (resolutions: readonly string[]): number =>
    cell.resolution === undefined ? -1 : resolutions.findIndex((r) => readResolutionKey(r) === readResolutionKey(cell.resolution));
  switch (table.kind) {
    case 'flat':
      return table.clipSeconds === undefined || cell.duration === undefined || cell.duration === table.clipSeconds
        ? table.credits
        : undefined;
    case 'per-duration':
      return table.credits[duration(table.durations)];
    case 'per-resolution':
      return table.credits[resolution(table.resolutions)];
    case 'duration-by-resolution':
      return table.credits[resolution(table.resolutions)]?.[duration(table.durations)];
  }
}

/** What a fact holds for a field that cannot be read: no price point or mode has this value. */
const UNREADABLE = '\u0000unreadable';

/** Whole seconds: up to 15 digits, as a number or as text with an optional `s`; null when absent. */
function readSeconds(value: unknown): number | null | string {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value < 1e15 ? value : UNREADABLE;
  if (typeof value !== 'string') return UNREADABLE;
  const digits = value.endsWith('s') ? value.slice(0, -1) : value;
  const allDigits = digits.length > 0 && digits.length <= 15 && [...digits].every((c) => c >= '0' && c <= '9');
  return allDigits && !digits.startsWith('0') ? Number(digits) : UNREADABLE;
}

/** A resolution with A–Z lowered (ASCII only), null when absent. */
function readResolutionKey(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value === '') return UNREADABLE;
  return [...value].map((c) => (c >= 'A' && c <= 'Z' ? String.fromCharCode(c.charCodeAt(0) + 32) : c)).join('');
}

/** A video input mode in the API's spelling (the page's spelling read too), null when absent. */
function readVideoMode(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (value === 'text_to_video' || value === 'text-to-video') return 'text_to_video';
  if (value === 'image_to_video' || value === 'image-to-video') return 'image_to_video';
  return UNREADABLE;
}

/** The conditions under which a request to `model` runs in `mode`: images select the image mode, inputMode selects it for video. */
function modeConditions(model: ModelDefinition, mode: Mode): NestedCondition[] {
  const max = model.maxInputImages;
  const withImages: NestedCondition[] = [
    { fact: FACT.images, operator: 'greaterThanInclusive', value: 1 },
    ...(max === undefined ? [] : [{ fact: FACT.images, operator: 'lessThanInclusive', value: max }]),
  ];
  const noImages: NestedCondition = { fact: FACT.images, operator: 'equal', value: 0 };
  switch (mode) {
    case 'text-to-image':
      return [noImages];
    case 'image-to-image':
      return withImages;
    case 'text-to-video':
      return [noImages, { fact: FACT.inputMode, operator: 'in', value: [null, 'text_to_video'] }];
    case 'image-to-video': {
      const hasTextMode = model.modes.includes('text-to-video');
      // Without images, an image-to-video request says so in inputMode, or the model has no other mode.
      const asked: NestedCondition = {
        fact: FACT.inputMode,
        operator: 'in',
        value: hasTextMode ? ['image_to_video'] : [null, 'image_to_video'],
      };
      return [
        // An inputMode the model lacks is refused, images or not.
        { fact: FACT.inputMode, operator: 'in', value: hasTextMode ? [null, 'text_to_video', 'image_to_video'] : [null, 'image_to_video'] },
        { any: [{ all: withImages }, { all: [noImages, asked] }] },
      ];
    }
  }
}
