import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES_DIR, createPricer, loadRuleSet, readRuleSources } from '../../src/index.js';
import { readRuleDirectory, ruleFilesHash } from '../../src/rules/load-rules.js';

/** A fresh directory holding the given files (a name ending in `/` is a directory). */
function directory(files: Record<string, string>, parent = tmpdir()): string {
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'pricing-rules-dir-'));
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(dir, name));
    else writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('reading a rule directory', () => {
  it('reads only the *.json files, in name order', () => {
    const dir = directory({ '2-b.json': 'B', '10-a.json': 'A', 'README.md': 'not rules', 'c.json.bak': 'old', json: 'no extension' });
    expect(readRuleDirectory(dir)).toEqual({
      sources: [
        { file: join(dir, '10-a.json'), text: 'A' },
        { file: join(dir, '2-b.json'), text: 'B' },
      ],
      issues: [],
    });
  });

  it('names files relative to the working directory when they are inside it, and absolute otherwise', () => {
    const inside = directory({ 'a.json': '{}' }, 'test/.artifacts');
    expect(readRuleDirectory(inside).sources.map((s) => s.file)).toEqual([join(relative(process.cwd(), inside), 'a.json')]);
    const outside = directory({ 'a.json': '{}' });
    expect(readRuleDirectory(outside).sources.map((s) => s.file)).toEqual([join(outside, 'a.json')]);
  });

  it('goes on past a file it cannot read, and says what it found', () => {
    const dir = directory({ 'a.json': 'A', 'b.json/': '' });
    expect(readRuleDirectory(dir)).toEqual({
      sources: [{ file: join(dir, 'a.json'), text: 'A' }],
      issues: [
        {
          code: 'READ_FAILED',
          severity: 'error',
          file: join(dir, 'b.json'),
          line: 1,
          col: 1,
          pointer: '',
          expected: 'a readable rule file',
          received: 'a directory',
        },
      ],
    });
  });

  it('says why a directory cannot be read, or that it holds no rule file', () => {
    const dir = directory({ 'notes.txt': '' });
    const issue = (path: string) => readRuleDirectory(path).issues.map((i) => [i.code, i.file, i.expected, i.received]);
    expect(issue(dir)).toEqual([['NO_RULE_FILES', dir, 'at least one rule file (*.json)', 'none']]);
    expect(issue(join(dir, 'missing'))).toEqual([
      ['READ_FAILED', join(dir, 'missing'), 'a readable directory of rule files', 'nothing there'],
    ]);
    expect(issue(join(dir, 'notes.txt'))).toEqual([
      ['READ_FAILED', join(dir, 'notes.txt'), 'a readable directory of rule files', 'a file where the path needs a directory'],
    ]);
  });
});

describe('the hash of rule files', () => {
  it('is the same for the same names and texts in any directory, and changes with either', () => {
    const hash = ruleFilesHash([{ file: 'rules/a.json', text: '{}' }]);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(ruleFilesHash([{ file: '/elsewhere/a.json', text: '{}' }])).toBe(hash);
    expect(ruleFilesHash([{ file: 'rules/b.json', text: '{}' }])).not.toBe(hash);
    expect(ruleFilesHash([{ file: 'rules/a.json', text: '{ }' }])).not.toBe(hash);
    // The separators keep a name and a text apart: "a.json" + "x" is not "a.jsonx" + "".
    expect(ruleFilesHash([{ file: 'a.json', text: 'x' }])).not.toBe(ruleFilesHash([{ file: 'a.jsonx', text: '' }]));
    expect(ruleFilesHash([])).toBe(ruleFilesHash([]));
    expect(
      ruleFilesHash([
        { file: 'a.json', text: 'x' },
        { file: 'b.json', text: 'y' },
      ]),
    ).not.toBe(
      ruleFilesHash([
        { file: 'b.json', text: 'y' },
        { file: 'a.json', text: 'x' },
      ]),
    );
  });
});

describe('loading a copy of the bundled rules', () => {
  it('validates the copy as any rule directory, into the same rule set and version', () => {
    const copy = directory({});
    for (const name of readdirSync(BUNDLED_RULES_DIR)) copyFileSync(join(BUNDLED_RULES_DIR, name), join(copy, name));
    const ruleSet = loadRuleSet(copy);
    expect(ruleSet.files).toEqual(readRuleSources(copy).map((s) => s.file));
    expect(ruleSet.models.map((m) => m.id)).toEqual(loadRuleSet().models.map((m) => m.id));
    expect(createPricer(copy).version).toBe(createPricer().version);
    // A model's location names the file it was read from: the copy's, not the bundled one.
    expect(ruleSet.models[0]?.location.file).toBe(join(copy, '10-gpt-image.json'));
  });
});
