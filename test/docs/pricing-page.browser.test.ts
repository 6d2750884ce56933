import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePricingPage } from '../../src/docs/pricing-page.js';
import { CHROMIUM_PATH, launchChromium } from '../support/chromium.js';

const PAGE_URL = pathToFileURL(resolve('docs/pricing.html')).href;
const ARTIFACTS = resolve('test/.artifacts');

describe.skipIf(CHROMIUM_PATH === undefined)('the HTML pricing page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(PAGE_URL);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const credits = () => page.locator('#credits').textContent();

  it('prices sora-2-text-to-video at 10 s and 1080p at 15 credits, then another model', async () => {
    await page.selectOption('#model', 'sora-2-text-to-video');
    await page.selectOption('#duration', '10');
    await page.selectOption('#resolution', '1080p');
    expect(await credits()).toBe('15');

    await page.selectOption('#model', 'kling/v2-1-pro');
    expect(await page.locator('#resolution-field').isHidden()).toBe(true);
    expect(await page.inputValue('#duration')).toBe('10');
    expect(await credits()).toBe('42');

    await page.selectOption('#model', 'nano-banana-pro');
    await page.selectOption('#resolution', '4K');
    expect(await credits()).toBe('20');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}/pricing-page.png`, fullPage: true });
  });

  it('shows the refusal when a request cannot be priced', async () => {
    await page.selectOption('#model', 'gpt-image-2');
    await page.selectOption('#mode', 'image-to-image');
    await page.fill('#input-images', '5');
    expect(await credits()).toBe('–');
    expect(await page.locator('#quote-error').textContent()).toBe('gpt-image-2: inputImageUrls holds 5 images; allowed: at most 4 images');
    await page.fill('#input-images', '4');
    expect(await credits()).toBe('3');
    expect(await page.locator('#quote-error').isHidden()).toBe(true);
  });

  it('works with the keyboard', async () => {
    await page.selectOption('#model', 'sora-2-text-to-video');
    await page.selectOption('#duration', '5');
    await page.selectOption('#resolution', '720p');
    await page.focus('#model');
    await page.keyboard.press('Tab'); // mode
    await page.keyboard.press('Tab'); // duration
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('duration');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#duration')).toBe('10');
    await page.keyboard.press('Tab'); // resolution
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#resolution')).toBe('1080p');
    expect(await credits()).toBe('15');
  });

  it('draws the chart of credits per second of video', async () => {
    expect(await page.locator('svg[role="img"] title#rate-chart-title').textContent()).toBe(
      'Credits per second of video, by model and resolution',
    );
    expect(await page.locator('svg[role="img"] g title').first().textContent()).toBe('kling/v2-1-standard: 2.20 credits/s (11 for 5 s)');
    expect(await page.locator('svg[role="img"] rect[height="16"]').count()).toBe(22);
  });

  it('fits a 390 px wide screen: no horizontal scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${ARTIFACTS}/pricing-page-390.png`, fullPage: true });
    } finally {
      await page.setViewportSize({ width: 1200, height: 900 });
    }
  });

  it('keeps the input-image count within the limit of a newly picked model', async () => {
    await page.selectOption('#model', 'nano-banana-2');
    await page.selectOption('#mode', 'image-to-image');
    await page.fill('#input-images', '10');
    expect(await credits()).not.toBe('–');
    await page.selectOption('#model', 'gpt-image-2');
    await page.selectOption('#mode', 'image-to-image');
    expect(await page.inputValue('#input-images')).toBe('4');
    expect(await credits()).toBe('3');
    expect(await page.locator('#quote-error').isHidden()).toBe(true);
  });

  it('logs no console error and loads nothing but itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([PAGE_URL]);
  });
});

describe.skipIf(CHROMIUM_PATH === undefined)('the calculator at a chosen date', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('prices today by default, and a dated version from its date on', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = `${ARTIFACTS}/dated-pricing.html`;
    writeFileSync(file, generatePricingPage('html', 'test/fixtures/dated-rules', Date.UTC(2026, 10, 24)));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    expect(await page.inputValue('#at')).toBe(new Date().toISOString().slice(0, 10));
    await page.selectOption('#model', 'kling/v2-1-standard');
    await page.selectOption('#duration', '10');
    await page.fill('#at', '2026-12-31');
    await page.dispatchEvent('#at', 'change');
    expect(await page.locator('#credits').textContent()).toBe('22');
    await page.fill('#at', '2027-01-01');
    await page.dispatchEvent('#at', 'change');
    expect(await page.locator('#credits').textContent()).toBe('24');
    await page.selectOption('#model', 'veo3_lite');
    await page.fill('#at', '2027-01-31');
    await page.dispatchEvent('#at', 'change');
    expect(await page.locator('#credits').textContent()).toBe('–');
    expect(await page.locator('#quote-error').textContent()).toBe(
      'veo3_lite: at 2027-01-31T00:00:00.000Z is not priced (the model is not priced before its first price version); allowed: from 2027-02-01T00:00:00.000Z',
    );
    expect(await page.locator('h2', { hasText: 'Scheduled price changes' }).count()).toBe(1);
  });
});
