import { describe, expect, it } from 'vitest';
import { checkRuleSources, formatRuleIssue, readRuleSources } from '../../src/index.js';

describe('rule files with versions are refused at file:line:col', () => {
  const problems = (dir: string) => checkRuleSources(readRuleSources(dir)).issues.map(formatRuleIssue);

  it('price and prices together, neither, an unparseable date (JSON Schema)', () => {
    const file = 'test/fixtures/broken-rules/versions-schema/kling.json';
    expect(problems('test/fixtures/broken-rules/versions-schema')).toEqual([
      `${file}:5:5: expected exactly one of the properties "price" or "prices", found both`,
      `${file}:12:5: expected exactly one of the properties "price" or "prices", found neither`,
      `${file}:22:19: expected a string matching ^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$ (An ISO 8601 date (2027-01-01, midnight UTC) or date-time with Z or an offset (2027-01-01T09:30:00+02:00)), found "next year"`,
    ]);
  });

  it('unsorted or duplicate from, a missing from after the first, an impossible date, a dated profile start, a change without provenance', () => {
    const file = 'test/fixtures/broken-rules/versions/hailuo.json';
    expect(problems('test/fixtures/broken-rules/versions')).toEqual([
      `${file}:7:19: expected a first profile version without "from": a shared profile is priced since always (a model that adopts it later gives its own version a date), found "2026-01-01"`,
      `${file}:18:19: expected versions in ascending "from" order, after 2027-06-01, found "2027-01-01"`,
      `${file}:19:19: expected each instant once (version 3 starts at 2027-01-01), found "2027-01-01T00:00:00Z" again`,
      `${file}:20:9: expected a "from" instant: only the first version may omit it (in force since always), found a version without "from"`,
      `${file}:21:19: expected a real calendar instant: an ISO 8601 date (2027-01-01) or date-time with Z or an offset, found "2027-02-30"`,
      `${file}:22:9: expected a "source" (the price list row) or a "reason" for the change, found a version with neither`,
      `${file}:31:56: expected a duration no price version prices, found "10s", which it prices`,
    ]);
  });
});
