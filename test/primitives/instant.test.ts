import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EARLIEST_INSTANT, formatInstant, parseInstant, PricingError, readInstant } from '../../src/index.js';
import { instantLabel } from '../../src/primitives/instant.js';

/** Epoch milliseconds from year 0000 to 9999, where the ISO forms have four-digit years. */
const epochMs = fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 });
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

describe('parseInstant', () => {
  it('reads back every instant written as toISOString writes it, with or without milliseconds', () => {
    fc.assert(
      fc.property(epochMs, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseInstant(iso)).toBe(ms);
        expect(parseInstant(iso.replace(/\.\d{3}Z$/, 'Z'))).toBe(ms - (ms - Math.floor(ms / 1000) * 1000));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a date-time with an offset as the instant it names, and a date as midnight UTC', () => {
    fc.assert(
      fc.property(
        epochMs,
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        fc.integer({ min: 0, max: 2 }),
        (ms, offset, precision) => {
          const truncated = Math.floor(ms / 1000) * 1000 + (precision === 2 ? ms - Math.floor(ms / 1000) * 1000 : 0);
          const local = new Date(truncated + offset * 60_000);
          const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
          const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${precision === 2 ? `.${pad(local.getUTCMilliseconds(), 3)}` : ''}`;
          const sign = offset < 0 ? '-' : '+';
          fc.pre(local.getUTCFullYear() >= 0 && local.getUTCFullYear() <= 9999);
          expect(parseInstant(`${date}T${time}${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`)).toBe(truncated);
          const midnight = new Date(0);
          midnight.setUTCFullYear(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
          expect(parseInstant(date)).toBe(midnight.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('reads a date-time with Z, whatever its fields hold, exactly when the calendar holds it, as the instant it names', () => {
    /** What the text names, by Date's own arithmetic: defined only when toISOString writes the text back. */
    const named = (text: string): number | undefined => {
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?Z$/.exec(text);
      if (m === null) return undefined;
      const d = new Date(0);
      d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      d.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0));
      return d.toISOString() === (m[7] === undefined ? text.replace('Z', '.000Z') : text) ? d.getTime() : undefined;
    };
    const field = (max: number) => fc.oneof(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: 99 }));
    const text = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        field(13),
        field(32),
        field(24),
        field(60),
        field(60),
        fc.option(fc.integer({ min: 0, max: 999 })),
      )
      .map(
        ([y, mo, d, h, mi, se, ms]) =>
          `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(se)}${ms === null ? '' : `.${pad(ms, 3)}`}Z`,
      );
    // One character replaced by a digit, a separator or another character, at any position.
    const corrupted = fc
      .tuple(text, fc.nat(), fc.constantFrom(...'0123456789-T:.Z /aé'))
      .map(([t, i, c]) => t.slice(0, i % t.length) + c + t.slice((i % t.length) + 1));
    fc.assert(
      fc.property(fc.oneof(text, corrupted), (t) => {
        expect(parseInstant(t)).toBe(named(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the forms exactly', () => {
    expect(parseInstant('2027-01-01')).toBe(Date.UTC(2027, 0, 1));
    expect(parseInstant('2027-01-01T09:30Z')).toBe(Date.UTC(2027, 0, 1, 9, 30));
    expect(parseInstant('2027-01-01T09:30:15.5Z')).toBe(Date.UTC(2027, 0, 1, 9, 30, 15, 500));
    expect(parseInstant('2027-01-01T09:30:15.05+02:00')).toBe(Date.UTC(2027, 0, 1, 7, 30, 15, 50));
    expect(parseInstant('2027-01-01T00:00:00-05:30')).toBe(Date.UTC(2027, 0, 1, 5, 30));
    expect(parseInstant('2000-02-29T23:59:59.999Z')).toBe(Date.UTC(2000, 1, 29, 23, 59, 59, 999));
    expect(parseInstant('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseInstant('2026-12-31T23:59:59Z')).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
  });

  it.each([
    '2027-02-29',
    '1900-02-29',
    '2100-02-29T00:00:00Z',
    '2027-04-31',
    '2027-06-31T00:00:00Z',
    '2027-09-31',
    '2027-11-31',
    '2027-13-01',
    '2027-00-10',
    '2027-01-00',
    '2027-01-32T00:00:00Z',
    '2027-01-01T24:00:00Z',
    '2027-01-01T23:60:00Z',
    '2027-01-01T23:59:60Z',
    '2027-01-01T10:00:00+24:00',
    '2027-01-01T10:00:00+01:60',
    '2027-01-01T10:00:00',
    '2027-01-01T10:00:00.1234Z',
    '2027-1-01',
    '27-01-01',
    '2027/01/01',
    '2027-01-01 10:00:00Z',
    '2027-01-01T10:00:00z',
    '2027-01-01T1a:00:00Z',
    '2027-01-01T10:00:00.12aZ',
    '2027-01-01T10:00:00,123Z',
    '2027-01-01T10-00:00Z',
    '',
    'today',
  ])('refuses %j', (text) => {
    expect(parseInstant(text)).toBeUndefined();
  });
});

describe('readInstant', () => {
  it('takes a Date, an ISO string or epoch milliseconds, up to ±8.64e15', () => {
    expect(readInstant(new Date(Date.UTC(2027, 0, 1)))).toBe(Date.UTC(2027, 0, 1));
    expect(readInstant('2027-01-01')).toBe(Date.UTC(2027, 0, 1));
    expect([readInstant(0), readInstant(8.64e15), readInstant(EARLIEST_INSTANT)]).toEqual([0, 8.64e15, -8.64e15]);
    const before = Date.now();
    const now = readInstant(undefined);
    expect(now >= before && now <= Date.now()).toBe(true);
  });

  it.each([
    [8.64e15 + 1, '8640000000000001'],
    [-8.64e15 - 1, '-8640000000000001'],
    ['x'.repeat(64), `"${'x'.repeat(64)}"`],
    ['x'.repeat(65), `"${'x'.repeat(61)}..."`],
    [true, 'a boolean'],
  ])('refuses %j as INVALID_PARAMETER naming at', (at, received) => {
    try {
      readInstant(at);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PricingError);
      expect([(error as PricingError).code, (error as PricingError).parameter, (error as PricingError).received]).toEqual([
        'INVALID_PARAMETER',
        'at',
        received,
      ]);
    }
  });
});

describe('formatting an instant', () => {
  it('writes ISO 8601 in UTC, and labels a midnight as its date', () => {
    expect(formatInstant(Date.UTC(2027, 5, 1, 10))).toBe('2027-06-01T10:00:00.000Z');
    expect(instantLabel('2027-01-01T00:00:00.000Z')).toBe('2027-01-01');
    expect(instantLabel('2027-01-01T00:00:00.001Z')).toBe('2027-01-01T00:00:00.001Z');
  });
});
