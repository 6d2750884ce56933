/**
 * `pricing list`: every price point, as a table or as JSON.
 */
import { createPricer } from '../../pricer/create-pricer.js';
import { adjustmentText, rateCard, type RateCardLine } from '../../docs/rate-sheet.js';
import type { PricePoint } from '../../pricer/types.js';
import { EXIT, instantOption, UsageError, type Command } from '../command.js';
import { rulesDir } from './rules-option.js';

/**
 * Renders price points as an aligned text table.
 * @param points - the points
 * @returns the table, one point per line after a header
 */
export function formatPricePoints(points: readonly PricePoint[]): string {
  const header = ['MODEL', 'MODES', 'DURATION', 'RESOLUTION', 'CREDITS'];
  const rows = [
    header,
    ...points.map((p) => [
      p.model,
      p.modes.join(', '),
      p.duration === undefined ? '-' : `${p.duration}s`,
      p.resolution ?? '-',
      String(p.credits),
    ]),
  ];
  // A loop, not Math.max(...rows): a table of any size fits the stack.
  const widths = header.map((_, c) => rows.reduce((width, r) => Math.max(width, r[c]?.length ?? 0), 0));
  return rows
    .map((r) => r.map((cell, c) => (c === r.length - 1 ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0))).join('  '))
    .join('\n');
}

/**
 * Renders a rate card as an aligned text table.
 * @param lines - the card's lines
 * @param book - the book it is for
 * @returns the table
 */
function formatRateCard(lines: readonly RateCardLine[], book: string): string {
  const header = ['MODEL', 'MODE', 'DURATION', 'RESOLUTION', 'LIST', 'CREDITS', 'ADJUSTMENT'];
  const rows = [
    header,
    ...lines.map((l) => [
      l.model,
      l.mode,
      l.duration === undefined ? '-' : `${l.duration}s`,
      l.resolution ?? '-',
      String(l.listCredits),
      String(l.credits),
      adjustmentText(l.adjustment, book),
    ]),
  ];
  const widths = header.map((_, c) => rows.reduce((width, r) => Math.max(width, r[c]?.length ?? 0), 0));
  const right = [false, false, false, false, true, true, false];
  return rows
    .map((r) =>
      r
        .map((cell, c) => (right[c] ? cell.padStart(widths[c] ?? 0) : cell.padEnd(widths[c] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `pricing list`. */
export const listCommand: Command = {
  name: 'list',
  help: `Usage: pricing list [options]

Prints every point priced at an instant: model, modes, duration, resolution and credits. With
--book, a customer's rate card: each point in each mode, the book's price beside the list's, and
the adjustment that sets it.

Options:
  --model ID              only this model
  --at INSTANT            the prices in force at this instant: 2027-01-01 (midnight UTC) or
                          2027-01-01T09:30:00+02:00 (default: now)
  --book ID               the prices of this price book
  --rules DIR             rule directory (default: the bundled rules)
  --json                  print an array of { model, modes, duration?, resolution?, credits }
                          (with --book: { model, mode, duration?, resolution?, listCredits,
                          credits, adjustment })
  -h, --help              show this help
`,
  options: {
    model: { type: 'string' },
    at: { type: 'string' },
    book: { type: 'string' },
    rules: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'list');
    const model = values.model;
    const at = instantOption(values.at, 'list');
    const pricer = createPricer(rulesDir(values, io));
    if (typeof values.book === 'string') {
      const card = rateCard(pricer, values.book, at, typeof model === 'string' ? model : undefined);
      io.stdout.write(values.json === true ? `${JSON.stringify(card, null, 2)}\n` : `${formatRateCard(card, values.book)}\n`);
      return EXIT.ok;
    }
    const points = pricer.pricePoints(typeof model === 'string' ? model : undefined, at === undefined ? {} : { at });
    io.stdout.write(values.json === true ? `${JSON.stringify(points, null, 2)}\n` : `${formatPricePoints(points)}\n`);
    return EXIT.ok;
  },
};
