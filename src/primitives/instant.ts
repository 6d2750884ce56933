/**
 * Instants: when a price version comes into force, and the moment a request is priced at.
 * Rule files write them as ISO 8601 dates (`2027-01-01`, midnight UTC) or date-times with `Z`
 * or an offset (`2027-01-01T09:30:00+02:00`); the pricer keeps them as epoch milliseconds.
 */
import { echo } from './echo.js';
import { PricingError } from './errors.js';

/**
 * The grammar of an instant, as a regular expression in the syntax JavaScript, RE2 (DuckDB) and
 * PostgreSQL share, so that every engine that reads instants reads them alike: a date
 * `YYYY-MM-DD`, optionally followed by `THH:MM`, optional seconds and up to three decimals, and
 * `Z` or an offset `±HH:MM`. Hours run 00–23, minutes and seconds 00–59. The calendar (month
 * lengths, leap years) is left to {@link parseInstant}, and in SQL to a cast.
 *
 * Groups: 1 year, 2 month, 3 day, 5 hour, 6 minute, 8 second, 10 fraction, 12 offset sign,
 * 13 offset hours, 14 offset minutes.
 */
export const INSTANT_PATTERN =
  '^([0-9]{4})-([0-9]{2})-([0-9]{2})(T([01][0-9]|2[0-3]):([0-5][0-9])(:([0-5][0-9])(\\.([0-9]{1,3}))?)?(Z|([+-])([01][0-9]|2[0-3]):([0-5][0-9])))?$';

const INSTANT = new RegExp(INSTANT_PATTERN);

/** The earliest instant a `Date` holds (epoch ms): before every dated version. */
export const EARLIEST_INSTANT = -8.64e15;

/** The forms an instant is written in, for messages. */
export const INSTANT_FORMS = [
  'an ISO 8601 date (2027-01-01, midnight UTC)',
  'a date-time with Z or an offset (2027-01-01T09:30:00Z)',
] as const;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Reads an ISO 8601 instant strictly: the calendar must hold the date (`2027-02-30` does not).
 * @param text - `2027-01-01`, `2027-01-01T00:00Z`, `2027-01-01T09:30:00.250+02:00`
 * @returns epoch milliseconds, or undefined when the text is not such an instant
 */
export function parseInstant(text: string): number | undefined {
  // Fast path for the form usage logs write on every line: 2026-11-01T12:00:00Z or ...00.123Z.
  if ((text.length === 20 || text.length === 24) && text.charCodeAt(text.length - 1) === 90 /* Z */) {
    const fast = parseUtcDateTime(text);
    if (fast !== undefined) return fast;
  }
  const m = INSTANT.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[5], m[6], m[8]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = Number((m[10] ?? '0').padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const offset = m[12] === undefined ? 0 : (m[12] === '-' ? -1 : 1) * (Number(m[13]) * 60 + Number(m[14]));
  // Not Date.UTC, which reads years 0–99 as 1900–1999.
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset * 60_000;
}

/** The two-digit number at `i`, or -1 when either character is not a digit. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Reads `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DDTHH:MM:SS.sssZ` by position; undefined for anything else. */
function parseUtcDateTime(text: string): number | undefined {
  // '-' is 45, 'T' 84, ':' 58, '.' 46.
  if (
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84 ||
    text.charCodeAt(13) !== 58 ||
    text.charCodeAt(16) !== 58
  )
    return undefined;
  const century = twoDigits(text, 0);
  const yy = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  let millis = 0;
  if (text.length === 24) {
    const m = twoDigits(text, 20);
    const last = text.charCodeAt(22) - 48;
    if (text.charCodeAt(19) !== 46 || m < 0 || last < 0 || last > 9) return undefined;
    millis = m * 10 + last;
  }
  const year = century * 100 + yy;
  if (
    century < 0 ||
    yy < 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  )
    return undefined;
  return daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
}

/** Days from 1970-01-01 to a proleptic Gregorian date, in integer arithmetic (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * Writes an instant as `Date.prototype.toISOString` does: `2027-01-01T00:00:00.000Z`.
 * @param ms - epoch milliseconds
 * @returns the ISO string
 */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Writes an instant for a reader: `2027-01-01` at midnight UTC, else the full ISO string.
 * @param iso - an ISO string, as `formatInstant` writes it
 * @returns the label
 */
export function instantLabel(iso: string): string {
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/**
 * Reads the instant a request is priced at.
 * @param at - a `Date`, an ISO 8601 string (date, or date-time with `Z` or an offset), epoch
 *   milliseconds, or undefined for the current time
 * @returns epoch milliseconds
 * @throws {@link PricingError} `INVALID_PARAMETER` naming `at` for anything else
 */
export function readInstant(at: unknown): number {
  if (at === undefined) return Date.now();
  let ms: number | undefined;
  if (typeof at === 'number') ms = at;
  else if (typeof at === 'string') ms = parseInstant(at);
  else if (isDate(at)) ms = Date.prototype.getTime.call(at);
  if (ms !== undefined && Number.isFinite(ms) && Math.abs(ms) <= -EARLIEST_INSTANT) return ms;
  throw new PricingError({
    code: 'INVALID_PARAMETER',
    parameter: 'at',
    allowed: ['a Date', ...INSTANT_FORMS, 'epoch milliseconds'],
    received: describeAt(at),
  });
}

/**
 * Whether a value is a `Date` from any realm (a `vm` context, a worker's structured clone):
 * read by the time value it holds, not by its prototype, so `Object.create(Date.prototype)` is not one.
 */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function describeAt(at: unknown): string {
  if (typeof at === 'string') return echo(at);
  if (typeof at === 'number') return String(at);
  if (isDate(at)) return 'an invalid Date';
  if (at === null) return 'null';
  if (at instanceof Date) return 'an object that inherits from Date but holds no time';
  if (Array.isArray(at)) return 'an array';
  return typeof at === 'object' ? 'an object' : `a ${typeof at}`;
}
