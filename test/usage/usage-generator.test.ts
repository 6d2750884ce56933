import { describe, expect, it } from 'vitest';
import { createPricer, PricingError, type Pricer, type PriceRequest } from '../../src/index.js';
import {
  emptyCounts,
  generateUsage,
  readUsageLine,
  reconcileLines,
  type MalformedRecord,
  type UsageGeneratorOptions,
  type UsageRecord,
} from '../../src/usage/index.js';
import { madeByFirstTest, sampleSize } from '../support/mutation.js';

const pricer = madeByFirstTest(() => createPricer());
const dated = madeByFirstTest(() => createPricer('test/fixtures/dated-rules'));
const OCTOBER = Date.UTC(2026, 9, 1);
const NOVEMBER = Date.UTC(2026, 10, 1);

/** A generated log, each line read back as a record or what is malformed about it, with the counts it was generated with. */
function generated(rules: Pricer, options: UsageGeneratorOptions) {
  const counts = emptyCounts();
  const lines = [...generateUsage(rules, options, counts)];
  return { lines, reads: lines.map(readUsageLine), counts };
}

const isRecord = (read: UsageRecord | MalformedRecord): read is UsageRecord => !('kind' in read);

function quoteOf(rules: Pricer, record: UsageRecord): number | PricingError {
  try {
    return rules.quote(record.request as PriceRequest, { at: record.submittedAtMs }).credits;
  } catch (error) {
    if (error instanceof PricingError) return error;
    throw error;
  }
}

/** Whether `count` is within four standard deviations of `share` of `n` draws. */
function nearShare(count: number, n: number, share: number): boolean {
  const sd = Math.sqrt(n * share * (1 - share));
  return Math.abs(count - n * share) <= 4 * sd + 1;
}

