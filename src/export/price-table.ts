/**
 * The price table as rows: one per model, mode, price point and price version, each with the
 * half-open interval [valid_from, valid_until) in which it is in force. The shape every export
 * (CSV, JSONL, SQL) writes, so that prices can be joined where usage lives.
 */
import { EARLIEST_INSTANT, formatInstant } from '../primitives/instant.js';
import { compilePricer } from '../pricer/compile-pricer.js';
import { pointRequest } from '../pricer/point-request.js';
import type { BookQuote, PricePoint, Pricer } from '../pricer/types.js';
import { modeRoles } from '../rules/modes.js';
import { priceChangeInstants } from '../rules/price-book.js';
import type { Mode } from '../rules/rule-file.js';
import type { ModelDefinition, PriceVersion, RuleSet } from '../rules/rule-set.js';

/** One price: a model in one mode, at one point, in one version. */
export interface PriceRow {
  /** The model id. */
  readonly model: string;
  /** The mode. */
  readonly mode: Mode;
  /** Seconds, or `null` when the price does not depend on the duration. */
  readonly duration: number | null;
  /** The resolution as the price list spells it, or `null` when the price does not depend on it. */
  readonly resolution: string | null;
  /** Credits: a positive integer. */
  readonly credits: number;
  /** When the version comes into force (ISO string), `null` since always. */
  readonly valid_from: string | null;
  /** When the next version comes into force (ISO string), `null` for the version in force for good. */
  readonly valid_until: string | null;
}

/** One version of a model's price, as the SQL export needs it to refuse requests as `quote` does. */
export interface VersionRow {
  /** The model id. */
  readonly model: string;
  /** When it comes into force, `null` since always. */
  readonly valid_from: string | null;
  /** When the next version comes into force, `null` for good. */
  readonly valid_until: string | null;
  /** The pricing kind of its table. */
  readonly kind: PriceVersion['price']['kind'];
  /** The one clip length of a flat video price, else `null`. */
  readonly clip_seconds: number | null;
  /** Whether a request's duration is read. */
  readonly has_duration: boolean;
  /** Whether a request's resolution is read. */
  readonly has_resolution: boolean;
}

/** A model's modes and input-image limit. */
export interface ModelRow {
  /** The model id. */
  readonly model: string;
  /** Whether it makes video. */
  readonly video: boolean;
  /** The mode without input images (text-to-image or text-to-video), if it has one. */
  readonly text_mode: Mode | null;
  /** The mode with input images, if it has one. */
  readonly image_mode: Mode | null;
  /** The most input images a request may send, `null` without a limit. */
  readonly max_input_images: number | null;
}

/** A price book. */
export interface BookRow {
  /** The book's id. */
  readonly book: string;
  /** The book it is based on, `null` for the list. */
  readonly based_on: string | null;
}

/** One price of a price book: a point of a model, in one mode, during one span of time. */
export interface BookPriceRow extends PriceRow {
  /** The book's id. */
  readonly book: string;
}

/** The price table of a rule set: the list in three relations, and its price books in two. */
export interface PriceTableExport {
  /** Every model. */
  readonly models: readonly ModelRow[];
  /** Every price version of every model. */
  readonly versions: readonly VersionRow[];
  /** Every price. */
  readonly points: readonly PriceRow[];
  /** Every price book. */
  readonly books: readonly BookRow[];
  /** Every price of every book, each point of the list it prices in each span where it holds. */
  readonly bookPoints: readonly BookPriceRow[];
}

/** The columns of {@link PriceRow}, in the order every export writes them. */
export const PRICE_COLUMNS = ['model', 'mode', 'duration', 'resolution', 'credits', 'valid_from', 'valid_until'] as const;

function inForce(version: PriceVersion, next: PriceVersion | undefined, at: number | undefined): boolean {
  return at === undefined || ((version.from === null || version.from <= at) && (next?.from == null || at < next.from));
}

/**
 * Builds the price table of a rule set.
 * @param ruleSet - a validated rule set
 * @param at - only the versions in force at this instant (epoch ms); all versions when undefined
 * @returns the models, versions and prices, in rule order
 */
