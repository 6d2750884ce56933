import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPricer } from '../../src/index.js';
import { pagePoints } from '../support/published-page.js';
import { createRulesRepo } from '../support/rules-repo.js';
import { cli, cliProcess } from '../support/run-cli.js';

describe('pricing quote', () => {
  it('prints the credits in one line', async () => {
    expect(await cli(['quote', 'sora-2-text-to-video', '--duration', '10', '--resolution', '1080p'])).toEqual({
      code: 0,
      stdout: 'sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits\n',
      stderr: '',
    });
  });

  it('prints the quote object with --json', async () => {
    const { code, stdout } = await cli(['quote', 'nano-banana-2', '--resolution', '2k', '--input-images', '3', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      model: 'nano-banana-2',
      mode: 'image-to-image',
      credits: 6,
      resolution: '2K',
      effectiveFrom: null,
      assumptions: [],
      version: createPricer().version,
    });
  });

  it('takes --mode as the video inputMode', async () => {
    expect((await cli(['quote', 'veo3_fast', '--mode', 'image_to_video'])).stdout).toBe('veo3_fast (image-to-video, 8s): 9 credits\n');
  });

  it('prices every point of the published page', async () => {
    for (const point of pagePoints()) {
      const args = ['quote', point.model, '--json'];
      if (point.duration !== undefined) args.push('--duration', `${point.duration}s`);
      if (point.resolution !== undefined) args.push('--resolution', point.resolution.toUpperCase());
      const { code, stdout } = await cli(args);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).credits).toBe(point.credits);
    }
  });

  it('exits 1 with the allowed values when a request cannot be priced', async () => {
    expect(await cli(['quote', 'sora-2-text-to-video', '--duration', '15', '--resolution', '1080p'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pricing: UNSUPPORTED_VALUE: sora-2-text-to-video: duration 15s is not priced; allowed: 5s, 10s, 20s\n',
    });
    expect((await cli(['quote', 'kling/v2-1-pro'])).stderr).toBe(
      'pricing: MISSING_PARAMETER: kling/v2-1-pro: duration is required to price this model; allowed: 5s, 10s\n',
    );
    expect((await cli(['quote', 'sora-2'])).stderr).toBe(
      'pricing: UNKNOWN_MODEL: unknown model "sora-2"; did you mean "sora-2-text-to-video"? Near it: sora-2-pro-text-to-video, sora-2-image-to-video (20 models in all)\n',
    );
  });

  it('exits 2 on a usage error', async () => {
    expect(await cli(['quote'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: missing <model> (or --request)\nSee "pricing quote --help".\n',
    });
    expect(await cli(['quote', 'veo3', '--input-images', 'two'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: --input-images expects a whole number ≥ 0, found "two"\nSee "pricing quote --help".\n',
    });
    expect((await cli(['quote', 'veo3', '--colour', 'red'])).code).toBe(2);
    expect((await cli(['quote', 'veo3', '--duration'])).code).toBe(2);
    expect(await cli(['price', 'veo3'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'pricing: unknown command "price"; commands: quote, list, validate, lint, diff, reconcile, export, docs\nSee "pricing --help".\n',
    });
  });
});

describe('command-line options', () => {
  it('reads --duration -5 as a duration to refuse, not as an unknown option', async () => {
    expect(await cli(['quote', 'kling/v2-1-pro', '--duration', '-5'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pricing: INVALID_PARAMETER: kling/v2-1-pro: duration "-5" is not valid; allowed: 5s, 10s\n',
    });
  });

  it('refuses an option given twice instead of keeping the last', async () => {
    expect(await cli(['quote', 'kling/v2-1-pro', '--duration', '5', '--duration', '10'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'pricing: --duration is given twice; give it once\nSee "pricing quote --help".\n',
    });
  });

  it('prints the package version with --version or -v', async () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(await cli(['-v'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints the program help on --help, -h or help, and on stderr with exit 2 when no command is given', async () => {
    const help = [
      'Usage: pricing <command> [options]',
      '',
      'Credit prices of the image and video generation API, from validated rule files.',
      '',
      'Commands:',
      ...['quote', 'list', 'validate', 'lint', 'diff', 'reconcile', 'export', 'docs'].map((name) =>
        expect.stringMatching(new RegExp(`^  ${name} {${11 - name.length}}\\S`)),
      ),
      '',
      'Run "pricing <command> --help" for a command\'s options, "pricing --version" for the version.',
      '',
    ];
    for (const flag of ['--help', '-h', 'help']) {
      const { code, stdout, stderr } = await cli([flag]);
      expect({ code, stderr, lines: stdout.split('\n') }).toEqual({ code: 0, stderr: '', lines: help });
    }
    const bare = await cli([]);
    expect({ code: bare.code, stdout: bare.stdout, lines: bare.stderr.split('\n') }).toEqual({ code: 2, stdout: '', lines: help });
  });

  it.each(['quote', 'list', 'validate', 'lint', 'diff', 'reconcile', 'export', 'docs'])(
    'prints the help of %s on --help or -h, whatever else is given',
    async (command) => {
      for (const argv of [
        [command, '--help'],
        [command, '-h'],
        [command, '--bogus', '-h'],
      ]) {
        const { code, stdout, stderr } = await cli(argv);
        expect({ code, stderr, usage: stdout.split('\n')[0] }).toEqual({
          code: 0,
          stderr: '',
          usage: expect.stringMatching(new RegExp(`^Usage: pricing ${command}( |$)`)),
        });
      }
    },
  );
});

describe('usage errors of docs and lint', () => {
  it.each([
    [['docs', 'extra'], 'docs', 'unexpected argument "extra"'],
    [['docs', '--format', 'pdf'], 'docs', '--format expects md or html, found "pdf"'],
    [['docs', '--check', '--out', '-'], 'docs', '--check needs a file to compare, not "-"'],
    [['lint', 'extra'], 'lint', 'unexpected argument "extra"'],
    [['lint', '--base', 'no-such-revision'], 'lint', '"no-such-revision" is not a git revision'],
  ])('%j is refused with exit 2', async (argv, command, message) => {
    expect(await cli(argv)).toEqual({ code: 2, stdout: '', stderr: `pricing: ${message}\nSee "pricing ${command} --help".\n` });
  });
});

describe('pricing docs', () => {
  it('writes the page to stdout with --out -, or to a file, saying so', async () => {
    const markdown = readFileSync('docs/pricing.md', 'utf8');
    expect(await cli(['docs', '--out', '-'])).toEqual({ code: 0, stdout: markdown, stderr: '' });
    const dir = mkdtempSync(join(tmpdir(), 'pricing-docs-'));
    expect(await cli(['docs', '--out', 'page.md'], dir)).toEqual({ code: 0, stdout: '', stderr: 'wrote page.md\n' });
    expect(readFileSync(join(dir, 'page.md'), 'utf8')).toBe(markdown);
    expect(await cli(['docs', '--check', '--out', 'page.md'], dir)).toEqual({
      code: 0,
      stdout: 'page.md is up to date with the rules\n',
      stderr: '',
    });
  });

  it('fails --check on a missing page, saying it is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pricing-docs-'));
    expect(await cli(['docs', '--check', '--out', 'page.md'], dir)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'pricing: page.md is missing: the rules generate a different page; run "npm run docs" and commit it\n',
    });
  });
});

describe('pricing lint', () => {
  it("reads the base revision's rules from the --rules path", async () => {
    const repo = createRulesRepo();
    repo.git('mv', 'rules', 'prices');
    repo.commit('Move the rules');
    const veo = join(repo.dir, 'prices', '60-veo.json');
    writeFileSync(veo, readFileSync(veo, 'utf8').replace('"credits": 63', '"credits": 64'));
    const { code, stdout, stderr } = await cli(['lint', '--rules', 'prices', '--base', 'HEAD', '--at', '2026-11-24'], repo.dir);
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'lint: 0 errors, 2 warnings\n' });
    expect(stderr).toContain('found 63 changed in place to 64');
  });
});

