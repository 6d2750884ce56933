import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/** The packed tarball, installed into an empty project as a consumer installs it. */
describe('the packed package', () => {
  const project = mkdtempSync(join(tmpdir(), 'pricing-consumer-'));
  let files: string[] = [];

  beforeAll(() => {
    // --ignore-scripts: the tests run on the dist/ already built; packing must not rebuild it under them.
    const packed = JSON.parse(execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    files = packed[0].files.map((f: { path: string }) => f.path);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', join(project, packed[0].filename), '--omit=optional', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts=false'], { cwd: project, stdio: 'ignore' });
  }, 180_000);

  it('ships what a consumer needs and nothing else: no source maps, no build scripts, a LICENSE', () => {
    expect(files.filter((f) => f.endsWith('.map') || f.startsWith('dist/build/') || f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/rules/rule-file-validator.generated.cjs', 'dist/docs/calculator.bundle.js', 'rules/40-sora-2.json', 'schemas/rule-file.schema.json', 'schemas/usage-record.schema.json']));
  });

  it('runs the CLI: pricing --version and a quote', () => {
    const bin = join(project, 'node_modules', '.bin', 'pricing');
    expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toBe(`${JSON.parse(execFileSync('npm', ['pkg', 'get', 'version'], { encoding: 'utf8' }))}\n`);
    expect(execFileSync(bin, ['quote', 'sora-2-text-to-video', '--duration', '10', '--resolution', '1080p'], { encoding: 'utf8' })).toBe('sora-2-text-to-video (text-to-video, 10s, 1080p): 15 credits\n');
  });

  it('imports as an ES module, validating the bundled rules from their snapshot', () => {
    const script = "import { createPricer, loadRuleSet } from 'pricing-rules'; const p = createPricer(); console.log(p.quote({ model: 'veo3' }).credits, loadRuleSet().models.length, p.version.length);";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: project, encoding: 'utf8' })).toBe('63 20 16\n');
  });
});
