// CORS as a browser applies it: a page on one origin (a static host) calls the local API on another,
// with fetch, as any single-page app would, sending the contract's first example request. What the
// browser lets the page read is the test: the answer, the error bodies API Gateway gives on its own,
// and the headers the contract exposes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION } from '../../generated/contract-version.ts';
import { EXPOSED_HEADERS } from '../../generated/cors.ts';
import { launchChromium, type StaticHost, serveStatic } from '../support/browser.ts';
import { contract } from '../support/contract.ts';
import { firstExample, successOf, targetOf } from '../support/examples.ts';
import { type RunningApi, send, startTestApi } from '../support/http.ts';

/** What a page's fetch could read of an answer, or the error fetch rejected with. */
type Seen =
  | { status: number; body: Record<string, unknown>; headers: Record<string, string | null> }
  | { rejected: string };

/** What the page's fetch sends: plain data, since it crosses into the page. */
type PageRequest = { method?: string; headers?: Record<string, string>; body?: string };

/** Calls `url` from the page with fetch, and returns what the page could read. */
const fetchFromPage = (page: Page, url: string, init: PageRequest = {}): Promise<Seen> =>
  page.evaluate(
    async ({ url, init, names }) => {
      try {
        const response = await fetch(url, init);
        const headers = Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
        return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers };
      } catch (error) {
        return { rejected: String(error) };
      }
    },
    { url, init, names: [...EXPOSED_HEADERS.split(', '), 'Content-Type'] },
  );

const EXAMPLE = firstExample();

/**
 * The example request as the page's fetch sends it, made one the browser preflights by a JSON
 * Content-Type, which the contract lets every request send.
 */
const EXAMPLE_JSON: PageRequest = {
  method: EXAMPLE.request.method,
  headers: { ...EXAMPLE.request.headers, 'Content-Type': 'application/json' },
  ...(EXAMPLE.request.body !== '' && { body: EXAMPLE.request.body }),
};

/** Whether a body is the example's success, as the contract's schema says. */
const isSuccess = (body: unknown) => contract.validator(successOf(EXAMPLE).schema)(body);

describe('the API called from a page on another origin', () => {
  let browser: Browser;
  let host: StaticHost;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    host = await serveStatic({ 'index.html': '<!doctype html><title>A page of another origin</title>' });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  /** The API with AllowedOrigin (template.yaml's parameter) as given, and the page open on the static host. */
  const apiAllowing = async (allowedOrigin?: string) => {
    const api = await startTestApi({ parameters: allowedOrigin ? { AllowedOrigin: allowedOrigin } : {} });
    page = await browser.newPage();
    await page.goto(host.url);
    return Object.assign(api, { stage: `${api.url}/${api.definition.stage}` });
  };

  describe('with the default AllowedOrigin, *', () => {
    let api: RunningApi & { stage: string };
    beforeAll(async () => {
      api = await apiAllowing();
    });
    afterAll(async () => {
      await page?.close();
      await api?.close();
    });

    it('the example request, preflighted, reads the answer and the exposed headers', async () => {
      // Act
      const seen = await fetchFromPage(page, targetOf(EXAMPLE, api.stage), EXAMPLE_JSON);

      // Assess
      expect(seen).toMatchObject({ status: EXAMPLE.status });
      if (!('status' in seen)) return;
      expect(isSuccess(seen.body), JSON.stringify(seen.body)).toBe(true);
      expect(seen.headers['Content-Type']).toBe('application/json');
      expect(seen.headers['X-Contract-Version']).toBe(CONTRACT_VERSION);
      expect(seen.headers['x-amzn-RequestId']).toMatch(/\S/);
    });

    it("reads API Gateway's own refusal: its error body, and the request id in both body and header", async () => {
      // Act: a path no route serves, as a simple request (no preflight, which a missing route would fail).
      const seen = await fetchFromPage(page, `${api.stage}/nowhere`);

      // Assess
      expect(seen).toMatchObject({ status: 403, body: { status: 'error', code: 'MISSING_AUTHENTICATION_TOKEN' } });
      if (!('status' in seen)) return;
      expect(seen.body.requestId).toBe(seen.headers['x-amzn-RequestId']);
      expect(seen.headers['X-Contract-Version']).toBe(CONTRACT_VERSION);
    });

    it('reads the 413 API Gateway gives a body over its limit', async () => {
      // Act: a simple request (text, no preflight), since API Gateway refuses the size before the route.
      const body = 'x'.repeat(11 * 1024 * 1024);
      const headers = { 'Content-Type': 'text/plain' };
      const seen = await fetchFromPage(page, targetOf(EXAMPLE, api.stage), { method: 'POST', headers, body });

      // Assess
      expect(seen).toMatchObject({ status: 413, body: { status: 'error', code: 'REQUEST_TOO_LARGE' } });
    });
  });

  it("with AllowedOrigin the page's origin, the browser lets the page read the answer", async () => {
    // Prepare
    const origin = new URL(host.url).origin;
    const api = await apiAllowing(origin);
    try {
      // Act
      const seen = await fetchFromPage(page, targetOf(EXAMPLE, api.stage), EXAMPLE_JSON);

      // Assess
      expect(seen).toMatchObject({ status: EXAMPLE.status });
      expect('body' in seen && isSuccess(seen.body)).toBe(true);
    } finally {
      await page.close();
      await api.close();
    }
  });

  it('with AllowedOrigin another origin, the browser refuses the page the answer', async () => {
    // Prepare
    const api = await apiAllowing('https://guru.example.com');
    try {
      // Act
      const seen = await Promise.all([
        fetchFromPage(page, targetOf(EXAMPLE, api.stage), EXAMPLE_JSON),
        fetchFromPage(page, `${api.stage}/nowhere`),
      ]);
      // The API still answers a client that is no browser: CORS binds browsers only.
      const { method, headers, body } = EXAMPLE.request;
      const direct = await send(api.url, {
        method,
        path: targetOf(EXAMPLE, `/${api.definition.stage}`),
        headers,
        body,
      });

      // Assess
      expect(seen).toEqual([{ rejected: 'TypeError: Failed to fetch' }, { rejected: 'TypeError: Failed to fetch' }]);
      expect(direct.statusCode).toBe(EXAMPLE.status);
      expect(direct.headers['access-control-allow-origin']).toBe('https://guru.example.com');
    } finally {
      await page.close();
      await api.close();
    }
  });
});
