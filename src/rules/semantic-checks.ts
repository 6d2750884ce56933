/**
 * Step two of validation: what a JSON Schema cannot say. Model ids and profile names are unique
 * across files, profile references resolve, price tables have one cell per axis point and no
 * repeated axis value, a model is either an image or a video model, price versions are dated
 * with real instants in ascending order, and a value listed as refused is one no version prices.
 */
import type { RuleIssue } from '../primitives/errors.js';
import { escapePointerToken, type JsonSource } from './json-source.js';
import { parseInstant } from '../primitives/instant.js';
import { asciiLowerCase, readDuration } from '../primitives/request.js';
import { isVideoMode } from './modes.js';
import { priceCells } from './price-cells.js';
import type { DatedProfile, PriceTable, PriceVersionRule, ProfileReference, RuleFile, UnpricedValue } from './rule-file.js';
import { nearest } from '../primitives/suggest.js';

/** A rule file that passed the JSON Schema. */
export interface CheckedFile {
  /** The text, with positions. */
  readonly source: JsonSource;
  /** The parsed file. */
  readonly rule: RuleFile;
}

/**
 * Runs the semantic checks over every file of a rule set.
 * @param files - files that passed the JSON Schema, in load order
 * @returns one issue per problem, located at `file:line:col`
 */
