// The "Ask the guru" page in a real browser, as it is published: built by lib/page.ts for the local
// API's stage URL and served by a static host on an origin of its own, so every call it makes
// crosses origins as it does from GitHub Pages to API Gateway. A screenshot goes to artifacts/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOpenApi } from '../../lib/contract.ts';
import { buildGuruPage } from '../../lib/page.ts';
import { MEDITATIONS } from '../../src/domain/meditate.ts';
import { launchChromium, type StaticHost, serveStatic, watchOtherHosts, watchPageErrors } from '../support/browser.ts';
import { type RunningApi, send, startTestApi } from '../support/http.ts';

const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

/** The page, built for the API at `stageUrl`, on a static host. */
const publishPage = async (stageUrl: string): Promise<StaticHost> => serveStatic(await buildGuruPage(stageUrl));

const stageOf = (api: RunningApi) => `${api.url}/${api.definition.stage}`;

describe('the "Ask the guru" page', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the page built for `stageUrl`, then closes it. */
  const withPage = async (stageUrl: string, use: (page: Page, host: StaticHost) => Promise<void>) => {
    const host = await publishPage(stageUrl);
    const page = await browser.newPage({ viewport: { width: 900, height: 560 } });
    try {
      await page.goto(host.url, { waitUntil: 'networkidle' });
      await use(page, host);
    } finally {
      await page.close();
      await host.close();
    }
  };

  it('shows one of the seven meditations, asking no host but its own and the API', async () => {
    const api = await startTestApi();
    try {
      await withPage(stageOf(api), async (page, host) => {
        // Prepare
        const elsewhere = watchOtherHosts(page, host.url, api.url);
        const problems = watchPageErrors(page);

        // Act
        await page.getByRole('button', { name: 'Ask the guru' }).click();
        const meditation = page.locator('#meditation');
        await meditation.waitFor();

        // Assess
        expect(MEDITATIONS).toContain(await meditation.innerText());
        expect(await page.locator('#refusal').isVisible()).toBe(false);
        expect(elsewhere).toEqual([]);
        expect(problems).toEqual([]);
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: `${ARTIFACTS}guru-page.png` });
      });
    } finally {
      await api.close();
    }
  });

  it('is served by npm start at /guru/ (/guru sent there), titled by the contract, calling the stage on its own origin', async () => {
    // Prepare
    const api = await startTestApi({ docs: true });
    const page = await browser.newPage();
    try {
      const elsewhere = watchOtherHosts(page, api.url);
      const problems = watchPageErrors(page);

      // Act
      await page.goto(`${api.url}/guru`, { waitUntil: 'networkidle' });
      await page.getByRole('button', { name: 'Ask the guru' }).click();
      const meditation = page.locator('#meditation');
      await meditation.waitFor();

      // Assess
      expect(await page.title()).toBe(`Ask the guru · ${readOpenApi(api.definition.openapiPath).info?.title}`);
      expect(MEDITATIONS).toContain(await meditation.innerText());
      expect(elsewhere).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      await api.close();
    }
  });

  it("when the stage is throttled, says so with the request id of the API's last answer, after the client's retries", async () => {
    // Prepare: a stage taking one request a second, emptied before each of the page's attempts.
    const api = await startTestApi({ parameters: { ThrottlingRateLimit: '1', ThrottlingBurstLimit: '1' } });
    const stage = stageOf(api);
    try {
      await withPage(stage, async (page) => {
        const answers: { status: number; requestId: string | null }[] = [];
        page.on('response', async (response) => {
          if (response.request().method() === 'POST')
            answers.push({ status: response.status(), requestId: await response.headerValue('x-amzn-RequestId') });
        });
        // Taking the token that refilled leaves the bucket empty for a second: the page's attempt,
        // sent straight after, finds none. (Playwright answers the preflight of a request it
        // routes; tests/browser/cors.test.ts sends the real one.)
        await page.route(`${stage}/`, async (route) => {
          let taken = false;
          while (!taken) taken = (await send(api.url, { path: `/${api.definition.stage}/` })).statusCode === 200;
          await route.continue();
        });

        // Act
        await page.getByRole('button', { name: 'Ask the guru' }).click();
        await page.locator('#refusal').waitFor();

        // Assess: three attempts (the client's default two retries), each answered 429.
        expect(answers.map(({ status }) => status)).toEqual([429, 429, 429]);
        expect(await page.locator('#refusal-message').innerText()).toMatch(/429/);
        const last = answers.at(-1)?.requestId;
        expect(last).toMatch(/\S/);
        expect(await page.locator('#refusal-request-id').innerText()).toContain(last);
        expect(await page.locator('#meditation').isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Ask the guru' }).isEnabled()).toBe(true);
      });
    } finally {
      await api.close();
    }
  });

  it('when the API cannot be reached, says so', async () => {
    // Prepare: the page of an API that has gone away.
    const gone = await startTestApi();
    await gone.close();
    await withPage(stageOf(gone), async (page) => {
      // Act
      await page.getByRole('button', { name: 'Ask the guru' }).click();
      await page.locator('#refusal').waitFor();

      // Assess
      expect(await page.locator('#refusal-message').innerText()).toMatch(/cannot be reached/);
      expect(await page.locator('#refusal-request-id').innerText()).toBe('');
    });
  });

  it("when the API does not allow the page's origin, says it cannot be reached, and that CORS may be why", async () => {
    // Prepare: a stage that allows another origin than the page's.
    const api = await startTestApi({ parameters: { AllowedOrigin: 'https://elsewhere.example' } });
    try {
      await withPage(stageOf(api), async (page) => {
        // Act
        await page.getByRole('button', { name: 'Ask the guru' }).click();
        await page.locator('#refusal').waitFor();

        // Assess
        const message = await page.locator('#refusal-message').innerText();
        expect(message).toMatch(/cannot be reached/);
        expect(message).toMatch(/may not allow this page's origin \(its AllowedOrigin\)/);
        expect(await page.locator('#refusal-request-id').innerText()).toBe('');
      });
    } finally {
      await api.close();
    }
  });
});
