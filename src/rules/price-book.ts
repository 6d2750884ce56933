/**
 * Price books: what a customer (or a plan) pays, as adjustments to the list price, one JSON file
 * per book in the rule directory's `books/` folder. An adjustment applies to some models (or all,
 * `"*"`), optionally to some of their points, during [`from`, `until`), and is exactly one of a
 * multiplier (`percent`, following the list), an overwrite (`credits`, fixed) or a pin
 * (`pinnedAt`: the base price in force then, which later list changes do not move). A book may
 * be based on another book; without one, on the list.
 *
 * Validated in two steps as rule files are: `schemas/price-book.schema.json`, then what a schema
 * cannot say (unique ids, bases that exist and do not loop, models and points the list prices,
 * real instants in order, pins where the list priced, two decimals of a percent, no two
 * adjustments of the same specificity in force together on one point).
 */
import type { RuleIssue } from '../primitives/errors.js';
import { formatInstant, parseInstant } from '../primitives/instant.js';
import { asciiLowerCase } from '../primitives/request.js';
import { nearest } from '../primitives/suggest.js';
import type { JsonSource, RuleLocation } from './json-source.js';
import { priceCells } from './price-cells.js';
import type { Mode, PriceTable } from './rule-file.js';

/** What the checks of a book read of a model of the list. */
interface ListedModel {
  readonly id: string;
  readonly modes: readonly Mode[];
  readonly versions: readonly { readonly from: number | null; readonly price: PriceTable }[];
}

/** Which points of a model an adjustment applies to: any subset of duration, resolution and mode. */
export interface PointFilter {
  /** Seconds of video. */
  readonly duration?: number;
  /** A resolution as the list spells it (compared in any case). */
  readonly resolution?: string;
  /** A mode. */
  readonly mode?: Mode;
}

/** One adjustment as a book file writes it. */
interface AdjustmentRule {
  readonly models: '*' | readonly string[];
  readonly points?: readonly PointFilter[];
  readonly percent?: number;
  readonly credits?: number;
  readonly pinnedAt?: string;
  readonly from?: string;
  readonly until?: string;
  readonly reason: string;
}

/** A book file, as `schemas/price-book.schema.json` describes it. */
interface PriceBookFile {
  readonly book: string;
  readonly basedOn?: string;
  readonly description?: string;
  readonly adjustments: readonly AdjustmentRule[];
}

/** The kinds of adjustment. */
export type AdjustmentKind = 'percent' | 'credits' | 'pinned';

/** An adjustment of a book, resolved. */
export interface Adjustment {
  /** A multiplier (`percent`), an overwrite (`credits`) or a pin (`pinned`). */
  readonly kind: AdjustmentKind;
  /** The percent (−99.99 to 1000, two decimals), the credits, or the pin's instant (epoch ms). */
  readonly value: number;
  /** The models it applies to: `*` for every model. */
  readonly models: '*' | readonly string[];
  /** The points it applies to; absent: every point of the models. */
  readonly points?: readonly PointFilter[];
  /** When it comes into force (epoch ms), `null`: since always. */
  readonly from: number | null;
  /** When it ends (epoch ms, not included), `null`: for good. */
  readonly until: number | null;
  /** Why. */
  readonly reason: string;
  /** 2 for points, 1 for named models, 0 for every model: the most specific in force applies. */
  readonly specificity: 0 | 1 | 2;
  /** Where it is declared. */
  readonly location: RuleLocation;
}

/** A price book, validated. */
export interface PriceBook {
  /** Its id: what billing code stores with each charge. */
  readonly id: string;
  /** The book its prices adjust, `null` for the list. */
  readonly basedOn: string | null;
  /** Who it is for. */
  readonly description?: string;
  /** Its adjustments, in file order. */
  readonly adjustments: readonly Adjustment[];
  /** Where it is declared. */
  readonly location: RuleLocation;
}

/**
 * Whether a rule source is a price book: a JSON file in a `books/` folder.
 * @param file - the source's path
 * @returns true for a book
 */
export function isBookFile(file: string): boolean {
  return /(^|[\\/])books[\\/][^\\/]+\.json$/.test(file);
}

/**
 * Every instant at which a price of the list or of a book can change: each version's start, and
 * each adjustment's start and end. Between two of them, every book price holds still.
 * @param models - the list's models
 * @param books - the books
 * @param model - only the adjustments that apply to this model id (by name or `*`); default all
 * @returns the instants (epoch ms), ascending, each once
 */