export function priceTable(ruleSet: RuleSet, at?: number): PriceTableExport {
  const pricer = compilePricer(ruleSet);
  const models: ModelRow[] = [];
  const versions: VersionRow[] = [];
  const points: PriceRow[] = [];
  for (const model of ruleSet.models) {
    models.push(modelRow(model));
    model.versions.forEach((version, i) => {
      const next = model.versions[i + 1];
      if (!inForce(version, next, at)) return;
      const validFrom = version.from === null ? null : formatInstant(version.from);
      const validUntil = next?.from == null ? null : formatInstant(next.from);
      const versionPoints = pricer.pricePoints(model.id, { at: version.from ?? EARLIEST_INSTANT });
      versions.push({
        model: model.id,
        valid_from: validFrom,
        valid_until: validUntil,
        kind: version.price.kind,
        clip_seconds: version.price.kind === 'flat' ? (version.price.clipSeconds ?? null) : null,
        has_duration: versionPoints.some((p) => p.duration !== undefined),
        has_resolution: versionPoints.some((p) => p.resolution !== undefined),
      });
      for (const point of versionPoints) {
        for (const mode of model.modes) {
          points.push({
            model: model.id,
            mode,
            duration: point.duration ?? null,
            resolution: point.resolution ?? null,
            credits: point.credits,
            valid_from: validFrom,
            valid_until: validUntil,
          });
        }
      }
    });
  }
  return { models, versions, points, ...bookPrices(ruleSet, pricer, at) };
}

/**
 * The prices of the books: at every instant a book price can change (a list version, an
 * adjustment's start or end), each point the list prices then, in each mode, as
 * `quote(request, { at, book })` prices it; spans of equal prices joined.
 */
function bookPrices(ruleSet: RuleSet, pricer: Pricer, at: number | undefined): Pick<PriceTableExport, 'books' | 'bookPoints'> {
  const books = ruleSet.books ?? [];
  const instants = [EARLIEST_INSTANT, ...priceChangeInstants(ruleSet.models, books)];
  const bookPoints: BookPriceRow[] = [];
  for (const book of books) {
    for (const model of ruleSet.models) {
      const open = new Map<string, { -readonly [K in keyof BookPriceRow]: BookPriceRow[K] }>();
      instants.forEach((start, i) => {
        const end = instants[i + 1];
        const seen = new Set<string>();
        let points: readonly PricePoint[] = [];
        try {
          points = pricer.pricePoints(model.id, { at: start });
        } catch {
          // Not priced then.
        }
        for (const point of points) {
          for (const mode of point.modes) {
            const key = `${point.duration ?? ''}\u0000${point.resolution ?? ''}\u0000${mode}`;
            seen.add(key);
            const credits = (pricer.quote(pointRequest(point, mode), { at: start, book: book.id }) as BookQuote).credits;
            const row = open.get(key);
            if (row !== undefined && row.credits === credits) {
              row.valid_until = end === undefined ? null : formatInstant(end);
              continue;
            }
            const next = {
              book: book.id,
              model: model.id,
              mode,
              duration: point.duration ?? null,
              resolution: point.resolution ?? null,
              credits,
              valid_from: start === EARLIEST_INSTANT ? null : formatInstant(start),
              valid_until: end === undefined ? null : formatInstant(end),
            };
            open.set(key, next);
            bookPoints.push(next);
          }
        }
        for (const key of [...open.keys()]) if (!seen.has(key)) open.delete(key);
      });
    }
  }
  const inForce = (row: BookPriceRow): boolean =>
    at === undefined ||
    ((row.valid_from === null || Date.parse(row.valid_from) <= at) && (row.valid_until === null || at < Date.parse(row.valid_until)));
  return { books: books.map((b) => ({ book: b.id, based_on: b.basedOn })), bookPoints: bookPoints.filter(inForce) };
}

function modelRow(model: ModelDefinition): ModelRow {
  const roles = modeRoles(model.modes);
  return {
    model: model.id,
    video: roles.video,
    text_mode: roles.textMode ?? null,
    image_mode: roles.imageMode ?? null,
    max_input_images: model.maxInputImages ?? null,
  };
}

/** Quotes a CSV field when RFC 4180 asks for it: a comma, a quote or a line break. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Writes prices as CSV (RFC 4180: a header row, CRLF line ends; an empty field is NULL).
 * @param rows - the prices
 * @returns the CSV text
 */
export function renderPriceCsv(rows: readonly PriceRow[]): string {
  return [PRICE_COLUMNS.join(','), ...rows.map((row) => PRICE_COLUMNS.map((c) => csvField(row[c])).join(','))]
    .map((line) => `${line}\r\n`)
    .join('');
}

/**
 * Writes prices as JSON lines, one object per price with every column (`null` where open).
 * @param rows - the prices
 * @returns the JSONL text
 */
export function renderPriceJsonl(rows: readonly PriceRow[]): string {
  return rows.map((row) => `${JSON.stringify(Object.fromEntries(PRICE_COLUMNS.map((c) => [c, row[c]])))}\n`).join('');
}
