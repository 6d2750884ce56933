/**
 * `pricing quote <model>`: the credits of one request.
 */
import { adjustmentEffect } from '../../docs/rate-sheet.js';
import { createPricer } from '../../pricer/create-pricer.js';
import { PricingError } from '../../primitives/errors.js';
import type { BookQuote, Pricer, Quote, QuoteOptions } from '../../pricer/types.js';
import type { PriceRequest } from '../../primitives/request.js';
import { EXIT, InputError, instantOption, UsageError, wholeNumberOption, type CliIO, type Command } from '../command.js';
import { rulesDir } from './rules-option.js';

/**
 * A refusal as data: its code, parameter, allowed values, what was received, and the message.
 * @param error - the refusal
 * @returns `{ error: { code, message, parameter, allowed, received, ... } }`
 */
export function refusalJson(error: PricingError): { error: Record<string, unknown> } {
  const { name: _name, message, code, ...details } = error;
  return { error: { code, message, ...details } };
}

/** The refusal of a line that is not a JSON object. */
function notAnObject(found: string): { error: Record<string, unknown> } {
  return {
    error: {
      code: 'INVALID_PARAMETER',
      message: `request ${found} is not valid; allowed: a JSON object (a request body)`,
      parameter: 'request',
      allowed: ['a JSON object (a request body)'],
      received: found,
    },
  };
}

/** Prices one request body given as JSON text: the quote, or the refusal as data. */
function quoteBody(pricer: Pricer, text: string, at: QuoteOptions): Quote | { error: Record<string, unknown> } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return notAnObject(text.trim() === '' ? 'an empty line' : 'text that is not JSON');
  }
  try {
    return pricer.quote(body as PriceRequest, at);
  } catch (error) {
    if (error instanceof PricingError) return refusalJson(error);
    throw error;
  }
}

/** `--request -`: one body per line of standard input, one result per line of standard output. */
async function quoteLines(pricer: Pricer, at: QuoteOptions, io: CliIO): Promise<number> {
  if (io.stdin === undefined) throw new InputError('no standard input to read request bodies from');
  const { lineBatches, UsageInputError } = await import('../../usage/usage-file.js');
  try {
    for await (const batch of lineBatches(io.stdin, 'standard input')) {
      io.stdout.write(batch.map((line) => `${JSON.stringify(quoteBody(pricer, line, at))}\n`).join(''));
    }
  } catch (error) {
    if (error instanceof UsageInputError) throw new InputError(error.message);
    throw error;
  }
  return EXIT.ok;
}

const credits = (n: number): string => `${n} credit${n === 1 ? '' : 's'}`;

/** What a book did to the list price: `book acme: list 63; -20% (MSA 2027, section 4)`. */
function bookDetail(quote: BookQuote): string {
  const a = quote.adjustment;
  if (a === null) return `book ${quote.book}: the list price`;
  return `book ${quote.book}: list ${quote.listCredits}; ${adjustmentEffect(a)}${a.book === quote.book ? '' : ` in ${a.book}`} (${a.reason})`;
}

/**
 * Renders a quote in a line a person reads at a glance.
 * @param quote - the quote
 * @returns e.g. `sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits`, and with a book
 *   what it did to the list price
 */
export function formatQuote(quote: Quote): string {
  const details = [quote.mode, quote.duration === undefined ? undefined : `${quote.duration}s`, quote.resolution].filter(
    (d) => d !== undefined,
  );
  const book = 'book' in quote ? ` (${bookDetail(quote as BookQuote)})` : '';
  return `${quote.model} (${details.join(', ')}): ${credits(quote.credits)}${book}`;
}

/** `pricing quote`. */
export const quoteCommand: Command = {
  name: 'quote',
  help: `Usage: pricing quote <model> [options]
       pricing quote --request '<json body>' [--json]
       pricing quote --request - < bodies.jsonl

Prints the credits the API pre-debits for one request: built from the options, or given as the
request body billing code sends (--request). With --request -, reads one body per line from
standard input and writes one JSON result per line: the quote, or {"error": {code, parameter,
allowed, received, message}}. With --json, a refusal is printed as that JSON too (exit 1).

Options:
  --duration N            video length in seconds (10, "10" or "10s")
  --resolution R          resolution, e.g. 720p, 1080p, 1K, 2K, 4K (any case)
  --input-images N        number of inputImageUrls sent (images switch to image-to-image/-video)
  --mode M                video input mode: text_to_video or image_to_video
  --at INSTANT            price as submitted at this instant: 2027-01-01 (midnight UTC) or
                          2027-01-01T09:30:00+02:00 (default: now)
  --book ID               price in this price book (the customer's price), beside the list's
  --request BODY          the whole request body as JSON, or "-" for one body per line of stdin
  --rules DIR             rule directory (default: the bundled rules)
  --json                  print the quote, or the refusal, as JSON
  -h, --help              show this help

Example:
  pricing quote sora-2-text-to-video --duration 10 --resolution 1080p
`,
  options: {
    duration: { type: 'string' },
    resolution: { type: 'string' },
    'input-images': { type: 'string' },
    mode: { type: 'string' },
    request: { type: 'string' },
    book: { type: 'string' },
    at: { type: 'string' },
    rules: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const at = instantOption(values.at, 'quote');
    const atOptions: QuoteOptions = {
      ...(at === undefined ? {} : { at }),
      ...(typeof values.book === 'string' ? { book: values.book } : {}),
    };
    const body = values.request;
    if (typeof body === 'string') {
      const mixed = ['duration', 'resolution', 'input-images', 'mode'].find((name) => values[name] !== undefined);
      if (positionals.length > 0 || mixed !== undefined) {
        throw new UsageError(
          `--request takes the whole request body; drop ${mixed === undefined ? `"${positionals[0]}"` : `--${mixed}`}`,
          'quote',
        );
      }
      const pricer = createPricer(rulesDir(values, io));
      if (body === '-') return quoteLines(pricer, atOptions, io);
      const result = quoteBody(pricer, body, atOptions);
      if ('error' in result) {
        if (values.json !== true) throw new UsageError(String(result.error.message).replace(/^request /, '--request '), 'quote');
        io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return EXIT.failure;
      }
      io.stdout.write(values.json === true ? `${JSON.stringify(result, null, 2)}\n` : `${formatQuote(result)}\n`);
      return EXIT.ok;
    }
    const [model, ...extra] = positionals;
    if (model === undefined) throw new UsageError('missing <model> (or --request)', 'quote');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`, 'quote');
    const images = values['input-images'];
    const request = {
      model,
      ...(values.duration === undefined ? {} : { duration: values.duration }),
      ...(values.resolution === undefined ? {} : { resolution: values.resolution }),
      ...(values.mode === undefined ? {} : { inputMode: values.mode }),
      ...(typeof images === 'string'
        ? { inputImageUrls: Array.from({ length: wholeNumberOption('input-images', images, 'quote') }, (_, i) => `input-image-${i + 1}`) }
        : {}),
    };
    let quote: Quote;
    try {
      quote = createPricer(rulesDir(values, io)).quote(request, atOptions);
    } catch (error) {
      if (!(error instanceof PricingError) || values.json !== true) throw error;
      io.stdout.write(`${JSON.stringify(refusalJson(error), null, 2)}\n`);
      return EXIT.failure;
    }
    io.stdout.write(values.json === true ? `${JSON.stringify(quote, null, 2)}\n` : `${formatQuote(quote)}\n`);
    return EXIT.ok;
  },
};