describe('pricing list', () => {
  it('prints every price point of a model as a table', async () => {
    expect(await cli(['list', '--model', 'kling/v2-1-standard'])).toEqual({
      code: 0,
      stdout: [
        'MODEL                MODES           DURATION  RESOLUTION  CREDITS',
        'kling/v2-1-standard  image-to-video  5s        -                11',
        'kling/v2-1-standard  image-to-video  10s       -                22',
        '',
      ].join('\n'),
      stderr: '',
    });
  });

  it('prints an array of { model, modes, duration?, resolution?, credits } with --json', async () => {
    const { code, stdout } = await cli(['list', '--json']);
    expect(code).toBe(0);
    const points = JSON.parse(stdout);
    expect(points).toHaveLength(58);
    expect(points[0]).toEqual({ model: 'gpt-image-2', modes: ['text-to-image', 'image-to-image'], credits: 3 });
  });

  it('exits 1 for an unknown model', async () => {
    expect((await cli(['list', '--model', 'veo4'])).code).toBe(1);
  });
});

describe('pricing validate', () => {
  it('counts files, models and profiles of valid rules', async () => {
    expect(await cli(['validate'])).toEqual({
      code: 0,
      stdout: '8 rule files, 20 models, 4 shared profiles: 0 errors, 0 warnings\n',
      stderr: '',
    });
  });

  it('prints every problem as path:line:col: message, then a count, and exits 1', async () => {
    const { code, stdout, stderr } = await cli(['validate', '--rules', 'test/fixtures/broken-rules/missing-cell']);
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      'test/fixtures/broken-rules/missing-cell/sora-2.json:15:11: expected 3 entries: one price per duration (5, 10, 20 s) at 1080p, found 2\n' +
        'pricing: invalid rules: 1 error, 0 warnings\n',
    );
  });
});