export function priceChangeInstants(
  models: readonly { readonly versions: readonly { readonly from: number | null }[] }[],
  books: readonly PriceBook[],
  model?: string,
): number[] {
  const instants = new Set<number>();
  for (const m of models) for (const v of m.versions) if (v.from !== null) instants.add(v.from);
  for (const b of books)
    for (const a of b.adjustments)
      if (model === undefined || a.models === '*' || a.models.includes(model))
        for (const t of [a.from, a.until]) if (t !== null) instants.add(t);
  return [...instants].sort((a, b) => a - b);
}

/** A point a model's list prices, in some version: duration, resolution and the model's modes. */
interface ListPoint {
  readonly duration?: number;
  readonly resolution?: string;
}

function listPoints(model: ListedModel): ListPoint[] {
  return model.versions.flatMap((v) =>
    priceCells(v.price).map((c) => ({
      ...(c.duration === undefined ? {} : { duration: c.duration }),
      ...(c.resolution === undefined ? {} : { resolution: c.resolution }),
    })),
  );
}

/**
 * Whether a point filter takes a point of a model.
 * @param filter - the filter
 * @param point - the point's duration and resolution
 * @param mode - the mode of the request
 * @returns true when every field the filter names is the point's
 */
export function filterTakes(filter: PointFilter, point: ListPoint, mode: Mode): boolean {
  return (
    (filter.duration === undefined || filter.duration === point.duration) &&
    (filter.resolution === undefined ||
      (point.resolution !== undefined && asciiLowerCase(filter.resolution) === asciiLowerCase(point.resolution))) &&
    (filter.mode === undefined || filter.mode === mode)
  );
}

/** Two filters some point can satisfy both of: no field they both name differs. */
function compatible(a: PointFilter, b: PointFilter): boolean {
  return (
    (a.duration === undefined || b.duration === undefined || a.duration === b.duration) &&
    (a.resolution === undefined || b.resolution === undefined || asciiLowerCase(a.resolution) === asciiLowerCase(b.resolution)) &&
    (a.mode === undefined || b.mode === undefined || a.mode === b.mode)
  );
}

const describeFilter = (f: PointFilter): string =>
  [f.duration === undefined ? '' : `${f.duration}s`, f.resolution ?? '', f.mode ?? ''].filter(Boolean).join(' ');

/** A book file that passed its JSON Schema. */
export interface CheckedBookFile {
  /** The text, with positions. */
  readonly source: JsonSource;
}

/**
 * Checks price books against each other and against the list, and resolves them.
 * @param files - book files that passed the JSON Schema
 * @param models - the list's models
 * @returns the books, and one issue per problem, located at `file:line:col`
 */
