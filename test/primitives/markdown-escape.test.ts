import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRuleSources, formatRuleIssue, parseRuleSet, readRuleSources } from '../../src/index.js';
import { renderPricingMarkdown } from '../../src/docs/index.js';
import { diffRuleSets, breakingChanges } from '../../src/review/index.js';
import { renderDiffMarkdown } from '../../src/review/render-diff.js';
import { codeSpan, markdownCell, markdownText } from '../../src/primitives/markdown-escape.js';

const HOSTILE = 'x | y <!-- <script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:1) `code` *b* \\';

const withEdit = (file: string, change: (rules: any) => void) =>
  readRuleSources().map((s) => {
    if (!s.file.endsWith(file)) return s;
    const rules = JSON.parse(s.text);
    change(rules);
    return { file: s.file, text: JSON.stringify(rules, null, 2) };
  });

describe('free text cannot rewrite a report', () => {
  it('escapes text for its context: paragraph, table cell, code span', () => {
    expect(markdownText(HOSTILE)).toBe(
      'x | y &lt;!-- &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; \\[a\\](javascript:1) \\`code\\` \\*b\\* \\\\',
    );
    expect(markdownCell('a | b\nc')).toBe('a \\| b c');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`a')).toBe('`` `a ``');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
  });

  it('turns a run of line breaks and control characters into one space, and keeps & and | out of markup', () => {
    expect(markdownText('a\r\n\r\nb\u0000\u007fc & d')).toBe('a b c &amp; d');
    expect(codeSpan('a\n\nb')).toBe('`a b`');
    expect(codeSpan('a|b')).toBe('`a|b`');
    expect(codeSpan('b`')).toBe('`` b` ``');
    expect(codeSpan('a``b`c')).toBe('```a``b`c```');
  });

  it('keeps a note and an assumption from splitting a table row or opening HTML in docs/pricing.md', () => {
    const sources = withEdit('10-gpt-image.json', (r) => (r.models[0].note = HOSTILE));
    const page = renderPricingMarkdown(
      parseRuleSet(
        withEdit('40-sora-2.json', (r) => (r.profiles['sora-2'].assumptions[0].about = HOSTILE)).map((s, i) => (i === 0 ? sources[0]! : s)),
      ),
      0,
    );
    expect(page).toContain(
      '| gpt-image-2 | text-to-image, image-to-image | 3 | Flat rate. x \\| y &lt;!-- &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; \\[a\\](javascript:1) \\`code\\` \\*b\\* \\\\ |',
    );
    expect(page).not.toMatch(/<!--(?! Generated)|<script|<img/);
  });

  it('escapes the same text in the Markdown of a price diff', () => {
    const base = parseRuleSet(readRuleSources());
    const head = parseRuleSet(withEdit('40-sora-2.json', (r) => (r.profiles['sora-2'].assumptions[0].about = HOSTILE)));
    const diff = diffRuleSets(base, head, { at: 0 });
    const markdown = renderDiffMarkdown(diff, breakingChanges(diff, {}));
    expect(markdown).toContain(
      '- Assumptions: + x | y &lt;!-- &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; \\[a\\](javascript:1) \\`code\\` \\*b\\* \\\\, − durations 5, 10 and 20 s.',
    );
    expect(markdown).not.toMatch(/<!--|<script|<img/);
  });

  it('refuses line breaks and control characters in one-line fields of a rule file', () => {
    const text = readFileSync('rules/40-sora-2.json', 'utf8').replace('"about": "durations 5, 10 and 20 s"', '"about": "x\\n\\n<!--"');
    expect(checkRuleSources([{ file: 'sora.json', text }]).issues.map(formatRuleIssue)).toEqual([
      'sora.json:12:20: expected a string matching ^[^\\u0000-\\u001f\\u007f]*$, found "x\\n\\n<!--"',
    ]);
  });
});
