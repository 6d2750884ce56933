/**
 * `pricing quote <model>`: the credits of one request.
 */
import { createPricer } from '../../create-pricer.js';
import type { Quote } from '../../pricer.js';
import { EXIT, instantOption, UsageError, wholeNumberOption, type Command } from '../command.js';
import { rulesDir } from './rules-option.js';

/**
 * Renders a quote in a line a person reads at a glance.
 * @param quote - the quote
 * @returns e.g. `sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits`
 */
export function formatQuote(quote: Quote): string {
  const details = [quote.mode, quote.duration === undefined ? undefined : `${quote.duration}s`, quote.resolution].filter((d) => d !== undefined);
  return `${quote.model} (${details.join(', ')}): ${quote.credits} credit${quote.credits === 1 ? '' : 's'}`;
}

/** `pricing quote`. */
export const quoteCommand: Command = {
  name: 'quote',
  summary: 'print the credits a request costs',
  help: `Usage: pricing quote <model> [options]

Prints the credits the API pre-debits for one request.

Options:
  --duration N            video length in seconds (10, "10" or "10s")
  --resolution R          resolution, e.g. 720p, 1080p, 1K, 2K, 4K (any case)
  --input-images N        number of inputImageUrls sent (images switch to image-to-image/-video)
  --mode M                video input mode: text_to_video or image_to_video
  --at INSTANT            price as submitted at this instant: 2027-01-01 (midnight UTC) or
                          2027-01-01T09:30:00+02:00 (default: now)
  --rules DIR             rule directory (default: the bundled rules)
  --json                  print the quote as JSON
  -h, --help              show this help

Example:
  pricing quote sora-2-text-to-video --duration 10 --resolution 1080p
`,
  options: {
    duration: { type: 'string' },
    resolution: { type: 'string' },
    'input-images': { type: 'string' },
    mode: { type: 'string' },
    at: { type: 'string' },
    rules: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ values, positionals }, io) {
    const [model, ...extra] = positionals;
    if (model === undefined) throw new UsageError('missing <model>', 'quote');
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
    const at = instantOption(values.at, 'quote');
    const quote = createPricer(rulesDir(values, io)).quote(request, at === undefined ? {} : { at });
    io.stdout.write(values.json === true ? `${JSON.stringify(quote, null, 2)}\n` : `${formatQuote(quote)}\n`);
    return EXIT.ok;
  },
};
