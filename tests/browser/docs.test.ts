// The docs page in a real browser: Debian's Chromium, driven by playwright-core, against the
// running local API. What it must show is read from the contract: its title, and its first
// operation's tag, summary, answers and example. A screenshot goes to artifacts/ (CI keeps it;
// docs/local-development.md shows one).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contractTitle } from '../../lib/contract.ts';
import { PROJECT_ROOT as PROJECT, projectFile } from '../../lib/project.ts';
import { launchChromium, serveStatic, watchOtherHosts, watchPageErrors } from '../support/browser.ts';
import { contract } from '../support/contract.ts';
import { firstExample, successOf } from '../support/examples.ts';
import { type RunningApi, startTestApi } from '../support/http.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));
/** The contract's title, as Redoc heads the page with it. */
const TITLE = contractTitle(projectFile('openapi.yaml'));

/** The longest text in an example: a value Redoc's samples show, and that nothing else on the page says. */
const longestText = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'object' && value !== null
      ? Object.values(value)
          .map(longestText)
          .reduce((longest, text) => (text.length > longest.length ? text : longest), '')
      : '';

/** What the docs show of the first operation: where a reader finds it, and what it answers. */
const shownOperation = () => {
  const example = firstExample();
  const operation = contract.operation(example.operationId);
  const [tag] = operation.tags ?? [];
  if (tag === undefined || operation.summary === undefined)
    throw new Error(`${example.operationId} needs a tag and a summary for a reader to find it in the docs`);
  const success = successOf(example);
  return {
    tag,
    summary: operation.summary,
    method: operation.method,
    statuses: Object.keys(operation.responses),
    fields: success.schema.required ?? [],
    sample: longestText(success.example),
  };
};

describe('docs in a browser', () => {
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    api = await startTestApi({ docs: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('shows the operation, the success and error schemas and an example, with no console errors', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems = watchPageErrors(page);
    const elsewhere = watchOtherHosts(page, api.url);
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));

    const shown = shownOperation();

    // Act: open the docs, expand the tag, and go to the operation as a reader would.
    const response = await page.goto(`${api.url}/docs`, { waitUntil: 'networkidle' });
    await page.getByText(shown.tag, { exact: true }).first().click();
    await page.getByRole('link', { name: shown.summary }).first().click();
    const operation = page.getByRole('heading', { name: shown.summary });
    await operation.waitFor();

    // Assess
    expect(response?.status()).toBe(200);
    expect(await operation.isVisible()).toBe(true);
    const text = await page.locator('body').innerText();
    expect(shown.fields.length).toBeGreaterThan(0);
    for (const expected of [TITLE, shown.summary, shown.method, ...shown.statuses, ...shown.fields]) {
      expect(text, expected).toContain(expected);
    }
    // The success example, as Redoc shows it in the response samples.
    expect(shown.sample.length).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(shown.sample).first().isVisible()).toBe(true);
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
      const title = page.getByRole('heading', { name: TITLE }).first();
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
    const host = await serveStatic({ 'index.html': html });
    const page = await browser.newPage();
    const elsewhere = watchOtherHosts(page, host.url);
    const problems = watchPageErrors(page);
    try {
      // Act
      await page.goto(host.url, { waitUntil: 'networkidle' });

      // Assess
      await page.getByRole('heading', { name: TITLE }).first().waitFor();
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await host.close();
    }
  });
});
