/**
 * The Chromium the browser test drives with playwright-core (never a downloaded browser): the one
 * PRICING_CHROMIUM names, else Debian's or Ubuntu's or Google's, wherever PATH finds it. npm test
 * installs nothing: without a browser the browser test is skipped with one line saying how to
 * install one, except under CI=true, where a missing browser fails the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function onPath(name: string): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', `command -v "${name}"`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The browser found, if any. */
export const CHROMIUM_PATH: string | undefined =
  process.env.PRICING_CHROMIUM ??
  CANDIDATES.map((c) => (c.startsWith('/') ? (existsSync(c) ? c : undefined) : onPath(c))).find((p) => p !== undefined);

/** Why the browser test does not run, when it does not. */
export const NO_CHROMIUM =
  'the browser test is skipped: no Chromium found (set PRICING_CHROMIUM, or on Debian: apt-get install -y chromium)';

if (CHROMIUM_PATH === undefined) {
  if (process.env.CI === 'true')
    throw new Error(`CI=true and ${NO_CHROMIUM.replace('the browser test is skipped: ', '')}: CI must run the browser test`);
  console.warn(NO_CHROMIUM);
}

/** Starts headless Chromium (playwright gives it a fresh, temporary profile) with no background network traffic. */
export async function launchChromium(): Promise<Browser> {
  if (CHROMIUM_PATH === undefined) throw new Error(NO_CHROMIUM);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
