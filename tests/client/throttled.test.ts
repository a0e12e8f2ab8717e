// The client against the local runner throttled hard (template parameters, as `sam deploy
// --parameter-overrides` sets them), sending the contract's first example request: a burst past the
// stage's limits is answered in full thanks to the retries, and a client that does not retry sees
// API Gateway's 429 with its request id.
import { describe, expect, it } from 'vitest';
import { createRetryingClient } from '../../client/src/client.ts';
import { createMeditationsClient, type paths, requestIdOf } from '../../client/src/index.ts';
import { contract } from '../support/contract.ts';
import { firstExample, sendExample } from '../support/examples.ts';
import { withTestApi } from '../support/http.ts';

/** A random source that repeats from `seed`, so a failing run can be replayed (mulberry32). */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

/** An answer's headers, by name. */
const headersOf = (response: Response) => Object.fromEntries(response.headers);

describe('the client against a throttled runner', () => {
  it('answers every call of a burst past the limits as the contract says, retrying the throttled ones', async () => {
    // Prepare: 2 requests in a burst, then 20 a second; 8 calls at once.
    await withTestApi({ parameters: { ThrottlingBurstLimit: '2', ThrottlingRateLimit: '20' } }, async (api) => {
      let retried = 0;
      const example = firstExample();
      // Retried as the package retries what the contract marks x-safe-to-retry (client.test.ts), whether it marks this one or not.
      const { method, resource } = example.request;
      const isSafe = (...route: [string, string]) => route.join(' ') === `${method} ${resource}`;
      const options = { retries: 6, baseDelayMs: 50, maxDelayMs: 1_000, random: seeded(27), onRetry: () => retried++ };
      const client = createRetryingClient<paths>(api.url, options, isSafe);

      // Act
      const results = await Promise.all(Array.from({ length: 8 }, () => sendExample(client, example)));

      // Assess: every answer the example's, as the contract describes it.
      expect(results.map(({ response }) => response.status)).toEqual(Array(8).fill(example.status));
      for (const { data, response } of results) {
        const answer = { statusCode: response.status, headers: headersOf(response), body: JSON.stringify(data) };
        expect(contract.checkResponse(example.operationId, answer).errors).toEqual([]);
      }
      expect(retried).toBeGreaterThan(0);
    });
  });

  it('answers 429 THROTTLED, with its request id, to a client that does not retry', async () => {
    // Prepare: 1 request in a burst, then 1 a second; 3 calls at once.
    await withTestApi({ parameters: { ThrottlingBurstLimit: '1', ThrottlingRateLimit: '1' } }, async (api) => {
      const client = createMeditationsClient(api.url, { retries: 0 });

      // Act
      const results = await Promise.all(Array.from({ length: 3 }, () => sendExample(client, firstExample())));

      // Assess
      const throttled = results.filter(({ response }) => response.status === 429);
      expect(throttled).toHaveLength(2);
      for (const result of throttled) {
        expect(result.error).toMatchObject({ status: 'error', code: 'THROTTLED', message: 'Too Many Requests' });
        expect(result.error?.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(requestIdOf(result)).toBe(result.error?.requestId);
      }
    });
  });
});
