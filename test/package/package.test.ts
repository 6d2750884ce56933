import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** The packed tarball, installed into an empty project as a consumer installs it. */
describe('the packed package', () => {
  const project = mkdtempSync(join(tmpdir(), 'pricing-consumer-'));
  let files: string[] = [];
  let installed = '';

  beforeAll(() => {
    // --ignore-scripts: the tests run on the dist/ already built; packing must not rebuild it under them.
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    files = packed[0].files.map((f: { path: string }) => f.path);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    // A plain install, as a billing service runs it: what it prints is kept, to check it.
    installed = execFileSync('npm', ['install', join(project, packed[0].filename), '--no-audit', '--no-fund', '--prefer-offline'], {
      cwd: project,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }, 180_000);

  it('ships what a consumer needs and nothing else: no source maps, no build scripts, a LICENSE', () => {
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('dist/build/') || f.startsWith('src/') || f.startsWith('test/'))).toEqual(
      [],
    );
    // The JavaScript is bundled directly under dist/: no module of tsc's one-file-per-module output is left.
    expect(files.filter((f) => /^dist\/.+\/.+\.js$/.test(f))).toEqual(['dist/docs/calculator.bundle.js']);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/core.js',
        'dist/cli.js',
        'dist/usage.js',
        'dist/usage/index.d.ts',
        'dist/rule-file-validator.generated.cjs',
        'dist/docs/calculator.bundle.js',
        'rules/40-sora-2.json',
        'schemas/rule-file.schema.json',
        'schemas/usage-record.schema.json',
      ]),
    );
  });

  it('installs nothing a quoting service does not use, and runs no script: no DuckDB binary, no install-script notice', () => {
    expect(existsSync(join(project, 'node_modules', '@duckdb'))).toBe(false);
    expect(installed).not.toMatch(/script/i);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules', 'pricing-rules', 'package.json'), 'utf8'));
    expect(Object.keys(manifest.scripts ?? {}).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
    expect(manifest.peerDependenciesMeta).toEqual({ '@duckdb/node-api': { optional: true } });
  });

  it('runs the CLI: pricing --version and a quote', () => {
    const bin = join(project, 'node_modules', '.bin', 'pricing');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(
      `${JSON.parse(execFileSync('npm', ['pkg', 'get', 'version'], { encoding: 'utf8' }))}\n`,
    );
    expect(execFileSync(bin, ['quote', 'sora-2-text-to-video', '--duration', '10', '--resolution', '1080p'], { encoding: 'utf8' })).toBe(
      'sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits\n',
    );
    // Validating rule files other than the bundled ones loads the generated schema validator.
    const rules = join(project, 'node_modules', 'pricing-rules', 'rules');
    expect(execFileSync(bin, ['validate', '--rules', rules], { cwd: project, encoding: 'utf8' })).toBe(
      '8 rule files, 20 models, 4 shared profiles: 0 errors, 0 warnings\n',
    );
  });

  it('imports as an ES module, validating the bundled rules from their snapshot', () => {
    const script =
      "import { createPricer, loadRuleSet } from 'pricing-rules'; const p = createPricer(); console.log(p.quote({ model: 'veo3' }).credits, loadRuleSet().models.length, p.version.length);";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })).toBe('63 20 16\n');
  });

  it('imports every entry, which share one core: a rule set and an error from one are those of another', () => {
    const script = [
      "import { loadRuleSet, readRuleSources, PricingError, createPricer } from 'pricing-rules';",
      "import { renderPricingMarkdown } from 'pricing-rules/docs';",
      "import { lintRuleSources } from 'pricing-rules/review';",
      "import { priceTable } from 'pricing-rules/export';",
      "import { reconcileRecord } from 'pricing-rules/usage';",
      'let refusal; try { createPricer().quote({ model: 7 }); } catch (error) { refusal = error; }',
      "const outcome = reconcileRecord(createPricer(), { taskId: 't', submittedAt: '2026-11-01T00:00:00Z', request: { model: 'veo4' }, status: 1, creditsUsed: 1 });",
      'console.log(renderPricingMarkdown(loadRuleSet()).startsWith("<!--"), lintRuleSources(readRuleSources()).length, priceTable(loadRuleSet()).points.length, refusal instanceof PricingError, outcome.code);',
    ].join('\n');
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })).toBe(
      'true 0 72 true UNKNOWN_MODEL\n',
    );
  });
});