describe('a generated usage log', () => {
  it('numbers its tasks task-<seed>-<line> in base 36, and submits them within [from, until) as ISO instants', () => {
    const { reads, lines } = generated(pricer(), {
      count: 300,
      seed: 77,
      from: Date.UTC(2027, 0, 1),
      until: Date.UTC(2027, 0, 2),
      malformedShare: 0,
    });
    expect(lines).toHaveLength(300);
    reads.forEach((read, i) => {
      if (!isRecord(read)) throw new Error(`line ${i + 1} is malformed: ${read.reason}`);
      expect(read.taskId).toBe(`task-${(77).toString(36)}-${i.toString(36)}`);
      expect(read.submittedAt).toBe(new Date(read.submittedAtMs).toISOString());
      expect(read.submittedAtMs >= Date.UTC(2027, 0, 1) && read.submittedAtMs < Date.UTC(2027, 0, 2)).toBe(true);
    });
    const days = new Set(reads.filter(isRecord).map((r) => Math.floor((r.submittedAtMs - Date.UTC(2027, 0, 1)) / 3_600_000)));
    expect(days.size).toBeGreaterThan(20); // spread over the day's hours, not bunched at its start
  });

  it('submits in October 2026 by default, with seed 1', () => {
    const { reads } = generated(pricer(), { count: 200, malformedShare: 0 });
    const records = reads.filter(isRecord);
    expect(records).toHaveLength(200);
    expect(records.every((r) => r.submittedAtMs >= OCTOBER && r.submittedAtMs < NOVEMBER)).toBe(true);
    expect(records[0]?.taskId).toBe('task-1-0');
  });

  it('charges a priced line its quote at submittedAt, a drifted line another positive amount, and a refused line 1 to 30 credits', () => {
    const n = sampleSize(4000, 0.25);
    const { reads, counts } = generated(pricer(), { count: n, seed: 5, offGridShare: 0.2, driftShare: 0.2, malformedShare: 0 });
    let match = 0;
    let drift = 0;
    let refused = 0;
    for (const record of reads.filter(isRecord)) {
      const quote = quoteOf(pricer(), record);
      if (quote instanceof PricingError) {
        refused++;
        expect(record.creditsUsed >= 1 && record.creditsUsed <= 30).toBe(true);
      } else if (quote === record.creditsUsed) match++;
      else {
        drift++;
        expect(record.creditsUsed).toBeGreaterThan(0);
      }
    }
    expect({ match, drift, refused }).toEqual({ match: counts.match, drift: counts.drift, refused: counts.unpriceable });
    expect([nearShare(refused, n, 0.2), nearShare(drift, n, 0.2)]).toEqual([true, true]);
  });

  it('drifts by one of +1, ×2 or −1 credit (+2 where −1 would reach zero), each in use', () => {
    const { reads } = generated(pricer(), { count: sampleSize(3000, 0.25), seed: 8, offGridShare: 0, driftShare: 1, malformedShare: 0 });
    const kinds = new Set<string>();
    for (const record of reads.filter(isRecord)) {
      const quote = quoteOf(pricer(), record) as number;
      const kind =
        record.creditsUsed === quote + 1
          ? '+1'
          : record.creditsUsed === quote * 2
            ? '×2'
            : record.creditsUsed === quote - 1
              ? '−1'
              : record.creditsUsed === quote + 2 && quote === 1
                ? '+2'
                : `other: ${quote} → ${record.creditsUsed}`;
      kinds.add(kind);
    }
    expect([...kinds].sort()).toEqual(['+1', '×2', '−1'].sort());
  });

  it('refuses off-grid requests with every code the rules can give, each counted', () => {
    const { reads, counts } = generated(pricer(), { count: sampleSize(2000, 0.25), seed: 3, offGridShare: 1, malformedShare: 0 });
    const byCode: Record<string, number> = {};
    for (const record of reads.filter(isRecord)) {
      const quote = quoteOf(pricer(), record);
      if (!(quote instanceof PricingError)) throw new Error(`${JSON.stringify(record.request)} was priced`);
      byCode[quote.code] = (byCode[quote.code] ?? 0) + 1;
    }
    expect(byCode).toEqual(counts.unpriceableByCode);
    expect(Object.keys(byCode).sort()).toEqual([
      'INVALID_PARAMETER',
      'MISSING_PARAMETER',
      'TOO_MANY_INPUT_IMAGES',
      'UNKNOWN_MODEL',
      'UNSUPPORTED_MODE',
      'UNSUPPORTED_VALUE',
    ]);
  });

  it('writes every kind of malformed line, in the share asked for', () => {
    const n = sampleSize(3000, 0.25);
    const { reads, counts } = generated(pricer(), { count: n, seed: 4, malformedShare: 0.3 });
    const malformed = reads.filter((r): r is MalformedRecord => !isRecord(r));
    expect(malformed).toHaveLength(counts.malformed);
    expect(nearShare(malformed.length, n, 0.3)).toBe(true);
    expect([...new Set(malformed.map((m) => `${m.field}: ${m.reason}`))].sort()).toEqual([
      'creditsUsed: expected a whole number of credits ≥ 0, found "63"',
      'line: expected a JSON object (a usage record), found an array',
      'line: expected a JSON object, found an empty line',
      'line: expected a JSON object, found text that is not JSON',
      'request: expected the request body, an object, found "veo3"',
      'status: expected 0 (pending), 1 (completed) or 2 (failed), found 3',
      'submittedAt: expected an ISO 8601 instant (2026-11-01T12:00:00Z), found "yesterday"',
      'taskId: expected a non-empty string, found nothing',
    ]);
  });

  it('mixes completed, failed and pending tasks, and flags a refund only on a failed one', () => {
    const n = sampleSize(5000, 0.25);
    const { reads, counts, lines } = generated(pricer(), { count: n, seed: 6, malformedShare: 0 });
    const records = reads.filter(isRecord);
    const status = (s: number) => records.filter((r) => r.status === s).length;
    // 8% fail; of the rest, 7% are still pending.
    expect([nearShare(status(2), n, 0.08), nearShare(status(0), n, 0.92 * 0.07), status(0) + status(1) + status(2)]).toEqual([
      true,
      true,
      n,
    ]);
    const flagged = lines.filter((line) => line.includes('"creditsRefunded":true'));
    expect(flagged.every((line) => line.includes('"status":2'))).toBe(true);
    expect(nearShare(flagged.length, n, 0.04)).toBe(true);
    expect(records.filter((r) => r.refunded)).toHaveLength(counts.refunded);
    expect(records.filter((r) => r.refunded).reduce((sum, r) => sum + r.creditsUsed, 0)).toBe(counts.refundedCredits);
    expect(records.reduce((sum, r) => sum + r.creditsUsed, 0)).toBe(counts.chargedCredits);
    // A share of lines carries a field billing code adds that pricing ignores.
    expect(nearShare(lines.filter((line) => line.includes('"providerTaskId":"p-')).length, n, 0.2)).toBe(true);
  });

  it('spells requests as billing code does: durations as 10, "10" and "10s", resolutions in any case, modes and images as the model takes them', () => {
    const { reads } = generated(pricer(), { count: sampleSize(4000, 0.25), seed: 12, offGridShare: 0, driftShare: 0, malformedShare: 0 });
    const requests = reads.filter(isRecord).map((r) => r.request as Record<string, unknown>);
    const spelling = (value: unknown) => (typeof value === 'number' ? 'number' : /s$/.test(String(value)) ? 'with s' : 'digits');
    expect(new Set(requests.filter((r) => r.duration !== undefined).map((r) => spelling(r.duration)))).toEqual(
      new Set(['number', 'with s', 'digits']),
    );
    const cases = new Set(
      requests
        .filter((r) => typeof r.resolution === 'string')
        .map((r) =>
          r.resolution === String(r.resolution).toLowerCase()
            ? 'lower'
            : r.resolution === String(r.resolution).toUpperCase()
              ? 'upper'
              : 'mixed',
        ),
    );
    expect(cases).toEqual(new Set(['lower', 'upper']));
    expect(new Set(requests.map((r) => r.aspectRatio))).toEqual(new Set(['16:9', '9:16', '1:1']));
    expect(requests.every((r) => r.prompt === 'a lighthouse at dusk, waves breaking')).toBe(true);
    for (const r of requests) {
      const model = pricer()
        .models()
        .find((m) => m.id === r.model);
      const images = r.inputImageUrls as string[] | undefined;
      if (images !== undefined) {
        expect(images.length).toBeGreaterThan(0);
        expect(images.length).toBeLessThanOrEqual(Math.min(model?.maxInputImages ?? 3, 3));
        expect(images).toEqual(images.map((_, k) => `https://cdn.example.test/in/${k}.png`));
        expect(model?.modes.some((m) => m.startsWith('image-to-'))).toBe(true);
      }
      if (r.inputMode !== undefined) expect(model?.modes.map((m) => m.replace(/-/g, '_'))).toContain(r.inputMode);
    }
    const imageModels = requests.filter((r) => r.inputImageUrls !== undefined);
    expect(new Set(imageModels.map((r) => (r.inputImageUrls as string[]).length))).toEqual(new Set([1, 2, 3]));
    // A video model in image mode sometimes names its mode and sometimes leaves it to the images.
    const videoWithImages = requests.filter(
      (r) => r.inputImageUrls !== undefined && String(r.model).includes('video') === false && r.duration !== undefined,
    );
    expect(new Set(videoWithImages.map((r) => r.inputMode === undefined))).toEqual(new Set([true, false]));
    // Every model and every price point of the rules turns up.
    expect(new Set(requests.map((r) => r.model))).toEqual(
      new Set(
        pricer()
          .models()
          .map((m) => m.id),
      ),
    );
  });

  it('prices each line at the version in force when it was submitted, across the dates of dated rules', async () => {
    const counts = emptyCounts();
    const lines = [
      ...generateUsage(
        dated(),
        {
          count: sampleSize(3000, 0.25),
          seed: 21,
          from: Date.UTC(2026, 11, 1),
          until: Date.UTC(2027, 6, 1),
          malformedShare: 0,
          offGridShare: 0,
          driftShare: 0,
        },
        counts,
      ),
    ];
    const summary = await reconcileLines(dated(), lines);
    expect({ match: summary.match, drift: summary.drift, unpriceable: summary.unpriceable, quoted: summary.quotedCredits }).toEqual({
      match: counts.match,
      drift: 0,
      unpriceable: 0,
      quoted: BigInt(counts.quotedCredits),
    });
    expect(counts.match).toBe(lines.length);
    // veo3_lite is priced from 2027-02-01 only: no line asks for it earlier.
    const veoLite = lines
      .map(readUsageLine)
      .filter(isRecord)
      .filter((r) => (r.request as { model: string }).model === 'veo3_lite');
    expect(veoLite.length).toBeGreaterThan(0);
    expect(veoLite.every((r) => r.submittedAtMs >= Date.UTC(2027, 1, 1))).toBe(true);
  });
});