describe('the pricing executable', () => {
  it('prints 15 credits for the README example', () => {
    expect(cliProcess(['quote', 'sora-2-text-to-video', '--duration', '10', '--resolution', '1080p'])).toEqual({
      code: 0,
      stdout: 'sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits\n',
      stderr: '',
    });
  });

  it.each([
    [['quote', 'veo3', '--duration', 'ten'], 1],
    [['validate', '--rules', 'test/fixtures/broken-rules/syntax'], 1],
    [['validate', '--rules', 'no/such/dir'], 1],
    [['quote', '--bogus'], 2],
    [[], 2],
  ])('exits %j with %i and no stack trace', (argv, code) => {
    const result = cliProcess(argv);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/^(pricing: |Usage: |\S+:1:1: expected a readable directory|test\/fixtures)/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('ends quietly with exit 0 when the reader of its output goes away, and in one line on a full disk', () => {
    const main = new URL('../../dist/cli.js', import.meta.url).pathname;
    for (const command of [`list --json`, `docs --out -`, `export --format sql`]) {
      const run = spawnSync('bash', ['-c', `node ${main} ${command} | head -1 > /dev/null; echo "\${PIPESTATUS[0]}"`], {
        encoding: 'utf8',
      });
      expect({ command, status: run.stdout, stderr: run.stderr }).toEqual({ command, status: '0\n', stderr: '' });
    }
    const full = spawnSync('bash', ['-c', `node ${main} docs --out - > /dev/full`], { encoding: 'utf8' });
    expect({ status: full.status, stderr: full.stderr }).toEqual({
      status: 1,
      stderr: 'pricing: cannot write the output: ENOSPC: no space left on device, write\n',
    });
  });

  it('prints help for the program and for each command', () => {
    const main = cliProcess(['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toMatch(/^Usage: pricing <command> \[options\]/);
    for (const command of ['quote', 'list', 'validate', 'lint', 'diff', 'docs']) {
      const help = cliProcess([command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: pricing ${command}`));
    }
  });
});

describe('pricing validate and the bundled snapshot', () => {
  it('fails when the snapshot the package quotes from was edited apart from the rule files', () => {
    // A copy of the built package whose snapshot prices veo3 at 6, its rule files unchanged.
    const copy = mkdtempSync(join(tmpdir(), 'pricing-snapshot-'));
    for (const path of ['dist', 'rules', 'schemas', 'package.json']) cpSync(path, join(copy, path), { recursive: true });
    const core = join(copy, 'dist/core.js');
    const text = readFileSync(core, 'utf8');
    const at = text.indexOf('"id": "veo3",');
    writeFileSync(core, text.slice(0, at) + text.slice(at).replace('"credits": 63,', '"credits": 6,'));
    const run = (...argv: string[]) => spawnSync(process.execPath, [join(copy, 'dist/cli.js'), ...argv], { cwd: copy, encoding: 'utf8' });
    expect(run('quote', 'veo3').stdout).toBe('veo3 (text-to-video, 8s): 6 credits\n');
    expect({ status: run('validate').status, stderr: run('validate').stderr }).toEqual({
      status: 1,
      stderr:
        'src/rules/bundled-rule-set.generated.ts:1:1: expected the bundled snapshot to be the rule set these rule files validate into (run "npm run generate"), found a snapshot that differs from them, taken for the same files\npricing: invalid rules: 1 error, 0 warnings\n',
    });
    expect(cliProcess(['validate']).code).toBe(0);
  });
});
