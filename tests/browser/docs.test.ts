// The docs page in a real browser: Debian's Chromium, driven by playwright-core, against the
// running local API. A screenshot goes to artifacts/ (CI keeps it; README shows one).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, startTestApi } from '../support/http.ts';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

describe('docs in a browser', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestApi({ docs: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows the operation, the success and error schemas and an example, with no console errors', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    // This machine has no network. The page is self-contained but for Redoc's attribution logo,
    // which it hides when it cannot load; answer that one request here, so that the network's
    // absence is not taken for a fault of the page, and record every request that leaves.
    await page.route(
      (url) => url.origin !== new URL(api.url).origin,
      (route) => {
        elsewhere.push(route.request().url());
        return route.fulfill({
          status: 200,
          contentType: 'image/svg+xml',
          body: '<svg xmlns="http://www.w3.org/2000/svg"/>',
        });
      },
    );

    // Act: open the docs, expand the tag, and go to the operation as a reader would.
    const response = await page.goto(`${api.url}/docs`, { waitUntil: 'networkidle' });
    await page.locator('text=+ Show').click();
    await page
      .getByRole('link', { name: /Receive a guru meditation/ })
      .first()
      .click();
    const operation = page.getByRole('heading', { name: 'Receive a guru meditation' });
    await operation.waitFor();

    // Assess
    expect(response?.status()).toBe(200);
    expect(await operation.isVisible()).toBe(true);
    const text = await page.locator('body').innerText();
    for (const expected of [
      'Guru Meditations API',
      'Receive a guru meditation',
      'POST',
      '200',
      '403',
      '429',
      '500',
      '502',
      '504',
      'meditation',
      'status',
      'success',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The 200 example, as Redoc shows it in the response samples.
    await expect.poll(() => page.getByText('the count of machines abides').first().isVisible()).toBe(true);
    // The error schema, under an error response.
    await page.getByRole('button', { name: /403/ }).first().click();
    await expect.poll(async () => (await page.locator('body').innerText()).includes('requestId')).toBe(true);
    await expect
      .poll(async () => (await page.locator('body').innerText()).includes('MISSING_AUTHENTICATION_TOKEN'))
      .toBe(true);
    expect(text).not.toContain('x-amazon-apigateway');
    mkdirSync(ARTIFACTS, { recursive: true });
    await operation.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}docs.png` });
    expect(problems).toEqual([]);
    expect(elsewhere.every((url) => url.startsWith('https://cdn.redoc.ly/redoc/logo-mini'))).toBe(true);
  });
});
