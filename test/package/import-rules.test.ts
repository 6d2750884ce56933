import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const CRUISER = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** The rules the dependency check of the import rules breaks in a tree of source files, by name and `from → to`. */
function violations(cwd: string): string[] {
  const run = spawnSync(process.execPath, [CRUISER, 'src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
  });
  const result = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

/** A project holding only the given source files and the package's compiler options. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pricing-imports-'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['src'] }),
  );
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the import rules of the pipeline', () => {
  it('pass on the source tree', () => {
    expect(violations(ROOT)).toEqual([]);
  });

  it('fail on an import that runs back up the pipeline, on a circle, and on a module outside the pipeline folders', () => {
    const dir = project({
      'src/primitives/instant.ts': "import { quote } from '../pricer/quote.js';\nexport const at = quote;\n",
      'src/pricer/quote.ts': 'export const quote = 1;\n',
      'src/review/lint.ts': "import { page } from '../docs/page.js';\nexport const lint = page;\n",
      'src/docs/page.ts': 'export const page = 1;\n',
      'src/rules/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/rules/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
      'src/loose.ts': "import { quote } from './pricer/quote.js';\nexport const loose = quote;\n",
      'src/index.ts': "export { quote } from './pricer/quote.js';\n",
    });
    expect(violations(dir)).toEqual([
      'every-module-in-a-pipeline-folder: src/loose.ts → src/pricer/quote.ts',
      'no-circular: src/rules/a.ts → src/rules/b.ts',
      'primitives-imports-only-earlier-folders: src/primitives/instant.ts → src/pricer/quote.ts',
      'review-imports-only-earlier-folders: src/review/lint.ts → src/docs/page.ts',
    ]);
  });
});
