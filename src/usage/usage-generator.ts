/**
 * A deterministic generator of realistic usage logs: every model of a rule set, requests spelled
 * as billing code sends them, off-grid requests the rules refuse, refunds, pending tasks, and a
 * small share of drifted charges and malformed lines. It counts what it generated, so a test or a
 * benchmark knows the exact answer a reconciliation must give.
 */
import type { PricingErrorCode } from '../primitives/errors.js';
import type { Pricer, PricePoint } from '../pricer/types.js';
import { isVideoMode, takesImages } from '../rules/modes.js';
import type { PricedModel } from '../rules/price-versions.js';

/** What a generated log must reconcile to. */
export interface GeneratedUsageCounts {
  /** Lines generated. */
  lines: number;
  /** Charges equal to the price. */
  match: number;
  /** Charges that differ from the price. */
  drift: number;
  /** Requests the rules refuse. */
  unpriceable: number;
  /** Lines that are not usage records. */
  malformed: number;
  /** Refunded tasks among the well-formed lines. */
  refunded: number;
  /** Sum of the prices of the priced lines. */
  quotedCredits: number;
  /** Sum of the charges of the well-formed lines. */
  chargedCredits: number;
  /** Sum of the charges of the refunded lines. */
  refundedCredits: number;
  /** Refused requests by code. */
  unpriceableByCode: Partial<Record<PricingErrorCode, number>>;
}

/** How to generate a log. */
export interface UsageGeneratorOptions {
  /** How many lines. */
  readonly count: number;
  /** The seed: the same seed and rules give the same log. Default 1. */
  readonly seed?: number;
  /** The first instant tasks are submitted at, epoch ms. Default 2026-10-01T00:00:00Z. */
  readonly from?: number;
  /** The instant after the last task, epoch ms. Default 2026-11-01T00:00:00Z. */
  readonly until?: number;
  /** Share of lines whose request the rules refuse. Default 0.06. */
  readonly offGridShare?: number;
  /** Share of lines charged differently from the price. Default 0.02. */
  readonly driftShare?: number;
  /** Share of lines that are not usage records. Default 0.01. */
  readonly malformedShare?: number;
}

/** A small, fast PRNG (mulberry32): the same seed gives the same numbers everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MALFORMED_LINES: readonly ((id: string, at: string) => string)[] = [
  (id) => `{"taskId": "${id}", "submittedAt": `,
  (_id, at) => JSON.stringify({ submittedAt: at, request: { model: 'veo3' }, status: 1, creditsUsed: 63 }),
  (id) => JSON.stringify({ taskId: id, submittedAt: 'yesterday', request: { model: 'veo3' }, status: 1, creditsUsed: 63 }),
  (id, at) => JSON.stringify({ taskId: id, submittedAt: at, request: { model: 'veo3' }, status: 3, creditsUsed: 63 }),
  (id, at) => JSON.stringify({ taskId: id, submittedAt: at, request: { model: 'veo3' }, status: 1, creditsUsed: '63' }),
  (id, at) => JSON.stringify({ taskId: id, submittedAt: at, request: 'veo3', status: 1, creditsUsed: 63 }),
  () => '[1, 2, 3]',
  () => '',
];

/**
 * Generates a usage log, one JSON line at a time, counting its known answers into `counts`.
 * @param pricer - the rules whose models and prices the log uses
 * @param options - size, seed, time span and the shares of refused, drifted and malformed lines
 * @param counts - filled as lines are generated; complete once the generator is exhausted
 * @returns the lines, without line ends
 */
