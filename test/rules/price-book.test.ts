import { describe, expect, it } from 'vitest';
import { checkRuleSources, formatRuleIssue, loadRuleSet, readRuleSources, type RuleSource } from '../../src/index.js';
import { priceChangeInstants } from '../../src/rules/price-book.js';

const DIR = 'test/fixtures/book-rules';

/** The fixture's rule files and books, with one book replaced or added. */
function withBook(name: string, book: unknown): RuleSource[] {
  const sources = readRuleSources(DIR).filter((s) => !s.file.endsWith(`books/${name}`));
  return [...sources, { file: `${DIR}/books/${name}`, text: `${JSON.stringify(book, null, 2)}\n` }];
}

const problems = (sources: RuleSource[]) => checkRuleSources(sources).issues.map(formatRuleIssue);

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
      `${DIR}/books/bad.json:2:11: expected a string matching ^[a-z0-9._-]+$ (The book's id, as billing code names it: lower-case letters, digits, '.', '_' and '-'), found "Bad Id"`,
      `${DIR}/books/bad.json:4:5: expected exactly one of the properties "percent" or "credits" or "pinnedAt", found both`,
      `${DIR}/books/bad.json:4:5: expected property "reason", found an object without it`,
      `${DIR}/books/bad.json:13:18: expected a value that must be > -100, found -100`,
    ]);
  });

  it('name only models the list prices, with the nearest id as a suggestion', () => {
    const book = { book: 'typo', adjustments: [{ models: ['veo3', 'veo-3'], percent: 5, reason: 'r' }] };
    expect(problems(withBook('typo.json', book))).toEqual([
      `${DIR}/books/typo.json:7:9: expected a model the list prices (did you mean "veo3"?), found "veo-3"`,
    ]);
  });

  it('name only points the list prices for each model', () => {
    const book = {
      book: 'points',
      adjustments: [{ models: ['veo3', 'kling/v2-1-standard'], points: [{ duration: 10 }, { resolution: '4K' }], credits: 1, reason: 'r' }],
    };
    expect(problems(withBook('points.json', book))).toEqual([
      `${DIR}/books/points.json:10:9: expected a point the list prices for veo3, found "10s"`,
      `${DIR}/books/points.json:13:9: expected a point the list prices for veo3, kling/v2-1-standard, found "4K"`,
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
      `${DIR}/books/overlap.json:13:5: expected no other adjustment as specific in force on the same point at the same time (${DIR}/books/overlap.json:4:5 is), found an adjustment from 2027-01-15T00:00:00.000Z`,
    ]);
    const apart = { ...overlapping, adjustments: overlapping.adjustments.map((a, i) => (i === 1 ? { ...a, from: '2027-02-01' } : a)) };
    expect(problems(withBook('overlap.json', apart))).toEqual([]);
  });

  it('refuse an unknown base, a loop of bases, a second book of one id, an end before the start, three decimals, and a pin before any price', () => {
    expect(problems(withBook('orphan.json', { book: 'orphan', basedOn: 'enterprize', adjustments: [] }))).toEqual([
      `${DIR}/books/orphan.json:3:14: expected a book of this rule directory (did you mean "enterprise"?), found "enterprize"`,
    ]);
    const loop = [
      ...withBook('a.json', { book: 'a', basedOn: 'b', adjustments: [] }),
      { file: `${DIR}/books/b.json`, text: JSON.stringify({ book: 'b', basedOn: 'a', adjustments: [] }) },
    ];
    expect(problems(loop)).toEqual([
      `${DIR}/books/a.json:3:14: expected a chain of bases that ends at the list, found a loop: a → b → a`,
      `${DIR}/books/b.json:1:23: expected a chain of bases that ends at the list, found a loop: b → a → b`,
    ]);
    expect(problems(withBook('again.json', { book: 'acme', adjustments: [] }))).toEqual([
      `${DIR}/books/again.json:2:11: expected book "acme" declared once (first at ${DIR}/books/acme.json:3:11), found a second declaration`,
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
      `${DIR}/books/odd.json:8:18: expected a percent with at most two decimals, found 12.345`,
      `${DIR}/books/odd.json:17:16: expected an end after the start (2027-02-01), found "2027-01-01"`,
      `${DIR}/books/odd.json:24:19: expected an instant when the list priced every model of the adjustment, found 2027-01-01, before veo3_lite had a price`,
    ]);
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
