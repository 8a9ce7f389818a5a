/**
 * Headless Debian Chromium through playwright-core (never a downloaded browser). On a machine
 * without Chromium the e2e tests are skipped with a message — except in CI, where .ci/run installs
 * it and a missing browser is a failure.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

/** true when the e2e tests can run here. */
export const hasBrowser = !!chromiumPath;

if (!hasBrowser && process.env.CI) throw new Error('CI needs Debian chromium for the e2e tests (apt-get install chromium fonts-wqy-microhei)');
if (!hasBrowser) console.warn('e2e: /usr/bin/chromium not found — skipping browser tests (apt-get install chromium fonts-wqy-microhei)');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath!,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
