import { describe, expect, it } from 'vitest';
import { formatRuleIssue, parseRuleSet, readRuleSources } from '../../src/index.js';
import { lintRuleSources } from '../../src/review/index.js';

const JAN = Date.UTC(2027, 0, 1);

describe('lint of a change to prices already in force', () => {
  const sources = readRuleSources();
  const changed = sources.map((s) => {
    if (!s.file.endsWith('10-gpt-image.json')) return s;
    const rules = JSON.parse(s.text);
    rules.models[0].price.credits = 4;
    return { file: s.file, text: JSON.stringify(rules, null, 2) };
  });

  it('warns when a price in force changes in place without a correction', () => {
    const issues = lintRuleSources(changed, { base: parseRuleSet(sources), at: JAN });
    expect(issues.map(formatRuleIssue)).toEqual([
      'rules/10-gpt-image.json:12:16: warning: expected a new dated version for a price change, or a "correction" saying why the price in force since always was wrong, found 3 changed in place to 4',
      // The page row still says 3: the same edit also disagrees with its provenance.
      "rules/10-gpt-image.json:18:16: warning: expected the row's credits to match the price table (4), found 3",
    ]);
  });

  it('is quiet when the version says it is a correction, or without a base', () => {
    const corrected = changed.map((s) => {
      if (!s.file.endsWith('10-gpt-image.json')) return s;
      const rules = JSON.parse(s.text);
      rules.models[0].prices = [{ price: rules.models[0].price, correction: 'the list was misread: it says 4' }];
      delete rules.models[0].price;
      return { file: s.file, text: JSON.stringify(rules, null, 2) };
    });
    const historyIssues = (issues: readonly { code: string }[]) => issues.filter((i) => i.code === 'HISTORY_EDIT_WITHOUT_CORRECTION');
    expect(historyIssues(lintRuleSources(corrected, { base: parseRuleSet(sources), at: JAN }))).toEqual([]);
    expect(historyIssues(lintRuleSources(changed))).toEqual([]);
    expect(historyIssues(lintRuleSources(changed, { base: parseRuleSet(sources), at: JAN }))).toHaveLength(1);
  });
});
