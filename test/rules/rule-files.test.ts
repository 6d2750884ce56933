import { cli } from '../support/run-cli.js';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  BUNDLED_RULES_DIR,
  checkRuleSources,
  createPricer,
  formatRuleIssue,
  MODES,
  parseRuleSet,
  readRuleSources,
  RuleSetError,
} from '../../src/index.js';
import { DECIDED_DURATIONS } from '../support/published-page.js';

const BROKEN = 'test/fixtures/broken-rules';
const problems = (dir: string) => checkRuleSources(readRuleSources(dir)).issues.map(formatRuleIssue);

describe('a broken rule file is reported at file:line:col', () => {
  it('JSON syntax', () => {
    expect(problems(`${BROKEN}/syntax`)).toEqual([`${BROKEN}/syntax/kling.json:8:7: expected "," or "}", found the string "price"`]);
  });

  it('a key written twice, which JSON.parse would silently keep the last of', () => {
    expect(problems(`${BROKEN}/duplicate-key`)).toEqual([
      `${BROKEN}/duplicate-key/gpt-image.json:9:48: expected each key once (the first "credits" is at 9:34), found "credits" again`,
    ]);
  });

  it('every JSON Schema violation, saying what was expected and what was found', () => {
    expect(problems(`${BROKEN}/schema`)).toEqual([
      `${BROKEN}/schema/veo.json:8:45: expected an integer (A whole, positive number of credits), found 2.5`,
      `${BROKEN}/schema/veo.json:11:5: expected property "source", found an object without it`,
      `${BROKEN}/schema/veo.json:13:34: expected one of "text-to-image", "image-to-image", "text-to-video", "image-to-video", found "video-to-video"`,
      `${BROKEN}/schema/veo.json:14:45: expected a number ≥ 1 (A whole, positive number of credits), found 0`,
      `${BROKEN}/schema/veo.json:14:60: expected only the properties "kind", "credits", "clipSeconds", "assumptions", found unknown property "clipSecs"`,
    ]);
  });

  it('a model id defined twice across files', () => {
    expect(problems(`${BROKEN}/duplicate-model`)).toEqual([
      `${BROKEN}/duplicate-model/b.json:12:13: expected model "veo3" defined once (first at ${BROKEN}/duplicate-model/a.json:6:13), found a second definition`,
    ]);
  });

  it('a profile reference that resolves to nothing', () => {
    expect(problems(`${BROKEN}/unknown-profile`)).toEqual([
      `${BROKEN}/unknown-profile/hailuo.json:12:29: expected a declared profile (hailuo-02-standard), found "hailuo-02-standrd" (did you mean "hailuo-02-standard"?)`,
    ]);
  });

  it('a matrix with a missing cell', () => {
    expect(problems(`${BROKEN}/missing-cell`)).toEqual([
      `${BROKEN}/missing-cell/sora-2.json:15:11: expected 3 entries: one price per duration (5, 10, 20 s) at 1080p, found 2`,
    ]);
  });

  it('a duplicate axis value', () => {
    expect(problems(`${BROKEN}/duplicate-axis`)).toEqual([
      `${BROKEN}/duplicate-axis/wan.json:11:30: expected each duration once, found "10" again (first at index 1)`,
      `${BROKEN}/duplicate-axis/wan.json:12:33: expected each resolution once, found "720p" again (first at index 0)`,
    ]);
  });

  it('a directory without rule files, or none at all', () => {
    const empty = mkdtempSync(join(tmpdir(), 'pricing-empty-'));
    expect(() => readRuleSources(empty)).toThrow(RuleSetError);
    expect(() => createPricer(join(empty, 'missing'))).toThrow(/expected a readable directory of rule files, found nothing there/);
  });

  it('createPricer refuses broken rules with every issue', () => {
    try {
      createPricer(`${BROKEN}/schema`);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleSetError);
      expect((error as RuleSetError).issues.map((i) => i.code)).toEqual(['SCHEMA', 'SCHEMA', 'SCHEMA', 'SCHEMA', 'SCHEMA']);
      expect((error as RuleSetError).message).toBe(
        `invalid rule set (5 errors): ${BROKEN}/schema/veo.json:8:45: expected an integer (A whole, positive number of credits), found 2.5`,
      );
    }
  });
});

