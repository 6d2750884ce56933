// @ts-check
/**
 * Run before the tests: the browser test drives Debian's Chromium (/usr/bin/chromium) with
 * playwright-core, never a downloaded browser. When it is missing, install it with apt-get
 * (root only); otherwise say how to.
 */
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  if (process.getuid?.() !== 0) {
    console.error(`${CHROMIUM} is missing and this user cannot install it: run "sudo apt-get install -y chromium", then npm test again.`);
    process.exit(1);
  }
  console.error(`${CHROMIUM} is missing: installing Debian's chromium for the browser test...`);
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}