export function checkBooks(files: readonly CheckedBookFile[], models: readonly ListedModel[]): { books: PriceBook[]; issues: RuleIssue[] } {
  const issues: RuleIssue[] = [];
  const report = (source: JsonSource, code: string, pointer: string, expected: string, received: string): void => {
    const at = source.positionOf(pointer);
    issues.push({ code, severity: 'error', file: source.file, line: at.line, col: at.col, pointer, expected, received });
  };
  const byId = new Map(models.map((m) => [m.id, m]));
  const ids = models.map((m) => m.id);
  const locate = (source: JsonSource, pointer: string): RuleLocation => ({ file: source.file, pointer, ...source.positionOf(pointer) });

  const declared = new Map<string, { source: JsonSource; file: PriceBookFile }>();
  for (const { source } of files) {
    const file = source.value as PriceBookFile;
    const first = declared.get(file.book);
    if (first === undefined) declared.set(file.book, { source, file });
    else {
      const at = first.source.positionOf('/book');
      report(
        source,
        'DUPLICATE_BOOK',
        '/book',
        `book "${file.book}" declared once (first at ${first.source.file}:${at.line}:${at.col})`,
        'a second declaration',
      );
    }
  }

  const books: PriceBook[] = [];
  for (const { source, file } of declared.values()) {
    if (file.basedOn !== undefined) {
      if (!declared.has(file.basedOn)) {
        // Never the book itself: a book based on itself is a loop.
        const others = [...declared.keys()].filter((id) => id !== file.book);
        const suggestion = others.length > 0 ? nearest(file.basedOn, others) : undefined;
        report(
          source,
          'UNKNOWN_BOOK',
          '/basedOn',
          `a book of this rule directory${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`,
          `"${file.basedOn}"`,
        );
      } else {
        // Follow the bases: a book reached twice is a loop.
        const seen = [file.book];
        let next: string | undefined = file.basedOn;
        while (next !== undefined && !seen.includes(next)) {
          seen.push(next);
          next = declared.get(next)?.file.basedOn;
        }
        if (next !== undefined)
          report(source, 'BOOK_CYCLE', '/basedOn', 'a chain of bases that ends at the list', `a loop: ${[...seen, next].join(' → ')}`);
      }
    }
    const adjustments: Adjustment[] = [];
    file.adjustments.forEach((rule, i) => {
      const at = `/adjustments/${i}`;
      const named = rule.models === '*' ? models : rule.models.flatMap((id) => byId.get(id) ?? []);
      if (rule.models !== '*') {
        rule.models.forEach((id, j) => {
          if (!byId.has(id))
            report(
              source,
              'UNKNOWN_MODEL',
              `${at}/models/${j}`,
              `a model the list prices (did you mean "${nearest(id, ids)}"?)`,
              `"${id}"`,
            );
        });
      }
      const instant = (field: 'from' | 'until' | 'pinnedAt'): number | null => {
        const text = rule[field];
        if (text === undefined) return null;
        const ms = parseInstant(text);
        if (ms === undefined) report(source, 'INVALID_INSTANT', `${at}/${field}`, 'a date the calendar holds', `"${text}"`);
        return ms ?? null;
      };
      const from = instant('from');
      const until = instant('until');
      const pinnedAt = instant('pinnedAt');
      if (from !== null && until !== null && until <= from)
        report(source, 'BOOK_INTERVAL', `${at}/until`, `an end after the start (${rule.from})`, `"${rule.until}"`);
      if (rule.percent !== undefined && Math.abs(rule.percent * 100 - Math.round(rule.percent * 100)) > 1e-6)
        report(source, 'BOOK_PERCENT', `${at}/percent`, 'a percent with at most two decimals', String(rule.percent));
      if (pinnedAt !== null) {
        const unpriced = named.filter((m) => !m.versions.some((v) => v.from === null || v.from <= pinnedAt));
        if (unpriced.length > 0)
          report(
            source,
            'BOOK_PIN',
            `${at}/pinnedAt`,
            'an instant when the list priced every model of the adjustment',
            `${rule.pinnedAt}, before ${unpriced.map((m) => m.id).join(', ')} had a price`,
          );
      }
      rule.points?.forEach((filter, k) => {
        const priced = named.filter((m) => listPoints(m).some((p) => m.modes.some((mode) => filterTakes(filter, p, mode))));
        const missing =
          rule.models === '*' ? (priced.length === 0 ? ['any model'] : []) : named.filter((m) => !priced.includes(m)).map((m) => m.id);
        if (missing.length > 0)
          report(
            source,
            'UNPRICED_POINT',
            `${at}/points/${k}`,
            `a point the list prices for ${missing.join(', ')}`,
            `"${describeFilter(filter)}"`,
          );
      });
      const kind: AdjustmentKind = rule.percent !== undefined ? 'percent' : rule.credits !== undefined ? 'credits' : 'pinned';
      adjustments.push({
        kind,
        value: rule.percent ?? rule.credits ?? pinnedAt ?? 0,
        models: rule.models,
        ...(rule.points === undefined ? {} : { points: rule.points }),
        from,
        until,
        reason: rule.reason,
        specificity: rule.points !== undefined ? 2 : rule.models === '*' ? 0 : 1,
        location: locate(source, at),
      });
    });
    checkOverlaps(adjustments, (a, b) =>
      report(
        source,
        'OVERLAPPING_ADJUSTMENTS',
        b.location.pointer,
        `no other adjustment as specific in force on the same point at the same time (${a.location.file}:${a.location.line}:${a.location.col} is)`,
        `an adjustment ${b.from === null ? 'since always' : `from ${formatInstant(b.from)}`}${b.until === null ? '' : ` until ${formatInstant(b.until)}`}`,
      ),
    );
    books.push({
      id: file.book,
      basedOn: file.basedOn ?? null,
      ...(file.description === undefined ? {} : { description: file.description }),
      adjustments,
      location: locate(source, ''),
    });
  }
  return { books, issues };
}

/** Reports each pair of adjustments of the same specificity that can apply to one point at one time. */
function checkOverlaps(adjustments: readonly Adjustment[], overlap: (first: Adjustment, second: Adjustment) => void): void {
  adjustments.forEach((b, j) => {
    const a = adjustments
      .slice(0, j)
      .find(
        (a) =>
          a.specificity === b.specificity &&
          (a.models === '*' || b.models === '*' || a.models.some((m) => (b.models as readonly string[]).includes(m))) &&
          (a.from ?? Number.NEGATIVE_INFINITY) < (b.until ?? Number.POSITIVE_INFINITY) &&
          (b.from ?? Number.NEGATIVE_INFINITY) < (a.until ?? Number.POSITIVE_INFINITY) &&
          (a.points === undefined ||
            b.points === undefined ||
            a.points.some((p) => (b.points as readonly PointFilter[]).some((q) => compatible(p, q)))),
      );
    if (a !== undefined) overlap(a, b);
  });
}
