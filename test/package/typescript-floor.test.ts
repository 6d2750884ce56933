import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The oldest TypeScript the typings support, as the README says: 5.3, the first whose `const` type parameters keep literal types through an intersection (5.0 to 5.2 compile the typings, but let a typo in a literal model id through to the run-time check).
 * It is installed apart, in test/typescript-floor (`.ci/run` runs `npm ci` there), so that its
 * tsc never stands in for the project's: without it the test is skipped with one line, except
 * under CI=true, where it fails.
 */
const FLOOR = resolve('test/typescript-floor/node_modules/typescript');
const installed = existsSync(FLOOR);
if (!installed) {
  if (process.env.CI === 'true')
    throw new Error('CI=true and TypeScript 5.3 is not installed: run "npm ci --prefix test/typescript-floor"');
  console.warn('the TypeScript 5.3 test is skipped: run "npm ci --prefix test/typescript-floor" to install it');
}
const ts = (installed ? createRequire(import.meta.url)(FLOOR) : undefined) as typeof import('typescript');

/** Type-checks one file of an ES module project that depends on the built package, with TypeScript 5.3. */
function errorsOf(code: string): string[] {
  const project = mkdtempSync(join(tmpdir(), 'pricing-ts-floor-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(resolve('.'), join(project, 'node_modules', 'pricing-rules'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'service', type: 'module' }));
  const file = join(project, 'service.ts');
  writeFileSync(file, code);
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe.skipIf(!installed)('the typings under the oldest TypeScript supported', () => {
  it('compile a service that quotes, with TypeScript 5.3', () => {
    expect(ts.version).toBe('5.3.3');
    const service = `import { createPricer, requestBody, type Quote } from 'pricing-rules';
const pricer = createPricer();
const quote: Quote = pricer.quote({ model: 'sora-2-text-to-video', duration: 10, resolution: '1080p' });
const model: string = 'veo3';
pricer.quote({ model });
pricer.quote(requestBody(JSON.parse('{}')));
export const credits: number = quote.credits;
`;
    expect(errorsOf(service)).toEqual([]);
  });

  it('refuse a typo in a model id, with TypeScript 5.3', () => {
    const errors = errorsOf(
      "import { createPricer } from 'pricing-rules';\ncreatePricer().quote({ model: 'sora2-text-to-video', duration: 10, resolution: '1080p' });\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"sora2-text-to-video"');
  });
});
