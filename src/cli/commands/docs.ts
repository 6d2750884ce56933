/**
 * `pricing docs`: writes the pricing page generated from the rules, or checks that the
 * committed one is current.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatePricingPage, pricingPageState } from '../../docs/pricing-page.js';
import { rateCard, renderRateSheetHtml, renderRateSheetMarkdown } from '../../docs/rate-sheet.js';
import { createPricer } from '../../pricer/create-pricer.js';
import { formatInstant, instantLabel } from '../../primitives/instant.js';
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
longer in force as the price history.

--check tells the two ways a committed page goes stale apart: the rules changed (exit 1: run
"npm run docs" and commit the page), or only the calendar moved, a scheduled version having
come into force since the page was generated (exit 0, with a line saying when: republish it;
the pricing-pages workflow does it daily), so that time alone never fails a build.

Options:
  --format md|html        md (default) or html
  --out FILE              where to write, "-" for stdout (default: docs/pricing.md or docs/pricing.html)
  --check                 write nothing; exit 1 when the rules generate another FILE
  --at INSTANT            the page's "now": 2027-01-01 (midnight UTC) or 2027-01-01T09:30:00Z
  --book ID               a rate sheet for one customer instead: every price of the book beside
                          the list's, adjusted prices marked, with the reasons (default --out: -)
  --rules DIR             rule directory (default: the bundled rules)
  -h, --help              show this help
`,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    check: { type: 'boolean' },
    at: { type: 'string' },
    book: { type: 'string' },
    rules: { type: 'string' },
  },
  run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, 'docs');
    const format = values.format ?? 'md';
    if (format !== 'md' && format !== 'html') throw new UsageError(`--format expects md or html, found "${String(format)}"`, 'docs');
    const at = instantOption(values.at, 'docs');
    if (typeof values.book === 'string') {
      if (values.check === true)
        throw new UsageError('--check compares the pricing page; a rate sheet (--book) is written, not checked', 'docs');
      const when = at ?? Date.now();
      const lines = rateCard(createPricer(rulesDir(values, io)), values.book, when);
      const sheet = format === 'md' ? renderRateSheetMarkdown(lines, values.book, when) : renderRateSheetHtml(lines, values.book, when);
      const to = typeof values.out === 'string' ? values.out : '-';
      if (to === '-') io.stdout.write(sheet);
      else {
        writeFileSync(resolve(io.cwd, to), sheet);
        io.stderr.write(`wrote ${to}\n`);
      }
      return EXIT.ok;
    }
    const out = typeof values.out === 'string' ? values.out : DEFAULT_OUT[format];
    if (values.check === true) {
      if (out === '-') throw new UsageError('--check needs a file to compare, not "-"', 'docs');
      let committed: string | undefined;
      try {
        committed = readFileSync(resolve(io.cwd, out), 'utf8');
      } catch {
        committed = undefined;
      }
      const page = pricingPageState(format, committed, rulesDir(values, io), at);
      switch (page.state) {
        case 'current':
          io.stdout.write(`${out} is up to date with the rules\n`);
          return EXIT.ok;
        case 'behind':
          // The calendar moved, not the rules: the scheduled republish regenerates the page, and main stays green.
          io.stdout.write(`${out} is up to date with the rules\n`);
          io.stderr.write(
            `pricing: ${out} shows the prices before ${instantLabel(formatInstant(page.since))}, when a scheduled version came into force; republish it: run "npm run docs" (the pricing-pages workflow does it daily)\n`,
          );
          return EXIT.ok;
        case 'missing':
        case 'stale':
          io.stderr.write(`pricing: ${out} is ${page.state}: the rules generate a different page; run "npm run docs" and commit it\n`);
          return EXIT.failure;
      }
    }
    const page = generatePricingPage(format, rulesDir(values, io), at);
    if (out === '-') io.stdout.write(page);
    else {
      writeFileSync(resolve(io.cwd, out), page);
      io.stderr.write(`wrote ${out}\n`);
    }
    return EXIT.ok;
  },
};