export function* generateUsage(
  pricer: Pricer,
  options: UsageGeneratorOptions,
  counts: GeneratedUsageCounts = emptyCounts(),
): Generator<string> {
  const next = random(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const from = options.from ?? Date.UTC(2026, 9, 1);
  const until = options.until ?? Date.UTC(2026, 10, 1);
  const offGrid = options.offGridShare ?? 0.06;
  const drift = options.driftShare ?? 0.02;
  const malformed = options.malformedShare ?? 0.01;
  // The prices change only at the versions' dates: the models and points of each span are computed once.
  const breakpoints = [
    ...new Set(pricer.models({ at: until - 1 }).flatMap((m) => m.versions.flatMap((v) => (v.from === null ? [] : [v.from])))),
  ].sort((a, b) => a - b);
  const spans = new Map<number, Span>();
  const spanAt = (at: number): Span => {
    let k = 0;
    while (k < breakpoints.length && (breakpoints[k] as number) <= at) k++;
    let span = spans.get(k);
    if (span === undefined) {
      span = { points: pricer.pricePoints(undefined, { at }), models: pricer.models({ at }), pointsOf: new Map() };
      spans.set(k, span);
    }
    return span;
  };

  for (let i = 0; i < options.count; i++) {
    const at = from + Math.floor(next() * (until - from));
    const submittedAt = new Date(at).toISOString();
    const taskId = `task-${(options.seed ?? 1).toString(36)}-${i.toString(36)}`;
    counts.lines++;
    const roll = next();
    if (roll < malformed) {
      counts.malformed++;
      yield pick(MALFORMED_LINES)(taskId, submittedAt);
      continue;
    }
    const status = next() < 0.08 ? 2 : next() < 0.07 ? 0 : 1;
    const refundFlag = status === 2 && next() < 0.5;
    let request: Record<string, unknown>;
    let charged: number;
    if (roll < malformed + offGrid) {
      const [refused, code] = offGridRequest(spanAt(at), pick);
      request = refused;
      charged = 1 + Math.floor(next() * 30);
      counts.unpriceable++;
      counts.unpriceableByCode[code] = (counts.unpriceableByCode[code] ?? 0) + 1;
    } else {
      const span = spanAt(at);
      const point = pick(span.points);
      request = pricedRequest(span, point, next, pick);
      const drifted = roll < malformed + offGrid + drift;
      charged = drifted
        ? pick([
            point.credits + 1,
            point.credits * 2,
            Math.max(1, point.credits - 1) === point.credits ? point.credits + 2 : point.credits - 1,
          ])
        : point.credits;
      counts.quotedCredits += point.credits;
      if (drifted) counts.drift++;
      else counts.match++;
    }
    counts.chargedCredits += charged;
    if (status === 2 || refundFlag) {
      counts.refunded++;
      counts.refundedCredits += charged;
    }
    const record = {
      taskId,
      submittedAt,
      request,
      status,
      creditsUsed: charged,
      ...(refundFlag ? { creditsRefunded: true } : {}),
      ...(next() < 0.2 ? { providerTaskId: `p-${i}` } : {}),
    };
    yield JSON.stringify(record);
  }
}

/** Counts with nothing in them, for {@link generateUsage} to fill. */
export function emptyCounts(): GeneratedUsageCounts {
  return {
    lines: 0,
    match: 0,
    drift: 0,
    unpriceable: 0,
    malformed: 0,
    refunded: 0,
    quotedCredits: 0,
    chargedCredits: 0,
    refundedCredits: 0,
    unpriceableByCode: {},
  };
}

/** The models and price points in force over a span of time without a price change. */
interface Span {
  readonly points: readonly PricePoint[];
  readonly models: readonly PricedModel[];
  readonly pointsOf: Map<string, readonly PricePoint[]>;
}

function pricedRequest(span: Span, point: PricePoint, next: () => number, pick: <T>(items: readonly T[]) => T): Record<string, unknown> {
  const mode = pick(point.modes);
  const model = span.models.find((m) => m.id === point.model);
  const limit = Math.min(model?.maxInputImages ?? 3, 3);
  const images = takesImages(mode) && limit > 0 && next() < 0.9 ? 1 + Math.floor(next() * limit) : 0;
  const d = point.duration;
  return {
    model: point.model,
    prompt: 'a lighthouse at dusk, waves breaking',
    ...(d === undefined ? {} : { duration: pick([d, String(d), `${d}s`]) }),
    ...(point.resolution === undefined
      ? {}
      : { resolution: pick([point.resolution, point.resolution.toLowerCase(), point.resolution.toUpperCase()]) }),
    ...(isVideoMode(mode) && (images === 0 || next() < 0.5) ? { inputMode: mode.replace(/-/g, '_') } : {}),
    ...(images > 0 ? { inputImageUrls: Array.from({ length: images }, (_, k) => `https://cdn.example.test/in/${k}.png`) } : {}),
    aspectRatio: pick(['16:9', '9:16', '1:1']),
  };
}

/** A request the rules refuse, and the code they refuse it with. */
function offGridRequest(span: Span, pick: <T>(items: readonly T[]) => T): [Record<string, unknown>, PricingErrorCode] {
  const models = span.models;
  const points = (id: string): readonly PricePoint[] => {
    let found = span.pointsOf.get(id);
    if (found === undefined) {
      found = span.points.filter((p) => p.model === id);
      span.pointsOf.set(id, found);
    }
    return found;
  };
  const valid = (id: string) => {
    const p = points(id)[0] as PricePoint;
    return {
      ...(p.duration === undefined ? {} : { duration: p.duration }),
      ...(p.resolution === undefined ? {} : { resolution: p.resolution }),
    };
  };
  const timed = models.filter((m) => points(m.id).some((p) => p.duration !== undefined));
  const sized = models.filter((m) => points(m.id).some((p) => p.resolution !== undefined));
  const textOnly = models.filter((m) => !m.modes.some(takesImages));
  const limited = models.filter((m) => m.maxInputImages !== undefined && m.maxInputImages > 0);
  const kinds: (() => [Record<string, unknown>, PricingErrorCode])[] = [() => [{ model: `${pick(models).id}-next` }, 'UNKNOWN_MODEL']];
  if (timed.length > 0) {
    kinds.push(() => {
      const m = pick(timed);
      return [{ model: m.id, ...valid(m.id), duration: 'ten' }, 'INVALID_PARAMETER'];
    });
    kinds.push(() => {
      const m = pick(timed);
      const longest = points(m.id).reduce((most, p) => Math.max(most, p.duration ?? 0), 0);
      return [{ model: m.id, ...valid(m.id), duration: longest + 1 }, 'UNSUPPORTED_VALUE'];
    });
  }
  if (sized.length > 0) {
    kinds.push(() => {
      const m = pick(sized);
      const { resolution: _omitted, ...rest } = valid(m.id);
      return [{ model: m.id, ...rest }, 'MISSING_PARAMETER'];
    });
  }
  if (textOnly.length > 0)
    kinds.push(() => [{ model: pick(textOnly).id, inputImageUrls: ['https://cdn.example.test/in/0.png'] }, 'UNSUPPORTED_MODE']);
  if (limited.length > 0) {
    kinds.push(() => {
      const m = pick(limited);
      return [
        {
          model: m.id,
          ...valid(m.id),
          inputImageUrls: Array.from({ length: (m.maxInputImages as number) + 1 }, (_, k) => `https://cdn.example.test/in/${k}.png`),
        },
        'TOO_MANY_INPUT_IMAGES',
      ];
    });
  }
  return pick(kinds)();
}
