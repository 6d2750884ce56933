/**
 * The request body billing code sends to the API, and how its price-driving fields are read:
 * `duration` may be `10`, `"10"` or `"10s"`; resolutions compare case-insensitively; a field
 * that is present but unreadable is invalid, never missing.
 */
import { echo } from './echo.js';

/**
 * The body of `POST /api/ai/image/generate` or `POST /api/ai/video/generate`. Only the fields
 * below drive a price; every other field (`prompt`, `aspectRatio`, ...) is ignored.
 */
export interface PriceRequest {
  /** The model id, e.g. `sora-2-text-to-video`. */
  readonly model?: unknown;
  /** Video length in seconds: `10`, `"10"` or `"10s"`. */
  readonly duration?: unknown;
  /** Resolution, compared case-insensitively: `1080p`, `2K`. */
  readonly resolution?: unknown;
  /** Video input mode: `text_to_video` or `image_to_video`. */
  readonly inputMode?: unknown;
  /** Input images; their presence makes a request image-to-image or image-to-video. */
  readonly inputImageUrls?: unknown;
  /** Fields that do not drive a price. */
  readonly [field: string]: unknown;
}

/**
 * Marks a body read from elsewhere (JSON, a queue, a log) as a request for `quote`, which checks
 * it at run time: its fields are not known at compile time.
 * @param body - the parsed body
 * @returns the same value, typed as a request
 */
export function requestBody(body: unknown): PriceRequest {
  return body as PriceRequest;
}

/** A field the request does not carry (absent or `null`). */
export const MISSING: unique symbol = Symbol('missing');
/** A field the request carries in a form that cannot be read. */
export const INVALID: unique symbol = Symbol('invalid');

/** Whole seconds as text: up to 15 digits (every such number is a safe integer), then an optional `s`. */
const DURATION_TEXT = /^[1-9][0-9]{0,14}s?$/;

/** The first number of seconds with 16 digits: a duration is read up to 15, as a number as in text (and in SQL). */
const DURATION_LIMIT = 1e15;

/**
 * Reads a duration in whole seconds.
 * @param value - `10`, `"10"`, `"10s"`, or anything else
 * @returns the seconds, {@link MISSING} for `undefined`/`null`, {@link INVALID} for anything else
 *   (`"ten"`, `-5`, `NaN`, `10.5`, 16 digits or more, an object)
 */
export function readDuration(value: unknown): number | typeof MISSING | typeof INVALID {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 && value < DURATION_LIMIT ? value : INVALID;
  if (value === undefined || value === null) return MISSING;
  if (typeof value === 'string' && DURATION_TEXT.test(value)) return Number.parseInt(value, 10);
  return INVALID;
}

/**
 * Lower-cases ASCII letters only, the same in every locale and in SQL's `TRANSLATE`: `2K` is `2k`,
 * but `2\u212A` (a Kelvin sign) stays what it is.
 * @param text - any string
 * @returns the string with A–Z lowered
 */
export function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

/**
 * Reads a resolution; the caller compares it case-insensitively, in ASCII.
 * @param value - `"1080p"`, `"2k"`, or anything else
 * @returns the non-empty string, {@link MISSING} for `undefined`/`null`, {@link INVALID} otherwise
 */
export function readResolution(value: unknown): string | typeof MISSING | typeof INVALID {
  if (typeof value === 'string') return value.length > 0 ? value : INVALID;
  if (value === undefined || value === null) return MISSING;
  return INVALID;
}

/** A video input mode as the API spells it. */
export type InputMode = 'text_to_video' | 'image_to_video';

/** The input modes the video endpoint accepts. */
export const INPUT_MODES: readonly InputMode[] = ['text_to_video', 'image_to_video'];

/**
 * Reads a video input mode.
 * @param value - `text_to_video` or `image_to_video` (the page's `text-to-video` spelling is accepted too)
 * @returns the mode, {@link MISSING} for `undefined`/`null`, {@link INVALID} otherwise
 */
export function readInputMode(value: unknown): InputMode | typeof MISSING | typeof INVALID {
  if (value === 'text_to_video' || value === 'text-to-video') return 'text_to_video';
  if (value === 'image_to_video' || value === 'image-to-video') return 'image_to_video';
  if (value === undefined || value === null) return MISSING;
  return INVALID;
}

/**
 * Counts input images.
 * @param value - an array of image URLs, or nothing
 * @returns how many, 0 for `undefined`/`null`, {@link INVALID} when it is not an array
 */
export function countInputImages(value: unknown): number | typeof INVALID {
  if (value === undefined || value === null) return 0;
  return Array.isArray(value) ? value.length : INVALID;
}

/**
 * Renders a request value in a message.
 * @param value - anything a request may hold
 * @returns e.g. `"ten"`, `-5`, `NaN`, `an object`
 */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'missing';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return echo(value);
  return `a ${typeof value}`;
}
