/**
 * Step two of validation: what a JSON Schema cannot say. Model ids and profile names are unique
 * across files, profile references resolve, price tables have one cell per axis point and no
 * repeated axis value, and a model is either an image or a video model.
 */
import type { RuleIssue } from '../errors.js';
import { escapePointerToken, type JsonSource } from './json-source.js';
import type { PriceTable, RuleFile } from './rule-file.js';
import { nearest } from '../suggest.js';

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
  for (const { source, rule } of files) {
    for (const [name, price] of Object.entries(rule.profiles ?? {})) {
      const pointer = `/profiles/${escapePointerToken(name)}`;
      const first = profiles.get(name);
      if (first === undefined) profiles.set(name, where(source, pointer));
      else report(source, 'DUPLICATE_PROFILE', pointer, `profile "${name}" declared once (first at ${first})`, 'a second declaration');
      checkPriceTable(price, pointer, (code, at, expected, received) => report(source, code, at, expected, received));
    }
  }

  const models = new Map<string, string>();
  for (const { source, rule } of files) {
    rule.models.forEach((model, index) => {
      const pointer = `/models/${index}`;
      const first = models.get(model.id);
      if (first === undefined) models.set(model.id, where(source, `${pointer}/id`));
      else report(source, 'DUPLICATE_MODEL', `${pointer}/id`, `model "${model.id}" defined once (first at ${first})`, 'a second definition');

      const video = model.modes.filter((m) => m.endsWith('-video'));
      if (video.length > 0 && video.length < model.modes.length) {
        report(source, 'MIXED_MODES', `${pointer}/modes`, 'image modes only or video modes only', model.modes.join(', '));
      }

      if ('profile' in model.price) {
        const name = model.price.profile;
        if (!profiles.has(name)) {
          const known = [...profiles.keys()];
          const hint = known.length === 0 ? 'no profile is declared' : `"${name}" (did you mean "${nearest(name, known)}"?)`;
          report(source, 'UNKNOWN_PROFILE', `${pointer}/price/profile`, `a declared profile (${known.join(', ') || 'none'})`, hint);
        }
      } else {
        checkPriceTable(model.price, `${pointer}/price`, (code, at, expected, received) => report(source, code, at, expected, received));
        const table = model.price;
        (model.unpriced ?? []).forEach((entry, i) => {
          const axis = entry.parameter === 'resolution' ? resolutionsOf(table) : durationsOf(table).map(String);
          if (axis.some((value) => value.toLowerCase() === entry.value.toLowerCase())) {
            report(source, 'UNPRICED_VALUE_PRICED', `${pointer}/unpriced/${i}/value`, `a ${entry.parameter} the price table does not price`, `"${entry.value}", which it prices`);
          }
        });
      }
    });
  }
  return issues;
}

type Report = (code: string, pointer: string, expected: string, received: string) => void;

function resolutionsOf(table: PriceTable): readonly string[] {
  return table.kind === 'per-resolution' || table.kind === 'duration-by-resolution' ? table.resolutions : [];
}

function durationsOf(table: PriceTable): readonly number[] {
  return table.kind === 'per-duration' || table.kind === 'duration-by-resolution' ? table.durations : [];
}

function checkPriceTable(table: PriceTable, pointer: string, report: Report): void {
  checkAxis(table.kind === 'flat' ? [] : durationsOf(table).map(String), `${pointer}/durations`, 'duration', report);
  checkAxis(resolutionsOf(table), `${pointer}/resolutions`, 'resolution', report);
  switch (table.kind) {
    case 'flat':
      return;
    case 'per-resolution':
      checkCells(table.credits.length, table.resolutions.length, `${pointer}/credits`, `one price per resolution (${table.resolutions.join(', ')})`, report);
      return;
    case 'per-duration':
      checkCells(table.credits.length, table.durations.length, `${pointer}/credits`, `one price per duration (${table.durations.join(', ')} s)`, report);
      return;
    case 'duration-by-resolution':
      checkCells(table.credits.length, table.resolutions.length, `${pointer}/credits`, `one row per resolution (${table.resolutions.join(', ')})`, report);
      table.credits.forEach((row, r) => {
        const label = table.resolutions[r] ?? `row ${r + 1}`;
        checkCells(row.length, table.durations.length, `${pointer}/credits/${r}`, `one price per duration (${table.durations.join(', ')} s) at ${label}`, report);
      });
      return;
  }
}

function checkAxis(values: readonly string[], pointer: string, name: string, report: Report): void {
  const seen = new Map<string, number>();
  values.forEach((value, i) => {
    const key = value.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else report('DUPLICATE_AXIS_VALUE', `${pointer}/${i}`, `each ${name} once`, `"${value}" again (first at index ${first})`);
  });
}

function checkCells(found: number, wanted: number, pointer: string, expected: string, report: Report): void {
  if (found < wanted) report('MISSING_CELL', pointer, `${wanted} entries: ${expected}`, `${found}`);
  else if (found > wanted) report('EXTRA_CELL', pointer, `${wanted} entries: ${expected}`, `${found}`);
}
