import { describe, expect, it } from 'vitest';
import { checkRuleSources, formatRuleIssue, loadRuleSet, readRuleSources, type RuleSource } from '../../src/index.js';
import { type PointFilter, priceChangeInstants } from '../../src/rules/price-book.js';

const DIR = 'test/fixtures/book-rules';

/** The fixture's rule files and books, with one book replaced or added. */
function withBook(name: string, book: unknown): RuleSource[] {
  const sources = readRuleSources(DIR).filter((s) => !s.file.endsWith(`books/${name}`));
  return [...sources, { file: `${DIR}/books/${name}`, text: `${JSON.stringify(book, null, 2)}\n` }];
}

/** Each issue as its stable code, then the message the CLI prints. */
const problems = (sources: RuleSource[]) => checkRuleSources(sources).issues.map((issue) => `${issue.code} ${formatRuleIssue(issue)}`);

/** The fixture's problems with one book of adjustments added. */
const adjustmentProblems = (adjustments: unknown[]) => problems(withBook('x.json', { book: 'x', adjustments }));

describe('price books in the rule directory', () => {
  it('are read from books/ beside the rule files, validated, and held by the rule set', () => {
    const { ruleSet, issues } = checkRuleSources(readRuleSources(DIR));
    expect(issues).toEqual([]);
    expect(ruleSet?.books?.map((b) => [b.id, b.basedOn, b.adjustments.map((a) => [a.kind, a.value, a.specificity])])).toEqual([
      [
        'acme',
        null,
        [
          ['percent', -20, 1],
          ['credits', 10, 2],
          ['pinned', Date.UTC(2026, 11, 1), 1],
        ],
      ],
      [
        'enterprise-eu',
        'enterprise',
        [
          ['percent', -1, 0],
          ['percent', 10, 1],
          ['credits', 0, 2],
        ],
      ],
      ['enterprise', null, [['percent', -5, 0]]],
    ]);
    expect(ruleSet?.books?.[0]?.adjustments[0]?.location).toMatchObject({ file: `${DIR}/books/acme.json`, line: 6, col: 5 });
    expect(ruleSet?.books?.[0]?.location).toEqual({ file: `${DIR}/books/acme.json`, pointer: '', line: 1, col: 1 });
    expect(ruleSet?.books?.map((b) => b.description)).toEqual([
      'Hypothetical test data: a customer with an agreement on the list.',
      'Hypothetical test data: a book on a book.',
      'Hypothetical test data: a plan.',
    ]);
  });

  it('are checked against their JSON Schema at file:line:col: exactly one of percent, credits and pinnedAt, a reason, an id', () => {
    const book = {
      book: 'Bad Id',
      adjustments: [
        { models: ['veo3'], percent: -20, credits: 5 },
        { models: '*', percent: -100, reason: 'x' },
      ],
    };
    expect(problems(withBook('bad.json', book))).toEqual([
      `SCHEMA ${DIR}/books/bad.json:2:11: expected a string matching ^[a-z0-9._-]+$ (The book's id, as billing code names it: lower-case letters, digits, '.', '_' and '-'), found "Bad Id"`,
      `SCHEMA ${DIR}/books/bad.json:4:5: expected exactly one of the properties "percent" or "credits" or "pinnedAt", found both`,
      `SCHEMA ${DIR}/books/bad.json:4:5: expected property "reason", found an object without it`,
      `SCHEMA ${DIR}/books/bad.json:13:18: expected a value that must be > -100, found -100`,
    ]);
  });

  it('name only models the list prices, with the nearest id as a suggestion', () => {
    const book = { book: 'typo', adjustments: [{ models: ['veo3', 'veo-3'], percent: 5, reason: 'r' }] };
    expect(problems(withBook('typo.json', book))).toEqual([
      `UNKNOWN_MODEL ${DIR}/books/typo.json:7:9: expected a model the list prices (did you mean "veo3"?), found "veo-3"`,
    ]);
  });

  it('name only points the list prices for each model', () => {
    const book = {
      book: 'points',
      adjustments: [{ models: ['veo3', 'kling/v2-1-standard'], points: [{ duration: 10 }, { resolution: '4K' }], credits: 1, reason: 'r' }],
    };
    expect(problems(withBook('points.json', book))).toEqual([
      `UNPRICED_POINT ${DIR}/books/points.json:10:9: expected a point the list prices for veo3, found "10s"`,
      `UNPRICED_POINT ${DIR}/books/points.json:13:9: expected a point the list prices for veo3, kling/v2-1-standard, found "4K"`,
    ]);
  });

  it('refuse two adjustments as specific in force on the same point at the same time, and accept them apart', () => {
    const overlapping = {
      book: 'overlap',
      adjustments: [
        { models: ['veo3'], percent: -10, from: '2027-01-01', until: '2027-02-01', reason: 'a' },
        { models: ['veo3', 'veo3_fast'], percent: -20, from: '2027-01-15', reason: 'b' },
        { models: ['veo3'], points: [{ mode: 'text-to-video' }], credits: 1, reason: 'c' },
        { models: ['veo3'], points: [{ mode: 'image-to-video' }], credits: 2, reason: 'd' },
      ],
    };
    expect(problems(withBook('overlap.json', overlapping))).toEqual([
      `OVERLAPPING_ADJUSTMENTS ${DIR}/books/overlap.json:13:5: expected no other adjustment as specific in force on the same point at the same time (${DIR}/books/overlap.json:4:5 is), found an adjustment from 2027-01-15T00:00:00.000Z`,
    ]);
    const apart = { ...overlapping, adjustments: overlapping.adjustments.map((a, i) => (i === 1 ? { ...a, from: '2027-02-01' } : a)) };
    expect(problems(withBook('overlap.json', apart))).toEqual([]);
  });

  it('refuse an unknown base, a loop of bases, a second book of one id, an end before the start, three decimals, and a pin before any price', () => {
    expect(problems(withBook('orphan.json', { book: 'orphan', basedOn: 'enterprize', adjustments: [] }))).toEqual([
      `UNKNOWN_BOOK ${DIR}/books/orphan.json:3:14: expected a book of this rule directory (did you mean "enterprise"?), found "enterprize"`,
    ]);
    const loop = [
      ...withBook('a.json', { book: 'a', basedOn: 'b', adjustments: [] }),
      { file: `${DIR}/books/b.json`, text: JSON.stringify({ book: 'b', basedOn: 'a', adjustments: [] }) },
    ];
    expect(problems(loop)).toEqual([
      `BOOK_CYCLE ${DIR}/books/a.json:3:14: expected a chain of bases that ends at the list, found a loop: a → b → a`,
      `BOOK_CYCLE ${DIR}/books/b.json:1:23: expected a chain of bases that ends at the list, found a loop: b → a → b`,
    ]);
    expect(problems(withBook('again.json', { book: 'acme', adjustments: [] }))).toEqual([
      `DUPLICATE_BOOK ${DIR}/books/again.json:2:11: expected book "acme" declared once (first at ${DIR}/books/acme.json:3:11), found a second declaration`,
    ]);
    const odd = {
      book: 'odd',
      adjustments: [
        { models: ['veo3'], percent: 12.345, reason: 'r' },
        { models: ['veo3_fast'], credits: 3, from: '2027-02-01', until: '2027-01-01', reason: 'r' },
        { models: ['veo3_lite'], pinnedAt: '2027-01-01', reason: 'r' },
      ],
    };
    expect(problems(withBook('odd.json', odd))).toEqual([
      `BOOK_PERCENT ${DIR}/books/odd.json:8:18: expected a percent with at most two decimals, found 12.345`,
      `BOOK_INTERVAL ${DIR}/books/odd.json:17:16: expected an end after the start (2027-02-01), found "2027-01-01"`,
      `BOOK_PIN ${DIR}/books/odd.json:24:19: expected an instant when the list priced every model of the adjustment, found 2027-01-01, before veo3_lite had a price`,
    ]);
  });

  it('refuse adjustments as specific that can meet on one point: a model in common, windows that meet, filters one point satisfies', () => {
    const kling = ['kling/v2-1-standard'];
    const at = (line: number, col: number) => `${DIR}/books/x.json:${line}:${col}`;
    // A duration and a mode: a 5-second image-to-video clip is taken by both.
    expect(
      adjustmentProblems([
        { models: kling, points: [{ duration: 5 }], credits: 1, reason: 'a' },
        { models: kling, points: [{ mode: 'image-to-video' }], credits: 2, reason: 'b' },
      ]),
    ).toEqual([
      `OVERLAPPING_ADJUSTMENTS ${at(16, 5)}: expected no other adjustment as specific in force on the same point at the same time (${at(4, 5)} is), found an adjustment since always`,
    ]);
    // Two durations: no point has both.
    expect(
      adjustmentProblems([
        { models: kling, points: [{ duration: 5 }], credits: 1, reason: 'a' },
        { models: kling, points: [{ duration: 10 }], credits: 2, reason: 'b' },
      ]),
    ).toEqual([]);
    // One filter of several is enough, on either side.
    const [earlier, later] = [
      { models: kling, points: [{ duration: 10 }, { duration: 5 }], credits: 1, reason: 'a' },
      { models: kling, points: [{ duration: 5 }], credits: 2, reason: 'b' },
    ];
    expect(adjustmentProblems([earlier, later])).toHaveLength(1);
    // A field named by the later filter only, and by the earlier only.
    expect(
      adjustmentProblems([
        { models: kling, points: [{ mode: 'image-to-video' }], credits: 2, reason: 'b' },
        { models: kling, points: [{ duration: 5 }], credits: 1, reason: 'a' },
      ]),
    ).toHaveLength(1);
    expect(adjustmentProblems([later, { ...earlier, until: '2027-01-01' }])).toEqual([
      `OVERLAPPING_ADJUSTMENTS ${at(16, 5)}: expected no other adjustment as specific in force on the same point at the same time (${at(4, 5)} is), found an adjustment since always until 2027-01-01T00:00:00.000Z`,
    ]);
    // A model in common among others, and every model against one model, both with points.
    expect(
      adjustmentProblems([
        { models: ['veo3_fast', 'veo3'], percent: -10, reason: 'a' },
        { models: ['veo3'], percent: -20, reason: 'b' },
      ]),
    ).toHaveLength(1);
    expect(
      adjustmentProblems([
        { models: '*', points: [{ mode: 'image-to-video' }], credits: 1, reason: 'a' },
        { models: ['veo3'], points: [{ mode: 'image-to-video' }], credits: 2, reason: 'b' },
      ]),
    ).toHaveLength(1);
    expect(
      adjustmentProblems([
        { models: ['veo3'], points: [{ mode: 'image-to-video' }], credits: 2, reason: 'b' },
        { models: '*', points: [{ mode: 'image-to-video' }], credits: 1, reason: 'a' },
      ]),
    ).toHaveLength(1);
  });

  it('compare the resolutions of two point filters in any case, as requests are read; a field one filter leaves out takes any value', () => {
    const book = (first: PointFilter, second: PointFilter) => [
      ...readRuleSources(),
      {
        file: 'rules/books/r.json',
        text: JSON.stringify({
          book: 'r',
          adjustments: [
            { models: ['nano-banana-2'], points: [first], credits: 1, reason: 'a' },
            { models: ['nano-banana-2'], points: [second], credits: 2, reason: 'b' },
          ],
        }),
      },
    ];
    const codes = (sources: RuleSource[]) => checkRuleSources(sources).issues.map((issue) => issue.code);
    expect(codes(book({ resolution: '2k' }, { resolution: '2K', mode: 'image-to-image' }))).toEqual(['OVERLAPPING_ADJUSTMENTS']);
    expect(codes(book({ resolution: '1K' }, { resolution: '4K', mode: 'image-to-image' }))).toEqual([]);
    expect(codes(book({ resolution: '4K' }, { mode: 'image-to-image' }))).toEqual(['OVERLAPPING_ADJUSTMENTS']);
    expect(codes(book({ mode: 'image-to-image' }, { resolution: '4K' }))).toEqual(['OVERLAPPING_ADJUSTMENTS']);
  });

  it('take the end of a window as not included: a window ending when an earlier one starts meets it not, one a millisecond later does', () => {
    const starts = { models: ['veo3'], percent: -10, from: '2027-02-01', reason: 'a' };
    const endsAt = (until: string) => ({ models: ['veo3'], percent: -20, until, reason: 'b' });
    expect(adjustmentProblems([starts, endsAt('2027-02-01')])).toEqual([]);
    expect(adjustmentProblems([starts, endsAt('2027-02-01T00:00:00.001Z')])).toHaveLength(1);
  });

  it('refuse an empty window, a date the calendar lacks, and a point no model prices, with the point in the words of the page', () => {
    expect(
      adjustmentProblems([
        { models: ['veo3'], percent: -10, from: '2027-02-01', until: '2027-02-01', reason: 'a' },
        { models: ['veo3_fast'], percent: -10, from: '2027-02-30', reason: 'b' },
        { models: '*', points: [{ duration: 7 }], credits: 1, reason: 'c' },
      ]),
    ).toEqual([
      `BOOK_INTERVAL ${DIR}/books/x.json:10:16: expected an end after the start (2027-02-01), found "2027-02-01"`,
      `INVALID_INSTANT ${DIR}/books/x.json:18:15: expected a date the calendar holds, found "2027-02-30"`,
      `UNPRICED_POINT ${DIR}/books/x.json:24:9: expected a point the list prices for any model, found "7s"`,
    ]);
    expect(
      adjustmentProblems([{ models: ['kling/v2-1-standard'], points: [{ duration: 5, mode: 'text-to-video' }], credits: 1, reason: 'd' }]),
    ).toEqual([
      `UNPRICED_POINT ${DIR}/books/x.json:9:9: expected a point the list prices for kling/v2-1-standard, found "5s text-to-video"`,
    ]);
  });

  it('refuse an unknown model once, whatever else its adjustment asks of the models it names', () => {
    expect(
      adjustmentProblems([
        { models: ['veo-4'], pinnedAt: '2027-01-01', reason: 'a' },
        { models: ['veo-4'], points: [{ duration: 8 }], credits: 1, reason: 'b' },
      ]),
    ).toEqual([
      `UNKNOWN_MODEL ${DIR}/books/x.json:6:9: expected a model the list prices (did you mean "veo3"?), found "veo-4"`,
      `UNKNOWN_MODEL ${DIR}/books/x.json:13:9: expected a model the list prices (did you mean "veo3"?), found "veo-4"`,
    ]);
  });

  it('pin at the instant a model is first priced, and not a millisecond before', () => {
    const pin = (pinnedAt: string) => [{ models: ['veo3_lite'], pinnedAt, reason: 'r' }];
    expect(adjustmentProblems(pin('2027-02-01'))).toEqual([]);
    expect(adjustmentProblems(pin('2027-01-31T23:59:59.999Z'))).toEqual([
      `BOOK_PIN ${DIR}/books/x.json:8:19: expected an instant when the list priced every model of the adjustment, found 2027-01-31T23:59:59.999Z, before veo3_lite had a price`,
    ]);
  });

  it('refuse a base of a base that is unknown once, where it is named, and never suggest a book as its own base', () => {
    const chain = [
      ...withBook('a.json', { book: 'a', basedOn: 'b', adjustments: [] }),
      { file: `${DIR}/books/b.json`, text: JSON.stringify({ book: 'b', basedOn: 'nowhere', adjustments: [] }) },
    ];
    expect(problems(chain)).toEqual([
      `UNKNOWN_BOOK ${DIR}/books/b.json:1:23: expected a book of this rule directory (did you mean "acme"?), found "nowhere"`,
    ]);
    const alone = [
      ...readRuleSources(DIR).filter((s) => !s.file.includes('/books/')),
      { file: `${DIR}/books/self.json`, text: JSON.stringify({ book: 'self', basedOn: 'selff', adjustments: [] }) },
    ];
    expect(problems(alone)).toEqual([`UNKNOWN_BOOK ${DIR}/books/self.json:1:26: expected a book of this rule directory, found "selff"`]);
  });
});

describe('priceChangeInstants', () => {
  it('lists every version start and every adjustment start and end once, ascending; for one model, only the adjustments that apply to it', () => {
    const ruleSet = loadRuleSet('test/fixtures/book-rules');
    const books = ruleSet.books ?? [];
    const iso = (instants: number[]) => instants.map((t) => new Date(t).toISOString().slice(0, 13));
    const only = (id: string) =>
      iso(
        priceChangeInstants(
          ruleSet.models.filter((m) => m.id === id),
          books,
          id,
        ),
      );
    expect(iso(priceChangeInstants(ruleSet.models, books))).toEqual([
      '2027-01-01T00',
      '2027-01-08T00',
      '2027-02-01T00',
      '2027-03-01T00',
      '2027-05-01T00',
      '2027-06-01T10',
    ]);
    // kling: its versions, and the end of acme's pin; not enterprise-eu's launch week of veo3.
    expect(only('kling/v2-1-standard')).toEqual(['2027-01-01T00', '2027-03-01T00', '2027-06-01T10']);
    expect(only('veo3')).toEqual(['2027-01-01T00', '2027-01-08T00']);
  });
});