export function checkSemantics(files: readonly CheckedFile[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const report = (source: JsonSource, code: string, pointer: string, expected: string, received: string): void => {
    const at = source.positionOf(pointer);
    issues.push({ code, severity: 'error', file: source.file, line: at.line, col: at.col, pointer, expected, received });
  };
  const where = (source: JsonSource, pointer: string): string => {
    const at = source.positionOf(pointer);
    return `${source.file}:${at.line}:${at.col}`;
  };

  const profiles = new Map<string, string>();
  const profileTables = new Map<string, PriceTable[]>();
  for (const { source, rule } of files) {
    for (const [name, declared] of Object.entries(rule.profiles ?? {})) {
      const pointer = `/profiles/${escapePointerToken(name)}`;
      const first = profiles.get(name);
      if (first === undefined) profiles.set(name, where(source, pointer));
      else report(source, 'DUPLICATE_PROFILE', pointer, `profile "${name}" declared once (first at ${first})`, 'a second declaration');
      const reportHere: Report = (code, at, expected, received) => report(source, code, at, expected, received);
      const versions = versionsOf(declared as PriceTable | DatedProfile);
      if (isDated(declared as PriceTable | DatedProfile)) {
        checkVersionDates(versions, `${pointer}/prices`, reportHere);
        if (versions[0]?.from !== undefined) {
          reportHere(
            'DATED_PROFILE_START',
            `${pointer}/prices/0/from`,
            'a first profile version without "from": a shared profile is priced since always (a model that adopts it later gives its own version a date)',
            `"${versions[0].from}"`,
          );
        }
      }
      versions.forEach((version, i) => {
        checkPriceTable(
          version.price,
          isDated(declared as PriceTable | DatedProfile) ? `${pointer}/prices/${i}/price` : pointer,
          reportHere,
        );
      });
      if (first === undefined)
        profileTables.set(
          name,
          versions.map((v) => v.price),
        );
    }
  }

  const models = new Map<string, string>();
  for (const { source, rule } of files) {
    rule.models.forEach((model, index) => {
      const pointer = `/models/${index}`;
      const reportHere: Report = (code, at, expected, received) => report(source, code, at, expected, received);
      const first = models.get(model.id);
      if (first === undefined) models.set(model.id, where(source, `${pointer}/id`));
      else
        report(source, 'DUPLICATE_MODEL', `${pointer}/id`, `model "${model.id}" defined once (first at ${first})`, 'a second definition');

      const video = model.modes.filter(isVideoMode);
      if (video.length > 0 && video.length < model.modes.length) {
        report(source, 'MIXED_MODES', `${pointer}/modes`, 'image modes only or video modes only', model.modes.join(', '));
      }

      const versions: readonly PriceVersionRule[] = model.prices ?? [{ price: model.price as PriceTable | ProfileReference }];
      const pricePointer = (i: number): string => (model.prices === undefined ? `${pointer}/price` : `${pointer}/prices/${i}/price`);
      if (model.prices !== undefined) {
        checkVersionDates(model.prices, `${pointer}/prices`, reportHere);
        model.prices.forEach((version, i) => {
          if (i > 0 && version.source === undefined && version.reason === undefined) {
            reportHere(
              'VERSION_WITHOUT_PROVENANCE',
              `${pointer}/prices/${i}`,
              'a "source" (the price list row) or a "reason" for the change',
              'a version with neither',
            );
          }
        });
      }
      const tables: PriceTable[] = [];
      versions.forEach((version, i) => {
        if ('profile' in version.price) {
          const name = version.price.profile;
          const declared = profileTables.get(name);
          if (declared === undefined) {
            const known = [...profiles.keys()];
            const hint = known.length === 0 ? 'no profile is declared' : `"${name}" (did you mean "${nearest(name, known)}"?)`;
            reportHere('UNKNOWN_PROFILE', `${pricePointer(i)}/profile`, `a declared profile (${known.join(', ') || 'none'})`, hint);
          } else tables.push(...declared);
        } else {
          checkPriceTable(version.price, pricePointer(i), reportHere);
          tables.push(version.price);
        }
      });
      (model.unpriced ?? []).forEach((entry, i) => {
        if (tables.some((table) => pricesValue(table, entry))) {
          reportHere(
            'UNPRICED_VALUE_PRICED',
            `${pointer}/unpriced/${i}/value`,
            `a ${entry.parameter} no price version prices`,
            `"${entry.value}", which it prices`,
          );
        }
      });
    });
  }
  return issues;
}

function isDated(declared: PriceTable | DatedProfile): declared is DatedProfile {
  return 'prices' in declared;
}

function versionsOf(declared: PriceTable | DatedProfile): readonly PriceVersionRule<PriceTable>[] {
  return isDated(declared) ? declared.prices : [{ price: declared }];
}

/**
 * Whether a price table prices a value listed as refused: resolutions compare case-insensitively
 * in ASCII, durations as seconds (`"10s"` is 10).
 */
function pricesValue(table: PriceTable, entry: UnpricedValue): boolean {
  if (entry.parameter === 'resolution') {
    const refused = asciiLowerCase(entry.value);
    return priceCells(table).some((cell) => cell.resolution !== undefined && asciiLowerCase(cell.resolution) === refused);
  }
  const seconds = readDuration(entry.value);
  return typeof seconds === 'number' && priceCells(table).some((cell) => cell.duration === seconds);
}

/** Versions are dated with real instants, in strictly ascending order; only the first may omit `from`. */
function checkVersionDates(versions: readonly { readonly from?: string }[], pointer: string, report: Report): void {
  let previous: { ms: number; text: string; index: number } | undefined;
  versions.forEach((version, i) => {
    const at = `${pointer}/${i}`;
    if (version.from === undefined) {
      if (i > 0)
        report(
          'MISSING_FROM',
          at,
          'a "from" instant: only the first version may omit it (in force since always)',
          'a version without "from"',
        );
      return;
    }
    const ms = parseInstant(version.from);
    if (ms === undefined) {
      report(
        'INVALID_DATE',
        `${at}/from`,
        'a real calendar instant: an ISO 8601 date (2027-01-01) or date-time with Z or an offset',
        JSON.stringify(version.from),
      );
      return;
    }
    // No price list is older than 1970; before it, the SQL export's "since always" (year 1) and
    // the years engines cannot store (0000) would read as a version.
    if (ms < 0) {
      report('INVALID_DATE', `${at}/from`, 'an instant from 1970-01-01 on (no price list is older)', JSON.stringify(version.from));
      return;
    }
    if (previous !== undefined && ms === previous.ms) {
      report(
        'DUPLICATE_FROM',
        `${at}/from`,
        `each instant once (version ${previous.index + 1} starts at ${previous.text})`,
        `"${version.from}" again`,
      );
    } else if (previous !== undefined && ms < previous.ms) {
      report('UNSORTED_VERSIONS', `${at}/from`, `versions in ascending "from" order, after ${previous.text}`, `"${version.from}"`);
    }
    previous = { ms, text: version.from, index: i };
  });
}

type Report = (code: string, pointer: string, expected: string, received: string) => void;

function resolutionsOf(table: PriceTable): readonly string[] {
  return table.kind === 'per-resolution' || table.kind === 'duration-by-resolution' ? table.resolutions : [];
}

function durationsOf(table: PriceTable): readonly number[] {
  return table.kind === 'per-duration' || table.kind === 'duration-by-resolution' ? table.durations : [];
}

function checkPriceTable(table: PriceTable, pointer: string, report: Report): void {
  checkNoDuplicates(durationsOf(table).map(String), `${pointer}/durations`, 'duration', report);
  checkNoDuplicates(resolutionsOf(table), `${pointer}/resolutions`, 'resolution', report);
  switch (table.kind) {
    case 'flat':
      return;
    case 'per-resolution':
      checkCells(
        table.credits.length,
        table.resolutions.length,
        `${pointer}/credits`,
        `one price per resolution (${table.resolutions.join(', ')})`,
        report,
      );
      return;
    case 'per-duration':
      checkCells(
        table.credits.length,
        table.durations.length,
        `${pointer}/credits`,
        `one price per duration (${table.durations.join(', ')} s)`,
        report,
      );
      return;
    case 'duration-by-resolution':
      checkCells(
        table.credits.length,
        table.resolutions.length,
        `${pointer}/credits`,
        `one row per resolution (${table.resolutions.join(', ')})`,
        report,
      );
      table.credits.forEach((row, r) => {
        const label = table.resolutions[r] ?? `row ${r + 1}`;
        checkCells(
          row.length,
          table.durations.length,
          `${pointer}/credits/${r}`,
          `one price per duration (${table.durations.join(', ')} s) at ${label}`,
          report,
        );
      });
      return;
  }
}

/** Each value of an axis once; resolutions compare case-insensitively in ASCII. */
function checkNoDuplicates(values: readonly string[], pointer: string, name: string, report: Report): void {
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const key = asciiLowerCase(value);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else report('DUPLICATE_AXIS_VALUE', `${pointer}/${i}`, `each ${name} once`, `"${value}" again (first at index ${first})`);
  });
}

function checkCells(found: number, wanted: number, pointer: string, expected: string, report: Report): void {
  const entries = `${wanted} ${wanted === 1 ? 'entry' : 'entries'}: ${expected}`;
  if (found < wanted) report('MISSING_CELL', pointer, entries, `${found}`);
  else if (found > wanted) report('EXTRA_CELL', pointer, entries, `${found}`);
}
