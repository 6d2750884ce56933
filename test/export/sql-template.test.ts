import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinSql, sql, sqlCode } from '../../src/export/sql-template.js';

describe('the SQL template', () => {
  it('escapes every interpolated value into a literal', () => {
    const name = "it's; DROP TABLE price_points; --";
    expect(sql`SELECT ${name}, ${42}, ${-1.5}, ${true}, ${false}, ${null}`.text).toBe(
      "SELECT 'it''s; DROP TABLE price_points; --', 42, -1.5, TRUE, FALSE, NULL",
    );
    expect(sql`x IN (${['a', "b'c", 3, null]})`.text).toBe("x IN ('a', 'b''c', 3, NULL)");
  });

  it('keeps code as it is: what it wrote itself, and what is marked as code', () => {
    const column = sqlCode('u.resolution');
    const lowered = sql`lower(${column})`;
    expect(sql`SELECT ${lowered} FROM ${sqlCode('usage_records u')} WHERE ${column} = ${'1080P'}`.text).toBe(
      "SELECT lower(u.resolution) FROM usage_records u WHERE u.resolution = '1080P'",
    );
    expect(joinSql([sql`a`, sql`${'b'}`], ', ').text).toBe("a, 'b'");
    expect(String(sql`${'x'}`)).toBe("'x'");
  });

  it('refuses a number SQL has no literal for', () => {
    for (const n of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(() => sql`SELECT ${n}`).toThrow(new TypeError(`a SQL literal needs a finite number, found ${n}`));
    }
  });

  // Starting Postgres in WebAssembly takes seconds on a busy machine.
  it('law: any string and any safe integer read back from Postgres as they were written', async () => {
    const pg = new PGlite();
    // Postgres text cannot hold NUL; every other code point round-trips.
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(text, fc.maxSafeInteger(), async (s, n) => {
        const { rows } = await pg.query<{ s: string; n: string }>(sql`SELECT ${s} AS s, CAST(${n} AS BIGINT)::text AS n`.text);
        expect(rows[0]).toEqual({ s, n: String(n) });
      }),
      { numRuns: 200 },
    );
    await pg.close();
  }, 60_000);
});
