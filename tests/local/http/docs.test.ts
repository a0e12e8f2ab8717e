// The contract and its docs as the local runner serves them: /openapi.yaml, /docs, and a page at
// /guru/ (a page of the tests' own, tests/fixtures/page, as the project's page/ goes with the
// operation it calls), or none when the project has no page.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contractTitle } from '../../../lib/contract.ts';
import { projectFile } from '../../../lib/project.ts';
import { contract } from '../../support/contract.ts';
import { FAULTY_TEMPLATE, type RunningApi, send, startTestApi, withTestApi } from '../../support/http.ts';

const FIXTURE_PAGE = fileURLToPath(new URL('../../fixtures/page/', import.meta.url));

// Redoc takes seconds to build the page on a busy machine; the first request waits for it.
describe('local runner: docs', { timeout: 30_000 }, () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ docs: true, page: FIXTURE_PAGE });
  });

  afterAll(async () => {
    await api.close();
  });

  it('serves the contract without the API Gateway extensions', async () => {
    // Act
    const response = await send(api.url, { method: 'GET', path: '/openapi.yaml' });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/yaml');
    expect(response.text).not.toContain('x-amazon-apigateway');
    expect(response.text).not.toContain('Fn::Sub');
    const published = parse(response.text);
    expect(Object.keys(published.paths)).toEqual(Object.keys(contract.document.paths));
    expect(published.components.schemas.Error).toEqual(contract.document.components!.schemas!.Error);
  });

  it('serves the Redoc page, self-contained, at /docs', async () => {
    // Act
    const response = await send(api.url, { method: 'GET', path: '/docs' });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.text).toContain(contractTitle(projectFile('openapi.yaml')));
    expect(response.text).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(response.text).not.toMatch(/<link[^>]+href=["']https?:/);
    // Redoc's attribution logo is drawn inline, and the page may not ask any other host.
    expect(response.text).not.toContain('cdn.redoc.ly');
    expect(response.text).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'`);
  });

  it('serves the page at /guru/, calling its own stage, and sends /guru there', async () => {
    // Act
    const [folder, html, script, style] = await Promise.all(
      ['/guru', '/guru/', '/guru/app.js', '/guru/style.css'].map((path) => send(api.url, { method: 'GET', path })),
    );

    // Assess: relative to its folder, its files load; the stage is on the page's own origin.
    expect(folder!.statusCode).toBe(301);
    expect(folder!.headers.location).toBe('/guru/');
    expect(html!.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html!.text).toContain(`<meta name="api-url" content="/${api.definition.stage}" />`);
    expect(html!.text).toContain("connect-src 'self';");
    expect(script!.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script!.text).toContain('x-amzn-RequestId');
    expect(style!.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('is not part of the API: POST /docs is an unknown route', async () => {
    const response = await send(api.url, { method: 'POST', path: '/docs' });
    expect(response.statusCode).toBe(403);
  });

  it('serves no page when the project has none: /guru/ is an unknown route', async () => {
    await withTestApi({ docs: true, page: join(FIXTURE_PAGE, 'no-such-page') }, async (bare) => {
      // Act
      const [folder, html] = await Promise.all(
        ['/guru', '/guru/'].map((path) => send(bare.url, { method: 'GET', path })),
      );

      // Assess
      for (const answer of [folder!, html!]) {
        expect(answer.statusCode).toBe(403);
        expect(answer.json()).toMatchObject({ code: 'MISSING_AUTHENTICATION_TOKEN' });
      }
      expect((await send(bare.url, { method: 'GET', path: '/docs' })).statusCode).toBe(200);
    });
  });
});

describe('local runner: docs rebuild', { timeout: 30_000 }, () => {
  it('rebuilds /openapi.yaml and /docs when openapi.yaml changes', async () => {
    // Prepare
    const directory = mkdtempSync(join(tmpdir(), 'guru-docs-'));
    cpSync(dirname(FAULTY_TEMPLATE), directory, { recursive: true });
    await withTestApi({ template: join(directory, 'template.yaml'), docs: true, watch: true }, async (api) => {
      expect((await send(api.url, { method: 'GET', path: '/openapi.yaml' })).text).toContain('title: Faulty API');
      const openapi = join(directory, 'openapi.yaml');

      // Act
      writeFileSync(openapi, readFileSync(openapi, 'utf8').replace('title: Faulty API', 'title: Renamed API'));

      // Assess
      await expect
        .poll(async () => (await send(api.url, { method: 'GET', path: '/openapi.yaml' })).text, {
          timeout: 15_000,
          interval: 200,
        })
        .toContain('title: Renamed API');
      expect((await send(api.url, { method: 'GET', path: '/docs' })).text).toContain('Renamed API');
    });
  });
});
