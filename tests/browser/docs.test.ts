// The docs page in a real browser: Debian's Chromium, driven by playwright-core, against the
// running local API. A screenshot goes to artifacts/ (CI keeps it; docs/local-development.md shows one).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { type RunningApi, startTestApi } from '../support/http.ts';

/** Debian's chromium package; CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

/** Every request the page makes to another origin (data: and blob: URLs are the page's own). */
const watchOtherHosts = (page: Page, pageUrl: string): string[] => {
  const origin = new URL(pageUrl).origin;
  const elsewhere: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== origin) elsewhere.push(request.url());
  });
  return elsewhere;
};

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
    const elsewhere = watchOtherHosts(page, api.url);
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));

    // Act: open the docs, expand the tag, and go to the operation as a reader would.
    const response = await page.goto(`${api.url}/docs`, { waitUntil: 'networkidle' });
    await page.getByText('meditations', { exact: true }).first().click();
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
    expect(elsewhere).toEqual([]);
  });

  it("shows the contract's version and links its changelog", async () => {
    // Prepare
    const { version } = (parse(readFileSync(join(PROJECT, 'openapi.yaml'), 'utf8')) as { info: { version: string } })
      .info;
    const page = await browser.newPage({ viewport: { width: 1400, height: 600 } });
    try {
      // Act: open the docs and follow the introduction's link to the changelog.
      await page.goto(`${api.url}/docs`, { waitUntil: 'networkidle' });
      const title = page.getByRole('heading', { name: /Guru Meditations API/ }).first();
      const entry = page.locator(`[id="section/changelog/${version}"]`);
      const entryTop = async () => (await entry.boundingBox())?.y ?? Number.NaN;
      const before = await entryTop();
      await page.locator('a[href="#section/changelog"]').click();

      // Assess: the title names the version, and the link scrolls to that version's entry.
      expect(await title.innerText()).toContain(`(${version})`);
      expect(before).toBeGreaterThan(600);
      await expect.poll(entryTop).toBeLessThan(600);
    } finally {
      await page.close();
    }
  });

  it('as npm run docs:build writes it, renders from its own origin and asks no other host', async () => {
    // Prepare: the page npm run docs:build writes, served as a static host would serve it.
    execFileSync(process.execPath, ['scripts/docs.ts'], { cwd: PROJECT });
    const html = readFileSync(join(PROJECT, 'dist', 'docs', 'index.html'));
    // Beside it, the contract as clients read it, which a later deploy's plan compares with.
    const published = readFileSync(join(PROJECT, 'dist', 'docs', 'openapi.yaml'), 'utf8');
    expect(parse(published).info.version).toBe(parse(readFileSync(join(PROJECT, 'openapi.yaml'), 'utf8')).info.version);
    expect(published).not.toContain('x-amazon-apigateway');
    const server = createServer((_, response) => response.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const page = await browser.newPage();
    const elsewhere = watchOtherHosts(page, url);
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    try {
      // Act
      await page.goto(url, { waitUntil: 'networkidle' });

      // Assess
      await page
        .getByRole('heading', { name: /Guru Meditations API/ })
        .first()
        .waitFor();
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      server.closeAllConnections();
      server.close();
    }
  });
});
