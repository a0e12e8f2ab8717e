// The client against the local runner throttled hard (template parameters, as `sam deploy
// --parameter-overrides` sets them): a burst past the stage's limits is answered in full thanks to
// the retries, and a client that does not retry sees API Gateway's 429 with its request id.
import { describe, expect, it } from 'vitest';
import { createMeditationsClient, requestIdOf } from '../../client/src/index.ts';
import { MEDITATIONS } from '../../src/domain/meditate.ts';
import { withTestApi } from '../support/http.ts';

/** A random source that repeats from `seed`, so a failing run can be replayed (mulberry32). */
const seeded = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};

describe('the client against a throttled runner', () => {
  it('answers every call of a burst past the limits 200, retrying the throttled ones', async () => {
    // Prepare: 2 requests in a burst, then 20 a second; 8 calls at once.
    await withTestApi({ parameters: { ThrottlingBurstLimit: '2', ThrottlingRateLimit: '20' } }, async (api) => {
      let retried = 0;
      const client = createMeditationsClient(api.url, {
        retries: 6,
        baseDelayMs: 50,
        maxDelayMs: 1_000,
        random: seeded(27),
        onRetry: () => retried++,
      });

      // Act
      const results = await Promise.all(Array.from({ length: 8 }, () => client.POST('/')));

      // Assess
      expect(results.map(({ response }) => response.status)).toEqual(Array(8).fill(200));
      for (const { data } of results) expect(MEDITATIONS).toContain(data?.meditation);
      expect(retried).toBeGreaterThan(0);
    });
  });

  it('answers 429 THROTTLED, with its request id, to a client that does not retry', async () => {
    // Prepare: 1 request in a burst, then 1 a second; 3 calls at once.
    await withTestApi({ parameters: { ThrottlingBurstLimit: '1', ThrottlingRateLimit: '1' } }, async (api) => {
      const client = createMeditationsClient(api.url, { retries: 0 });

      // Act
      const results = await Promise.all(Array.from({ length: 3 }, () => client.POST('/')));

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
