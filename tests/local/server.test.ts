// The local runner serving this project's template.yaml, over real HTTP on an ephemeral port.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNames } from '../../lib/names.ts';
import { DEFAULT_MAX_ENVIRONMENTS } from '../../local/lambda/environments.ts';
import { runSmoke } from '../../scripts/smoke.ts';
import { contract } from '../support/contract.ts';
import { EXAMPLES, exampleHttpRequest, exampleOf } from '../support/examples.ts';
import { asContractResponse, type RunningApi, send, startTestApi, withTestApi } from '../support/http.ts';

describe('local runner: this project', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it.each(EXAMPLES.map((example) => [example.operationId, example] as const))(
    "serves %s's example request per the contract, with API Gateway's request id",
    async (operationId, example) => {
      // Act
      const response = await send(api.url, exampleHttpRequest(example));

      // Assess
      expect(response.statusCode).toBe(example.status);
      expect(contract.checkResponse(operationId, asContractResponse(response))).toEqual({ valid: true, errors: [] });
      expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.headers['x-powered-by']).toBeUndefined();
    },
  );

  it("gives the function API Gateway's request id as the correlation id", async () => {
    // Act
    const response = await send(api.url, exampleHttpRequest());

    // Assess
    const requestId = response.headers['x-amzn-requestid'];
    await expect.poll(() => api.logs.some((line) => line.includes(`correlation_id=${requestId}`))).toBe(true);
  });

  it('passes its own smoke test, every operation and every refusal of the contract probed', async () => {
    const { verdict, probes } = await runSmoke(api.url);
    expect(verdict.failures).toEqual([]);
    const examples = EXAMPLES.map(({ operationId }) => `${operationId}: the contract's example request`);
    expect(probes).toEqual(expect.arrayContaining([...examples, 'an unknown route']));
  });

  it('writes one access-log line per request', async () => {
    // Act
    const response = await send(api.url, { method: 'GET', path: '/access-log-probe' });

    // Assess
    const requestId = String(response.headers['x-amzn-requestid']);
    const lines = api.logs.filter((line) => line.includes(requestId));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/"GET \/access-log-probe HTTP\/1.1" 403 /);
  });
});

describe('local runner: start-up', () => {
  it('makes the first request of an environment a cold start', async () => {
    // Prepare
    await withTestApi({}, async (api) => {
      // Act
      await send(api.url, exampleHttpRequest());
      await send(api.url, exampleHttpRequest());

      // Assess
      await expect.poll(() => api.logs.filter((line) => line.includes('Received request')).length).toBe(2);
      const received = api.logs.filter((line) => line.includes('Received request'));
      expect(received[0]).toContain('cold_start=true');
      expect(received[1]).toContain('cold_start=false');
      expect(api.logs.some((line) => line.includes(`METRIC ${readNames().metricNamespace} ColdStart=1`))).toBe(true);
    });
  });

  it('serves a burst of concurrent requests, every answer per the contract, environments capped', async () => {
    // Prepare: a fresh stage, so the whole burst allowance (20) is available.
    const example = exampleOf();
    await withTestApi({}, async (api) => {
      // Act
      const responses = await Promise.all(Array.from({ length: 20 }, () => send(api.url, exampleHttpRequest(example))));

      // Assess
      for (const response of responses) {
        expect(response.statusCode).toBe(example.status);
        const check = contract.checkResponse(example.operationId, asContractResponse(response));
        expect(check).toEqual({ valid: true, errors: [] });
      }
      expect(new Set(responses.map((response) => response.headers['x-amzn-requestid'])).size).toBe(20);
      const environments = api.functions.get('MeditationsFunction')!.environments;
      expect(environments).toBeGreaterThan(1);
      expect(environments).toBeLessThanOrEqual(DEFAULT_MAX_ENVIRONMENTS);
    });
  });

  it("throttles past the template's default rate and burst with 429 THROTTLED, then recovers", async () => {
    // Prepare
    const example = exampleOf();
    await withTestApi({}, async (api) => {
      // Act
      const responses = await Promise.all(Array.from({ length: 40 }, () => send(api.url, exampleHttpRequest(example))));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = await send(api.url, exampleHttpRequest(example));

      // Assess: burst 20, refilled at 10/s while the burst is served.
      const throttled = responses.filter((response) => response.statusCode === 429);
      expect(responses.filter((response) => response.statusCode === example.status).length).toBeGreaterThanOrEqual(20);
      expect(throttled.length).toBeGreaterThanOrEqual(10);
      for (const response of throttled) {
        expect(response.json()).toMatchObject({ status: 'error', code: 'THROTTLED', message: 'Too Many Requests' });
        expect(contract.checkResponse(example.operationId, asContractResponse(response)).valid).toBe(true);
      }
      expect(after.statusCode).toBe(example.status);
    });
  });

  it('refuses a port that is taken, saying so', async () => {
    // Prepare
    const first = await startTestApi();
    const port = Number(new URL(first.url).port);
    try {
      // Act / Assess
      await expect(startTestApi({ port })).rejects.toThrow(/Port \d+ on 127\.0\.0\.1 is already in use/);
    } finally {
      await first.close();
    }
  });

  it('refuses a missing template, saying which', async () => {
    await expect(startTestApi({ template: '/nowhere/template.yaml' })).rejects.toThrow(
      'No template at /nowhere/template.yaml',
    );
  });

  it('refuses an unknown option, which is likely a typo', async () => {
    await expect(startTestApi({ prot: 3000 } as never)).rejects.toThrow('Unknown option(s): prot');
  });
});
