/**
 * `pricing docs`: writes the pricing page generated from the rules, or checks that the
 * committed one is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatePricingPage } from '../../docs/pricing-page.js';
import { EXIT, instantOption, UsageError, type Command } from '../command.js';
import { rulesDir } from './rules-option.js';

const DEFAULT_OUT = { md: 'docs/pricing.md', html: 'docs/pricing.html' } as const;

/** `pricing docs`. */
export const docsCommand: Command = {
  name: 'docs',
  help: `Usage: pricing docs [options]

Generates the pricing page from the rules: Markdown laid out like the published price list, or
one self-contained HTML page with a calculator and a chart. The tables show the prices in force
at --at (default now); dated versions after it are listed as scheduled changes, and versions no
longer in force as the price history. When a scheduled change comes into force, the page
generated that day differs: --check then reports it stale, and the page must be republished.

Options:
  --format md|html        md (default) or html
  --out FILE              where to write, "-" for stdout (default: docs/pricing.md or docs/pricing.html)
  --check                 write nothing; exit 1 when FILE differs from what the rules generate
  --at INSTANT            the page's "now": 2027-01-01 (midnight UTC) or 2027-01-01T09:30:00Z
  --rules DIR             rule directory (default: the bundled rules)
  -h, --help              show this help
`,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean' },
    at: { type: 'string' },
    rules: { type: 'string' },
  },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'docs');
    const format = values.format ?? 'md';
    if (format !== 'md' && format !== 'html') throw new UsageError(`--format expects md or html, found "${String(format)}"`, 'docs');
    const out = typeof values.out === 'string' ? values.out : DEFAULT_OUT[format];
    const page = generatePricingPage(format, rulesDir(values, io), instantOption(values.at, 'docs'));
    if (values.check === true) {
      if (out === '-') throw new UsageError('--check needs a file to compare, not "-"', 'docs');
      let current: string | undefined;
      try {
        current = readFileSync(resolve(io.cwd, out), 'utf8');
      } catch {
        current = undefined;
      }
      if (current === page) {
        io.stdout.write(`${out} is up to date with the rules\n`);
        return EXIT.ok;
      }
      io.stderr.write(
        `pricing: ${out} is ${current === undefined ? 'missing' : 'stale'}: the rules generate a different page; run "npm run docs" and commit it\n`,
      );
      return EXIT.failure;
    }
    if (out === '-') io.stdout.write(page);
    else {
      writeFileSync(resolve(io.cwd, out), page);
      io.stderr.write(`wrote ${out}\n`);
    }
    return EXIT.ok;
  },
};
