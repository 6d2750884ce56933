/**
 * The price table as rows: one per model, mode, price point and price version, each with the
 * half-open interval [valid_from, valid_until) in which it is in force. The shape every export
 * (CSV, JSONL, SQL) writes, so that prices can be joined where usage lives.
 */
import { EARLIEST_INSTANT, formatInstant } from '../primitives/instant.js';
import { compilePricer } from '../pricer/compile-pricer.js';
import { modeRoles } from '../rules/modes.js';
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

/** The price table of a rule set, in three relations. */
export interface PriceTableExport {
  /** Every model. */
  readonly models: readonly ModelRow[];
  /** Every price version of every model. */
  readonly versions: readonly VersionRow[];
  /** Every price. */
  readonly points: readonly PriceRow[];
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
  return { models, versions, points };
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
