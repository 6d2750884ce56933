// @ts-check
/**
 * The price book the benchmarks add to the bundled rules: a discount on every model, an
 * overwrite of some points and a pin, so that a price in it meets each kind of adjustment.
 */

/** The model the book pins. */
export const PINNED_MODEL = 'kling/v2-1-standard';

/** The book, as a rule source for `parseRuleSet`. */
export const BENCH_BOOK = {
  file: 'rules/books/bench.json',
  text: JSON.stringify({
    book: 'bench',
    adjustments: [
      { models: '*', percent: -12.5, reason: 'benchmark: a discount on every model' },
      { models: ['veo3'], points: [{ mode: 'image-to-video' }], credits: 50, reason: 'benchmark: an overwrite of some points' },
      { models: [PINNED_MODEL], pinnedAt: '2024-06-01', reason: 'benchmark: a pin' },
    ],
  }),
};
