/**
 * The version of a rule set: a hash of what its prices depend on, written in one canonical
 * form. Formatting, file names and order, profile names, provenance and prose do not count;
 * a price, a mode, a limit, a refused value, an assumption or a date does.
 */
import { asciiLowerCase } from '../primitives/request.js';
import { sha256Hex } from '../primitives/sha256.js';
import { priceCells } from './price-cells.js';
import type { PriceTable } from './rule-file.js';
import type { RuleSet } from './rule-set.js';

/** Orders strings by code unit, the same in every locale. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A price table in canonical form: its kind, every price point as `[duration, resolution,
 * credits]` sorted, and what it assumes. Two tables that price alike have equal forms.
 * @param table - a price table
 * @returns a JSON-serialisable value
 */
function canonicalPriceTable(table: PriceTable): unknown {
  const cells = priceCells(table).map((c): [number | null, string | null, number] => [c.duration ?? null, c.resolution ?? null, c.credits]);
  cells.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || byCodeUnit(String(a[1]), String(b[1])));
  return [table.kind, cells, (table.assumptions ?? []).map((a) => a.about).sort(byCodeUnit)];
}

/**
 * Whether two price tables price alike: the same kind, points, prices and assumptions, whatever
 * the order of their axes.
 * @param a - a price table
 * @param b - another
 * @returns true when their canonical forms are equal
 */
export function samePrices(a: PriceTable, b: PriceTable): boolean {
  return JSON.stringify(canonicalPriceTable(a)) === JSON.stringify(canonicalPriceTable(b));
}

/** The versions already known, by rule set: a validated rule set is frozen, so its version never changes. */
const known = new WeakMap<RuleSet, string>();

/**
 * Records the version of a rule set hashed before, when it was built: the bundled rules carry
 * theirs, so that a pricer of them hashes nothing when it starts.
 * @param ruleSet - a validated rule set
 * @param version - its version, as {@link ruleSetVersion} hashed it
 */
export function recordRuleSetVersion(ruleSet: RuleSet, version: string): void {
  known.set(ruleSet, version);
}

/**
 * Hashes a rule set, once: the same rule set answers from memory after.
 * @param ruleSet - a validated rule set
 * @returns 16 hex digits
 */
export function ruleSetVersion(ruleSet: RuleSet): string {
  let version = known.get(ruleSet);
  if (version === undefined) {
    version = hashRuleSet(ruleSet);
    known.set(ruleSet, version);
  }
  return version;
}

function hashRuleSet(ruleSet: RuleSet): string {
  const models = [...ruleSet.models]
    .sort((a, b) => byCodeUnit(a.id, b.id))
    .map((m) => [
      m.id,
      [...m.modes].sort(byCodeUnit),
      m.maxInputImages ?? null,
      m.unpriced.map((u) => [u.parameter, asciiLowerCase(u.value)]).sort((a, b) => byCodeUnit(a.join('\u0000'), b.join('\u0000'))),
      m.versions.map((v) => [v.from, canonicalPriceTable(v.price)]),
    ]);
  // Books count when there are any: a rule set without books keeps the version it always had.
  const books = (ruleSet.books ?? [])
    .map((b) => [b.id, b.basedOn, b.adjustments.map((a) => [a.kind, a.value, a.models, a.points ?? null, a.from, a.until, a.specificity])])
    .sort((a, b) => byCodeUnit(String(a[0]), String(b[0])));
  return sha256Hex(JSON.stringify(books.length === 0 ? models : [models, books])).slice(0, 16);
}