describe('the bundled rules', () => {
  const files = readdirSync(BUNDLED_RULES_DIR).filter((f) => f.endsWith('.json'));

  it('have no issue', () => {
    expect(checkRuleSources(readRuleSources()).issues).toEqual([]);
  });

  it('each start with "$schema" pointing at the rule-file schema', () => {
    for (const file of files) {
      const text = readFileSync(join(BUNDLED_RULES_DIR, file), 'utf8');
      expect(text.startsWith('{\n  "$schema": "../schemas/rule-file.schema.json",\n')).toBe(true);
    }
  });

  it('flag an assumption, with a reason that stands on its own, exactly where the price list leaves durations open', () => {
    const ruleSet = parseRuleSet(readRuleSources());
    for (const model of ruleSet.models) {
      const [version] = model.versions;
      expect(model.versions).toHaveLength(1);
      expect(version?.assumptions.length !== 0).toBe(model.id in DECIDED_DURATIONS);
      for (const assumption of version?.assumptions ?? []) {
        expect(assumption.reason).toMatch(/^The price list gives (two|three) prices per resolution without durations/);
        expect(assumption.reason).not.toMatch(/\.md\b|decisions/);
      }
    }
  });

  it('declare the open question of nano-banana-pro at 1K', () => {
    const model = parseRuleSet(readRuleSources()).models.find((m) => m.id === 'nano-banana-pro');
    expect(model?.unpriced).toEqual([
      {
        parameter: 'resolution',
        value: '1K',
        reason: 'accepted upstream, but the price list gives no 1K price for nano-banana-pro',
        openQuestion: true,
      },
    ]);
  });
});

describe('the rule-file schema', () => {
  it('is a valid draft 2020-12 schema in ajv strict mode', () => {
    const schema = JSON.parse(readFileSync('schemas/rule-file.schema.json', 'utf8'));
    const ajv = new Ajv2020({ strict: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('allows exactly the modes the package exports as MODES', () => {
    const schema = JSON.parse(readFileSync('schemas/rule-file.schema.json', 'utf8'));
    expect(schema.$defs.mode.enum).toEqual([...MODES]);
    expect(MODES).toEqual(['text-to-image', 'image-to-image', 'text-to-video', 'image-to-video']);
  });
});

describe('rules that validate compile, and the reader keeps its promises on hostile files', () => {
  const gpt = readFileSync('rules/10-gpt-image.json', 'utf8');
  const issuesOf = (text: string) => checkRuleSources([{ file: 'x.json', text }]).issues.map(formatRuleIssue);

  it.each(['1e308', '9007199254740993', '12345678901234567890'])(
    'refuses credits of %s at file:line:col instead of failing to compile',
    (credits) => {
      const text = gpt.replace('"credits": 3', `"credits": ${credits}`);
      expect(issuesOf(text)).toEqual([
        `x.json:11:20: expected a number ≤ 9007199254740991 (the largest whole number arithmetic keeps exact) (A whole, positive number of credits), found ${JSON.stringify(Number(credits))}`,
      ]);
      expect(() => parseRuleSet([{ file: 'x.json', text }])).toThrow(RuleSetError);
    },
  );

  it('reads a number literal of any length as JSON.parse does', () => {
    const text = gpt.replace('"credits": 3', `"credits": 3${'0'.repeat(70)}`);
    expect(issuesOf(text)[0]).toMatch(/found 3e\+70$/);
  });

  it('refuses nesting deeper than 64 levels with a position, not a stack overflow', () => {
    expect(issuesOf('['.repeat(3000))).toEqual(['x.json:1:65: expected at most 64 nested arrays and objects, found "["']);
  });

  it('reads past a byte order mark and counts columns after it', () => {
    expect(issuesOf(`\ufeff${gpt}`)).toEqual([]);
    expect(issuesOf('\ufeff{"family": x}')).toEqual(['x.json:1:12: expected a JSON value, found "x"']);
  });

  it('lists every problem of a directory, an unreadable file among them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pricing-unreadable-'));
    writeFileSync(join(dir, 'a.json'), '{ "family": ');
    mkdirSync(join(dir, 'b.json'));
    const { code, stderr } = await cli(['validate', '--rules', dir]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${join(dir, 'b.json')}:1:1: expected a readable rule file, found a directory\n${join(dir, 'a.json')}:1:13: expected a JSON value, found end of file\npricing: invalid rules: 2 errors, 0 warnings\n`,
    );
  });
});
