import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build, type Format, type Platform } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from '../support/chromium.js';

/** A service's script that quotes veo3 with the bundled rules, as billing code does. */
const SCRIPT = "import { createPricer } from 'pricing-rules';\nconsole.log(createPricer().quote({ model: 'veo3' }).credits);\n";

/** Bundles the script as a service's build would, resolving the package as it is installed. */
async function bundle(platform: Platform, format: Format): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'pricing-bundle-'));
  const outfile = join(out, format === 'esm' ? 'service.mjs' : format === 'cjs' ? 'service.cjs' : 'service.js');
  await build({
    stdin: { contents: SCRIPT, resolveDir: resolve('.'), loader: 'js' },
    bundle: true,
    platform,
    format,
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

describe('the package bundled into a service', () => {
  it.each(['esm', 'cjs'] as const)('for Node (%s), prices from an empty folder: the bundled rules are part of the code', async (format) => {
    const service = await bundle('node', format);
    const empty = mkdtempSync(join(tmpdir(), 'pricing-empty-'));
    const run = spawnSync(process.execPath, [service], { cwd: empty, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '63\n', stderr: '' });
  });

  it('for the browser, takes the entry without Node and prices in a context with no Node or Web globals', async () => {
    const code = readFileSync(await bundle('browser', 'iife'), 'utf8');
    expect(code).not.toMatch(/node:|require\(/);
    const printed: unknown[] = [];
    runInNewContext(code, { console: { log: (value: unknown) => printed.push(value) } });
    expect(printed).toEqual([63]);
  });

  it.skipIf(CHROMIUM_PATH === undefined)(
    'for the browser, prices in Chromium',
    async () => {
      const code = readFileSync(await bundle('browser', 'iife'), 'utf8');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const printed: string[] = [];
        page.on('console', (message) => printed.push(message.text()));
        await page.setContent('<!doctype html><title>service</title>');
        await page.addScriptTag({ content: code });
        expect(printed).toEqual(['63']);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
